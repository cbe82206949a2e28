//go:build unix

package cli

import (
	"bufio"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"

	"github.com/kedrogo/kedrogo/internal/pipeline"
)

// TestVizServeShowsANewRun runs `viz --serve --run latest --addr
// 127.0.0.1:0` for real: the page served names the latest run; a run
// recorded while it serves changes /version (what the page polls to
// reload) and the page served next draws the new run. SIGINT stops it.
// No sleeps: every request follows the write it checks.
func TestVizServeShowsANewRun(t *testing.T) {
	dir := t.TempDir()
	for _, d := range []string{"conf/base", "conf/local"} {
		if err := os.MkdirAll(filepath.Join(dir, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(dir)
	app := &App{Name: "proj", Registry: map[string]*pipeline.Pipeline{
		"__default__": pipeline.NewPipeline(pipeline.NewNode(func() int { return 1 }, nil, "x", pipeline.Name("only"))),
	}}
	quiet := IOStreams{In: strings.NewReader(""), Out: io.Discard, ErrOut: io.Discard}
	run := func() string {
		t.Helper()
		if code := Execute([]string{"run"}, quiet, app); code != 0 {
			t.Fatalf("run: exit %d", code)
		}
		ids, err := os.ReadDir(filepath.Join(".kedrogo", "runs"))
		if err != nil || len(ids) == 0 {
			t.Fatalf("no run recorded: %v", err)
		}
		return ids[len(ids)-1].Name()
	}
	first := run()

	errR, errW := io.Pipe()
	done := make(chan int, 1)
	go func() {
		done <- Execute([]string{"viz", "--serve", "--run", "latest", "--addr", "127.0.0.1:0"},
			IOStreams{In: strings.NewReader(""), Out: io.Discard, ErrOut: errW}, app)
		errW.Close()
	}()
	lines := bufio.NewScanner(errR)
	var base string
	for base == "" && lines.Scan() {
		if m := regexp.MustCompile(`Serving the pipeline page on (http://\S+/)`).FindStringSubmatch(lines.Text()); m != nil {
			base = m[1]
		}
	}
	if base == "" {
		t.Fatalf("viz --serve never said where it serves (exit %d)", <-done)
	}
	go io.Copy(io.Discard, errR) // the server's later lines
	stopped := false
	stop := func() int {
		if stopped {
			return 0
		}
		stopped = true
		// The server's signal handler is installed before it says
		// where it serves, so SIGINT reaches it, not the test.
		syscall.Kill(os.Getpid(), syscall.SIGINT)
		return <-done
	}
	defer stop()

	get := func(path string) string {
		t.Helper()
		resp, err := http.Get(base + strings.TrimPrefix(path, "/"))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, err := io.ReadAll(resp.Body)
		if err != nil || resp.StatusCode != http.StatusOK {
			t.Fatalf("GET %s: %d %v\n%.300s", path, resp.StatusCode, err, body)
		}
		return string(body)
	}
	if v := get("/version"); !strings.HasPrefix(v, first) {
		t.Errorf("/version = %q before the second run, want the first run %s", v, first)
	}
	if page := get("/"); !strings.Contains(page, `"id":"`+first+`"`) || !strings.Contains(page, `"serve":true`) {
		t.Errorf("the page served does not draw run %s", first)
	}

	second := run()
	if second == first {
		t.Fatalf("the second run reused the id %s", first)
	}
	if v := get("/version"); !strings.HasPrefix(v, second) {
		t.Errorf("/version = %q after the second run, want %s: the page would not reload", v, second)
	}
	page := get("/")
	if !strings.Contains(page, `"id":"`+second+`"`) || strings.Contains(page, `"id":"`+first+`"`) {
		t.Errorf("after the second run the page served does not draw run %s alone", second)
	}

	if code := stop(); code != ExitOK {
		t.Errorf("viz --serve after SIGINT: exit %d, want 0", code)
	}
}
