package catalog

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"reflect"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// csvCodec reads and writes CSV as [][]string (every record, the header
// row included) or as []T / []*T (columns matched to fields by header name
// or `csv:"name"` tag; by position when header is false).
type csvCodec struct {
	load                   csvLoadArgs
	save                   csvSaveArgs
	loadHeader, saveHeader bool
}

type csvLoadArgs struct {
	Sep              string    `yaml:"sep"`
	Header           csvHeader `yaml:"header"`
	Comment          string    `yaml:"comment"`
	LazyQuotes       bool      `yaml:"lazy_quotes"`
	TrimLeadingSpace bool      `yaml:"trim_leading_space"`
}

type csvSaveArgs struct {
	Sep     string    `yaml:"sep"`
	Header  csvHeader `yaml:"header"`
	UseCRLF bool      `yaml:"use_crlf"`
	// Quoting is "minimal" (quote only fields that need it, the default)
	// or "all"; pandas' numbers 0 and 1 mean the same.
	Quoting string `yaml:"quoting"`
	// Index is accepted for pandas catalogs; kedrogo never writes an index.
	Index *bool `yaml:"index"`
}

// csvHeader says whether the first row names the columns: true unless
// set false; pandas spellings are accepted: header: 0 or "infer" (a header
// row), header: null (none). It is a yaml.Node because yaml.v3 does not
// call UnmarshalYAML for an explicit null.
type csvHeader = yaml.Node

func headerAbsent(cfg Config, key string, n *csvHeader) (bool, error) {
	switch {
	case n.Kind == 0:
		return false, nil
	case n.Tag == "!!null":
		return true, nil
	case n.Tag == "!!int" && n.Value == "0", n.Value == "infer":
		return false, nil
	}
	var b bool
	if err := n.Decode(&b); err != nil {
		return false, &ConfigError{File: cfg.File, Line: n.Line, Dataset: cfg.Name,
			Msg: cfg.what() + ": " + key + " must be true, false, 0 or null, not " + n.Value}
	}
	return !b, nil
}

// csvKedroArgs are the pandas read_csv / to_csv arguments Kedro's
// pandas.CSVDataset passes on that mean nothing for Go rows; a catalog may
// keep them (with a one-time warning).
var csvKedroArgs = KedroArgs{
	Load: map[string]string{
		"index_col":             "kedrogo rows have no index; every column is a field",
		"chunksize":             "kedrogo reads the whole file into the node's slice",
		"dtype":                 "the node's field types decide how cells parse",
		"parse_dates":           "a time.Time field (or encoding.TextUnmarshaler) parses its cells",
		"engine":                "encoding/csv is the only parser",
		"low_memory":            "encoding/csv streams rows",
		"memory_map":            "encoding/csv streams rows",
		"converters":            "Python callables",
		"dtype_backend":         "no pandas dtypes in Go",
		"float_precision":       "strconv.ParseFloat is exact",
		"storage_options":       "remote storage is configured with credentials and fs_args",
		"on_bad_lines":          "a malformed row is an error naming its record",
		"keep_default_na":       "only na_values are missing values",
		"date_format":           "a time.Time field parses RFC 3339",
		"dayfirst":              "a time.Time field parses RFC 3339",
		"cache_dates":           "no effect in Go",
		"infer_datetime_format": "no effect in Go",
		"verbose":               "no effect in Go",
		"iterator":              "kedrogo reads the whole file",
	},
	Save: map[string]string{
		"date_format":     "time.Time fields are written with their MarshalText (RFC 3339)",
		"float_format":    "floats are written with strconv's shortest exact form",
		"mode":            "saves replace the file atomically",
		"chunksize":       "rows are streamed to the file",
		"storage_options": "remote storage is configured with credentials and fs_args",
		"index_label":     "kedrogo writes no index column",
		"errors":          "files are written as UTF-8",
	},
}

