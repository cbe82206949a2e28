package parquet

import (
	"errors"
	"fmt"
	"io"
	"maps"
	"reflect"
	"slices"
	"strings"

	pq "github.com/parquet-go/parquet-go"
)

// readColumns is a load with load_args.columns, as pandas'
// read_parquet(columns=...): only the named column chunks are read (a
// struct type made of T's fields for those columns is the read schema),
// and every other field of the rows is left zero. A named column missing
// from the file, or with no field in T, is an error.
func readColumns(file *pq.File, elem, sliceType reflect.Type, columns []string, dst reflect.Value) error {
	have := map[string]bool{}
	for _, f := range file.Schema().Fields() {
		have[f.Name()] = true
	}
	var fields []reflect.StructField
	var index []int // index in elem of each projected field
	for _, col := range columns {
		if !have[col] {
			return fmt.Errorf("load_args.columns: the file has no column '%s' (it has %s)", col, strings.Join(slices.Sorted(maps.Keys(have)), ", "))
		}
		i, ok := fieldFor(elem, col)
		if !ok {
			return fmt.Errorf("load_args.columns: %s has no field for column '%s' (name a field %s or tag one `parquet:\"%s\"`)", elem, col, col, col)
		}
		f := elem.Field(i)
		fields = append(fields, reflect.StructField{Name: f.Name, Type: f.Type, Tag: f.Tag})
		index = append(index, i)
	}
	proj := reflect.StructOf(fields)
	r := pq.NewReader(file, pq.SchemaOf(reflect.New(proj).Interface()))
	defer r.Close()
	n := int(r.NumRows())
	out := reflect.MakeSlice(sliceType, n, n)
	row := reflect.New(proj)
	for i := 0; i < n; i++ {
		row.Elem().SetZero()
		if err := r.Read(row.Interface()); err != nil {
			if errors.Is(err, io.EOF) {
				out = out.Slice(0, i)
				break
			}
			return err
		}
		target := out.Index(i)
		if sliceType.Elem().Kind() == reflect.Pointer {
			target.Set(reflect.New(elem))
			target = target.Elem()
		}
		for k, fi := range index {
			target.Field(fi).Set(row.Elem().Field(k))
		}
	}
	dst.Set(out)
	return nil
}

// fieldFor finds the exported field of t that parquet-go maps to column:
// its `parquet:"name"` tag, else its Go name.
func fieldFor(t reflect.Type, column string) (int, bool) {
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("parquet"), ",")
		if name == "-" {
			continue
		}
		if name == "" {
			name = f.Name
		}
		if name == column {
			return i, true
		}
	}
	return 0, false
}
