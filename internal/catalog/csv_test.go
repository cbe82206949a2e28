package catalog

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

type trade struct {
	Symbol string    `csv:"symbol"`
	Qty    int64     `csv:"qty"`
	Price  float64   `csv:"price"`
	Buy    bool      `csv:"buy"`
	When   time.Time `csv:"when"`
	Note   *string   `csv:"note"`
	Skip   string    `csv:"-"`
}

func TestCSVDataset(t *testing.T) {
	ctx := context.Background()
	note := "first"
	day := time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)
	trades := []trade{{"AB", 10, 1.25, true, day, &note, ""}, {"C,D", -3, 0, false, day, nil, ""}}
	tests := []struct {
		name, entry string
		save        any
		file        string // expected file content
		load        any    // destination
		want        any
	}{
		{"rows verbatim", "{type: csv.CSVDataset, filepath: r.csv}",
			[][]string{{"a", "b"}, {"1", "x y"}}, "a,b\n1,x y\n",
			new([][]string), [][]string{{"a", "b"}, {"1", "x y"}}},
		{"rows into any", "{type: csv.CSVDataset, filepath: r.csv}",
			[][]string{{"a"}, {"1"}}, "a\n1\n",
			new(any), [][]string{{"a"}, {"1"}}},
		{"typed with tags", "{type: csv.CSVDataset, filepath: t.csv}",
			trades, "symbol,qty,price,buy,when,note\nAB,10,1.25,true,2024-01-02T03:04:05Z,first\n\"C,D\",-3,0,false,2024-01-02T03:04:05Z,\n",
			new([]trade), trades},
		{"pointers to rows", "{type: csv.CSVDataset, filepath: t.csv}",
			[]*trade{&trades[0]}, "symbol,qty,price,buy,when,note\nAB,10,1.25,true,2024-01-02T03:04:05Z,first\n",
			new([]*trade), []*trade{&trades[0]}},
		{"pandas alias, sep and header 0", "{type: pandas.CSVDataset, filepath: p.csv, load_args: {sep: ';', header: 0}, save_args: {sep: ';', index: false}}",
			[]record{{"a", 1, 0.5}}, "Name;Count;Score\na;1;0.5\n",
			new([]record), []record{{"a", 1, 0.5}}},
		{"no header: by position", "{type: csv.CSVDataset, filepath: n.csv, load_args: {header: false}, save_args: {header: null}}",
			[]record{{"a", 1, 0.5}}, "a,1,0.5\n",
			new([]record), []record{{"a", 1, 0.5}}},
		{"quote all", "{type: csv.CSVDataset, filepath: q.csv, load_args: {sep: ';'}, save_args: {quoting: 1, sep: ';'}}",
			[][]string{{"a", `say "hi"`}, {"1", "x;y"}}, "\"a\";\"say \"\"hi\"\"\"\n\"1\";\"x;y\"\n",
			new([][]string), [][]string{{"a", `say "hi"`}, {"1", "x;y"}}},
		{"crlf", "{type: csv.CSVDataset, filepath: c.csv, save_args: {use_crlf: true}}",
			[][]string{{"a"}}, "a\r\n", new([][]string), [][]string{{"a"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			c := newCatalog(t, dir, "d: "+tt.entry+"\n", Options{})
			if err := c.Save(ctx, "d", tt.save); err != nil {
				t.Fatal(err)
			}
			ds, _ := c.Dataset("d")
			b, err := os.ReadFile(ds.(*FileDataset).Filepath())
			if err != nil {
				t.Fatal(err)
			}
			if string(b) != tt.file {
				t.Errorf("file:\n%q\nwant\n%q", b, tt.file)
			}
			if err := c.Load(ctx, "d", tt.load); err != nil {
				t.Fatal(err)
			}
			if got := reflect.ValueOf(tt.load).Elem().Interface(); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("load = %#v\nwant %#v", got, tt.want)
			}
		})
	}
}

func TestCSVHeaderMatching(t *testing.T) {
	type row struct {
		TestSize float64
		UserID   int `csv:"user id"`
	}
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "h.csv"), []byte("\ufeffextra,test_size,user id\nx,0.25,7\n"), 0o644)
	c := newCatalog(t, dir, "h: {type: csv.CSVDataset, filepath: h.csv}\n", Options{})
	var got []row
	if err := c.Load(context.Background(), "h", &got); err != nil {
		t.Fatal(err)
	}
	if want := []row{{0.25, 7}}; !reflect.DeepEqual(got, want) {
		t.Errorf("got %#v, want %#v", got, want)
	}
}

