package codehash

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestPackageOf(t *testing.T) {
	tests := map[string]string{
		"example.com/proj/nodes.Train":        "example.com/proj/nodes",
		"example.com/proj/nodes.Make.func1":   "example.com/proj/nodes",
		"example.com/proj/nodes.(*Model).Fit": "example.com/proj/nodes",
		"main.train":                          "main",
		"demo.train":                          "demo",
		"github.com/a/b.v2/c.F":               "github.com/a/b.v2/c",
		"command:python\x00train.py":          "command:python\x00train",
	}
	for in, want := range tests {
		if got := packageOf(in); got != want {
			t.Errorf("packageOf(%q) = %q, want %q", in, got, want)
		}
	}
}

// Table: a package's hash changes with its own source and with an
// in-module package it imports, not with others or with test files.
func TestTable(t *testing.T) {
	root := t.TempDir()
	files := map[string]string{
		"go.mod":        "module ex\n\ngo 1.22\n",
		"main.go":       "package main\n\nimport _ \"ex/a\"\n\nfunc main() {}\n",
		"a/a.go":        "package a\n\nimport _ \"ex/b\"\n",
		"b/b.go":        "package b\n",
		"c/c.go":        "package c\n",
		"c/c_test.go":   "package c\n",
		"sub/go.mod":    "module other\n",
		"sub/s.go":      "package s\n",
		"testdata/x.go": "package x\n",
	}
	for name, content := range files {
		p := filepath.Join(root, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte(content), 0o644)
	}
	table := func() map[string]string {
		s, err := Table(root, "ex")
		if err != nil {
			t.Fatal(err)
		}
		m := map[string]string{}
		for _, part := range strings.Split(s, ";") {
			k, v, _ := strings.Cut(part, "=")
			m[k] = v
		}
		return m
	}
	before := table()
	for _, k := range []string{"mod", ".", "a", "b", "c"} {
		if before[k] == "" {
			t.Fatalf("no hash for %s in %v", k, before)
		}
	}
	if _, ok := before["sub"]; ok {
		t.Fatal("a nested module was hashed")
	}
	if _, ok := before["testdata"]; ok {
		t.Fatal("testdata was hashed")
	}
	edit := func(name, content string) {
		os.WriteFile(filepath.Join(root, name), []byte(content), 0o644)
	}
	edit("c/c_test.go", "package c\n\n// edited\n")
	if after := table(); after["c"] != before["c"] {
		t.Fatal("a test file changed the package's hash")
	}
	edit("b/b.go", "package b\n\n// edited\n")
	after := table()
	for k, changed := range map[string]bool{".": true, "a": true, "b": true, "c": false, "mod": false} {
		if (after[k] != before[k]) != changed {
			t.Errorf("%s: changed = %v, want %v", k, after[k] != before[k], changed)
		}
	}
}

func TestForFuncWithoutTable(t *testing.T) {
	id, err := ForFunc("ex/a.F", "ex")
	if err != nil || !strings.HasPrefix(id, "executable blake3:") {
		t.Fatalf("ForFunc without a table = %q, %v; want the executable's hash", id, err)
	}
}
