package catalog

import (
	"encoding"
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"
)

// csvRowType describes []T or []*T for CSV: each field's column name and
// how to parse and format it.
type csvRowType struct {
	slice  reflect.Type
	elem   reflect.Type // T
	ptr    bool         // rows are *T
	fields []csvField
}

type csvField struct {
	name   string
	float  bool // a float or *float field: the decimal mark applies
	index  []int
	parse  func(v reflect.Value, s string) error
	format func(v reflect.Value) (string, error)
}

var (
	textUnmarshalerType = reflect.TypeFor[encoding.TextUnmarshaler]()
	textMarshalerType   = reflect.TypeFor[encoding.TextMarshaler]()
)

func rowType(t reflect.Type) (*csvRowType, error) {
	bad := fmt.Errorf("CSV datasets load and save [][]string, []T or []*T with T a struct, not %s", t)
	if t.Kind() != reflect.Slice {
		return nil, bad
	}
	rt := &csvRowType{slice: t, elem: t.Elem()}
	if rt.elem.Kind() == reflect.Pointer {
		rt.ptr, rt.elem = true, rt.elem.Elem()
	}
	if rt.elem.Kind() != reflect.Struct {
		return nil, bad
	}
	for _, f := range reflect.VisibleFields(rt.elem) {
		if !f.IsExported() || f.Anonymous {
			continue
		}
		name := f.Name
		if tag, ok := f.Tag.Lookup("csv"); ok {
			if tag == "-" {
				continue
			}
			if n, _, _ := strings.Cut(tag, ","); n != "" {
				name = n
			}
		}
		parse, format, err := fieldCodec(f.Type)
		if err != nil {
			return nil, fmt.Errorf("field %s.%s: %v", rt.elem.Name(), f.Name, err)
		}
		ft := f.Type
		if ft.Kind() == reflect.Pointer {
			ft = ft.Elem()
		}
		isFloat := ft.Kind() == reflect.Float32 || ft.Kind() == reflect.Float64
		rt.fields = append(rt.fields, csvField{name: name, float: isFloat, index: f.Index, parse: parse, format: format})
	}
	return rt, nil
}

// fieldCodec returns how a field of type t is parsed from and formatted to
// a CSV cell: basic kinds, pointers to them (empty cell = nil), and
// encoding.TextUnmarshaler / TextMarshaler.
func fieldCodec(t reflect.Type) (func(reflect.Value, string) error, func(reflect.Value) (string, error), error) {
	if reflect.PointerTo(t).Implements(textUnmarshalerType) && t.Implements(textMarshalerType) {
		return func(v reflect.Value, s string) error {
				return v.Addr().Interface().(encoding.TextUnmarshaler).UnmarshalText([]byte(s))
			}, func(v reflect.Value) (string, error) {
				b, err := v.Interface().(encoding.TextMarshaler).MarshalText()
				return string(b), err
			}, nil
	}
	switch t.Kind() {
	case reflect.String:
		return func(v reflect.Value, s string) error { v.SetString(s); return nil },
			func(v reflect.Value) (string, error) { return v.String(), nil }, nil
	case reflect.Bool:
		return func(v reflect.Value, s string) error {
				b, err := strconv.ParseBool(s)
				v.SetBool(b)
				return err
			}, func(v reflect.Value) (string, error) { return strconv.FormatBool(v.Bool()), nil },
			nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		bits := t.Bits()
		return func(v reflect.Value, s string) error {
				n, err := strconv.ParseInt(s, 10, bits)
				v.SetInt(n)
				return err
			}, func(v reflect.Value) (string, error) { return strconv.FormatInt(v.Int(), 10), nil },
			nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		bits := t.Bits()
		return func(v reflect.Value, s string) error {
				n, err := strconv.ParseUint(s, 10, bits)
				v.SetUint(n)
				return err
			}, func(v reflect.Value) (string, error) { return strconv.FormatUint(v.Uint(), 10), nil },
			nil
	case reflect.Float32, reflect.Float64:
		bits := t.Bits()
		return func(v reflect.Value, s string) error {
				n, err := strconv.ParseFloat(s, bits)
				v.SetFloat(n)
				return err
			}, func(v reflect.Value) (string, error) { return strconv.FormatFloat(v.Float(), 'g', -1, bits), nil },
			nil
	case reflect.Pointer:
		parse, format, err := fieldCodec(t.Elem())
		if err != nil {
			return nil, nil, err
		}
		return func(v reflect.Value, s string) error {
				if s == "" {
					v.SetZero()
					return nil
				}
				p := reflect.New(t.Elem())
				v.Set(p)
				return parse(p.Elem(), s)
			}, func(v reflect.Value) (string, error) {
				if v.IsNil() {
					return "", nil
				}
				return format(v.Elem())
			}, nil
	}
	return nil, nil, fmt.Errorf("type %s has no CSV form (use basic kinds or encoding.TextUnmarshaler)", t)
}

