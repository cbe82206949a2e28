// Package browsertest loads a viz page in headless Chromium and reads
// back what the page drew: the counts its script writes into #selfcheck,
// the errors it caught, and a screenshot. Tests use it; under CI=true a
// missing Chromium fails the test instead of skipping it.
package browsertest

import (
	"context"
	"fmt"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// Chromium returns the browser's path, skipping the test when there is
// none (failing it under CI=true).
func Chromium(t testing.TB) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	msg := "headless Chromium is not installed (Debian: apt-get install chromium)"
	if os.Getenv("CI") == "true" {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return ""
}

// Result is what the page reported about itself.
type Result struct {
	Counts map[string]int // nodes, datasets, edges, namespaces, lanes, bars, charts, spans, errors, ms
	Errors []string       // what the page caught (uncaught errors, console.error)
	DOM    string
	Wall   time.Duration // Chromium's whole run: start, load, script, dump
}

var (
	selfcheck = regexp.MustCompile(`(?s)<ul id="selfcheck"([^>]*)>(.*?)</ul>`)
	attr      = regexp.MustCompile(`data-([a-z-]+)="(\d+)"`)
	item      = regexp.MustCompile(`(?s)<li class="error">(.*?)</li>`)
)

func args(userDir string, extra ...string) []string {
	base := []string{"--headless", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
		"--disable-sync", "--no-first-run", "--hide-scrollbars", "--user-data-dir=" + userDir}
	if os.Geteuid() == 0 {
		base = append(base, "--no-sandbox") // Chromium refuses to run as root with its sandbox
	}
	return append(base, extra...)
}

// Load opens page (a file) in headless Chromium, reads #selfcheck from the
// DOM after the page's script ran, and saves a screenshot as
// <dir>/<name>.png. Any error the page caught fails the test.
func Load(t testing.TB, browser, page, dir string) Result {
	t.Helper()
	abs, err := filepath.Abs(page)
	if err != nil {
		t.Fatal(err)
	}
	url := "file://" + abs
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	start := time.Now()
	out, err := exec.CommandContext(ctx, browser, args(t.TempDir(), "--dump-dom", url)...).Output()
	wall := time.Since(start)
	if err != nil {
		t.Fatalf("chromium --dump-dom %s: %v", url, err)
	}
	res := Result{Counts: map[string]int{}, DOM: string(out), Wall: wall}
	m := selfcheck.FindStringSubmatch(res.DOM)
	if m == nil {
		t.Fatalf("%s: the page wrote no #selfcheck: its script did not run", page)
	}
	for _, a := range attr.FindAllStringSubmatch(m[1], -1) {
		res.Counts[a[1]], _ = strconv.Atoi(a[2])
	}
	for _, e := range item.FindAllStringSubmatch(m[2], -1) {
		res.Errors = append(res.Errors, html.UnescapeString(e[1]))
	}
	if len(res.Errors) > 0 || res.Counts["errors"] != 0 {
		t.Errorf("%s: the page reported errors: %s", page, strings.Join(res.Errors, "; "))
	}
	shot := filepath.Join(dir, strings.TrimSuffix(filepath.Base(page), filepath.Ext(page))+".png")
	cmd := exec.CommandContext(ctx, browser, args(t.TempDir(), "--window-size=1280,1000", "--screenshot="+shot, url)...)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("chromium --screenshot: %v\n%s", err, out)
	}
	if fi, err := os.Stat(shot); err != nil || fi.Size() == 0 {
		t.Fatalf("no screenshot at %s: %v", shot, err)
	}
	t.Logf("%s: drawn in %d ms by its script (Chromium %s in all); screenshot %s", page, res.Counts["ms"], wall.Round(time.Millisecond), shot)
	return res
}

// Expect checks counts the page reported.
func (r Result) Expect(t testing.TB, want map[string]int) {
	t.Helper()
	for k, v := range want {
		if r.Counts[k] != v {
			t.Errorf("page drew %d %s, want %d", r.Counts[k], k, v)
		}
	}
}

// String lists the counts.
func (r Result) String() string { return fmt.Sprint(r.Counts) }
