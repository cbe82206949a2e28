//go:build !unix

package project

import "errors"

// Replace is not available on this system; callers fall back to Exec.
func Replace(bin string, args []string) error { return errors.ErrUnsupported }
