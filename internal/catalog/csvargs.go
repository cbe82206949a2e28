package catalog

import (
	"encoding/csv"
	"fmt"
	"io"
	"strings"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/transform"
)

// csvEncoding returns the text encoding pandas' encoding argument names;
// nil is UTF-8 (read and written as is).
func csvEncoding(name string) (encoding.Encoding, error) {
	switch strings.ReplaceAll(strings.ToLower(name), "_", "-") {
	case "", "utf-8", "utf8", "utf-8-sig", "ascii", "us-ascii":
		return nil, nil
	case "latin-1", "latin1", "iso-8859-1", "iso8859-1", "l1":
		return charmap.ISO8859_1, nil
	case "iso-8859-15", "latin-9", "latin9":
		return charmap.ISO8859_15, nil
	case "cp1252", "windows-1252":
		return charmap.Windows1252, nil
	}
	return nil, fmt.Errorf("encoding %q is not supported; use utf-8, utf-8-sig, latin-1 (iso-8859-1), iso-8859-15 or cp1252", name)
}

func decodeWith(enc encoding.Encoding, r io.Reader) io.Reader {
	if enc == nil {
		return r
	}
	return transform.NewReader(r, enc.NewDecoder())
}

func encodeWith(enc encoding.Encoding, w io.Writer) io.Writer {
	if enc == nil {
		return w
	}
	return transform.NewWriter(w, enc.NewEncoder())
}

// csvRowArgs are the pandas read_csv arguments that shape the records:
// names, usecols, skiprows, nrows, na_values, decimal.
type csvRowArgs struct {
	names    []string
	usecols  []string
	skipN    int          // skiprows: N
	skipSet  map[int]bool // skiprows: [i, j]
	nrows    int          // 0 = all
	na       map[string]bool
	decimal  byte // 0 or '.' = none
	readHead bool // the file has a header row
}

// parseRowArgs checks the record-shaping load_args.
func parseRowArgs(cfg Config, a csvLoadArgs, header bool, headerSet bool) (csvRowArgs, error) {
	ra := csvRowArgs{names: a.Names, usecols: a.UseCols, nrows: a.NRows, readHead: header}
	if len(a.Names) > 0 && !headerSet {
		ra.readHead = false // pandas: names without header means the file has none
	}
	switch v := a.SkipRows.(type) {
	case nil:
	case int:
		ra.skipN = v
	case []any:
		ra.skipSet = map[int]bool{}
		for _, x := range v {
			i, ok := x.(int)
			if !ok {
				return ra, cfg.Errorf("load_args.skiprows must be a number of rows or a list of row numbers, not %v", a.SkipRows)
			}
			ra.skipSet[i] = true
		}
	default:
		return ra, cfg.Errorf("load_args.skiprows must be a number of rows or a list of row numbers, not %v", a.SkipRows)
	}
	switch v := a.NAValues.(type) {
	case nil:
	case string:
		ra.na = map[string]bool{v: true}
	case []any:
		ra.na = map[string]bool{}
		for _, x := range v {
			ra.na[fmt.Sprint(x)] = true
		}
	default:
		return ra, cfg.Errorf("load_args.na_values must be a string or a list of strings, not %v", a.NAValues)
	}
	switch a.Decimal {
	case "", ".":
	default:
		if len(a.Decimal) != 1 {
			return ra, cfg.Errorf("load_args.decimal must be one character, got %q", a.Decimal)
		}
		ra.decimal = a.Decimal[0]
	}
	if a.NRows < 0 {
		return ra, cfg.Errorf("load_args.nrows must not be negative")
	}
	return ra, nil
}

// csvSource reads records through the row arguments: rows skipped, the
// header given by names, columns picked by usecols, at most nrows.
type csvSource struct {
	r    *csv.Reader
	args csvRowArgs
	line int   // records read from the file
	data int   // data records returned
	pick []int // usecols' indices; nil = all columns
	buf  []string
}

// next returns the next record not skipped.
func (s *csvSource) next() ([]string, error) {
	for {
		rec, err := s.r.Read()
		if err != nil {
			return nil, err
		}
		s.line++
		if s.line <= s.args.skipN || s.args.skipSet[s.line-1] {
			continue
		}
		return rec, nil
	}
}

// header returns the column names, or nil when the file has none and no
// names are given.
func (s *csvSource) header() ([]string, error) {
	var head []string
	if s.args.readHead {
		rec, err := s.next()
		if err != nil {
			return nil, err
		}
		head = append([]string(nil), rec...)
	}
	if len(s.args.names) > 0 {
		head = s.args.names
	}
	if len(s.args.usecols) > 0 {
		if head == nil {
			return nil, fmt.Errorf("load_args.usecols names columns, but the file has no header row and no names are given")
		}
		for _, col := range s.args.usecols {
			i := indexOf(head, col)
			if i < 0 {
				return nil, fmt.Errorf("load_args.usecols: no column %q in [%s]", col, strings.Join(head, ", "))
			}
			s.pick = append(s.pick, i)
		}
		head = s.args.usecols
	}
	return head, nil
}

// Read returns the next data record, shaped.
func (s *csvSource) Read() ([]string, error) {
	if s.args.nrows > 0 && s.data >= s.args.nrows {
		return nil, io.EOF
	}
	rec, err := s.next()
	if err != nil {
		return nil, err
	}
	s.data++
	if s.pick != nil {
		s.buf = s.buf[:0]
		for _, i := range s.pick {
			if i < len(rec) {
				s.buf = append(s.buf, rec[i])
			} else {
				s.buf = append(s.buf, "")
			}
		}
		rec = s.buf
	}
	if s.args.na != nil {
		for i, v := range rec {
			if s.args.na[v] {
				rec[i] = ""
			}
		}
	}
	return rec, nil
}

func indexOf(list []string, s string) int {
	for i, v := range list {
		if strings.TrimPrefix(v, "\ufeff") == s {
			return i
		}
	}
	return -1
}

// withDecimal rewrites a float cell written with another decimal mark.
func withDecimal(s string, mark byte) string {
	if mark == 0 || strings.IndexByte(s, mark) < 0 {
		return s
	}
	return strings.ReplaceAll(strings.ReplaceAll(s, ".", ""), string(mark), ".")
}

// formatDecimal writes a float with another decimal mark.
func formatDecimal(s string, mark byte) string {
	if mark == 0 {
		return s
	}
	return strings.Replace(s, ".", string(mark), 1)
}
