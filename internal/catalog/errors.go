package catalog

import (
	"fmt"
	"strings"
)

// ConfigError is a problem with the catalog's configuration, found before
// any node runs (the CLI maps it to exit status 2). File and Line point at
// the offending YAML when there is one.
type ConfigError struct {
	File    string
	Line    int
	Dataset string // "" when the problem is not about one dataset
	Msg     string
}

func (e *ConfigError) Error() string {
	var b strings.Builder
	if e.File != "" {
		b.WriteString(e.File)
		if e.Line > 0 {
			fmt.Fprintf(&b, ":%d", e.Line)
		}
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

// ExitCode is the process exit status for a configuration problem.
func (e *ConfigError) ExitCode() int { return 2 }

// parseError is Kedro's framing for a bad entry: "An exception occurred
// when parsing config for dataset 'x':\n<reason>".
func parseError(file string, line int, name, reason string) *ConfigError {
	return &ConfigError{File: file, Line: line, Dataset: name,
		Msg: fmt.Sprintf("An exception occurred when parsing config for dataset '%s':\n%s", name, reason)}
}

// DatasetError is a failure while loading or saving a dataset during a run
// (a node failure, exit status 1). It names the dataset and, for files, the
// path; Err is the cause.
type DatasetError struct {
	Dataset string
	Op      string // "load", "save" or "exists"
	Path    string // "" for in-memory datasets
	Err     error
}

func (e *DatasetError) Error() string {
	verb := map[string]string{"load": "loading data from", "save": "saving data to", "exists": "checking"}[e.Op]
	if verb == "" {
		verb = e.Op
	}
	var b strings.Builder
	if e.Dataset != "" {
		b.WriteString(e.Dataset)
		b.WriteString(": ")
	}
	if e.Path != "" {
		fmt.Fprintf(&b, "Failed while %s %s: ", verb, e.Path)
	}
	b.WriteString(e.Err.Error())
	return b.String()
}

func (e *DatasetError) Unwrap() error { return e.Err }

// NotFoundError says a name is neither declared nor added (Kedro's
// DatasetNotFoundError).
type NotFoundError struct{ Msg string }

func (e *NotFoundError) Error() string { return e.Msg }

// ExitCode is the process exit status: asking for an unknown dataset is a
// configuration problem.
func (e *NotFoundError) ExitCode() int { return 2 }
