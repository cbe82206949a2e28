package catalog

import (
	"encoding"
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"sort"
	"strings"
	"time"
)

// Convert stores a configuration value (as YAML or --params give them:
// nil, bool, ints, float64, string, time.Time, []any, map[string]any) into
// *dst for any Go type: numbers convert when exact (1 into float64, 2.0
// into int, never 2.5 into int), maps fill structs (a key matches a
// field's yaml or json tag, its name, or its name with case, '_' and '-'
// ignored: test_size fills TestSize), and unknown keys are errors with a
// did-you-mean. Values assigned whole are deep-copied so a node cannot
// change the configuration another node sees.
func Convert(src any, dst any) error {
	dv := reflect.ValueOf(dst)
	if dv.Kind() != reflect.Pointer || dv.IsNil() {
		return fmt.Errorf("load destination must be a non-nil pointer, got %T", dst)
	}
	return convert(reflect.ValueOf(src), dv.Elem(), "")
}

var (
	durationType = reflect.TypeFor[time.Duration]()
)

func convert(src, dst reflect.Value, path string) error {
	for src.IsValid() && src.Kind() == reflect.Interface {
		src = src.Elem()
	}
	if !src.IsValid() { // null
		dst.SetZero()
		return nil
	}
	t := dst.Type()
	if src.Type().AssignableTo(t) && (t.Kind() == reflect.Interface || src.Type() == t) {
		dst.Set(reflect.ValueOf(DeepCopy(src.Interface())))
		return nil
	}
	fail := func(want string) error {
		at := ""
		if path != "" {
			at = " at " + path
		}
		return fmt.Errorf("cannot use %s as %s%s", describe(src), want, at)
	}
	if src.Kind() == reflect.String {
		if t == durationType {
			d, err := time.ParseDuration(src.String())
			if err != nil {
				return fail(t.String() + " (" + err.Error() + ")")
			}
			dst.SetInt(int64(d))
			return nil
		}
		if u, ok := dst.Addr().Interface().(encoding.TextUnmarshaler); ok {
			if err := u.UnmarshalText([]byte(src.String())); err != nil {
				return fail(t.String() + " (" + err.Error() + ")")
			}
			return nil
		}
	}
	switch t.Kind() {
	case reflect.Pointer:
		p := reflect.New(t.Elem())
		if err := convert(src, p.Elem(), path); err != nil {
			return err
		}
		dst.Set(p)
		return nil
	case reflect.String:
		if src.Kind() != reflect.String {
			if isScalar(src) {
				// 1 or true where a string is wanted: YAML typed it.
				return fail(t.String() + " (quote the value in YAML to make it a string)")
			}
			return fail(t.String())
		}
		dst.SetString(src.String())
		return nil
	case reflect.Bool:
		if src.Kind() != reflect.Bool {
			return fail(t.String())
		}
		dst.SetBool(src.Bool())
		return nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		f, ok := number(src)
		if !ok || f != math.Trunc(f) || math.Abs(f) >= 1<<63 || dst.OverflowInt(int64(f)) {
			return fail(t.String())
		}
		if src.CanInt() {
			dst.SetInt(src.Int()) // exact beyond 2^53
		} else {
			dst.SetInt(int64(f))
		}
		return nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		f, ok := number(src)
		if !ok || f < 0 || f != math.Trunc(f) || f >= 1<<64 || dst.OverflowUint(uint64(f)) {
			return fail(t.String())
		}
		dst.SetUint(uint64(f))
		return nil
	case reflect.Float32, reflect.Float64:
		f, ok := number(src)
		if !ok || dst.OverflowFloat(f) {
			return fail(t.String())
		}
		dst.SetFloat(f)
		return nil
	case reflect.Slice, reflect.Array:
		if src.Kind() != reflect.Slice && src.Kind() != reflect.Array {
			return fail(t.String() + " (a list)")
		}
		n := src.Len()
		if t.Kind() == reflect.Array {
			if n != t.Len() {
				return fail(fmt.Sprintf("%s (a list of exactly %d items)", t, t.Len()))
			}
		} else {
			dst.Set(reflect.MakeSlice(t, n, n))
		}
		for i := 0; i < n; i++ {
			if err := convert(src.Index(i), dst.Index(i), fmt.Sprintf("%s[%d]", path, i)); err != nil {
				return err
			}
		}
		return nil
	case reflect.Map:
		if src.Kind() != reflect.Map {
			return fail(t.String() + " (a mapping)")
		}
		m := reflect.MakeMapWithSize(t, src.Len())
		for _, k := range sortedKeys(src) {
			key := reflect.New(t.Key()).Elem()
			if err := convert(k, key, path); err != nil {
				return err
			}
			val := reflect.New(t.Elem()).Elem()
			if err := convert(src.MapIndex(k), val, joinPath(path, fmt.Sprint(k.Interface()))); err != nil {
				return err
			}
			m.SetMapIndex(key, val)
		}
		dst.Set(m)
		return nil
	case reflect.Struct:
		if src.Kind() != reflect.Map {
			return fail(t.String() + " (a mapping)")
		}
		return convertStruct(src, dst, path)
	}
	return fail(t.String())
}

