package codehash

import (
	"encoding/hex"
	"fmt"
	"go/build"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"lukechampine.com/blake3"
)

// Symbol is the variable the linker sets: -X Symbol=<table>.
const Symbol = "github.com/kedrogo/kedrogo/internal/codehash.embedded"

// LinkerFlag returns the -X flag carrying the code hashes of the module
// rooted at root, whose module path is module.
func LinkerFlag(root, module string) (string, error) {
	t, err := Table(root, module)
	if err != nil {
		return "", err
	}
	return "-X=" + Symbol + "=" + t, nil
}

// pkgInfo is one package of the module: its own files' hash and the
// in-module packages it imports.
type pkgInfo struct {
	own     []byte
	imports []string // relative ("." or "pipelines/x")
}

// Table hashes every package of the module at root: "mod=<go.mod and
// go.sum>;<rel>=<hash>;…", rel being the package's folder relative to
// root ("." for the root package). A package's hash covers its Go files
// (those the build uses here), its embedded files and, transitively, the
// in-module packages it imports.
func Table(root, module string) (string, error) {
	pkgs := map[string]*pkgInfo{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			return nil
		}
		name := d.Name()
		if p != root && (strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") || name == "testdata" || name == "vendor") {
			return filepath.SkipDir
		}
		if p != root {
			if _, err := os.Stat(filepath.Join(p, "go.mod")); err == nil {
				return filepath.SkipDir // another module
			}
		}
		bp, err := build.Default.ImportDir(p, 0)
		if err != nil {
			return nil // no buildable Go files here
		}
		rel, _ := filepath.Rel(root, p)
		info, err := hashPackage(p, bp, module)
		if err != nil {
			return err
		}
		pkgs[filepath.ToSlash(rel)] = info
		return nil
	})
	if err != nil {
		return "", fmt.Errorf("hashing the project's source: %w", err)
	}
	mod := blake3.New(32, nil)
	for _, f := range []string{"go.mod", "go.sum"} {
		data, _ := os.ReadFile(filepath.Join(root, f))
		fmt.Fprintf(mod, "%s %d\n", f, len(data))
		mod.Write(data)
	}
	parts := []string{"mod=" + short(mod.Sum(nil))}
	for _, rel := range slices.Sorted(maps.Keys(pkgs)) {
		parts = append(parts, rel+"="+short(closure(rel, pkgs)))
	}
	return strings.Join(parts, ";"), nil
}

// hashPackage hashes the files of one package.
func hashPackage(dir string, bp *build.Package, module string) (*pkgInfo, error) {
	files := slices.Concat(bp.GoFiles, bp.CgoFiles, bp.CFiles, bp.HFiles, bp.SFiles, bp.SysoFiles)
	for _, pat := range bp.EmbedPatterns {
		matches, err := embedFiles(dir, pat)
		if err != nil {
			return nil, err
		}
		files = append(files, matches...)
	}
	slices.Sort(files)
	files = slices.Compact(files)
	h := blake3.New(32, nil)
	for _, f := range files {
		data, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			return nil, err
		}
		fmt.Fprintf(h, "%s %d\n", f, len(data))
		h.Write(data)
	}
	info := &pkgInfo{own: h.Sum(nil)}
	for _, imp := range bp.Imports {
		switch {
		case imp == module:
			info.imports = append(info.imports, ".")
		case strings.HasPrefix(imp, module+"/"):
			info.imports = append(info.imports, strings.TrimPrefix(imp, module+"/"))
		}
	}
	return info, nil
}

// embedFiles lists the files a //go:embed pattern names, relative to dir;
// a folder names every file under it.
func embedFiles(dir, pat string) ([]string, error) {
	pat = strings.TrimPrefix(pat, "all:")
	matches, err := filepath.Glob(filepath.Join(dir, filepath.FromSlash(pat)))
	if err != nil {
		return nil, err
	}
	var files []string
	for _, m := range matches {
		err := filepath.WalkDir(m, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			rel, _ := filepath.Rel(dir, p)
			files = append(files, filepath.ToSlash(rel))
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return files, nil
}

// closure hashes a package with every in-module package it reaches.
func closure(rel string, pkgs map[string]*pkgInfo) []byte {
	seen := map[string]bool{rel: true}
	queue := []string{rel}
	for len(queue) > 0 {
		p := queue[0]
		queue = queue[1:]
		if info := pkgs[p]; info != nil {
			for _, imp := range info.imports {
				if !seen[imp] {
					seen[imp] = true
					queue = append(queue, imp)
				}
			}
		}
	}
	h := blake3.New(32, nil)
	for _, p := range slices.Sorted(maps.Keys(seen)) {
		if info := pkgs[p]; info != nil {
			fmt.Fprintf(h, "%s %x\n", path.Clean(p), info.own)
		}
	}
	return h.Sum(nil)
}

// short is the first 16 bytes of a hash in hex: the table travels on the
// linker's command line.
func short(sum []byte) string { return hex.EncodeToString(sum[:16]) }
