package scaffold

import (
	"fmt"
	"go/token"
	"strings"
)

// NameError is an invalid project or pipeline name.
type NameError struct {
	Name, Kind, Reason string
}

func (e *NameError) Error() string {
	return fmt.Sprintf("'%s' is not a valid %s. %s", e.Name, e.Kind, e.Reason)
}

// reservedPipelineNames would clash with main.go's own identifiers.
var reservedPipelineNames = map[string]bool{"main": true, "kedrogo": true}

// ValidatePipelineName checks that name works as a Go package name, the
// folder under pipelines/ and the registry key — Kedro's rule for Python
// package names, in Go's terms.
func ValidatePipelineName(name string) error {
	const kind = "Go package name"
	fail := func(reason string) error { return &NameError{Name: name, Kind: kind, Reason: reason} }
	switch {
	case name == "" || !isLower(name[0]):
		return fail("It must start with a lower-case letter.")
	case len(name) < 2:
		return fail("It must be at least 2 characters long.")
	case strings.IndexFunc(name, func(r rune) bool { return !isLowerDigitUnderscore(r) }) >= 0:
		return fail("It must contain only lower-case letters, digits, and/or underscores.")
	case token.IsKeyword(name):
		return fail("It must not be a Go keyword.")
	case reservedPipelineNames[name]:
		return fail("It would clash with main.go's identifiers; pick another name.")
	}
	return nil
}

// ValidateProjectName checks that name works as the module path, the
// folder and the binary name: a letter, then letters, digits, '-', '_'
// or '.', at least 2 characters, not ending with '.'.
func ValidateProjectName(name string) error {
	const kind = "project name"
	fail := func(reason string) error { return &NameError{Name: name, Kind: kind, Reason: reason} }
	switch {
	case name == "" || !isLetter(name[0]):
		return fail("It must start with a letter.")
	case len(name) < 2:
		return fail("It must be at least 2 characters long.")
	case strings.IndexFunc(name, func(r rune) bool { return !isModuleRune(r) }) >= 0:
		return fail("It must contain only letters, digits, '-', '_' and '.' (it becomes the Go module path).")
	case strings.HasSuffix(name, ".") || strings.Contains(name, ".."):
		return fail("It must not end with '.' nor contain '..'.")
	}
	return nil
}

func isLower(b byte) bool  { return 'a' <= b && b <= 'z' }
func isLetter(b byte) bool { return isLower(b) || ('A' <= b && b <= 'Z') }

func isLowerDigitUnderscore(r rune) bool {
	return ('a' <= r && r <= 'z') || ('0' <= r && r <= '9') || r == '_'
}

func isModuleRune(r rune) bool {
	return r < 0x80 && (isLetter(byte(r)) || ('0' <= r && r <= '9') || r == '-' || r == '_' || r == '.')
}
