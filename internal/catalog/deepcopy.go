package catalog

import "reflect"

// DeepCopy returns a copy of v that shares no mutable memory reachable
// through exported fields, slices, maps, pointers and interfaces with v.
// Pointer cycles and shared pointers are preserved. Unexported struct
// fields, channels and functions are copied as they are (shallowly):
// reflection cannot write unexported fields, and a copied channel or
// mutex would not mean the same thing.
func DeepCopy(v any) any {
	if v == nil {
		return nil
	}
	src := reflect.ValueOf(v)
	dst := reflect.New(src.Type()).Elem()
	c := copier{seen: map[uintptr]reflect.Value{}}
	c.copy(dst, src)
	return dst.Interface()
}

type copier struct {
	seen map[uintptr]reflect.Value // source pointer -> its copy
}

func (c *copier) copy(dst, src reflect.Value) {
	switch src.Kind() {
	case reflect.Pointer:
		if src.IsNil() {
			return
		}
		if p, ok := c.seen[src.Pointer()]; ok && p.Type() == src.Type() {
			dst.Set(p)
			return
		}
		p := reflect.New(src.Type().Elem())
		c.seen[src.Pointer()] = p
		c.copy(p.Elem(), src.Elem())
		dst.Set(p)
	case reflect.Interface:
		if src.IsNil() {
			return
		}
		inner := src.Elem()
		cp := reflect.New(inner.Type()).Elem()
		c.copy(cp, inner)
		dst.Set(cp)
	case reflect.Slice:
		if src.IsNil() {
			return
		}
		s := reflect.MakeSlice(src.Type(), src.Len(), src.Len())
		if isFlat(src.Type().Elem()) {
			reflect.Copy(s, src)
		} else {
			for i := 0; i < src.Len(); i++ {
				c.copy(s.Index(i), src.Index(i))
			}
		}
		dst.Set(s)
	case reflect.Array:
		dst.Set(src)
		if !isFlat(src.Type().Elem()) {
			for i := 0; i < src.Len(); i++ {
				c.copy(dst.Index(i), src.Index(i))
			}
		}
	case reflect.Map:
		if src.IsNil() {
			return
		}
		m := reflect.MakeMapWithSize(src.Type(), src.Len())
		kt, vt := src.Type().Key(), src.Type().Elem()
		it := src.MapRange()
		for it.Next() {
			k := reflect.New(kt).Elem()
			c.copy(k, it.Key())
			val := reflect.New(vt).Elem()
			c.copy(val, it.Value())
			m.SetMapIndex(k, val)
		}
		dst.Set(m)
	case reflect.Struct:
		dst.Set(src) // unexported fields keep their (shallow) values
		if isFlat(src.Type()) {
			return
		}
		for i := 0; i < src.NumField(); i++ {
			if src.Type().Field(i).IsExported() {
				c.copy(dst.Field(i), src.Field(i))
			}
		}
	default:
		dst.Set(src)
	}
}

// isFlat reports whether values of t hold no references, so a plain copy
// is a deep copy.
func isFlat(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
		reflect.Float32, reflect.Float64, reflect.Complex64, reflect.Complex128, reflect.String:
		return true
	case reflect.Array:
		return isFlat(t.Elem())
	case reflect.Struct:
		for i := 0; i < t.NumField(); i++ {
			if !isFlat(t.Field(i).Type) {
				return false
			}
		}
		return true
	}
	return false
}

// shallowCopy copies the top level of a slice or map (Kedro's "copy" mode,
// which for a DataFrame is df.copy()); other values are returned as they
// are, which for non-pointer values is already a copy.
func shallowCopy(v any) any {
	if v == nil {
		return nil
	}
	src := reflect.ValueOf(v)
	switch src.Kind() {
	case reflect.Slice:
		if src.IsNil() {
			return v
		}
		s := reflect.MakeSlice(src.Type(), src.Len(), src.Len())
		reflect.Copy(s, src)
		return s.Interface()
	case reflect.Map:
		if src.IsNil() {
			return v
		}
		m := reflect.MakeMapWithSize(src.Type(), src.Len())
		it := src.MapRange()
		for it.Next() {
			m.SetMapIndex(it.Key(), it.Value())
		}
		return m.Interface()
	}
	return v
}
