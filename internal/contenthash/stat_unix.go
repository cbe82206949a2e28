//go:build unix

package contenthash

import (
	"os"
	"syscall"
)

func identify(fi os.FileInfo) Identity {
	id := Identity{Size: fi.Size(), MTime: fi.ModTime().UnixNano()}
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		id.Inode, id.Dev = uint64(st.Ino), uint64(st.Dev)
		id.CTime = ctime(st)
	}
	return id
}
