package excel

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/kedrogo/kedrogo/internal/catalog"
	"github.com/kedrogo/kedrogo/internal/catalog/catalogtest"
)

type shuttle struct {
	ID      int     `csv:"id"`
	Type    string  `csv:"shuttle_type"`
	Price   float64 `csv:"price"`
	OK      bool    `csv:"approved"`
	Engines *int    `csv:"engines"`
}

func newCatalog(t *testing.T, dir, text string) *catalog.Catalog {
	t.Helper()
	entries := catalogtest.Entries(t, text)
	c, err := catalog.FromConfig(entries, nil, catalog.Options{ProjectDir: dir, Types: Types()})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

var wantErr = catalogtest.WantErr

func rows() []shuttle {
	two := 2
	return []shuttle{{1, "A", 1.5, true, &two}, {2, "B", 2.25, false, nil}, {3, "C", 3, true, &two}}
}

func TestRoundTrip(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	c := newCatalog(t, dir, `
book: {type: pandas.ExcelDataset, filepath: data/book.xlsx, load_args: {sheet_name: Shuttles}, save_args: {sheet_name: Shuttles, index: false}}
versioned: {type: pandas.ExcelDataset, filepath: data/v.xlsx, versioned: true}
`)
	if err := c.Save(ctx, "book", rows()); err != nil {
		t.Fatal(err)
	}
	var got []shuttle
	if err := c.Load(ctx, "book", &got); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, rows()) {
		t.Fatalf("got %+v", got)
	}
	var ptrs []*shuttle
	if err := c.Load(ctx, "book", &ptrs); err != nil || len(ptrs) != 3 || ptrs[1].Type != "B" {
		t.Fatalf("[]*T: %v, %v", err, ptrs)
	}
	var cells [][]string
	if err := c.Load(ctx, "book", &cells); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(cells[0], []string{"id", "shuttle_type", "price", "approved", "engines"}) || cells[2][2] != "2.25" {
		t.Fatalf("cells %v", cells)
	}
	// Numbers are stored as numbers, not text.
	wb, err := excelize.OpenFile(filepath.Join(dir, "data/book.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer wb.Close()
	if typ, _ := wb.GetCellType("Shuttles", "C2"); typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString {
		t.Errorf("price cell stored as text (%v)", typ)
	}
	type event struct {
		When time.Time `csv:"when"`
	}
	when := []event{{time.Date(2024, 1, 15, 10, 30, 0, 0, time.UTC)}}
	if err := c.Save(ctx, "book", when); err != nil {
		t.Fatal(err)
	}
	var whenBack []event
	if err := c.Load(ctx, "book", &whenBack); err != nil || !reflect.DeepEqual(whenBack, when) {
		t.Fatalf("times: %v, %v", err, whenBack)
	}
	if err := c.Save(ctx, "versioned", rows()); err != nil {
		t.Fatal(err)
	}
	if err := c.Load(ctx, "versioned", &got); err != nil || len(got) != 3 {
		t.Fatalf("versioned: %v", err)
	}
}

func TestLoadArgs(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	// A workbook as a person makes it: a title row, then the table.
	wb := excelize.NewFile()
	wb.SetSheetName("Sheet1", "First")
	wb.NewSheet("Second")
	for i, r := range [][]any{{"Shuttle report"}, {"id", "shuttle_type", "price", "approved", "engines"},
		{1, "A", 1.5, true, 2}, {2, "B", 2.25, false, nil}, {3, "C", 3, true, 4}} {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		wb.SetSheetRow("Second", cell, &r)
	}
	wb.SetSheetRow("First", "A1", &[]any{"x"})
	if err := wb.SaveAs(filepath.Join(dir, "in.xlsx")); err != nil {
		t.Fatal(err)
	}
	c := newCatalog(t, dir, `
by_index: {type: pandas.ExcelDataset, filepath: in.xlsx, load_args: {sheet_name: 1, skiprows: 1, engine: openpyxl}}
header1: {type: pandas.ExcelDataset, filepath: in.xlsx, load_args: {sheet_name: Second, header: 1, nrows: 2}}
noheader: {type: pandas.ExcelDataset, filepath: in.xlsx, load_args: {sheet_name: Second, header: null, skiprows: 2}}
named: {type: pandas.ExcelDataset, filepath: in.xlsx, load_args: {sheet_name: Second, skiprows: 1, names: [n, kind, cost, ok, eng], usecols: [kind, cost]}}
missing: {type: pandas.ExcelDataset, filepath: in.xlsx, load_args: {sheet_name: Shuttles}}
outofrange: {type: pandas.ExcelDataset, filepath: in.xlsx, load_args: {sheet_name: 5}}
all: {type: pandas.ExcelDataset, filepath: in.xlsx, load_args: {sheet_name: null, header: null}}
`)
	var got []shuttle
	if err := c.Load(ctx, "by_index", &got); err != nil || !reflect.DeepEqual(got[:2], rows()[:2]) || *got[2].Engines != 4 {
		t.Fatalf("by_index: %v, %+v", err, got)
	}
	if err := c.Load(ctx, "header1", &got); err != nil || len(got) != 2 {
		t.Fatalf("header 1, nrows 2: %v, %+v", err, got)
	}
	var cells [][]string
	if err := c.Load(ctx, "noheader", &cells); err != nil || len(cells) != 3 || cells[0][1] != "A" {
		t.Fatalf("header null: %v, %v", err, cells)
	}
	if err := c.Load(ctx, "named", &cells); err != nil || !reflect.DeepEqual(cells[0], []string{"kind", "cost"}) || cells[1][1] != "1.5" {
		t.Fatalf("names + usecols: %v, %v", err, cells)
	}
	wantErr(t, c.Load(ctx, "missing", &got), "missing", "worksheet named 'Shuttles' not found", "'First', 'Second'")
	wantErr(t, c.Load(ctx, "outofrange", &got), "worksheet index 5 is out of range", "2 sheet(s)")
	var all map[string][][]string
	if err := c.Load(ctx, "all", &all); err != nil || len(all) != 2 || all["First"][0][0] != "x" {
		t.Fatalf("every sheet: %v, %v", err, all)
	}
	wantErr(t, c.Load(ctx, "all", &cells), "sheet_name: null loads every sheet into a map")
	var wrong []struct {
		ID   int `csv:"id"`
		Type int `csv:"shuttle_type"`
	}
	wantErr(t, c.Load(ctx, "by_index", &wrong), "by_index", "sheet 'Second'", "row 2, column shuttle_type")
}

func TestMultiSheetSave(t *testing.T) {
	ctx := context.Background()
	c := newCatalog(t, t.TempDir(), `
book: {type: pandas.ExcelDataset, filepath: book.xlsx, load_args: {sheet_name: null}}
second: {type: pandas.ExcelDataset, filepath: book.xlsx, load_args: {sheet_name: b}}
`)
	if err := c.Save(ctx, "book", map[string][]shuttle{"a": rows()[:1], "b": rows()}); err != nil {
		t.Fatal(err)
	}
	var all map[string][]shuttle
	if err := c.Load(ctx, "book", &all); err != nil || len(all["a"]) != 1 || len(all["b"]) != 3 {
		t.Fatalf("%v, %v", err, all)
	}
	var b []shuttle
	if err := c.Load(ctx, "second", &b); err != nil || !reflect.DeepEqual(b, rows()) {
		t.Fatalf("%v, %v", err, b)
	}
}

func TestErrors(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "fake.xlsx"), []byte("id,name\n1,a\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	c := newCatalog(t, dir, `
fake: {type: pandas.ExcelDataset, filepath: fake.xlsx}
badsheet: {type: pandas.ExcelDataset, filepath: x.xlsx, load_args: {sheet_name: [a, b]}}
badheader: {type: pandas.ExcelDataset, filepath: x.xlsx, load_args: {header: [0, 1]}}
typo: {type: pandas.ExcelDataset, filepath: x.xlsx, load_args: {sheetname: a}}
ok: {type: pandas.ExcelDataset, filepath: x.xlsx}
`)
	var cells [][]string
	wantErr(t, c.Load(ctx, "fake", &cells), "fake", "not an .xlsx workbook")
	wantErr(t, c.Load(ctx, "badsheet", &cells), "catalog.yml:", "sheet_name must be a sheet name, an index")
	wantErr(t, c.Load(ctx, "badheader", &cells), "header must be a row number")
	wantErr(t, c.Load(ctx, "typo", &cells), "sheetname", "did you mean 'sheet_name'")
	wantErr(t, c.Save(ctx, "ok", 42), "saves []T, []*T, [][]string or a map")
	wantErr(t, c.Save(ctx, "ok", map[string][]shuttle{}), "no sheets")
}
