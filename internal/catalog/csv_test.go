package catalog

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"
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