func convertStruct(src, dst reflect.Value, path string) error {
	fields, display := structKeys(dst.Type())
	for _, k := range sortedKeys(src) {
		name := fmt.Sprint(k.Interface())
		idx, ok := fields[name]
		if !ok {
			idx, ok = fields[normalizeName(name)]
		}
		if !ok {
			return fmt.Errorf("unknown key '%s'%s for %s%s (fields: %s)", name, atPath(path), dst.Type(),
				didYouMean(name, display), strings.Join(display, ", "))
		}
		if err := convert(src.MapIndex(k), dst.FieldByIndex(idx), joinPath(path, name)); err != nil {
			return err
		}
	}
	return nil
}

func atPath(path string) string {
	if path == "" {
		return ""
	}
	return " under '" + path + "'"
}

// structKeys maps every name a key may use for each exported field: yaml
// and json tag names, the field name, and its normalized form. display
// holds one name per field for messages.
func structKeys(t reflect.Type) (keys map[string][]int, display []string) {
	keys = map[string][]int{}
	for _, f := range reflect.VisibleFields(t) {
		if !f.IsExported() || f.Anonymous {
			continue
		}
		shown := ""
		for _, tag := range []string{"yaml", "json", "kedrogo"} {
			if n, _, _ := strings.Cut(f.Tag.Get(tag), ","); n != "" && n != "-" {
				keys[n] = f.Index
				if shown == "" {
					shown = n
				}
			}
		}
		keys[f.Name] = f.Index
		keys[normalizeName(f.Name)] = f.Index
		if shown == "" {
			shown = f.Name
		}
		display = append(display, shown)
	}
	return keys, display
}

func number(v reflect.Value) (float64, bool) {
	switch {
	case v.CanInt():
		return float64(v.Int()), true
	case v.CanUint():
		return float64(v.Uint()), true
	case v.CanFloat():
		return v.Float(), true
	}
	return 0, false
}

func sortedKeys(m reflect.Value) []reflect.Value {
	keys := m.MapKeys()
	sort.Slice(keys, func(i, j int) bool { return fmt.Sprint(keys[i].Interface()) < fmt.Sprint(keys[j].Interface()) })
	return keys
}

// describe names a configuration value for a person, as YAML shows it:
// the string "abc", the number 2.5, the mapping {"x":1}; cut to about 40
// characters.
func describe(v reflect.Value) string {
	var kind, s string
	switch {
	case v.Kind() == reflect.String:
		kind, s = "the string", fmt.Sprintf("%q", v.String())
	case v.Kind() == reflect.Bool:
		kind, s = "the boolean", fmt.Sprint(v.Bool())
	case v.CanInt() || v.CanUint() || v.CanFloat():
		kind, s = "the number", fmt.Sprint(v.Interface())
	case v.Kind() == reflect.Map:
		kind, s = "the mapping", flow(v.Interface())
	case v.Kind() == reflect.Slice || v.Kind() == reflect.Array:
		kind, s = "the list", flow(v.Interface())
	case v.Type() == reflect.TypeFor[time.Time]():
		kind, s = "the date", v.Interface().(time.Time).Format(time.RFC3339)
	default:
		kind, s = "a "+v.Type().String(), fmt.Sprintf("%#v", v.Interface())
	}
	if len(s) > 40 {
		s = s[:37] + "..."
	}
	return kind + " " + s
}

// flow writes a mapping or list on one line, keys sorted ({"a":1}).
func flow(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}

// isScalar reports whether v is a number, boolean or date: what YAML
// types unless quoted.
func isScalar(v reflect.Value) bool {
	return v.Kind() == reflect.Bool || v.CanInt() || v.CanUint() || v.CanFloat() ||
		v.Type() == reflect.TypeFor[time.Time]()
}
