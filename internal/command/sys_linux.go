package command

import (
	"syscall"

	"golang.org/x/sys/unix"
)

// sysProcAttr puts the command in its own process group and has the
// kernel SIGKILL it if kedrogo dies without stopping it.
func sysProcAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
}

// waitExited blocks until pid has exited, without reaping it: while the
// zombie exists its process group id cannot be given to another group,
// so killing the group afterwards reaches only what the command left.
func waitExited(pid int) bool {
	var info unix.Siginfo
	for {
		err := unix.Waitid(unix.P_PID, pid, &info, unix.WEXITED|unix.WNOWAIT, nil)
		if err != unix.EINTR {
			return err == nil
		}
	}
}

// useCgroup starts the command inside cg.
func useCgroup(attr *syscall.SysProcAttr, cg *cgroup) {
	attr.UseCgroupFD = true
	attr.CgroupFD = cg.fd
}
