package filelock

import (
	"errors"
	"os"
)

// ErrUnsupported is returned where the platform has no flock; callers
// fall back to something weaker (an age check) or go without.
var ErrUnsupported = errors.ErrUnsupported

// Lock waits for an exclusive lock on f; closing f releases it.
func Lock(f *os.File) error { return lock(f, true) }

// TryLock takes an exclusive lock on f if nobody holds one and reports
// whether it did.
func TryLock(f *os.File) (bool, error) {
	err := lock(f, false)
	if errors.Is(err, errWouldBlock) {
		return false, nil
	}
	return err == nil, err
}
