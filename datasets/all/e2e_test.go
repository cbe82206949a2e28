package all_test

import (
	"context"
	"encoding/json"
	"image"
	"image/color"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/kedrogo/kedrogo"
	_ "github.com/kedrogo/kedrogo/datasets/all"
)

type shuttle struct {
	ID          int64   `csv:"id" json:"id" parquet:"id" db:"id"`
	ShuttleType string  `csv:"shuttle_type" json:"shuttle_type" parquet:"shuttle_type" db:"shuttle_type"`
	Price       float64 `csv:"price" json:"price" parquet:"price" db:"price"`
}

type model struct{ Weights []float64 }

func makeData() ([]shuttle, []shuttle, []shuttle, []shuttle, model, image.Image) {
	rows := []shuttle{{1, "A", 1.5}, {2, "B", 2.5}, {3, "A", 0.5}}
	img := image.NewRGBA(image.Rect(0, 0, 8, 8))
	img.Set(1, 1, color.RGBA{0xff, 0, 0, 0xff})
	return rows, rows, rows, rows, model{[]float64{0.1, 0.2}}, img
}

type report struct {
	Metrics map[string]float64
	Info    map[string]any
	Chart   []shuttle
	Fig     map[string]any
	Plots   map[string]image.Image
	Plot    image.Image
}

// summarise reads every dataset back, each in its own type.
func summarise(ids []struct{ ID int64 }, fromSQL, fromXLSX, fromJSON, fromParquet []shuttle, m model, pic image.Image) report {
	return report{
		Metrics: map[string]float64{"cheap": float64(len(ids)), "sql": float64(len(fromSQL)), "xlsx": float64(len(fromXLSX)),
			"json": float64(len(fromJSON)), "parquet": float64(len(fromParquet)), "weights": float64(len(m.Weights))},
		Info:  map[string]any{"width": pic.Bounds().Dx()},
		Chart: fromXLSX,
		Fig:   map[string]any{"data": []any{map[string]any{"type": "scatter", "y": []float64{1, 2}}}, "layout": map[string]any{}},
		Plots: map[string]image.Image{"a.png": pic, "b.gif": pic},
		Plot:  pic,
	}
}

// TestKedroConf runs a pipeline whose catalog is only Kedro-style entries
// (testdata/project/conf): every node's outputs are saved through the
// dataset types the blank import links, and read back by the next node.
func TestKedroConf(t *testing.T) {
	dir := t.TempDir()
	if out, err := exec.Command("cp", "-r", "testdata/project/.", dir).CombinedOutput(); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	p := kedrogo.NewPipeline(
		kedrogo.NewNode(makeData, nil,
			[]string{"shuttles_sql", "shuttles_xlsx", "shuttles_json", "shuttles_parquet", "model", "picture"}, kedrogo.Name("make")),
		kedrogo.NewNode(summarise,
			[]string{"cheap_ids", "shuttles_sql", "shuttles_xlsx", "shuttles_json", "shuttles_parquet", "model", "picture"},
			map[string]string{"Metrics": "metrics", "Info": "info", "Chart": "chart", "Fig": "fig", "Plots": "plots", "Plot": "plot"},
			kedrogo.Name("summarise")),
	)
	res, err := kedrogo.Run(context.Background(), p, kedrogo.RunOptions{ProjectDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Completed) != 2 {
		t.Fatalf("completed %v", res.Completed)
	}
	metricsFiles, _ := filepath.Glob(filepath.Join(dir, "data/09_tracking/metrics.json/*/metrics.json"))
	if len(metricsFiles) != 1 {
		t.Fatalf("tracking.MetricsDataset is versioned: %v", metricsFiles)
	}
	b, err := os.ReadFile(metricsFiles[0])
	if err != nil {
		t.Fatal(err)
	}
	var metrics map[string]float64
	if err := json.Unmarshal(b, &metrics); err != nil {
		t.Fatal(err)
	}
	want := map[string]float64{"cheap": 2, "sql": 3, "xlsx": 3, "json": 3, "parquet": 3, "weights": 2}
	for k, v := range want {
		if metrics[k] != v {
			t.Errorf("metrics[%s] = %v, want %v (all %v)", k, metrics[k], v, metrics)
		}
	}
	for _, f := range []string{"data/app.db", "data/08_reporting/chart.json", "data/08_reporting/fig.json",
		"data/08_reporting/plots/a.png", "data/08_reporting/plots/b.gif", "data/08_reporting/plot.png", "data/08_reporting/picture.png"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("missing output: %v", err)
		}
	}
	var chart struct{ Data []struct{ X []string } }
	b, _ = os.ReadFile(filepath.Join(dir, "data/08_reporting/chart.json"))
	if err := json.Unmarshal(b, &chart); err != nil || len(chart.Data) != 1 || len(chart.Data[0].X) != 3 {
		t.Errorf("chart %s: %v", b, err)
	}
}
