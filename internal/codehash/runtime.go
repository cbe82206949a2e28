package codehash

import (
	"os"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"

	"github.com/kedrogo/kedrogo/internal/buildinfo"
	"github.com/kedrogo/kedrogo/internal/contenthash"
)

// embedded is the table Table computed when kedrogo built this binary;
// set by the linker (Symbol), "" for a binary built otherwise.
var embedded string

// table is embedded parsed: module-relative package folder -> hash.
var table = sync.OnceValue(func() map[string]string {
	if embedded == "" {
		return nil
	}
	m := map[string]string{}
	for _, part := range strings.Split(embedded, ";") {
		if k, v, ok := strings.Cut(part, "="); ok {
			m[k] = v
		}
	}
	return m
})

// Salt is what every node's code identity shares: the Go version, kedrogo's
// version, and the path, version and checksum of every module in the
// binary, so upgrading a dependency reruns everything.
var Salt = sync.OnceValue(func() string {
	var b strings.Builder
	b.WriteString(runtime.Version() + "\n" + buildinfo.KedrogoVersion() + "\n")
	if bi, ok := debug.ReadBuildInfo(); ok {
		b.WriteString(bi.Main.Path + " " + bi.Main.Version + "\n")
		for _, d := range bi.Deps {
			if d.Replace != nil {
				d = d.Replace
			}
			b.WriteString(d.Path + " " + d.Version + " " + d.Sum + "\n")
		}
	}
	if t := table(); t != nil {
		b.WriteString("mod " + t["mod"] + "\n")
	}
	return contenthash.Bytes([]byte(b.String()))
})

// ForFunc returns the code identity of a Go function by its full name
// ("example.com/proj/nodes.Train", closures and methods included), given
// the module path of the project: the hash of its package's source when
// this binary carries the table, "dependency" for a function from
// another module (whose version is in Salt), else the executable's hash.
func ForFunc(funcPath, module string) (string, error) {
	if t := table(); t != nil {
		pkg := packageOf(funcPath)
		rel, ok := "", false
		switch {
		case pkg == module:
			rel, ok = ".", true
		case strings.HasPrefix(pkg, module+"/"):
			rel, ok = strings.TrimPrefix(pkg, module+"/"), true
		}
		if !ok {
			return "dependency " + pkg, nil
		}
		if h, ok := t[rel]; ok {
			return "source " + h, nil
		}
	}
	return Executable()
}

// Executable is the hash of this process's executable, from the stat
// cache when it is unchanged.
func Executable() (string, error) {
	exe, err := os.Executable()
	if err != nil {
		return "", err
	}
	sum, err := contenthash.Default.File(exe)
	if err != nil {
		return "", err
	}
	return "executable " + sum, nil
}

// Embedded reports whether this binary carries the source table.
func Embedded() bool { return table() != nil }

// packageOf cuts a function's full name to its package path:
// "a.b/c/d.F.func1" -> "a.b/c/d", "a/b.(*T).M" -> "a/b".
func packageOf(funcPath string) string {
	slash := strings.LastIndexByte(funcPath, '/')
	if dot := strings.IndexByte(funcPath[slash+1:], '.'); dot >= 0 {
		return funcPath[:slash+1+dot]
	}
	return funcPath
}
