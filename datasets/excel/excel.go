package excel

import (
	"fmt"
	"io"
	"os"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/kedrogo/kedrogo/internal/catalog"
)

// TypeName is the catalog type this package provides.
const TypeName = "pandas.ExcelDataset"

// Types maps this package's type name to its factory, for catalog.Options
// or kedrogo.WithDatasetType.
func Types() map[string]catalog.Factory { return map[string]catalog.Factory{TypeName: Factory} }

// Importing the package adds its type to every catalog of the binary (as
// database/sql drivers do): `import _ "github.com/kedrogo/kedrogo/datasets/excel"`.
func init() { catalog.Provide(TypeName, Factory) }

// sheetRef is load_args.sheet_name: a name, an index (pandas' default 0),
// or null for every sheet.
type sheetRef struct {
	all   bool
	name  string
	index int
}

type codec struct {
	load      sheetRef
	header    int  // the header row, counted from 0 after skiprows
	noHeader  bool // header: null
	skipRows  int
	nRows     int // 0 = all
	names     []string
	useCols   []string
	saveSheet string
	saveHead  bool
}

// excelKedroArgs are pandas' read_excel / to_excel arguments that mean
// nothing for Go rows: accepted with a one-time warning.
var excelKedroArgs = catalog.KedroArgs{
	Load: map[string]string{
		"engine":      "excelize reads every .xlsx file",
		"index_col":   "Go rows have no index; every column is a field",
		"dtype":       "the row type's fields decide how cells parse",
		"na_values":   "an empty cell is a missing value (nil for a pointer field)",
		"parse_dates": "a time.Time field parses RFC 3339 cells",
		"converters":  "Python callables",
	},
	Save: map[string]string{
		"index":        "Go rows have no index",
		"index_label":  "Go rows have no index",
		"engine":       "excelize writes the workbook",
		"writer":       "excelize writes the workbook",
		"float_format": "numbers are stored as numbers",
		"na_rep":       "a nil pointer is an empty cell",
	},
}

// Factory builds a pandas.ExcelDataset from its catalog entry.
func Factory(cfg catalog.Config) (catalog.Dataset, error) {
	var spec struct {
		catalog.FileSpec `yaml:",inline"`
		LoadArgs         struct {
			SheetName any      `yaml:"sheet_name"`
			Header    any      `yaml:"header"`
			Names     []string `yaml:"names"`
			UseCols   []string `yaml:"usecols"`
			SkipRows  int      `yaml:"skiprows"`
			NRows     int      `yaml:"nrows"`
		} `yaml:"load_args"`
		SaveArgs struct {
			SheetName string `yaml:"sheet_name"`
			Header    *bool  `yaml:"header"`
		} `yaml:"save_args"`
	}
	if err := cfg.DecodeArgs(&spec, excelKedroArgs); err != nil {
		return nil, err
	}
	la := spec.LoadArgs
	c := codec{skipRows: la.SkipRows, nRows: la.NRows, names: la.Names, useCols: la.UseCols,
		saveSheet: spec.SaveArgs.SheetName, saveHead: spec.SaveArgs.Header == nil || *spec.SaveArgs.Header}
	if c.saveSheet == "" {
		c.saveSheet = "Sheet1" // pandas' default
	}
	switch s := la.SheetName.(type) {
	case nil:
		if cfg.LoadArgs != nil && hasKey(cfg.LoadArgs, "sheet_name") {
			c.load.all = true // sheet_name: null, every sheet
		}
	case string:
		c.load.name = s
	case int:
		c.load.index = s
	default:
		return nil, cfg.Errorf("load_args.sheet_name must be a sheet name, an index (0 = the first) or null (every sheet), not %v", s)
	}
	switch h := la.Header.(type) {
	case nil:
		c.noHeader = cfg.LoadArgs != nil && hasKey(cfg.LoadArgs, "header")
	case int:
		c.header = h
	default:
		return nil, cfg.Errorf("load_args.header must be a row number (0 = the first) or null (no header), not %v", h)
	}
	if c.skipRows < 0 || c.nRows < 0 || c.header < 0 {
		return nil, cfg.Errorf("load_args skiprows, nrows and header must not be negative")
	}
	return catalog.NewFileDataset(cfg, c)
}

func hasKey(m map[string]any, k string) bool { _, ok := m[k]; return ok }

// Decode reads one sheet into dst ([]T, []*T, [][]string), or with
// sheet_name: null every sheet into a map[string]X of them.
func (c codec) Decode(f *os.File, dst any) error {
	wb, err := excelize.OpenReader(f, excelize.Options{RawCellValue: true})
	if err != nil {
		return fmt.Errorf("not an .xlsx workbook: %w", err)
	}
	defer wb.Close()
	sheets := wb.GetSheetList()
	if !c.load.all {
		name, err := c.pick(sheets)
		if err != nil {
			return err
		}
		return c.decodeSheet(wb, name, dst)
	}
	dv := reflect.ValueOf(dst)
	if dv.Kind() != reflect.Pointer || dv.Elem().Kind() != reflect.Map || dv.Elem().Type().Key().Kind() != reflect.String {
		return fmt.Errorf("sheet_name: null loads every sheet into a map[string]X (sheet name -> rows), not %T", dst)
	}
	m := reflect.MakeMapWithSize(dv.Elem().Type(), len(sheets))
	for _, name := range sheets {
		v := reflect.New(dv.Elem().Type().Elem())
		if err := c.decodeSheet(wb, name, v.Interface()); err != nil {
			return err
		}
		m.SetMapIndex(reflect.ValueOf(name), v.Elem())
	}
	dv.Elem().Set(m)
	return nil
}

