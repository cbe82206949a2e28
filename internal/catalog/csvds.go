package catalog

import (
	"bufio"

	"encoding/csv"
	"fmt"
	"golang.org/x/text/encoding"
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
	rows                   csvRowArgs
	loadEnc, saveEnc       encoding.Encoding
	saveDecimal            byte
}

type csvLoadArgs struct {
	Sep              string    `yaml:"sep"`
	Header           csvHeader `yaml:"header"`
	Comment          string    `yaml:"comment"`
	LazyQuotes       bool      `yaml:"lazy_quotes"`
	TrimLeadingSpace bool      `yaml:"trim_leading_space"`
	// pandas' read_csv arguments that take effect.
	SkipInitialSpace bool     `yaml:"skipinitialspace"`
	Names            []string `yaml:"names"`
	UseCols          []string `yaml:"usecols"`
	SkipRows         any      `yaml:"skiprows"`
	NRows            int      `yaml:"nrows"`
	NAValues         any      `yaml:"na_values"`
	Decimal          string   `yaml:"decimal"`
	Encoding         string   `yaml:"encoding"`
}

type csvSaveArgs struct {
	Sep     string    `yaml:"sep"`
	Header  csvHeader `yaml:"header"`
	UseCRLF bool      `yaml:"use_crlf"`
	// Quoting is "minimal" (quote only fields that need it, the default)
	// or "all"; pandas' numbers 0 and 1 mean the same.
	Quoting string `yaml:"quoting"`
	// Index is accepted for pandas catalogs; kedrogo never writes an index.
	Index    *bool  `yaml:"index"`
	Encoding string `yaml:"encoding"`
	Decimal  string `yaml:"decimal"`
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
		"na_rep":          "a nil pointer field is written as an empty cell",
		"columns":         "the row type's fields are the columns",
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
	codec := csvCodec{load: spec.LoadArgs, save: spec.SaveArgs, loadHeader: !noLoadHeader, saveHeader: !noSaveHeader}
	if codec.rows, err = parseRowArgs(cfg, spec.LoadArgs, codec.loadHeader, spec.LoadArgs.Header.Kind != 0); err != nil {
		return nil, err
	}
	if codec.loadEnc, err = csvEncoding(spec.LoadArgs.Encoding); err != nil {
		return nil, cfg.Errorf("load_args.%v", err)
	}
	if codec.saveEnc, err = csvEncoding(spec.SaveArgs.Encoding); err != nil {
		return nil, cfg.Errorf("save_args.%v", err)
	}
	switch d := spec.SaveArgs.Decimal; {
	case d == "" || d == ".":
	case len(d) == 1:
		codec.saveDecimal = d[0]
	default:
		return nil, cfg.Errorf("save_args.decimal must be one character, got %q", d)
	}
	return NewFileDataset(cfg, codec)
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
	cr.TrimLeadingSpace = c.load.TrimLeadingSpace || c.load.SkipInitialSpace
	cr.FieldsPerRecord = -1
	return cr
}

func (c csvCodec) Decode(f *os.File, dst any) error {
	switch p := dst.(type) {
	case *[][]string:
		rows, err := c.records(f)
		*p = rows
		return err
	case *any:
		rows, err := c.records(f)
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
	r := c.reader(decodeWith(c.loadEnc, f))
	r.ReuseRecord = true
	src := &csvSource{r: r, args: c.rows}
	head, err := src.header()
	if err == io.EOF {
		dv.Elem().Set(reflect.MakeSlice(rt.slice, 0, 0))
		return nil
	}
	if err != nil {
		return err
	}
	return readRows(src, head, dv.Elem(), rt, c.rows.decimal)
}

// records reads every record, the header row (or names) first.
func (c csvCodec) records(f *os.File) ([][]string, error) {
	src := &csvSource{r: c.reader(decodeWith(c.loadEnc, f)), args: c.rows}
	head, err := src.header()
	if err == io.EOF {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var rows [][]string
	if head != nil {
		rows = append(rows, head)
	}
	for {
		rec, err := src.Read()
		if err == io.EOF {
			return rows, nil
		}
		if err != nil {
			return rows, err
		}
		rows = append(rows, append([]string(nil), rec...))
	}
}

// recordWriter is what both CSV writers offer.
type recordWriter interface {
	Write(record []string) error
	Flush()
	Error() error
}

func (c csvCodec) Encode(w io.Writer, v any) error {
	w = encodeWith(c.saveEnc, w)
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
		if err := writeRows(rw, c.saveHeader, sv, rt, c.saveDecimal); err != nil {
			return err
		}
	}
	rw.Flush()
	if err := rw.Error(); err != nil {
		return err
	}
	if c.saveEnc != nil { // the encoder holds the last bytes
		return w.(io.Closer).Close()
	}
	return nil
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
