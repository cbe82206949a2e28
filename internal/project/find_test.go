package project

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestFind covers the one rule: the nearest folder upwards holding conf/;
// Go files there are built within the nearest enclosing go.mod; without
// Go files, pipelines.yml makes a YAML project; otherwise the message
// names where the search started and what is missing.
func TestFind(t *testing.T) {
	tmp := t.TempDir()
	proj := filepath.Join(tmp, "proj") // conf/, go.mod, main.go
	mkdirs(t, filepath.Join(proj, "conf", "base"), filepath.Join(proj, "pipelines", "deep"))
	writeFile(t, filepath.Join(proj, "go.mod"), "module proj\n")
	writeFile(t, filepath.Join(proj, "main.go"), "package main\n")

	// A project inside a bigger module, as kedrogo's bundled examples.
	mod := filepath.Join(tmp, "mod")
	inModule := filepath.Join(mod, "examples", "seed")
	mkdirs(t, filepath.Join(inModule, "conf"), filepath.Join(inModule, "data"))
	writeFile(t, filepath.Join(mod, "go.mod"), "module example.com/mod\n")
	writeFile(t, filepath.Join(inModule, "main.go"), "package main\n")

	yml := filepath.Join(tmp, "yml") // conf/ and pipelines.yml, no Go
	mkdirs(t, filepath.Join(yml, "conf"))
	writeFile(t, filepath.Join(yml, "pipelines.yml"), "pipelines: {}\n")

	ymlDir := filepath.Join(tmp, "ymldir") // conf/ and pipelines/*.yml
	mkdirs(t, filepath.Join(ymlDir, "conf"), filepath.Join(ymlDir, "pipelines"))
	writeFile(t, filepath.Join(ymlDir, "pipelines", "a.yml"), "pipelines: {}\n")

	// go.mod and pipelines.yml but no Go files: YAML, nothing to build.
	ymlMod := filepath.Join(tmp, "ymlmod")
	mkdirs(t, filepath.Join(ymlMod, "conf"))
	writeFile(t, filepath.Join(ymlMod, "go.mod"), "module ymlmod\n")
	writeFile(t, filepath.Join(ymlMod, "pipelines.yml"), "pipelines: {}\n")

	onlyMod := filepath.Join(tmp, "onlymod")
	mkdirs(t, onlyMod)
	writeFile(t, filepath.Join(onlyMod, "go.mod"), "module onlymod\n")

	onlyConf := filepath.Join(tmp, "onlyconf") // conf/ alone
	mkdirs(t, filepath.Join(onlyConf, "conf"))
	writeFile(t, filepath.Join(onlyConf, "main_test.go"), "package main\n") // a test is no main package

	noMod := filepath.Join(tmp, "nomod") // conf/ and Go files, no go.mod anywhere
	mkdirs(t, filepath.Join(noMod, "conf"))
	writeFile(t, filepath.Join(noMod, "main.go"), "package main\n")

	confFile := filepath.Join(tmp, "conffile") // conf is a file, not a folder
	mkdirs(t, confFile)
	writeFile(t, filepath.Join(confFile, "go.mod"), "module conffile\n")
	writeFile(t, filepath.Join(confFile, "conf"), "")

	tests := []struct {
		name, start, want string
		yaml              bool
		wantMsg           string // for a NotFoundError
	}{
		{name: "root itself", start: proj, want: proj},
		{name: "from a sub folder", start: filepath.Join(proj, "pipelines", "deep"), want: proj},
		{name: "from conf", start: filepath.Join(proj, "conf", "base"), want: proj},
		{name: "inside a bigger module", start: inModule, want: inModule},
		{name: "inside a bigger module, from data", start: filepath.Join(inModule, "data"), want: inModule},
		{name: "pipelines.yml", start: yml, want: yml, yaml: true},
		{name: "pipelines folder", start: ymlDir, want: ymlDir, yaml: true},
		{name: "go.mod and pipelines.yml", start: ymlMod, want: ymlMod, yaml: true},
		{name: "go.mod without conf", start: onlyMod,
			wantMsg: "kedrogo project not found: no folder from " + onlyMod + " upwards holds a conf/ folder."},
		{name: "conf alone", start: onlyConf,
			wantMsg: "kedrogo project not found: " + onlyConf + " holds conf/ but no Go files (a main package calling kedrogo.Main) and no pipelines.yml"},
		{name: "Go files without go.mod", start: noMod,
			wantMsg: "kedrogo project not found: " + noMod + " holds conf/ and Go files, but neither it nor a parent folder has a go.mod"},
		{name: "conf is a file", start: confFile,
			wantMsg: "no folder from " + confFile + " upwards holds a conf/ folder"},
		{name: "empty folder", start: tmp, wantMsg: "no folder from " + tmp + " upwards"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Find(tt.start)
			if tt.wantMsg != "" {
				var nf *NotFoundError
				if !errors.As(err, &nf) {
					t.Fatalf("Find(%s) = %q, %v; want a *NotFoundError", tt.start, got, err)
				}
				if !strings.Contains(err.Error(), tt.wantMsg) || !strings.Contains(err.Error(), "\nHint: ") {
					t.Errorf("message = %q\nwant it to contain %q and a hint", err, tt.wantMsg)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("Find(%s) = %q, %v; want %q", tt.start, got, err, tt.want)
			}
			if IsYAML(got) != tt.yaml {
				t.Errorf("IsYAML(%s) = %v, want %v", got, !tt.yaml, tt.yaml)
			}
		})
	}
}

func TestBinaryPathInsideBiggerModule(t *testing.T) {
	mod := t.TempDir()
	root := filepath.Join(mod, "examples", "seed")
	mkdirs(t, filepath.Join(root, "conf"))
	writeFile(t, filepath.Join(mod, "go.mod"), "module example.com/big/v3\n")
	got, err := ImportPath(root)
	if err != nil || got != "example.com/big/v3/examples/seed" {
		t.Fatalf("ImportPath = %q, %v", got, err)
	}
	bin, err := BinaryPath(root)
	if want := filepath.Join(root, BinDir, "seed"); err != nil || bin != want {
		t.Fatalf("BinaryPath = %q, %v; want %q", bin, err, want)
	}
	if _, err := ImportPath(t.TempDir()); err == nil || !strings.Contains(err.Error(), "go mod init") {
		t.Errorf("ImportPath without go.mod: %v", err)
	}
}

func TestFindRelative(t *testing.T) {
	proj := t.TempDir()
	mkdirs(t, filepath.Join(proj, "conf"), filepath.Join(proj, "sub"))
	writeFile(t, filepath.Join(proj, "go.mod"), "module proj\n")
	writeFile(t, filepath.Join(proj, "main.go"), "package main\n")
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
