//go:build unix && !linux

package command

import (
	"errors"
	"syscall"
)

func sysProcAttr() *syscall.SysProcAttr { return &syscall.SysProcAttr{Setpgid: true} }

// waitExited cannot wait without reaping here; Wait reaps.
func waitExited(int) bool { return false }

// cgroup is Linux-only.
type cgroup struct{}

func newCgroup(int64) (*cgroup, error) { return nil, errors.New("cgroups are Linux-only") }

// CgroupAvailable says why commands cannot run in cgroups here.
func CgroupAvailable() error { return errors.New("cgroups are Linux-only") }

func useCgroup(*syscall.SysProcAttr, *cgroup) {}
func (*cgroup) remove()                       {}
func (*cgroup) peak() int64                   { return 0 }
func (*cgroup) oomKilled() bool               { return false }
