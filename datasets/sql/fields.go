package sql

import (
	"fmt"
	"reflect"
	"strings"
	"sync"
	"unicode"
)

// field is one struct field that maps to a column.
type field struct {
	column string // as in the table
	name   string // the Go field name, for messages
	index  []int
	typ    reflect.Type
}

// rowShape is how a struct type maps to columns.
type rowShape struct {
	typ    reflect.Type
	fields []field
	byKey  map[string]int // normalised column name -> index into fields
}

var shapes sync.Map // reflect.Type -> *rowShape

// shapeOf maps the exported fields of struct type t to columns: the name
// in a `kedrogo:"col"` or `db:"col"` tag, else the field name in
// snake_case (CompanyID -> company_id). "-" skips a field. Embedded
// structs contribute their fields.
func shapeOf(t reflect.Type) (*rowShape, error) {
	if s, ok := shapes.Load(t); ok {
		return s.(*rowShape), nil
	}
	s := &rowShape{typ: t, byKey: map[string]int{}}
	for _, f := range reflect.VisibleFields(t) {
		if !f.IsExported() || (f.Anonymous && f.Type.Kind() == reflect.Struct && !isScalarStruct(f.Type)) {
			continue
		}
		col := f.Tag.Get("kedrogo")
		if col == "" {
			col = f.Tag.Get("db")
		}
		col, _, _ = strings.Cut(col, ",")
		if col == "-" {
			continue
		}
		if col == "" {
			col = snake(f.Name)
		}
		key := normalise(col)
		if prev, dup := s.byKey[key]; dup {
			return nil, fmt.Errorf("%s: fields %s and %s both map to column %q; rename one or tag it `kedrogo:\"column\"`",
				t, s.fields[prev].name, f.Name, col)
		}
		s.byKey[key] = len(s.fields)
		s.fields = append(s.fields, field{column: col, name: f.Name, index: f.Index, typ: f.Type})
	}
	if len(s.fields) == 0 {
		return nil, fmt.Errorf("%s has no exported fields to map to columns", t)
	}
	shapes.Store(t, s)
	return s, nil
}

// isScalarStruct: struct types that are one column (time.Time, sql.NullX).
func isScalarStruct(t reflect.Type) bool {
	return t.PkgPath() == "time" || t.PkgPath() == "database/sql"
}

// normalise makes column matching forgiving about case and underscores,
// so CompanyRating, company_rating and COMPANY_RATING meet.
func normalise(s string) string {
	return strings.ToLower(strings.ReplaceAll(s, "_", ""))
}

// snake turns a Go field name into a column name: CompanyID -> company_id.
func snake(s string) string {
	r := []rune(s)
	var b strings.Builder
	for i, c := range r {
		if unicode.IsUpper(c) {
			prevLower := i > 0 && (unicode.IsLower(r[i-1]) || unicode.IsDigit(r[i-1]))
			nextLower := i > 0 && i+1 < len(r) && unicode.IsUpper(r[i-1]) && unicode.IsLower(r[i+1])
			if prevLower || nextLower {
				b.WriteByte('_')
			}
			b.WriteRune(unicode.ToLower(c))
			continue
		}
		b.WriteRune(c)
	}
	return b.String()
}
