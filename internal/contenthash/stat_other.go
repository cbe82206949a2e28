//go:build !unix

package contenthash

import "os"

// identify without inode or ctime: size and mtime only.
func identify(fi os.FileInfo) Identity {
	return Identity{Size: fi.Size(), MTime: fi.ModTime().UnixNano()}
}
