package catalog

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

func TestPlotlyDatasets(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	c := newCatalog(t, dir, `
fig: {type: plotly.JSONDataset, filepath: data/fig.json, load_args: {output_type: Figure}, save_args: {pretty: true, engine: json}}
chart:
  type: plotly.PlotlyDataset
  filepath: data/chart.json
  plotly_args:
    type: bar
    fig: {x: shuttle_type, y: price, orientation: v}
    layout: {title: Prices}
bad: {type: plotly.PlotlyDataset, filepath: data/x.json, plotly_args: {type: sunburst3d}}
`, Options{})
	doc := map[string]any{"data": []any{map[string]any{"type": "scatter", "x": []any{1.0, 2.0}}}, "layout": map[string]any{}}
	if err := c.Save(ctx, "fig", doc); err != nil {
		t.Fatal(err)
	}
	var back map[string]any
	if err := c.Load(ctx, "fig", &back); err != nil || !reflect.DeepEqual(back, doc) {
		t.Fatalf("plotly.JSONDataset round trip: %v, %v", err, back)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "data/fig.json")); !strings.Contains(string(b), "\n  ") {
		t.Errorf("pretty: true did not indent: %s", b)
	}
	wantErr(t, c.Save(ctx, "fig", []byte("{not json")), "fig", "not a JSON document")

	type row struct {
		ShuttleType string  `json:"shuttle_type"`
		Price       float64 `json:"price"`
	}
	if err := c.Save(ctx, "chart", []row{{"A", 1.5}, {"B", 2}}); err != nil {
		t.Fatal(err)
	}
	var fig struct {
		Data []struct {
			Type, Orientation string
			X                 []string
			Y                 []float64
		}
		Layout map[string]any
	}
	if err := c.Load(ctx, "chart", &fig); err != nil {
		t.Fatal(err)
	}
	if len(fig.Data) != 1 || fig.Data[0].Type != "bar" || fig.Data[0].Orientation != "v" ||
		!reflect.DeepEqual(fig.Data[0].X, []string{"A", "B"}) || !reflect.DeepEqual(fig.Data[0].Y, []float64{1.5, 2}) ||
		fig.Layout["title"] != "Prices" {
		t.Fatalf("figure = %+v", fig)
	}
	// A figure the node built itself is written as it is.
	if err := c.Save(ctx, "chart", doc); err != nil {
		t.Fatal(err)
	}
	wantErr(t, c.Load(ctx, "bad", &back), "catalog.yml:", "plotly_args.type 'sunburst3d'", "plotly.JSONDataset")
}

func TestTrackingDatasets(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	c := newCatalog(t, dir, `
metrics: {type: tracking.MetricsDataset, filepath: data/09_tracking/metrics.json}
info: {type: tracking.JSONDataset, filepath: data/09_tracking/info.json}
plain: {type: tracking.JSONDataset, filepath: data/09_tracking/plain.json, versioned: false}
`, Options{SaveVersion: "2024-01-15T10.30.00.000Z"})
	if err := c.Save(ctx, "metrics", map[string]float64{"r2": 0.91, "mae": 3}); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(dir, "data/09_tracking/metrics.json/2024-01-15T10.30.00.000Z/metrics.json"))
	if err != nil {
		t.Fatalf("tracking datasets are versioned by default: %v", err)
	}
	var m map[string]float64
	if err := json.Unmarshal(b, &m); err != nil || m["r2"] != 0.91 {
		t.Fatalf("metrics file %s: %v", b, err)
	}
	wantErr(t, c.Load(ctx, "metrics", &m), "metrics", "Loading not supported for 'tracking.MetricsDataset'")
	wantErr(t, c.Save(ctx, "metrics", map[string]any{"r2": "high"}), "expects only numeric values", "'r2'")
	wantErr(t, c.Save(ctx, "metrics", []float64{1}), "expects a mapping")

	if err := c.Save(ctx, "info", map[string]any{"features": []string{"a", "b"}}); err != nil {
		t.Fatal(err)
	}
	wantErr(t, c.Load(ctx, "info", new(any)), "Loading not supported for 'tracking.JSONDataset'")
	if err := c.Save(ctx, "plain", map[string]any{"x": 1}); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(filepath.Join(dir, "data/09_tracking/plain.json")); err != nil || fi.IsDir() {
		t.Fatalf("versioned: false should write a plain file: %v", err)
	}
}

