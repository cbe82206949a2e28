package pipeline

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"sync"
)

var (
	contextType = reflect.TypeFor[context.Context]()
	errorType   = reflect.TypeFor[error]()
)

type outputMode int

const (
	outIgnore outputMode = iota // outputs nil: results are dropped, as Kedro does
	outValues                   // one result per output
	outMap                      // one map[string]T result, keyed by the declared keys
	outStruct                   // one struct result, fields per output
)

// binding is everything Run needs, computed once by NewNode.
type binding struct {
	takesCtx   bool
	structIn   reflect.Type // the one struct parameter, for map inputs
	inFields   [][]int      // struct field index per input (structIn only)
	inTypes    []reflect.Type
	inPos      []int    // parameter index per input (positional inputs)
	inField    []string // struct field name per input (struct inputs)
	variadic   bool     // the last parameter takes the rest of the inputs
	numArgs    int
	returnsErr bool
	outMode    outputMode
	outFields  [][]int         // outStruct: field index per output
	outKeys    []reflect.Value // outMap: map key per output
}

// positionalKey identifies what a positional binding depends on, so nodes
// sharing a function shape share one binding.
type positionalKey struct {
	fn          reflect.Type
	inputs      int
	outputs     int
	outputsNone bool
}

// positionalBindings caches successful positional bindings: pipelines
// often build thousands of nodes from a handful of functions.
var positionalBindings sync.Map // positionalKey -> *binding

// bindFunc checks fn's shape against the declared inputs and outputs and
// records a problem for each mismatch. It returns nil if fn cannot be run.
// A binding is immutable once built, so identical shapes share it.
func (n *Node) bindFunc(inMap, outMap map[string]string) *binding {
	if inMap != nil || outMap != nil {
		return n.bindShape(inMap, outMap)
	}
	key := positionalKey{n.fn.Type(), len(n.inputs), len(n.outputs), n.outputs == nil}
	if b, ok := positionalBindings.Load(key); ok {
		return b.(*binding)
	}
	b := n.bindShape(nil, nil)
	if b != nil {
		positionalBindings.Store(key, b)
	}
	return b
}

func (n *Node) bindShape(inMap, outMap map[string]string) *binding {
	t := n.fn.Type()
	b := &binding{}
	params := make([]reflect.Type, t.NumIn())
	for i := range params {
		params[i] = t.In(i)
	}
	first := 0
	if len(params) > 0 && params[0] == contextType {
		b.takesCtx, first = true, 1
	}
	b.numArgs = len(params)
	var ok bool
	if inMap != nil {
		ok = n.bindStructInputs(b, t, params, first, inMap)
	} else {
		ok = n.bindPositionalInputs(b, t, params, first)
	}

	results := make([]reflect.Type, t.NumOut())
	for i := range results {
		results[i] = t.Out(i)
	}
	if len(results) > 0 && results[len(results)-1] == errorType {
		b.returnsErr = true
		results = results[:len(results)-1]
	}
	if !n.bindOutputs(b, results, outMap) {
		ok = false
	}
	if !ok {
		return nil
	}
	return b
}

func argLabel(pos int, t reflect.Type, variadic bool) string {
	if variadic {
		return fmt.Sprintf("argument %d (...%s)", pos+1, t)
	}
	return fmt.Sprintf("argument %d (%s)", pos+1, t)
}

// inputLabel names input k's parameter for a message: "argument 2
// ([]Row)", "argument 3 (...int)" or "argument 1 (Params) field Rows ([]Row)".
// Built only when needed, so NewNode stays cheap.
func (n *Node) inputLabel(k int) string {
	b := n.bind
	pos := b.inPos[k]
	if b.structIn != nil {
		return fmt.Sprintf("%s field %s (%s)", argLabel(pos, b.structIn, false), b.inField[k], b.inTypes[k])
	}
	variadic := b.variadic && pos == n.fn.Type().NumIn()-1
	return argLabel(pos, b.inTypes[k], variadic)
}

func (n *Node) bindPositionalInputs(b *binding, t reflect.Type, params []reflect.Type, first int) bool {
	fixed := params[first:]
	variadic := t.IsVariadic()
	if variadic {
		fixed = fixed[:len(fixed)-1]
	}
	if len(n.inputs) < len(fixed) || (!variadic && len(n.inputs) > len(fixed)) {
		var want []string
		for i, p := range params[first:] {
			if variadic && first+i == len(params)-1 {
				want = append(want, "..."+p.Elem().String())
			} else {
				want = append(want, p.String())
			}
		}
		count := fmt.Sprint(len(fixed))
		if variadic {
			count = "at least " + count
		}
		n.problem("Inputs of '%s' function expected %s argument(s) (%s), but got %s",
			n.funcName, count, strings.Join(want, ", "), pyList(n.inputs))
		return false
	}
	b.variadic = variadic
	b.inTypes = make([]reflect.Type, len(n.inputs))
	b.inPos = make([]int, len(n.inputs))
	for k := range n.inputs {
		pos := min(first+k, len(params)-1)
		b.inPos[k] = pos
		if k < len(fixed) {
			b.inTypes[k] = params[pos]
		} else {
			b.inTypes[k] = params[pos].Elem()
		}
	}
	return true
}

