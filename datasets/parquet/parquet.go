package parquet

import (
	"errors"
	"fmt"
	"io"
	"os"
	"reflect"
	"sync"

	pq "github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/compress"

	"github.com/kedrogo/kedrogo/internal/catalog"
)

// TypeName is the catalog type this package provides; it also serves
// Kedro's name for it, pandas.ParquetDataset.
const TypeName = "parquet.ParquetDataset"

// Importing the package is what adds its types to a binary's catalogs
// (as database/sql drivers do): `import _ "github.com/kedrogo/kedrogo/datasets/parquet"`.
func init() {
	catalog.Provide(TypeName, Factory)
	catalog.Provide("pandas.ParquetDataset", Factory)
}

// rowCodec reads and writes []T for one registered T.
type rowCodec struct {
	read  func(f *os.File, size int64, dst any) error
	write func(w io.Writer, v any, opts []pq.WriterOption) error
}

var registry sync.Map // reflect.Type of []T -> rowCodec

// Register makes loads into []T and saves of []T use parquet-go's generic
// reader and writer. Call it at start-up, e.g. in main or an init function.
func Register[T any]() {
	registry.Store(reflect.TypeFor[[]T](), rowCodec{
		read: func(f *os.File, size int64, dst any) error {
			rows, err := pq.Read[T](f, size)
			if err != nil {
				return err
			}
			*dst.(*[]T) = rows
			return nil
		},
		write: func(w io.Writer, v any, opts []pq.WriterOption) error {
			return pq.Write(w, v.([]T), opts...)
		},
	})
}

// Factory builds a parquet.ParquetDataset from its catalog entry.
func Factory(cfg catalog.Config) (catalog.Dataset, error) {
	var spec struct {
		catalog.FileSpec `yaml:",inline"`
		LoadArgs         struct {
			Columns []string `yaml:"columns"`
		} `yaml:"load_args"`
		SaveArgs struct {
			Compression string `yaml:"compression"`
		} `yaml:"save_args"`
	}
	if err := cfg.DecodeArgs(&spec, kedroArgs); err != nil {
		return nil, err
	}
	codec, ok := compressions[spec.SaveArgs.Compression]
	if !ok {
		return nil, cfg.Errorf("save_args.compression '%s' is not one of snappy, gzip, zstd, lz4, none", spec.SaveArgs.Compression)
	}
	return catalog.NewFileDataset(cfg, parquetCodec{opts: []pq.WriterOption{pq.Compression(codec)}, columns: spec.LoadArgs.Columns})
}

// kedroArgs are pandas.read_parquet / DataFrame.to_parquet arguments
// Kedro's ParquetDataset passes on that mean nothing here: accepted with
// a warning (columns and compression take effect).
var kedroArgs = catalog.KedroArgs{
	Load: map[string]string{
		"engine":              "parquet-go reads every file",
		"filters":             "select rows in the node",
		"use_nullable_dtypes": "Go fields have fixed types",
		"dtype_backend":       "Go fields have fixed types",
		"storage_options":     "remote storage is configured elsewhere",
	},
	Save: map[string]string{
		"engine":          "parquet-go writes every file",
		"index":           "kedrogo rows have no index",
		"partition_cols":  "a ParquetDataset writes one file",
		"storage_options": "remote storage is configured elsewhere",
	},
}

var compressions = map[string]compress.Codec{
	"":       &pq.Snappy,
	"snappy": &pq.Snappy,
	"gzip":   &pq.Gzip,
	"zstd":   &pq.Zstd,
	"lz4":    &pq.Lz4Raw,
	"none":   &pq.Uncompressed,
}

type parquetCodec struct {
	opts    []pq.WriterOption
	columns []string // load_args.columns: read only these; nil = every column
}

// rowsType checks that t is []T with T a struct (or *T) and returns T.
func rowsType(t reflect.Type) (reflect.Type, error) {
	if t.Kind() == reflect.Slice {
		e := t.Elem()
		if e.Kind() == reflect.Pointer {
			e = e.Elem()
		}
		if e.Kind() == reflect.Struct {
			return e, nil
		}
	}
	return nil, fmt.Errorf("%s loads and saves []T with T a struct, not %s", TypeName, t)
}

// noPanic turns a parquet-go panic (it panics on some corrupt files and
// schema mismatches) into an error: bad data must not crash the run.
func noPanic(err *error) {
	if r := recover(); r != nil {
		*err = fmt.Errorf("parquet: %v", r)
	}
}

func (c parquetCodec) Decode(f *os.File, dst any) (err error) {
	defer noPanic(&err)
	dv := reflect.ValueOf(dst)
	if dv.Kind() != reflect.Pointer || dv.IsNil() {
		return fmt.Errorf("load destination must be a non-nil pointer, got %T", dst)
	}
	fi, err := f.Stat()
	if err != nil {
		return err
	}
	st := dv.Elem().Type()
	if rc, ok := registry.Load(st); ok && c.columns == nil {
		return rc.(rowCodec).read(f, fi.Size(), dst)
	}
	elem, err := rowsType(st)
	if err != nil {
		return err
	}
	file, err := pq.OpenFile(f, fi.Size())
	if err != nil {
		return err
	}
	if c.columns != nil {
		return readColumns(file, elem, st, c.columns, dv.Elem())
	}
	r := pq.NewReader(file, pq.SchemaOf(reflect.New(elem).Interface()))
	defer r.Close()
	n := int(r.NumRows())
	out := reflect.MakeSlice(st, n, n)
	for i := 0; i < n; i++ {
		row := out.Index(i)
		if st.Elem().Kind() == reflect.Pointer {
			row.Set(reflect.New(elem))
			row = row.Elem()
		}
		if err := r.Read(row.Addr().Interface()); err != nil {
			if errors.Is(err, io.EOF) {
				out = out.Slice(0, i)
				break
			}
			return err
		}
	}
	dv.Elem().Set(out)
	return nil
}

func (c parquetCodec) Encode(w io.Writer, v any) (err error) {
	defer noPanic(&err)
	st := reflect.TypeOf(v)
	if st == nil {
		return fmt.Errorf("%s cannot save nil", TypeName)
	}
	if rc, ok := registry.Load(st); ok {
		return rc.(rowCodec).write(w, v, c.opts)
	}
	elem, err := rowsType(st)
	if err != nil {
		return err
	}
	opts := append([]pq.WriterOption{pq.SchemaOf(reflect.New(elem).Interface())}, c.opts...)
	pw := pq.NewWriter(w, opts...)
	sv := reflect.ValueOf(v)
	for i := 0; i < sv.Len(); i++ {
		row := sv.Index(i)
		if row.Kind() == reflect.Pointer {
			if row.IsNil() {
				return fmt.Errorf("row %d is nil", i)
			}
			row = row.Elem()
		}
		if err := pw.Write(row.Addr().Interface()); err != nil {
			return err
		}
	}
	return pw.Close()
}