func TestCSVErrors(t *testing.T) {
	type missing struct{ Nope string }
	type unsupported struct{ C chan int }
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "e.csv"), []byte("qty\nabc\n"), 0o644)
	c := newCatalog(t, dir, "e: {type: csv.CSVDataset, filepath: e.csv}\n", Options{})
	ctx := context.Background()
	wantErr(t, c.Load(ctx, "e", new([]trade)), "e: ", "no column for field(s) symbol, price")
	wantErr(t, c.Load(ctx, "e", new([]struct {
		Qty int `csv:"qty"`
	})), "record 2, column qty", `parsing "abc": invalid syntax`)
	wantErr(t, c.Load(ctx, "e", new([]missing)), "no column for field(s) Nope")
	wantErr(t, c.Load(ctx, "e", new([]unsupported)), "has no CSV form")
	wantErr(t, c.Load(ctx, "e", new(map[string]string)), "CSV datasets load and save [][]string, []T or []*T")
	wantErr(t, c.Save(ctx, "e", 3), "CSV datasets load and save")
	wantErr(t, c.Save(ctx, "e", []*record{nil}), "row 0 is nil")
}

func TestCSVEmptyFile(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "e.csv"), nil, 0o644)
	c := newCatalog(t, dir, "e: {type: csv.CSVDataset, filepath: e.csv}\n", Options{})
	got := []record{{Name: "stale"}}
	if err := c.Load(context.Background(), "e", &got); err != nil || len(got) != 0 {
		t.Errorf("got %v, %v; want an empty slice", got, err)
	}
}

// pandas' read_csv arguments that mean something for Go rows take effect.
func TestCSVPandasArgs(t *testing.T) {
	type row struct {
		Name  string
		Score float64
		Bonus *float64
	}
	tests := []struct {
		name, loadArgs, file string
		want                 []row
	}{
		{"names without header", "{names: [Name, Score, Bonus]}", "a,1.5,2\nb,2,\n",
			[]row{{"a", 1.5, ptr(2.0)}, {"b", 2, nil}}},
		{"names replace the header", "{names: [Name, Score, Bonus], header: 0}", "x,y,z\na,1,1\n",
			[]row{{"a", 1, ptr(1.0)}}},
		{"skiprows and nrows", "{skiprows: 2, nrows: 1}", "junk\njunk\nName,Score,Bonus\na,1,\nb,2,\n",
			[]row{{"a", 1, nil}}},
		{"skiprows as a list", "{skiprows: [1]}", "Name,Score,Bonus\nskip,me,x\na,1,\n",
			[]row{{"a", 1, nil}}},
		{"usecols", "{usecols: [Bonus, Name, Score]}", "Other,Name,Score,Bonus\nq,a,1,3\n",
			[]row{{"a", 1, ptr(3.0)}}},
		{"na_values and decimal", "{sep: ';', decimal: ',', na_values: [n/a, '-']}", "Name;Score;Bonus\na;1,5;n/a\nb;2;-\n",
			[]row{{"a", 1.5, nil}, {"b", 2, nil}}},
		{"latin-1", "{encoding: latin-1}", "Name,Score,Bonus\nJos\xe9,1,\n",
			[]row{{"José", 1, nil}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, "in.csv"), []byte(tt.file), 0o644); err != nil {
				t.Fatal(err)
			}
			c := newCatalog(t, dir, "in: {type: pandas.CSVDataset, filepath: in.csv, load_args: "+tt.loadArgs+"}\n", Options{})
			var got []row
			if err := c.Load(context.Background(), "in", &got); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("rows (-want +got):\n%s", diff)
			}
		})
	}
	// Saving with encoding and decimal writes what pandas would.
	dir := t.TempDir()
	c := newCatalog(t, dir, "out: {type: pandas.CSVDataset, filepath: out.csv, save_args: {sep: ';', decimal: ',', encoding: latin-1}}\n", Options{})
	if err := c.Save(context.Background(), "out", []row{{"José", 1.5, nil}}); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(filepath.Join(dir, "out.csv"))
	if want := "Name;Score;Bonus\nJos\xe9;1,5;\n"; string(b) != want {
		t.Errorf("file = %q, want %q", b, want)
	}
	// A usecols column the file lacks, an unknown encoding: clear errors.
	for _, bad := range []struct{ args, want string }{
		{"{usecols: [Nope]}", `load_args.usecols: no column "Nope" in [Name, Score, Bonus]`},
		{"{encoding: ebcdic}", `load_args.encoding "ebcdic" is not supported`},
	} {
		if err := os.WriteFile(filepath.Join(dir, "in.csv"), []byte("Name,Score,Bonus\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		c := newCatalog(t, dir, "in: {type: pandas.CSVDataset, filepath: in.csv, load_args: "+bad.args+"}\n", Options{})
		var got []row
		_, err := c.Dataset("in")
		if err == nil {
			err = c.Load(context.Background(), "in", &got)
		}
		if err == nil || !strings.Contains(err.Error(), bad.want) {
			t.Errorf("%s: error %v, want %q", bad.args, err, bad.want)
		}
	}
}

func ptr[T any](v T) *T { return &v }