func TestPickleDataset(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	c := newCatalog(t, dir, `
model: {type: pickle.PickleDataset, filepath: data/06_models/model.pkl, versioned: true}
gob: {type: pickle.PickleDataset, filepath: data/06_models/g.pkl, backend: gob, save_args: {protocol: 4}}
python: {type: pickle.PickleDataset, filepath: data/06_models/python.pkl}
joblib: {type: pickle.PickleDataset, filepath: data/06_models/j.pkl, backend: joblib}
`, Options{})
	recs := []record{{"a", 1, 0.5}}
	if err := c.Save(ctx, "model", recs); err != nil {
		t.Fatal(err)
	}
	var back []record
	if err := c.Load(ctx, "model", &back); err != nil || !reflect.DeepEqual(back, recs) {
		t.Fatalf("round trip: %v, %v", err, back)
	}
	if err := c.Save(ctx, "gob", recs); err != nil {
		t.Fatal(err)
	}
	ds, err := c.Dataset("gob")
	if err != nil {
		t.Fatal(err)
	}
	if d := ds.Describe(); d["backend"] != "gob" || !strings.Contains(d["note"].(string), "encoding/gob, not Python pickle") {
		t.Errorf("Describe = %v", d)
	}
	// The start of what Python's pickle.dumps([1]) writes (protocol 4).
	if err := os.WriteFile(filepath.Join(dir, "data/06_models/python.pkl"), []byte("\x80\x04\x95\x09\x00\x00\x00\x00\x00\x00\x00]\x94K\x01a."), 0o644); err != nil {
		t.Fatal(err)
	}
	wantErr(t, c.Load(ctx, "python", &back), "python", "is a Python pickle (protocol 4), which Go cannot read")
	wantErr(t, c.Load(ctx, "joblib", &back), "catalog.yml:", "backend 'joblib' is a Python serialiser", "backend: gob")
}

func TestPandasJSONDataset(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	c := newCatalog(t, dir, `
records: {type: pandas.JSONDataset, filepath: data/r.json, save_args: {indent: 2, date_format: iso}}
lines: {type: pandas.JSONDataset, filepath: data/l.jsonl, load_args: {lines: true}, save_args: {lines: true, orient: records}}
columns: {type: pandas.JSONDataset, filepath: data/c.json, save_args: {orient: columns}}
index: {type: pandas.JSONDataset, filepath: data/i.json, load_args: {orient: index}, save_args: {orient: index}}
split: {type: pandas.JSONDataset, filepath: data/s.json, load_args: {orient: split}, save_args: {orient: split}}
pandas_default: {type: pandas.JSONDataset, filepath: data/pd.json}
values: {type: pandas.JSONDataset, filepath: data/v.json, load_args: {orient: values}}
badlines: {type: pandas.JSONDataset, filepath: data/b.json, save_args: {lines: true, orient: split}}
`, Options{})
	recs := []record{{"a", 1, 0.5}, {"b", 2, 1.5}, {"c", 3, 2.5}}
	for _, name := range []string{"records", "lines", "columns", "index", "split"} {
		t.Run(name, func(t *testing.T) {
			if err := c.Save(ctx, name, recs); err != nil {
				t.Fatal(err)
			}
			var back []record
			if err := c.Load(ctx, name, &back); err != nil || !reflect.DeepEqual(back, recs) {
				t.Fatalf("round trip: %v, %+v", err, back)
			}
			var maps []map[string]any
			if err := c.Load(ctx, name, &maps); err != nil || len(maps) != 3 || maps[2]["name"] != "c" {
				t.Fatalf("into maps: %v, %v", err, maps)
			}
		})
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "data/l.jsonl")); strings.Count(string(b), "\n") != 3 {
		t.Errorf("lines: %q", b)
	}
	// What pandas' df.to_json() writes by default (orient columns), with
	// more than ten rows so index order is numeric, not textual.
	var b strings.Builder
	b.WriteString(`{"name":{`)
	for i := 0; i < 12; i++ {
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString(`"` + strconv.Itoa(i) + `":"n` + strconv.Itoa(i) + `"`)
	}
	b.WriteString(`},"count":{`)
	for i := 0; i < 12; i++ {
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString(`"` + strconv.Itoa(i) + `":` + strconv.Itoa(i))
	}
	b.WriteString("}}")
	if err := os.WriteFile(filepath.Join(dir, "data/pd.json"), []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	var back []record
	if err := c.Load(ctx, "pandas_default", &back); err != nil || len(back) != 12 || back[10].Name != "n10" || back[10].Count != 10 {
		t.Fatalf("pandas default orient: %v, %+v", err, back)
	}
	wantErr(t, c.Load(ctx, "values", &back), "catalog.yml:", "load_args.orient 'values'")
	wantErr(t, c.Load(ctx, "badlines", &back), "lines: true needs orient records")
	wantErr(t, c.Save(ctx, "records", map[string]int{"a": 1}), "saves rows", "not map[string]int")
}
