//go:build darwin || freebsd || netbsd || openbsd || dragonfly

package contenthash

import "syscall"

func ctime(st *syscall.Stat_t) int64 { return int64(st.Ctimespec.Sec)*1e9 + int64(st.Ctimespec.Nsec) }
