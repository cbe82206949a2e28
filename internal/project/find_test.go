package project

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestFind(t *testing.T) {
	tmp := t.TempDir()
	proj := filepath.Join(tmp, "proj")
	mkdirs(t, filepath.Join(proj, "conf", "base"), filepath.Join(proj, "pipelines", "deep"))
	writeFile(t, filepath.Join(proj, "go.mod"), "module proj\n")

	onlyMod := filepath.Join(tmp, "onlymod")
	mkdirs(t, onlyMod)
	writeFile(t, filepath.Join(onlyMod, "go.mod"), "module onlymod\n")

	onlyConf := filepath.Join(tmp, "onlyconf")
	mkdirs(t, filepath.Join(onlyConf, "conf"))

	confFile := filepath.Join(tmp, "conffile") // conf is a file, not a folder
	mkdirs(t, confFile)
	writeFile(t, filepath.Join(confFile, "go.mod"), "module conffile\n")
	writeFile(t, filepath.Join(confFile, "conf"), "")

	tests := []struct {
		name, start, want string
	}{
		{"root itself", proj, proj},
		{"from a sub folder", filepath.Join(proj, "pipelines", "deep"), proj},
		{"from conf", filepath.Join(proj, "conf", "base"), proj},
		{"go.mod without conf", onlyMod, ""},
		{"conf without go.mod", onlyConf, ""},
		{"conf is a file", confFile, ""},
		{"empty folder", tmp, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Find(tt.start)
			if tt.want == "" {
				var nf *NotFoundError
				if !errors.As(err, &nf) {
					t.Fatalf("Find(%s) = %q, %v; want a *NotFoundError", tt.start, got, err)
				}
				if !strings.HasPrefix(err.Error(), "kedrogo project not found in this directory.") {
					t.Errorf("message = %q", err)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("Find(%s) = %q, %v; want %q", tt.start, got, err, tt.want)
			}
		})
	}
}

func TestFindRelative(t *testing.T) {
	proj := t.TempDir()
	mkdirs(t, filepath.Join(proj, "conf"), filepath.Join(proj, "sub"))
	writeFile(t, filepath.Join(proj, "go.mod"), "module proj\n")
	t.Chdir(filepath.Join(proj, "sub"))
	got, err := Find(".")
	// The temp dir may sit behind a symlink; compare resolved paths.
	if err != nil || resolve(t, got) != resolve(t, proj) {
		t.Fatalf("Find(.) = %q, %v; want %q", got, err, proj)
	}
}

func TestParseModulePath(t *testing.T) {
	tests := []struct{ gomod, want string }{
		{"module example.com/x\n\ngo 1.26\n", "example.com/x"},
		{"// comment\nmodule   myproj // trailing\n", "myproj"},
		{"module \"quoted/path\"\n", "quoted/path"},
		{"modules x\ngo 1.26\n", ""},
		{"go 1.26\n", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := parseModulePath([]byte(tt.gomod)); got != tt.want {
			t.Errorf("parseModulePath(%q) = %q, want %q", tt.gomod, got, tt.want)
		}
	}
}

func FuzzParseModulePath(f *testing.F) {
	f.Add("module example.com/x\n")
	f.Add("module \"a b\" // c\n")
	f.Add("module\n")
	f.Fuzz(func(t *testing.T, gomod string) {
		parseModulePath([]byte(gomod)) // must not panic
	})
}

func TestBinaryName(t *testing.T) {
	tests := []struct{ module, want string }{
		{"myproj", "myproj"},
		{"example.com/team/flows", "flows"},
		{"example.com/team/flows/v2", "flows"},
		{"v2", "v2"},
		{"example.com/vx", "vx"},
	}
	for _, tt := range tests {
		if got := binaryName(tt.module); got != tt.want {
			t.Errorf("binaryName(%q) = %q, want %q", tt.module, got, tt.want)
		}
	}
}

func mkdirs(t *testing.T, dirs ...string) {
	t.Helper()
	for _, d := range dirs {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
}

func writeFile(t *testing.T, name, content string) {
	t.Helper()
	if err := os.WriteFile(name, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func resolve(t *testing.T, p string) string {
	t.Helper()
	r, err := filepath.EvalSymlinks(p)
	if err != nil {
		t.Fatal(err)
	}
	return r
}
