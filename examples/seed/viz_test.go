package main

import (
	"encoding/json"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/kedrogo/kedrogo"
	"github.com/kedrogo/kedrogo/internal/viz"
	"github.com/kedrogo/kedrogo/internal/viz/browsertest"
)

// TestVizAfterRealRun is the "done when": after the founding run,
// viz --run latest draws D's bar alone on the timeline and memory under
// capacity, in a real headless Chromium.
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
