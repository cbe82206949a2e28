package catalog

import (
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"
)

// decodeStrict decodes node into out (a non-nil pointer) after checking that
// every mapping key names a field of the struct it lands in, so a typo such
// as `hedaer:` is an error with its file:line instead of being ignored.
// what names the thing being decoded for messages ("dataset 'x'"); it is
// called only when there is an error.
func decodeStrict(file string, what func() string, node *yaml.Node, out any) error {
	if node == nil {
		return nil
	}
	if err := checkKeys(file, what, node, reflect.TypeOf(out).Elem(), ""); err != nil {
		return err
	}
	if err := node.Decode(out); err != nil {
		return yamlError(file, what(), node.Line, err)
	}
	return nil
}

var yamlLineRE = regexp.MustCompile(`^line (\d+): `)

// yamlError turns yaml.v3's "line N: cannot unmarshal ..." into a
// ConfigError at file:N.
func yamlError(file, what string, line int, err error) error {
	var te *yaml.TypeError
	msgs := []string{err.Error()}
	if errors.As(err, &te) {
		msgs = te.Errors
	}
	first := msgs[0]
	if m := yamlLineRE.FindStringSubmatch(first); m != nil {
		fmt.Sscan(m[1], &line)
		first = first[len(m[0]):]
	}
	msg := what + ": " + first
	if len(msgs) > 1 {
		msg += fmt.Sprintf(" (and %d more)", len(msgs)-1)
	}
	return &ConfigError{File: file, Line: line, Msg: msg}
}

// checkKeys walks node alongside type t and rejects mapping keys that t
// does not accept. path is the dotted key path for messages.
func checkKeys(file string, what func() string, node *yaml.Node, t reflect.Type, path string) error {
	for node.Kind == yaml.DocumentNode && len(node.Content) == 1 {
		node = node.Content[0]
	}
	if node.Kind == yaml.AliasNode && node.Alias != nil {
		node = node.Alias
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t == nodeType || t.Implements(unmarshalerType) || reflect.PointerTo(t).Implements(unmarshalerType) {
		return nil
	}
	switch t.Kind() {
	case reflect.Struct:
		if node.Kind != yaml.MappingNode {
			return nil // Decode reports the kind mismatch with its line
		}
		fields, open := yamlFields(t)
		for i := 0; i+1 < len(node.Content); i += 2 {
			k, v := node.Content[i], node.Content[i+1]
			if k.Value == "<<" { // merge key: check what is merged in
				if err := checkKeys(file, what, v, t, path); err != nil {
					return err
				}
				continue
			}
			ft, ok := fields[k.Value]
			if !ok {
				if open {
					continue
				}
				return unknownKey(file, what, k, path, fields)
			}
			if err := checkKeys(file, what, v, ft, joinPath(path, k.Value)); err != nil {
				return err
			}
		}
	case reflect.Map:
		if node.Kind != yaml.MappingNode {
			return nil
		}
		for i := 0; i+1 < len(node.Content); i += 2 {
			if err := checkKeys(file, what, node.Content[i+1], t.Elem(), joinPath(path, node.Content[i].Value)); err != nil {
				return err
			}
		}
	case reflect.Slice, reflect.Array:
		if node.Kind != yaml.SequenceNode {
			return nil
		}
		for _, item := range node.Content {
			if err := checkKeys(file, what, item, t.Elem(), path); err != nil {
				return err
			}
		}
	}
	return nil
}

var (
	unmarshalerType = reflect.TypeFor[yaml.Unmarshaler]()
	nodeType        = reflect.TypeFor[yaml.Node]()
)

func unknownKey(file string, what func() string, k *yaml.Node, path string, fields map[string]reflect.Type) error {
	names := make([]string, 0, len(fields))
	for n := range fields {
		names = append(names, n)
	}
	sort.Strings(names)
	where := ""
	if path != "" {
		where = " under '" + path + "'"
	}
	msg := fmt.Sprintf("%s: unknown key '%s'%s%s", what(), k.Value, where, didYouMean(k.Value, names))
	if hint, ok := keyHints[k.Value]; ok && path == "" {
		msg += "\nHint: " + hint
	}
	if len(names) > 0 {
		msg += "\nAccepted keys: " + strings.Join(names, ", ")
	}
	return &ConfigError{File: file, Line: k.Line, Msg: msg}
}

// keyHints explain Kedro keys that kedrogo does not take.
var keyHints = map[string]string{
	"layer":       "since Kedro 0.19 the layer lives under metadata: {kedro-viz: {layer: ...}}.",
	"fs_args":     "this dataset type takes no fs_args; file datasets take them for object storage (s3://).",
	"credentials": "this dataset type takes no credentials; file datasets take them for object storage (s3://).",
	"version":     "versions come from the run and --load-versions; write versioned: true.",
}

func joinPath(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// yamlFields lists the keys yaml.v3 maps onto struct t (its tag name, else
// the lower-cased field name; inline structs flattened). open is true when
// an inline map accepts any key.
func yamlFields(t reflect.Type) (map[string]reflect.Type, bool) {
	if c, ok := fieldCache.Load(t); ok {
		f := c.(cachedFields)
		return f.fields, f.open
	}
	fields, open := computeYAMLFields(t)
	fieldCache.Store(t, cachedFields{fields, open})
	return fields, open
}

type cachedFields struct {
	fields map[string]reflect.Type
	open   bool
}

// fieldCache holds yamlFields per struct type: every entry of a type is
// decoded into the same spec struct.
var fieldCache sync.Map // reflect.Type -> cachedFields

func computeYAMLFields(t reflect.Type) (fields map[string]reflect.Type, open bool) {
	fields = map[string]reflect.Type{}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		tag := f.Tag.Get("yaml")
		if tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if strings.Contains(","+opts+",", ",inline,") {
			ft := f.Type
			for ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			if ft.Kind() == reflect.Map {
				open = true
				continue
			}
			sub, subOpen := yamlFields(ft)
			for n, st := range sub {
				fields[n] = st
			}
			open = open || subOpen
			continue
		}
		if name == "" {
			name = strings.ToLower(f.Name)
		}
		fields[name] = f.Type
	}
	return fields, open
}
