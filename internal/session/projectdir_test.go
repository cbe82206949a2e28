package session

import (
	"os"
	"path/filepath"
	"testing"
)

func TestFindProjectDir(t *testing.T) {
	root := t.TempDir()
	for _, d := range []string{"conf/base", "pipelines/reporting"} {
		if err := os.MkdirAll(filepath.Join(root, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	elsewhere := t.TempDir()
	tests := []struct {
		name, cwd, want string
	}{
		{"the root", root, root},
		{"a sub folder", filepath.Join(root, "pipelines", "reporting"), root},
		{"inside conf", filepath.Join(root, "conf", "base"), root},
		{"no conf anywhere up", elsewhere, elsewhere},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Chdir(tt.cwd)
			got, err := FindProjectDir()
			if err != nil {
				t.Fatal(err)
			}
			if g, w := evalLinks(t, got), evalLinks(t, tt.want); g != w {
				t.Errorf("FindProjectDir() = %s, want %s", g, w)
			}
		})
	}
}

func evalLinks(t *testing.T, p string) string {
	t.Helper()
	r, err := filepath.EvalSymlinks(p)
	if err != nil {
		t.Fatal(err)
	}
	return r
}
