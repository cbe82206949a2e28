package catalog

import (
	"bufio"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// WriteOutput writes a command's output file (export's -o). What cannot be
// replaced is written to directly: a character device or named pipe at
// path or at the end of its symbolic links (/dev/null, a terminal, a
// shell's pipe or process substitution), and a file descriptor's path
// (/dev/stdout, /dev/fd/N), whatever the descriptor is open on, appending
// as the shell's redirection does. Anything else is saved as
// WriteFileAtomic saves it: through symbolic links, never half-written,
// and a folder is refused.
func WriteOutput(path string, write func(w io.Writer) error) error {
	flags := os.O_WRONLY
	switch fi, err := os.Stat(path); {
	case isDescriptorPath(path):
		flags |= os.O_APPEND
	case err == nil && fi.Mode()&(fs.ModeCharDevice|fs.ModeNamedPipe) != 0:
	default:
		return WriteFileAtomic(path, write)
	}
	f, err := os.OpenFile(path, flags, 0)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(f)
	if err := write(bw); err != nil {
		f.Close()
		return err
	}
	if err := bw.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// isDescriptorPath reports whether path names an open file descriptor of
// this process rather than a file.
func isDescriptorPath(path string) bool {
	p := filepath.Clean(path)
	for _, prefix := range []string{"/dev/fd/", "/proc/self/fd/", "/proc/thread-self/fd/"} {
		if strings.HasPrefix(p, prefix) {
			return true
		}
	}
	return p == "/dev/stdout" || p == "/dev/stderr"
}
