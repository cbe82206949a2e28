//go:build !unix

package filelock

import (
	"errors"
	"os"
)

var errWouldBlock = errors.New("would block")

func lock(*os.File, bool) error { return ErrUnsupported }
