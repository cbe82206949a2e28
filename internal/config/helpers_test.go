package config

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"
)

// writeTree writes a txtar archive into a temporary folder and returns
// the folder.
func writeTree(t testing.TB, archive string) string {
	t.Helper()
	dir := t.TempDir()
	for _, f := range txtar.Parse([]byte(archive)).Files {
		path := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// loadTree loads the conf folder of an archive; opts.ConfSource is set.
func loadTree(t *testing.T, archive string, opts Options) (*Config, string, error) {
	t.Helper()
	dir := writeTree(t, archive)
	opts.ConfSource = filepath.Join(dir, "conf")
	if opts.Getenv == nil {
		opts.Getenv = func(string) (string, bool) { return "", false }
	}
	cfg, err := Load(opts)
	return cfg, dir, err
}

// wantError checks err is a *Error whose text, with dir replaced by
// "$DIR", contains want.
func wantError(t *testing.T, err error, dir, want string) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error, want %q", want)
	}
	var cerr *Error
	if !errors.As(err, &cerr) {
		t.Errorf("error %v (%T) is not a *config.Error", err, err)
	}
	got := err.Error()
	if dir != "" {
		got = strings.ReplaceAll(got, dir, "$DIR")
	}
	if !strings.Contains(got, want) {
		t.Errorf("error:\n%s\nwant it to contain:\n%s", got, want)
	}
}

func entryNames(cfg *Config) []string {
	var names []string
	for _, e := range cfg.Catalog {
		names = append(names, e.Name)
	}
	return names
}
