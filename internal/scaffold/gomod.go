package scaffold

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
)

// KedrogoModule is the module path every project requires.
const KedrogoModule = "github.com/kedrogo/kedrogo"

// replacedVersion is the placeholder version the go command itself writes
// for a requirement that a replace directive satisfies.
const replacedVersion = "v0.0.0-00010101000000-000000000000"

// releaseVersion matches versions the module proxy can serve: semantic and
// pseudo-versions, but not "(devel)" nor "+dirty" local builds.
var releaseVersion = regexp.MustCompile(`^v\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$`)

// IsReleaseVersion reports whether v can be required from the module proxy.
func IsReleaseVersion(v string) bool { return releaseVersion.MatchString(v) }

// NoKedrogoError says a project cannot be pointed at any kedrogo module.
type NoKedrogoError struct{ Version string }

func (e *NoKedrogoError) Error() string {
	return fmt.Sprintf("cannot tell which kedrogo the new project should use: this kedrogo binary "+
		"was built from source (version %q) without recording its checkout.\n"+
		"Hint: pass --kedrogo-source DIR (a kedrogo checkout), or build kedrogo with 'make build', "+
		"which records the checkout.", e.Version)
}

// source is a kedrogo checkout a development project is pointed at.
type source struct {
	dir       string   // absolute
	goVersion string   // its go directive
	requires  []string // "path version", as in its go.mod
	goSum     []byte
}

func readSource(dir string) (*source, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	gomod, err := os.ReadFile(filepath.Join(abs, "go.mod"))
	if err != nil {
		return nil, fmt.Errorf("kedrogo source %s: %w\nHint: --kedrogo-source must name a kedrogo checkout (the folder with its go.mod)", dir, err)
	}
	src := &source{dir: abs}
	module := ""
	inRequire := false
	sc := bufio.NewScanner(bytes.NewReader(gomod))
	for sc.Scan() {
		line, _, _ := strings.Cut(sc.Text(), "//")
		fields := strings.Fields(line)
		switch {
		case len(fields) == 0:
		case inRequire && fields[0] == ")":
			inRequire = false
		case inRequire && len(fields) == 2:
			src.requires = append(src.requires, fields[0]+" "+fields[1])
		case fields[0] == "module" && len(fields) == 2:
			module = unquote(fields[1])
		case fields[0] == "go" && len(fields) == 2:
			src.goVersion = fields[1]
		case fields[0] == "require" && len(fields) == 2 && fields[1] == "(":
			inRequire = true
		case fields[0] == "require" && len(fields) == 3:
			src.requires = append(src.requires, fields[1]+" "+fields[2])
		}
	}
	if module != KedrogoModule {
		return nil, fmt.Errorf("kedrogo source %s: its go.mod declares module %q, not %s\n"+
			"Hint: --kedrogo-source must name a kedrogo checkout", dir, module, KedrogoModule)
	}
	src.goSum, err = os.ReadFile(filepath.Join(abs, "go.sum"))
	if err != nil && !os.IsNotExist(err) {
		return nil, err
	}
	return src, nil
}

func unquote(s string) string {
	if u, err := strconv.Unquote(s); err == nil {
		return u
	}
	return s
}

// goMod renders the project's go.mod. With a source checkout, it lists the
// checkout's requirements as indirect ones so that, with the checkout's
// go.sum copied beside it, the project builds without `go mod tidy`.
func goMod(module, version string, src *source) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "module %s\n\ngo %s\n\n", module, goDirective(src))
	if src == nil {
		fmt.Fprintf(&b, "require %s %s\n", KedrogoModule, version)
		return b.Bytes()
	}
	if version == "" {
		version = replacedVersion
	}
	fmt.Fprintf(&b, "require %s %s\n", KedrogoModule, version)
	if len(src.requires) > 0 {
		b.WriteString("\nrequire (\n")
		for _, r := range src.requires {
			fmt.Fprintf(&b, "\t%s // indirect\n", r)
		}
		b.WriteString(")\n")
	}
	fmt.Fprintf(&b, "\nreplace %s => %s\n", KedrogoModule, quoteIfNeeded(src.dir))
	return b.Bytes()
}

func goDirective(src *source) string {
	if src != nil && src.goVersion != "" {
		return src.goVersion
	}
	// The toolchain this binary was built with: "go1.26.8" -> "1.26.0".
	v := strings.TrimPrefix(runtime.Version(), "go")
	parts := strings.SplitN(v, ".", 3)
	if len(parts) >= 2 {
		if _, err := strconv.Atoi(parts[1]); err == nil {
			return parts[0] + "." + parts[1] + ".0"
		}
	}
	return "1.26.0"
}

// quoteIfNeeded quotes a go.mod path holding spaces or quotes.
func quoteIfNeeded(p string) string {
	if strings.ContainsAny(p, " \t\"'`\\") {
		return strconv.Quote(p)
	}
	return p
}
