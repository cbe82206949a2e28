package pipeline

import (
	"fmt"
	"strings"
)

// Problem is one definition problem: of a node when Node is set, else of
// the pipeline as a whole. Pipeline is set by ValidateRegistry.
type Problem struct {
	Pipeline string
	Node     string
	Msg      string
	// Where is the file and line of the node at fault, for nodes declared
	// in pipelines.yml ("" otherwise).
	Where string
}

func (p *Problem) Error() string {
	var b strings.Builder
	if p.Where != "" {
		b.WriteString(p.Where)
		b.WriteString(": ")
	}
	if p.Pipeline != "" {
		fmt.Fprintf(&b, "pipeline %q: ", p.Pipeline)
	}
	if p.Node != "" {
		fmt.Fprintf(&b, "node %q: ", p.Node)
	}
	b.WriteString(p.Msg)
	return b.String()
}

// ValidationError holds every problem Validate found, one error each.
type ValidationError struct {
	Problems []error
}

func (e *ValidationError) Error() string {
	if len(e.Problems) == 1 {
		return e.Problems[0].Error()
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%d pipeline definition problems:", len(e.Problems))
	for _, p := range e.Problems {
		b.WriteString("\n- ")
		b.WriteString(strings.ReplaceAll(p.Error(), "\n", "\n  "))
	}
	return b.String()
}

// Unwrap returns the problems, so errors.As finds each *Problem.
func (e *ValidationError) Unwrap() []error { return e.Problems }
