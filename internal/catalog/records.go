package catalog

import (
	"fmt"
	"reflect"
	"time"
)

// DecodeRows fills dst from a table of cells, for table formats other
// than CSV (Excel): *[][]string and *any take the cells as they are;
// *[]T and *[]*T map columns to fields exactly as csv.CSVDataset does (a
// `csv:"name"` tag or the field name, case and '_' folded; with header the
// first record names the columns, else fields take columns in order).
func DecodeRows(records [][]string, header bool, dst any) error {
	switch p := dst.(type) {
	case *[][]string:
		*p = records
		return nil
	case *any:
		*p = records
		return nil
	}
	dv := reflect.ValueOf(dst)
	if dv.Kind() != reflect.Pointer || dv.IsNil() {
		return fmt.Errorf("load destination must be a non-nil pointer, got %T", dst)
	}
	rt, err := rowType(dv.Elem().Type())
	if err != nil {
		return err
	}
	cols := make([]int, len(rt.fields))
	for i := range cols {
		cols[i] = i
	}
	line := 0
	if header && len(records) > 0 {
		if cols, err = matchColumns(records[0], rt); err != nil {
			return err
		}
		records, line = records[1:], 1
	}
	out := reflect.MakeSlice(rt.slice, len(records), len(records))
	for n, rec := range records {
		row := out.Index(n)
		if rt.ptr {
			row.Set(reflect.New(rt.elem))
			row = row.Elem()
		}
		for i, f := range rt.fields {
			cell := ""
			if cols[i] < len(rec) {
				cell = rec[cols[i]] // spreadsheets drop trailing empty cells
			}
			if err := f.parse(row.FieldByIndex(f.index), cell); err != nil {
				return fmt.Errorf("row %d, column %s: %v", n+line+1, f.name, err)
			}
		}
	}
	dv.Elem().Set(out)
	return nil
}

// RowValues is the other way, for a writer of typed cells: the column
// names of []T or []*T (as DecodeRows reads them) and each row's values,
// numbers and bools as themselves, nil pointers as nil, and everything
// else (times, TextMarshalers) as the text CSV would hold.
func RowValues(v any) (columns []string, rows [][]any, err error) {
	sv := reflect.ValueOf(v)
	if !sv.IsValid() {
		return nil, nil, fmt.Errorf("cannot save nil")
	}
	rt, err := rowType(sv.Type())
	if err != nil {
		return nil, nil, err
	}
	for _, f := range rt.fields {
		columns = append(columns, f.name)
	}
	rows = make([][]any, sv.Len())
	for n := range rows {
		row := sv.Index(n)
		if rt.ptr {
			if row.IsNil() {
				return nil, nil, fmt.Errorf("row %d is nil", n+1)
			}
			row = row.Elem()
		}
		rows[n] = make([]any, len(rt.fields))
		for i, f := range rt.fields {
			fv := row.FieldByIndex(f.index)
			if fv.Kind() == reflect.Pointer {
				if fv.IsNil() {
					continue
				}
				fv = fv.Elem()
			}
			if cell, ok := nativeCell(fv); ok {
				rows[n][i] = cell
				continue
			}
			s, err := f.format(row.FieldByIndex(f.index))
			if err != nil {
				return nil, nil, fmt.Errorf("row %d, field %s: %v", n+1, f.name, err)
			}
			rows[n][i] = s
		}
	}
	return columns, rows, nil
}

// nativeCell returns v as a plain bool, int64, uint64, float64 or string
// when it is of a basic kind (named types included).
func nativeCell(v reflect.Value) (any, bool) {
	if v.Type() == reflect.TypeFor[time.Time]() || v.Type().Implements(textMarshalerType) {
		return nil, false
	}
	switch v.Kind() {
	case reflect.Bool:
		return v.Bool(), true
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return v.Int(), true
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return v.Uint(), true
	case reflect.Float32, reflect.Float64:
		return v.Float(), true
	case reflect.String:
		return v.String(), true
	}
	return nil, false
}
