//go:build !unix

package project

import "errors"

// Replace is not available on this system; callers fall back to Exec.
func Replace(bin, argv0 string, args []string) error { return errors.ErrUnsupported }
