package cli

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/kedrogo/kedrogo/internal/project"
)

// projectRelative makes what a project's commands print on stderr name
// files as conf/ writes them: relative to the project root. The catalog
// and the config loader resolve paths against the root, absolutely, so a
// run's messages said /home/me/proj/data/01_raw/x.csv where `catalog
// list-entries` said conf/base/catalog.yml:3; rewriting at the one stream
// every message passes keeps each package's errors exact and all output
// alike. Paths outside the project stay absolute.
func projectRelative(streams IOStreams) IOStreams {
	wd, err := os.Getwd()
	if err != nil {
		return streams
	}
	root, ok := project.NearestConf(wd)
	if !ok || root == string(filepath.Separator) {
		return streams
	}
	streams.ErrOut = &relativeWriter{w: streams.ErrOut, prefix: []byte(root + string(filepath.Separator))}
	return streams
}

// relativeWriter drops prefix (the project root and a separator) where it
// starts a path: at the start of a write or after a byte that cannot be
// part of a path name. Each write is rewritten on its own: the runner's
// logs and messages write whole lines, and a progress line is never held
// back.
type relativeWriter struct {
	w      io.Writer
	prefix []byte
}

func (r *relativeWriter) Write(p []byte) (int, error) {
	if !bytes.Contains(p, r.prefix) {
		return r.w.Write(p)
	}
	out := make([]byte, 0, len(p))
	rest := p
	for {
		i := bytes.Index(rest, r.prefix)
		if i < 0 {
			out = append(out, rest...)
			break
		}
		startsPath := i == 0 && len(out) == 0 || i > 0 && !isPathByte(rest[i-1]) ||
			i == 0 && len(out) > 0 && !isPathByte(out[len(out)-1])
		out = append(out, rest[:i]...)
		if !startsPath {
			out = append(out, r.prefix...)
		}
		rest = rest[i+len(r.prefix):]
	}
	if _, err := r.w.Write(out); err != nil {
		return 0, err
	}
	return len(p), nil
}

func isPathByte(b byte) bool {
	return b == '/' || b == '\\' || b == '.' || b == '-' || b == '_' || b == '~' ||
		'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' || '0' <= b && b <= '9'
}

// displayPath is path as stdout listings show it: relative to the project
// root when inside it (as conf/ writes paths), else unchanged.
func displayPath(root, path string) string {
	if root == "" || !filepath.IsAbs(path) {
		return path
	}
	rel, err := filepath.Rel(root, path)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return path
	}
	return rel
}