// readRows fills *slice (type rt.slice) from r. With a header (the
// file's, or load_args names), fields are matched to columns by name; a
// field with no column is an error, extra columns are ignored. decimal is
// the decimal mark of float cells (0: '.').
func readRows(r interface{ Read() ([]string, error) }, header []string, slice reflect.Value, rt *csvRowType, decimal byte) error {
	cols := make([]int, len(rt.fields)) // field i reads column cols[i]
	for i := range cols {
		cols[i] = i
	}
	line := 0
	if header != nil {
		line = 1
		var err error
		if cols, err = matchColumns(header, rt); err != nil {
			return err
		}
	}
	out := reflect.MakeSlice(rt.slice, 0, 1024)
	n := 0
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		line++
		if n == out.Cap() {
			grown := reflect.MakeSlice(rt.slice, n, 2*n)
			reflect.Copy(grown, out)
			out = grown
		}
		out = out.Slice(0, n+1)
		row := out.Index(n)
		if rt.ptr {
			row.Set(reflect.New(rt.elem))
			row = row.Elem()
		}
		for i, f := range rt.fields {
			if cols[i] >= len(rec) {
				return fmt.Errorf("record %d has %d fields, column %d (%s) is missing", line, len(rec), cols[i]+1, f.name)
			}
			cell := rec[cols[i]]
			if f.float {
				cell = withDecimal(cell, decimal)
			}
			if err := f.parse(row.FieldByIndex(f.index), cell); err != nil {
				return fmt.Errorf("record %d, column %s: %v", line, f.name, err)
			}
		}
		n++
	}
	slice.Set(out)
	return nil
}

func matchColumns(header []string, rt *csvRowType) ([]int, error) {
	exact := make(map[string]int, len(header))
	fold := make(map[string]int, len(header))
	for i, h := range header {
		h = strings.TrimPrefix(h, "\ufeff") // a UTF-8 byte order mark
		if _, dup := exact[h]; !dup {
			exact[h] = i
		}
		if _, dup := fold[normalizeName(h)]; !dup {
			fold[normalizeName(h)] = i
		}
	}
	cols := make([]int, len(rt.fields))
	var missing []string
	for i, f := range rt.fields {
		c, ok := exact[f.name]
		if !ok {
			c, ok = fold[normalizeName(f.name)]
		}
		if !ok {
			missing = append(missing, f.name)
		}
		cols[i] = c
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("no column for field(s) %s of %s in header [%s] (tag a field `csv:\"column\"` to match another name, `csv:\"-\"` to skip it)",
			strings.Join(missing, ", "), rt.elem, strings.Join(header, ", "))
	}
	return cols, nil
}

// normalizeName folds case and drops '_', '-' and spaces, so "test_size",
// "Test Size" and TestSize meet.
func normalizeName(s string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case '_', '-', ' ':
			return -1
		}
		return r
	}, strings.ToLower(s))
}

func writeRows(w recordWriter, header bool, slice reflect.Value, rt *csvRowType, decimal byte) error {
	rec := make([]string, len(rt.fields))
	if header {
		for i, f := range rt.fields {
			rec[i] = f.name
		}
		if err := w.Write(rec); err != nil {
			return err
		}
	}
	for n := 0; n < slice.Len(); n++ {
		row := slice.Index(n)
		if rt.ptr {
			if row.IsNil() {
				return fmt.Errorf("row %d is nil", n)
			}
			row = row.Elem()
		}
		for i, f := range rt.fields {
			s, err := f.format(row.FieldByIndex(f.index))
			if err != nil {
				return fmt.Errorf("row %d, field %s: %v", n, f.name, err)
			}
			if f.float {
				s = formatDecimal(s, decimal)
			}
			rec[i] = s
		}
		if err := w.Write(rec); err != nil {
			return err
		}
	}
	return nil
}
