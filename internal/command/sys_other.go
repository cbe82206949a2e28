//go:build unix && !linux

package command

import "syscall"

func sysProcAttr() *syscall.SysProcAttr { return &syscall.SysProcAttr{Setpgid: true} }

// waitExited cannot wait without reaping here; Wait reaps.
func waitExited(int) bool { return false }
