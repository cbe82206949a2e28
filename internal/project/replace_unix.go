//go:build unix

package project

import (
	"os"
	"syscall"
)

// Replace replaces the current process with bin (execve), keeping the
// process id, the standard streams, the environment and the terminal's
// process group. Signals, exit status and terminal input then belong to
// the project binary alone — the cleanest hand-over, as `cargo run` and
// kubectl plugins do it. argv0 is the program name the binary sees ("" =
// bin). It returns only on failure.
func Replace(bin, argv0 string, args []string) error {
	if argv0 == "" {
		argv0 = bin
	}
	return syscall.Exec(bin, append([]string{argv0}, args...), os.Environ())
}
