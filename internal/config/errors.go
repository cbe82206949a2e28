package config

import "fmt"

// Error is a configuration problem: what is wrong, where (File and Line
// when it is in a file) and, in Msg, how to fix it. The CLI maps it to
// exit status 2.
type Error struct {
	File string // "" for command-line input
	Line int    // 0 when the problem is not on one line
	Msg  string
}

func (e *Error) Error() string {
	switch {
	case e.File != "" && e.Line > 0:
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	case e.File != "":
		return e.File + ": " + e.Msg
	}
	return e.Msg
}

func errorf(file string, line int, format string, args ...any) *Error {
	return &Error{File: file, Line: line, Msg: fmt.Sprintf(format, args...)}
}