// structField is an exported field of a struct parameter or result.
type structField struct {
	index []int
	name  string
	typ   reflect.Type
}

// exportedFields lists the exported fields of a struct type and indexes
// them by name and by `kedrogo:"name"` tag. A field tagged "-" is left out.
func exportedFields(t reflect.Type) (fields []structField, byKey map[string]int) {
	byKey = map[string]int{}
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		tag := f.Tag.Get("kedrogo")
		if tag == "-" {
			continue
		}
		byKey[f.Name] = len(fields)
		if tag != "" {
			byKey[tag] = len(fields)
		}
		fields = append(fields, structField{index: f.Index, name: f.Name, typ: f.Type})
	}
	return fields, byKey
}

// matchFields orders the map's datasets by struct field order and reports
// unknown keys and unmapped fields. where says which argument or result.
func (n *Node) matchFields(where string, st reflect.Type, m map[string]string) (names []string, index [][]int, types []reflect.Type, ok bool) {
	fields, byKey := exportedFields(st)
	dataset := make([]string, len(fields))
	ok = true
	for key, ds := range m {
		fi, found := byKey[key]
		if !found {
			n.problem("%s: %s has no exported field or kedrogo tag %q", where, st, key)
			ok = false
			continue
		}
		if dataset[fi] != "" {
			n.problem("%s: field %s is mapped twice (by name and by tag)", where, fields[fi].name)
			ok = false
			continue
		}
		dataset[fi] = ds
	}
	for fi, f := range fields {
		if dataset[fi] == "" && ok {
			n.problem("%s: field %s (%s) is not mapped to a dataset; add %q (or its kedrogo tag) to the map, or tag the field `kedrogo:\"-\"`",
				where, f.name, f.typ, f.name)
			ok = false
		}
	}
	if !ok {
		return nil, nil, nil, false
	}
	for fi, f := range fields {
		names = append(names, dataset[fi])
		index = append(index, f.index)
		types = append(types, f.typ)
	}
	return names, index, types, true
}

func (n *Node) bindStructInputs(b *binding, t reflect.Type, params []reflect.Type, first int, m map[string]string) bool {
	rest := params[first:]
	if len(rest) != 1 || rest[0].Kind() != reflect.Struct || t.IsVariadic() {
		n.problem("inputs given as a map need a function taking one struct (after an optional context.Context), but '%s' takes (%s)",
			n.funcName, typeList(params))
		return false
	}
	where := argLabel(first, rest[0], false)
	names, index, types, ok := n.matchFields(where, rest[0], m)
	if !ok {
		return false
	}
	n.inputs = names
	b.structIn = rest[0]
	b.inFields = index
	b.inTypes = types
	b.inPos = make([]int, len(names))
	b.inField = make([]string, len(names))
	for k, idx := range index {
		b.inPos[k] = first
		b.inField[k] = rest[0].FieldByIndex(idx).Name
	}
	return true
}

func (n *Node) bindOutputs(b *binding, results []reflect.Type, m map[string]string) bool {
	switch {
	case n.outputs == nil && m == nil:
		b.outMode = outIgnore
		return true
	case m == nil:
		if len(results) != len(n.outputs) {
			n.problem("The node function returns %d output(s) (a trailing error excluded), whereas the node definition contains %d output(s).",
				len(results), len(n.outputs))
			return false
		}
		b.outMode = outValues
		return true
	}
	if len(results) != 1 {
		n.problem("outputs given as a map need a function returning one map[string]T or struct (and optionally an error), but '%s' returns (%s)",
			n.funcName, typeList(results))
		return false
	}
	r := results[0]
	switch {
	case r.Kind() == reflect.Map && r.Key().Kind() == reflect.String:
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		sortStrings(keys)
		b.outMode = outMap
		b.outKeys = make([]reflect.Value, len(keys))
		n.outputs = make([]string, len(keys))
		for i, k := range keys {
			b.outKeys[i] = reflect.ValueOf(k).Convert(r.Key())
			n.outputs[i] = m[k]
		}
		return true
	case r.Kind() == reflect.Struct:
		names, index, _, ok := n.matchFields("result 1 ("+r.String()+")", r, m)
		if !ok {
			return false
		}
		b.outMode = outStruct
		b.outFields = index
		n.outputs = names
		return true
	default:
		n.problem("outputs given as a map need a function returning one map[string]T or struct, but '%s' returns %s",
			n.funcName, r)
		return false
	}
}

func typeList(ts []reflect.Type) string {
	s := make([]string, len(ts))
	for i, t := range ts {
		s[i] = t.String()
	}
	return strings.Join(s, ", ")
}
