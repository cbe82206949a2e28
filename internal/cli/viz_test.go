package cli

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/kedrogo/kedrogo/internal/pipeline"
	"github.com/kedrogo/kedrogo/internal/viz"
)

func TestVizHandler(t *testing.T) {
	t.Chdir(t.TempDir())
	builds := 0
	p := pipeline.NewPipeline(pipeline.NewNode(func(x int) int { return x }, "a", "b", pipeline.Name("only")))
	srv := httptest.NewServer(vizHandler(func() (*viz.Model, error) {
		builds++
		return viz.Build(viz.Input{Title: "t", Pipeline: p}), nil
	}))
	defer srv.Close()
	for i := 1; i <= 2; i++ {
		resp, err := http.Get(srv.URL + "/")
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || !strings.Contains(string(body), `"serve":true`) || !strings.Contains(string(body), `"n:only"`) {
			t.Fatalf("GET /: %d %.200s", resp.StatusCode, body)
		}
		if builds != i {
			t.Errorf("the page is not built afresh per request: %d builds after %d requests", builds, i)
		}
	}
	resp, err := http.Get(srv.URL + "/version")
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("GET /version: %v %v", resp, err)
	}
	resp.Body.Close()
	if resp, _ := http.Get(srv.URL + "/other"); resp.StatusCode != 404 {
		t.Errorf("GET /other: %d", resp.StatusCode)
	}
}