func newCSVDataset(cfg Config) (Dataset, error) {
	var spec struct {
		FileSpec `yaml:",inline"`
		LoadArgs csvLoadArgs `yaml:"load_args"`
		SaveArgs csvSaveArgs `yaml:"save_args"`
	}
	if err := cfg.DecodeArgs(&spec, csvKedroArgs); err != nil {
		return nil, err
	}
	for _, r := range []struct{ key, v string }{{"load_args.sep", spec.LoadArgs.Sep}, {"save_args.sep", spec.SaveArgs.Sep}, {"load_args.comment", spec.LoadArgs.Comment}} {
		if r.v != "" && utf8.RuneCountInString(r.v) != 1 {
			return nil, cfg.Errorf("%s must be a single character, got %q", r.key, r.v)
		}
	}
	switch spec.SaveArgs.Quoting {
	case "", "0", "minimal":
		spec.SaveArgs.Quoting = ""
	case "1", "all":
		spec.SaveArgs.Quoting = "all"
	default:
		return nil, cfg.Errorf("save_args.quoting must be minimal (0) or all (1), not %q", spec.SaveArgs.Quoting)
	}
	if spec.SaveArgs.Index != nil && *spec.SaveArgs.Index {
		return nil, cfg.Errorf("save_args.index: true is not supported: kedrogo writes no index column (use index: false or drop it)")
	}
	noLoadHeader, err := headerAbsent(cfg, "load_args.header", &spec.LoadArgs.Header)
	if err != nil {
		return nil, err
	}
	noSaveHeader, err := headerAbsent(cfg, "save_args.header", &spec.SaveArgs.Header)
	if err != nil {
		return nil, err
	}
	return NewFileDataset(cfg, csvCodec{load: spec.LoadArgs, save: spec.SaveArgs, loadHeader: !noLoadHeader, saveHeader: !noSaveHeader})
}

func firstRune(s string, def rune) rune {
	if s == "" {
		return def
	}
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

func (c csvCodec) reader(r io.Reader) *csv.Reader {
	cr := csv.NewReader(bufio.NewReaderSize(r, 256<<10))
	cr.Comma = firstRune(c.load.Sep, ',')
	cr.Comment = firstRune(c.load.Comment, 0)
	cr.LazyQuotes = c.load.LazyQuotes
	cr.TrimLeadingSpace = c.load.TrimLeadingSpace
	cr.FieldsPerRecord = -1
	return cr
}

func (c csvCodec) Decode(f *os.File, dst any) error {
	switch p := dst.(type) {
	case *[][]string:
		rows, err := c.reader(f).ReadAll()
		*p = rows
		return err
	case *any:
		rows, err := c.reader(f).ReadAll()
		*p = rows
		return err
	}
	dv := reflect.ValueOf(dst)
	if dv.Kind() != reflect.Pointer || dv.IsNil() {
		return fmt.Errorf("load destination must be a non-nil pointer, got %T", dst)
	}
	rt, err := rowType(dv.Elem().Type())
	if err != nil {
		return err
	}
	return readRows(c.reader(f), c.loadHeader, dv.Elem(), rt)
}

// recordWriter is what both CSV writers offer.
type recordWriter interface {
	Write(record []string) error
	Flush()
	Error() error
}

func (c csvCodec) Encode(w io.Writer, v any) error {
	comma := firstRune(c.save.Sep, ',')
	var rw recordWriter
	if c.save.Quoting == "all" {
		rw = &quoteAllWriter{w: w, comma: comma, crlf: c.save.UseCRLF}
	} else {
		cw := csv.NewWriter(w)
		cw.Comma, cw.UseCRLF = comma, c.save.UseCRLF
		rw = cw
	}
	if rows, ok := v.([][]string); ok {
		for _, r := range rows {
			if err := rw.Write(r); err != nil {
				return err
			}
		}
	} else {
		sv := reflect.ValueOf(v)
		if !sv.IsValid() {
			return fmt.Errorf("CSV datasets cannot save nil")
		}
		rt, err := rowType(sv.Type())
		if err != nil {
			return err
		}
		if err := writeRows(rw, c.saveHeader, sv, rt); err != nil {
			return err
		}
	}
	rw.Flush()
	return rw.Error()
}

// quoteAllWriter writes every field quoted (pandas' QUOTE_ALL), which
// encoding/csv cannot do.
type quoteAllWriter struct {
	w     io.Writer
	comma rune
	crlf  bool
	buf   []byte
	err   error
}

func (q *quoteAllWriter) Write(record []string) error {
	if q.err != nil {
		return q.err
	}
	b := q.buf[:0]
	for i, f := range record {
		if i > 0 {
			b = utf8.AppendRune(b, q.comma)
		}
		b = append(b, '"')
		for j := 0; j < len(f); j++ {
			if f[j] == '"' {
				b = append(b, '"')
			}
			b = append(b, f[j])
		}
		b = append(b, '"')
	}
	if q.crlf {
		b = append(b, '\r')
	}
	b = append(b, '\n')
	q.buf = b
	_, q.err = q.w.Write(b)
	return q.err
}

func (q *quoteAllWriter) Flush()       {}
func (q *quoteAllWriter) Error() error { return q.err }
