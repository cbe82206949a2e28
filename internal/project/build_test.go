package project

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// tinyProject writes a dependency-free module, so building needs no network.
func tinyProject(t *testing.T, module, mainGo string) string {
	t.Helper()
	root := t.TempDir()
	mkdirs(t, filepath.Join(root, "conf"))
	writeFile(t, filepath.Join(root, "go.mod"), "module "+module+"\n\ngo 1.21\n")
	writeFile(t, filepath.Join(root, "main.go"), mainGo)
	return root
}

func TestBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go command")
	}
	tests := []struct {
		name, module, src string
		wantBin           string // base name; "" = a build error
		wantMsg           string // in the BuildError
	}{
		{
			name: "ok", module: "example.com/team/tiny/v2",
			src:     "package main\n\nfunc main() { println(\"hi\") }\n",
			wantBin: "tiny",
		},
		{
			name: "compile error", module: "broken",
			src:     "package main\n\nfunc main() { undefinedThing() }\n",
			wantMsg: "undefined: undefinedThing",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := tinyProject(t, tt.module, tt.src)
			var stderr bytes.Buffer
			bin, err := Build(context.Background(), root, &stderr)
			if tt.wantBin == "" {
				var be *BuildError
				if !errors.As(err, &be) {
					t.Fatalf("Build = %q, %v; want a *BuildError", bin, err)
				}
				if !strings.Contains(be.Output, tt.wantMsg) || !strings.Contains(err.Error(), tt.wantMsg) {
					t.Errorf("BuildError %q does not carry %q", err, tt.wantMsg)
				}
				if n := strings.Count(stderr.String(), tt.wantMsg); n != 1 {
					t.Errorf("stderr %q shows %q %d times, want once", stderr.String(), tt.wantMsg, n)
				}
				if strings.Contains(stderr.String(), "WORK=") || strings.Contains(stderr.String(), "/compile ") {
					t.Errorf("stderr shows go's -x trace: %q", stderr.String())
				}
				if _, ok := LastBuilt(root); ok {
					t.Errorf("LastBuilt reports a binary after a failed first build")
				}
				assertNoTempFiles(t, root)
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if want := filepath.Join(root, BinDir, tt.wantBin); bin != want {
				t.Errorf("bin = %q, want %q", bin, want)
			}
			if want := "Building " + tt.wantBin + "…\n"; stderr.String() != want {
				t.Errorf("first build: stderr %q, want %q", stderr.String(), want)
			}
			stderr.Reset()
			if last, ok := LastBuilt(root); !ok || last != bin {
				t.Errorf("LastBuilt = %q, %v; want %q", last, ok, bin)
			}
			// A rebuild of unchanged sources leaves the binary alone.
			before, err := os.Stat(bin)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := Build(context.Background(), root, &stderr); err != nil {
				t.Fatal(err)
			}
			if after, err := os.Stat(bin); err != nil || !os.SameFile(before, after) {
				t.Errorf("an unchanged rebuild replaced the binary")
			}
			if stderr.Len() != 0 {
				t.Errorf("an up-to-date build said %q; want silence", stderr.String())
			}
			// A changed source is rebuilt (a new file, renamed into place).
			writeFile(t, filepath.Join(root, "main.go"), tt.src+"\nvar changed = 1\n")
			if _, err := Build(context.Background(), root, &stderr); err != nil {
				t.Fatal(err)
			}
			if after, err := os.Stat(bin); err != nil || os.SameFile(before, after) {
				t.Errorf("a changed project was not rebuilt into a new file")
			}
			if !strings.HasPrefix(stderr.String(), "Building ") {
				t.Errorf("a rebuild said %q; want Building …", stderr.String())
			}
			assertNoTempFiles(t, root)
		})
	}
}

func TestBuildNotAModule(t *testing.T) {
	root := t.TempDir()
	_, err := Build(context.Background(), root, nil)
	if err == nil || !strings.Contains(err.Error(), "go.mod") {
		t.Fatalf("Build without go.mod = %v; want an error naming go.mod", err)
	}
}

func TestGoToolMissing(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	saved := fallbackGo
	fallbackGo = filepath.Join(t.TempDir(), "go")
	t.Cleanup(func() { fallbackGo = saved })
	_, err := Build(context.Background(), t.TempDir(), nil)
	if !errors.As(err, new(GoNotFoundError)) {
		t.Fatalf("err = %v; want GoNotFoundError", err)
	}
}

func TestLastBuiltNone(t *testing.T) {
	root := tinyProject(t, "tiny", "package main\n")
	if bin, ok := LastBuilt(root); ok {
		t.Fatalf("LastBuilt = %q before any build", bin)
	}
}

// assertNoTempFiles checks that only the binary is left in BinDir (a
// failed first build may leave no BinDir at all).
func assertNoTempFiles(t *testing.T, root string) {
	t.Helper()
	entries, err := os.ReadDir(filepath.Join(root, BinDir))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		t.Fatal(err)
	}
	for _, e := range entries {
		if strings.Contains(e.Name(), "tmp") {
			t.Errorf("temporary file left behind: %s", e.Name())
		}
	}
}
