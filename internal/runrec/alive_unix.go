//go:build unix

package runrec

import (
	"errors"
	"os"
	"syscall"
)

// alive reports whether process pid still runs (the writer of a
// "running" record).
func alive(pid int) bool {
	if pid <= 0 {
		return false
	}
	if pid == os.Getpid() {
		return true
	}
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}
