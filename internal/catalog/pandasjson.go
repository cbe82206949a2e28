package catalog

import (
	"bufio"
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// pandasJSONCodec is pandas.JSONDataset: a table of rows ([]T, []*T or
// []map[string]any) as pandas' to_json writes it. orient records (the
// default here) is a JSON array of objects; lines: true writes one object
// per line (JSON Lines). Loading also reads orient columns (pandas'
// default: {"col": {"0": v, …}}), index and split.
type pandasJSONCodec struct {
	loadOrient, saveOrient string
	loadLines, saveLines   bool
	indent                 int
}

var pandasOrients = map[string]bool{"": true, "records": true, "columns": true, "index": true, "split": true}

// pandasJSONKedroArgs are pandas' read_json / to_json arguments that mean
// nothing for Go rows: accepted with a one-time warning.
var pandasJSONKedroArgs = KedroArgs{
	Load: map[string]string{
		"typ":                "rows always load as a table",
		"dtype":              "the row type's fields decide the types",
		"convert_dates":      "a time.Time field parses RFC 3339",
		"keep_default_dates": "a time.Time field parses RFC 3339",
		"precise_float":      "encoding/json parses floats exactly",
		"date_unit":          "a time.Time field parses RFC 3339",
		"encoding":           "files are read as UTF-8",
		"encoding_errors":    "files are read as UTF-8",
		"compression":        "files are read uncompressed",
		"nrows":              "every record loads",
	},
	Save: map[string]string{
		"date_format":      "time.Time fields are written as RFC 3339",
		"double_precision": "floats are written with their shortest exact form",
		"force_ascii":      "files are written as UTF-8",
		"date_unit":        "time.Time fields are written as RFC 3339",
		"default_handler":  "Python callables",
		"index":            "Go rows have no index",
		"compression":      "files are written uncompressed",
		"mode":             "saves replace the file atomically",
	},
}

func newPandasJSONDataset(cfg Config) (Dataset, error) {
	var spec struct {
		FileSpec `yaml:",inline"`
		LoadArgs struct {
			Orient string `yaml:"orient"`
			Lines  bool   `yaml:"lines"`
		} `yaml:"load_args"`
		SaveArgs struct {
			Orient string `yaml:"orient"`
			Lines  bool   `yaml:"lines"`
			Indent int    `yaml:"indent"`
		} `yaml:"save_args"`
	}
	if err := cfg.DecodeArgs(&spec, pandasJSONKedroArgs); err != nil {
		return nil, err
	}
	for _, o := range []struct{ where, orient string }{{"load_args", spec.LoadArgs.Orient}, {"save_args", spec.SaveArgs.Orient}} {
		if !pandasOrients[o.orient] {
			return nil, cfg.Errorf("%s.orient '%s': kedrogo reads and writes records, columns, index and split (rows need column names)", o.where, o.orient)
		}
	}
	if spec.SaveArgs.Lines && spec.SaveArgs.Orient != "" && spec.SaveArgs.Orient != "records" {
		return nil, cfg.Errorf("save_args.lines: true needs orient records (pandas' rule)")
	}
	return NewFileDataset(cfg, pandasJSONCodec{loadOrient: spec.LoadArgs.Orient, saveOrient: spec.SaveArgs.Orient,
		loadLines: spec.LoadArgs.Lines, saveLines: spec.SaveArgs.Lines, indent: spec.SaveArgs.Indent})
}

func (c pandasJSONCodec) Decode(f *os.File, dst any) error {
	r := bufio.NewReaderSize(f, 64<<10)
	if c.loadLines {
		return decodeLines(r, dst)
	}
	data, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	orient := c.loadOrient
	if orient == "" { // pandas' read_json takes both without being told
		if t := bytes.TrimLeft(data, " \t\r\n"); len(t) > 0 && t[0] == '[' {
			orient = "records"
		} else {
			orient = "columns"
		}
	}
	if orient == "records" {
		return json.Unmarshal(data, dst)
	}
	records, err := recordsFrom(orient, data)
	if err != nil {
		return err
	}
	// Through JSON again, so []T decodes with encoding/json's rules.
	b, err := json.Marshal(records)
	if err != nil {
		return err
	}
	return json.Unmarshal(b, dst)
}

// decodeLines reads one JSON object per line into a slice.
func decodeLines(r io.Reader, dst any) error {
	dv := reflect.ValueOf(dst)
	if dv.Kind() != reflect.Pointer || dv.IsNil() {
		return fmt.Errorf("load destination must be a non-nil pointer, got %T", dst)
	}
	st := dv.Elem().Type()
	if st.Kind() == reflect.Interface {
		st = reflect.TypeFor[[]map[string]any]()
	}
	if st.Kind() != reflect.Slice {
		return fmt.Errorf("JSON lines load into a slice ([]T or []map[string]any), not %s", dv.Elem().Type())
	}
	out := reflect.MakeSlice(st, 0, 64)
	dec := json.NewDecoder(r)
	for line := 1; dec.More(); line++ {
		e := reflect.New(st.Elem())
		if err := dec.Decode(e.Interface()); err != nil {
			return fmt.Errorf("record %d: %w", line, err)
		}
		out = reflect.Append(out, e.Elem())
	}
	dv.Elem().Set(out)
	return nil
}

// recordsFrom turns pandas' columns, index and split orients into rows.
func recordsFrom(orient string, data []byte) ([]map[string]any, error) {
	switch orient {
	case "split":
		var s struct {
			Columns []string `json:"columns"`
			Data    [][]any  `json:"data"`
		}
		if err := json.Unmarshal(data, &s); err != nil {
			return nil, fmt.Errorf("orient split: %w", err)
		}
		rows := make([]map[string]any, len(s.Data))
		for i, d := range s.Data {
			if len(d) != len(s.Columns) {
				return nil, fmt.Errorf("orient split: row %d has %d values for %d columns", i+1, len(d), len(s.Columns))
			}
			rows[i] = map[string]any{}
			for j, col := range s.Columns {
				rows[i][col] = d[j]
			}
		}
		return rows, nil
	case "columns", "index":
		var m map[string]map[string]any
		if err := json.Unmarshal(data, &m); err != nil {
			return nil, fmt.Errorf("orient %s: %w", orient, err)
		}
		byIndex := map[string]map[string]any{}
		for outer, inner := range m {
			for k, v := range inner {
				idx, col := k, outer
				if orient == "index" {
					idx, col = outer, k
				}
				if byIndex[idx] == nil {
					byIndex[idx] = map[string]any{}
				}
				byIndex[idx][col] = v
			}
		}
		keys := make([]string, 0, len(byIndex))
		for k := range byIndex {
			keys = append(keys, k)
		}
		sortIndex(keys)
		rows := make([]map[string]any, len(keys))
		for i, k := range keys {
			rows[i] = byIndex[k]
		}
		return rows, nil
	}
	return nil, fmt.Errorf("orient '%s' is not supported", orient)
}

// sortIndex orders pandas index labels: numerically when all are
// integers (as to_json writes a default index), else as strings.
func sortIndex(keys []string) {
	nums := make(map[string]int64, len(keys))
	for _, k := range keys {
		n, err := strconv.ParseInt(k, 10, 64)
		if err != nil {
			sort.Strings(keys)
			return
		}
		nums[k] = n
	}
	slices.SortFunc(keys, func(a, b string) int { return cmp.Compare(nums[a], nums[b]) })
}

func (c pandasJSONCodec) Encode(w io.Writer, v any) error {
	if rv := reflect.ValueOf(v); !rv.IsValid() || rv.Kind() != reflect.Slice {
		return fmt.Errorf("pandas.JSONDataset saves rows ([]T or []map[string]any), not %T", v)
	}
	if c.saveLines {
		enc := json.NewEncoder(w)
		rv := reflect.ValueOf(v)
		for i := 0; i < rv.Len(); i++ {
			if err := enc.Encode(rv.Index(i).Interface()); err != nil {
				return err
			}
		}
		return nil
	}
	indent := strings.Repeat(" ", max(0, c.indent))
	var doc any = v
	if c.saveOrient != "" && c.saveOrient != "records" {
		rows, err := asRecords(v)
		if err != nil {
			return err
		}
		doc = orientDoc(c.saveOrient, rows)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", indent)
	return enc.Encode(doc)
}

// orientDoc lays rows out as pandas' columns, index or split orient, the
// index being 0..n-1.
func orientDoc(orient string, rows []map[string]any) any {
	cols := map[string]bool{}
	for _, r := range rows {
		for k := range r {
			cols[k] = true
		}
	}
	names := make([]string, 0, len(cols))
	for k := range cols {
		names = append(names, k)
	}
	sort.Strings(names)
	switch orient {
	case "split":
		data := make([][]any, len(rows))
		for i, r := range rows {
			for _, c := range names {
				data[i] = append(data[i], r[c])
			}
		}
		index := make([]int, len(rows))
		for i := range index {
			index[i] = i
		}
		return map[string]any{"columns": names, "index": index, "data": data}
	case "index":
		out := map[string]map[string]any{}
		for i, r := range rows {
			out[strconv.Itoa(i)] = r
		}
		return out
	}
	out := map[string]map[string]any{}
	for _, c := range names {
		out[c] = map[string]any{}
		for i, r := range rows {
			out[c][strconv.Itoa(i)] = r[c]
		}
	}
	return out
}
