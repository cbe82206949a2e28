package main

import (
	"encoding/json"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"

	"github.com/kedrogo/kedrogo"
	"github.com/kedrogo/kedrogo/internal/viz"
	"github.com/kedrogo/kedrogo/internal/viz/browsertest"
)

// TestVizAfterRealRun is the "done when": after the founding run,
// viz --run latest draws D's bar alone on the timeline and the memory the
// nodes held (runner.yml's requests) under capacity, in a real headless
// Chromium.
func TestVizAfterRealRun(t *testing.T) {
	browser := browsertest.Chromium(t)
	dir := t.TempDir()
	if err := os.CopyFS(filepath.Join(dir, "conf"), os.DirFS("conf")); err != nil {
		t.Fatal(err)
	}
	if err := os.CopyFS(filepath.Join(dir, "data", "01_raw"), os.DirFS(filepath.Join("data", "01_raw"))); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	if code := kedrogo.Execute([]string{"run", "--pipeline", "foo", "--parallel", "--params", "work_seconds=0.2", "--log-level", "warn"}, pipelines()); code != 0 {
		t.Fatalf("run: exit %d", code)
	}
	if code := kedrogo.Execute([]string{"viz", "--run", "latest", "--out", "seed.html"}, pipelines()); code != 0 {
		t.Fatalf("viz: exit %d", code)
	}
	res := browsertest.Load(t, browser, "seed.html", dir)
	res.Expect(t, map[string]int{"nodes": 4, "datasets": 7, "edges": 16, "lanes": 3, "bars": 4, "charts": 2, "spans": 1})

	// What Chromium drew: D's bar overlaps no other bar, and the memory
	// chart holds the requests of runner.yml (A, B and C's 512MiB each,
	// D's 90%), above zero and under the capacity line.
	bars := map[string][2]float64{}
	for _, m := range regexp.MustCompile(`<rect class="bar [^"]*" data-node="(\w+)" data-start="([\d.e-]+)" data-end="([\d.e-]+)"`).FindAllStringSubmatch(res.DOM, -1) {
		bars[m[1]] = [2]float64{atof(t, m[2]), atof(t, m[3])}
	}
	if len(bars) != 4 {
		t.Fatalf("bars drawn for %v, want A, B, C and D", bars)
	}
	for n, b := range bars {
		if d := bars["D"]; n != "D" && b[0] < d[1] && d[0] < b[1] {
			t.Errorf("the page draws %s %v beside D %v", n, b, d)
		}
	}
	chart := regexp.MustCompile(`<svg class="resource-chart" data-resource="memory" data-peak="([\d.e+-]+)" data-capacity="([\d.e+-]+)"`).FindStringSubmatch(res.DOM)
	if chart == nil {
		t.Fatal("no memory chart in the page")
	}
	if peak, capacity := atof(t, chart[1]), atof(t, chart[2]); peak <= 0 || peak > capacity {
		t.Errorf("the memory chart peaks at %v bytes against a capacity of %v: want held memory, under capacity", peak, capacity)
	} else if abc := 3 * 512.0 * (1 << 20); peak < abc {
		t.Errorf("the memory chart peaks at %v bytes, below A, B and C's requests together (%v)", peak, abc)
	}

	// The model behind the page: D alone, every resource under capacity.
	page, err := os.ReadFile("seed.html")
	if err != nil {
		t.Fatal(err)
	}
	raw := regexp.MustCompile(`(?s)<script id="model" type="application/json">(.*?)</script>`).FindSubmatch(page)
	var m viz.Model
	if raw == nil || json.Unmarshal([]byte(html.UnescapeString(string(raw[1]))), &m) != nil || m.Run == nil {
		t.Fatal("no model in the page")
	}
	var d viz.Bar
	for _, b := range m.Run.Bars {
		if b.Node == "D" {
			d = b
		}
	}
	for _, b := range m.Run.Bars {
		if b.Node != "D" && b.Start < d.End && d.Start < b.End {
			t.Errorf("%s [%.3f, %.3f] overlaps D [%.3f, %.3f]", b.Node, b.Start, b.End, d.Start, d.End)
		}
	}
	for _, c := range m.Run.Resources {
		if c.Peak > c.Capacity {
			t.Errorf("%s held %v, above capacity %v", c.Name, c.Peak, c.Capacity)
		}
	}
}

func atof(t *testing.T, s string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatal(err)
	}
	return v
}
