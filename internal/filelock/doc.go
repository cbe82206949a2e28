// Package filelock takes advisory exclusive locks on open files (flock on
// Unix). A lock belongs to the open file, so two opens of one file — in
// one process or two — exclude each other, and the kernel drops a lock
// when its holder dies, however it dies: a lock found free means nobody
// is working on the file.
package filelock
