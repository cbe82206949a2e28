package sql

import (
	dbsql "database/sql"
	"fmt"
	"reflect"
	"strings"
)

var mapRowsType = reflect.TypeFor[[]map[string]any]()

// scanInto reads every row into dst: *[]T or *[]*T (T a struct), or
// *[]map[string]any or *any (maps keyed by column name).
func scanInto(rows *dbsql.Rows, dst any) error {
	dv := reflect.ValueOf(dst)
	if dv.Kind() != reflect.Pointer || dv.IsNil() {
		return fmt.Errorf("load destination must be a non-nil pointer, got %T", dst)
	}
	st := dv.Elem().Type()
	if st.Kind() == reflect.Interface || st == mapRowsType {
		maps, err := scanMaps(rows)
		if err != nil {
			return err
		}
		dv.Elem().Set(reflect.ValueOf(maps))
		return nil
	}
	elem, err := rowsType(st)
	if err != nil {
		return err
	}
	shape, err := shapeOf(elem)
	if err != nil {
		return err
	}
	cols, err := rows.Columns()
	if err != nil {
		return err
	}
	// plan[i] is the field that column i fills, or nil for a column T
	// does not have (read and dropped: T may take a subset).
	plan := make([]*field, len(cols))
	filled := make([]bool, len(shape.fields))
	for i, c := range cols {
		if j, ok := shape.byKey[normalise(c)]; ok {
			plan[i], filled[j] = &shape.fields[j], true
		}
	}
	var missing []string
	for j, ok := range filled {
		if !ok {
			missing = append(missing, fmt.Sprintf("%s (column %q)", shape.fields[j].name, shape.fields[j].column))
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("the rows do not fit %s: no column for field %s; the result has columns %s. "+
			"Tag the field `kedrogo:\"column\"`, or `kedrogo:\"-\"` to leave it out",
			elem, strings.Join(missing, ", "), strings.Join(cols, ", "))
	}
	var discard any
	dests := make([]any, len(cols))
	for i := range dests {
		dests[i] = &discard
	}
	ptrRows := st.Elem().Kind() == reflect.Pointer
	out := reflect.New(st).Elem() // addressable, for SetLen
	out.Set(reflect.MakeSlice(st, 0, 1024))
	for n := 0; rows.Next(); n++ {
		if n == out.Cap() {
			out.Grow(n)
		}
		out.SetLen(n + 1)
		row := out.Index(n)
		if ptrRows {
			row.Set(reflect.New(elem))
			row = row.Elem()
		}
		for i, f := range plan {
			if f != nil {
				dests[i] = row.FieldByIndex(f.index).Addr().Interface()
			}
		}
		if err := rows.Scan(dests...); err != nil {
			return fmt.Errorf("row %d does not fit %s: %v", n+1, elem, explainScan(err, cols, plan))
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	dv.Elem().Set(out)
	return nil
}

// explainScan adds the Go field to database/sql's "converting column
// index 2, name \"x\"" message, and says how to take a NULL.
func explainScan(err error, cols []string, plan []*field) string {
	msg := err.Error()
	for i, f := range plan {
		if f != nil && strings.Contains(msg, fmt.Sprintf("column index %d,", i)) {
			msg += fmt.Sprintf(" (field %s %s)", f.name, f.typ)
			if strings.Contains(msg, "converting NULL") {
				msg += fmt.Sprintf("; the column holds NULL: make the field a pointer (*%s) or a sql.Null type", f.typ)
			}
		}
	}
	return msg
}

// rowsType checks that t is []T or []*T with T a struct and returns T.
func rowsType(t reflect.Type) (reflect.Type, error) {
	if t.Kind() == reflect.Slice {
		e := t.Elem()
		if e.Kind() == reflect.Pointer {
			e = e.Elem()
		}
		if e.Kind() == reflect.Struct && !isScalarStruct(e) {
			return e, nil
		}
	}
	return nil, fmt.Errorf("SQL datasets load and save []T with T a struct, or []map[string]any, not %s", t)
}

// scanMaps reads every row as column name -> value, each value as the
// driver gives it (int64, float64, string, bool, time.Time, []byte, nil).
func scanMaps(rows *dbsql.Rows) ([]map[string]any, error) {
	cols, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	vals := make([]any, len(cols))
	dests := make([]any, len(cols))
	for i := range vals {
		dests[i] = &vals[i]
	}
	out := []map[string]any{}
	for rows.Next() {
		if err := rows.Scan(dests...); err != nil {
			return nil, err
		}
		m := make(map[string]any, len(cols))
		for i, c := range cols {
			m[c] = vals[i]
		}
		out = append(out, m)
	}
	return out, rows.Err()
}
