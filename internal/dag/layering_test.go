package dag

import (
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

const module = "github.com/kedrogo/kedrogo"

// TestLayering enforces the architecture's import rules on every Go file
// of the module (tests included): nothing under internal/ imports the root
// package, and internal/dag imports nothing of kedrogo's.
func TestLayering(t *testing.T) {
	root := filepath.Join("..", "..")
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		t.Fatalf("module root not found: %v", err)
	}
	checked := 0
	err := filepath.WalkDir(filepath.Join(root, "internal"), func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if name := d.Name(); name == "testdata" || strings.HasPrefix(name, ".") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") {
			return nil
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ImportsOnly)
		if err != nil {
			t.Errorf("%s: %v", path, err)
			return nil
		}
		checked++
		rel, _ := filepath.Rel(root, path)
		inDag := strings.HasPrefix(filepath.ToSlash(rel), "internal/dag/")
		for _, imp := range f.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			if p == module {
				t.Errorf("%s imports the root package %s: internal packages must not", rel, p)
			}
			if inDag && strings.HasPrefix(p, module+"/") && p != module+"/internal/dag" {
				t.Errorf("%s imports %s: internal/dag must import nothing of kedrogo's", rel, p)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if checked == 0 {
		t.Fatal("no Go files found under internal/")
	}
}