// pick finds the load sheet by name or index; a missing one is an error
// listing the workbook's sheets.
func (c codec) pick(sheets []string) (string, error) {
	if c.load.name != "" {
		if slices.Contains(sheets, c.load.name) {
			return c.load.name, nil
		}
		return "", fmt.Errorf("worksheet named '%s' not found; the workbook has %s (fix load_args.sheet_name)", c.load.name, quoted(sheets))
	}
	if c.load.index >= len(sheets) {
		return "", fmt.Errorf("worksheet index %d is out of range: the workbook has %d sheet(s), %s", c.load.index, len(sheets), quoted(sheets))
	}
	return sheets[c.load.index], nil
}

func quoted(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = "'" + n + "'"
	}
	return strings.Join(q, ", ")
}

func (c codec) decodeSheet(wb *excelize.File, sheet string, dst any) error {
	rows, err := wb.GetRows(sheet)
	if err != nil {
		return fmt.Errorf("sheet '%s': %w", sheet, err)
	}
	rows = rows[min(c.skipRows, len(rows)):]
	header := !c.noHeader
	if header {
		rows = rows[min(c.header, len(rows)):]
	}
	if len(c.names) > 0 {
		if header && len(rows) > 0 {
			rows[0] = c.names // pandas: names replace the header row
		} else {
			rows, header = append([][]string{c.names}, rows...), true
		}
	}
	if len(c.useCols) > 0 {
		if rows, err = selectColumns(rows, header, c.useCols); err != nil {
			return fmt.Errorf("sheet '%s': %w", sheet, err)
		}
	}
	if c.nRows > 0 {
		first := 0
		if header {
			first = 1
		}
		rows = rows[:min(len(rows), first+c.nRows)]
	}
	if err := catalog.DecodeRows(rows, header, dst); err != nil {
		return fmt.Errorf("sheet '%s': %w", sheet, err)
	}
	return nil
}

// selectColumns keeps the usecols columns (header names, or spreadsheet
// letters A, B, … without a header), in the sheet's order.
func selectColumns(rows [][]string, header bool, use []string) ([][]string, error) {
	var keep []int
	for _, u := range use {
		i := -1
		if header && len(rows) > 0 {
			i = slices.Index(rows[0], u)
		} else if n, err := excelize.ColumnNameToNumber(u); err == nil {
			i = n - 1
		}
		if i < 0 {
			return nil, fmt.Errorf("load_args.usecols: no column '%s'", u)
		}
		keep = append(keep, i)
	}
	sort.Ints(keep)
	out := make([][]string, len(rows))
	for r, row := range rows {
		out[r] = make([]string, len(keep))
		for j, i := range keep {
			if i < len(row) {
				out[r][j] = row[i]
			}
		}
	}
	return out, nil
}

// Encode writes []T, []*T or [][]string to one sheet, or a map of them
// (sheet name -> rows) to several.
func (c codec) Encode(w io.Writer, v any) error {
	wb := excelize.NewFile()
	defer wb.Close()
	sheets := map[string]any{c.saveSheet: v}
	if rv := reflect.ValueOf(v); rv.Kind() == reflect.Map && rv.Type().Key().Kind() == reflect.String {
		sheets = map[string]any{}
		for _, k := range rv.MapKeys() {
			sheets[k.String()] = rv.MapIndex(k).Interface()
		}
		if len(sheets) == 0 {
			return fmt.Errorf("cannot save a workbook with no sheets")
		}
	}
	names := make([]string, 0, len(sheets))
	for n := range sheets {
		names = append(names, n)
	}
	sort.Strings(names)
	for i, name := range names {
		if i == 0 {
			if err := wb.SetSheetName("Sheet1", name); err != nil {
				return err
			}
		} else if _, err := wb.NewSheet(name); err != nil {
			return fmt.Errorf("sheet '%s': %w", name, err)
		}
		if err := c.writeSheet(wb, name, sheets[name]); err != nil {
			return fmt.Errorf("sheet '%s': %w", name, err)
		}
	}
	return wb.Write(w)
}

func (c codec) writeSheet(wb *excelize.File, sheet string, v any) error {
	var rows [][]any
	if cells, ok := v.([][]string); ok {
		for _, r := range cells {
			row := make([]any, len(r))
			for i, s := range r {
				row[i] = s
			}
			rows = append(rows, row)
		}
	} else {
		cols, values, err := catalog.RowValues(v)
		if err != nil {
			return fmt.Errorf("%s saves []T, []*T, [][]string or a map of them by sheet name: %w", TypeName, err)
		}
		if c.saveHead {
			head := make([]any, len(cols))
			for i, col := range cols {
				head[i] = col
			}
			rows = append(rows, head)
		}
		rows = append(rows, values...)
	}
	sw, err := wb.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	for i, row := range rows {
		if err := sw.SetRow("A"+strconv.Itoa(i+1), row); err != nil {
			return err
		}
	}
	return sw.Flush()
}
