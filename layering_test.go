package kedrogo_test

import (
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestLayering keeps the root package a thin face: nothing under internal/
// may import it, or the public API and the machinery would be tangled.
func TestLayering(t *testing.T) {
	const root = "github.com/kedrogo/kedrogo"
	checked := 0
	err := filepath.WalkDir("internal", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") {
			return err
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		checked++
		for _, imp := range f.Imports {
			if p, _ := strconv.Unquote(imp.Path.Value); p == root {
				t.Errorf("%s imports the root package %s; internal packages must not depend on the public face", path, root)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if checked == 0 {
		t.Fatal("no Go files found under internal/; is the test running from the module root?")
	}
}
