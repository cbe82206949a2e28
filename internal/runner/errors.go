package runner

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"time"

	"github.com/kedrogo/kedrogo/internal/catalog"
	"github.com/kedrogo/kedrogo/internal/resource"
)

// ErrBeforeRun marks errors found before any node ran (exit status 2 in the
// CLI): plan errors, missing inputs, bad parameters, a bad catalog entry.
// Test with errors.Is(err, ErrBeforeRun).
var ErrBeforeRun = errors.New("pre-run check failed")

// NodeError is a node's failure: its function, a load, a save or a hook.
type NodeError struct {
	Node string
	Err  error
}

func (e *NodeError) Error() string { return fmt.Sprintf("node %s failed: %v", e.Node, e.Err) }
func (e *NodeError) Unwrap() error { return e.Err }

// TimeoutError is the cause of a node attempt that ran past its timeout.
type TimeoutError struct {
	Node  string
	After time.Duration
}

func (e *TimeoutError) Error() string {
	// The node is named by the NodeError around it.
	return fmt.Sprintf("timed out after %s (its timeout in runner.yml)", e.After)
}

// InputError is a node input that could not be loaded into the type the
// node's function takes: a missing file, a value of another type, a
// decode error. Err is the catalog's *catalog.DatasetError.
type InputError struct {
	Node    string
	Arg     string // the parameter, as (*pipeline.Node).InputLabel names it: "argument 2 ([]Row)"
	Dataset string
	Err     error
}

func (e *InputError) Error() string {
	cause := e.Err.Error()
	if de, ok := errors.AsType[*catalog.DatasetError](e.Err); ok && de.Dataset == e.Dataset {
		bare := *de // the dataset is named here already
		bare.Dataset = ""
		cause = bare.Error()
	}
	arg := e.Arg
	if arg == "" {
		arg = "an input"
	}
	return fmt.Sprintf("%s from dataset %s: %s", arg, e.Dataset, cause)
}

func (e *InputError) Unwrap() error { return e.Err }

// InterruptedError is returned when the run's context was cancelled. It
// wraps the context's cause and, if a node had failed before, that failure.
type InterruptedError struct {
	Cause   error
	Failure *NodeError // nil when no node failed
	// Abandoned are nodes still running when the grace period ran out.
	Abandoned []string
}

func (e *InterruptedError) Error() string {
	msg := fmt.Sprintf("run interrupted: %v", e.Cause)
	if len(e.Abandoned) > 0 {
		msg += fmt.Sprintf(" (abandoned after the grace period: %s)", strings.Join(e.Abandoned, ", "))
	}
	return msg
}

func (e *InterruptedError) Unwrap() []error {
	if e.Failure == nil {
		return []error{e.Cause}
	}
	return []error{e.Cause, e.Failure}
}

// RequestError is a plan-time error: a node requests more of a resource
// than the capacity, or a resource that has no capacity.
type RequestError struct {
	Node     string
	Resource string
	Request  resource.Quantity
	Capacity int64 // milli-units; meaningless when NoCapacity
	// NoCapacity is set when the resource has no capacity at all.
	NoCapacity bool
}

func (e *RequestError) Error() string {
	if e.NoCapacity {
		return fmt.Sprintf("node %s requests %s=%s but no capacity is set for %q; "+
			"declare it under capacity: in conf/<env>/runner.yml or with --resources %s=<amount>",
			e.Node, e.Resource, e.Request.Human(e.Resource), e.Resource, e.Resource)
	}
	return fmt.Sprintf("node %s requests %s=%s but the capacity is %s; "+
		"lower the request or raise the capacity (capacity: in runner.yml or --resources)",
		e.Node, e.Resource, e.Request.Human(e.Resource), resource.Quantity{Milli: e.Capacity}.Human(e.Resource))
}

func (e *RequestError) Is(target error) bool { return target == ErrBeforeRun }

// PlanError is any other plan-time problem (a bad quantity, bad options).
type PlanError struct {
	Node string // "" when not about one node
	Msg  string
}

func (e *PlanError) Error() string {
	if e.Node == "" {
		return e.Msg
	}
	return fmt.Sprintf("node %s: %s", e.Node, e.Msg)
}

func (e *PlanError) Is(target error) bool { return target == ErrBeforeRun }

// MissingInputsError is Kedro's "Pipeline input(s) {...} not found in the
// DataCatalog", with, per input, where kedrogo looked when the catalog
// can say.
type MissingInputsError struct {
	Inputs []string          // sorted
	Looked map[string]string // input -> where kedrogo looked (optional)
}

func (e *MissingInputsError) Error() string {
	quoted := make([]string, len(e.Inputs))
	for i, in := range e.Inputs {
		quoted[i] = "'" + in + "'"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Pipeline input(s) {%s} not found in the DataCatalog", strings.Join(quoted, ", "))
	for _, in := range e.Inputs {
		if where := e.Looked[in]; where != "" {
			fmt.Fprintf(&b, "\n  %s: %s", in, where)
		}
	}
	return b.String()
}

func (e *MissingInputsError) Is(target error) bool { return target == ErrBeforeRun }

// AbsentInputsError is a run whose free inputs (datasets no node of the
// run writes) have no data: a raw file that is not there, or a dataset
// another run was to produce.
type AbsentInputsError struct {
	Inputs []string          // in the pipeline's order of inputs
	Where  map[string]string // input -> what is missing and where it is declared
}

func (e *AbsentInputsError) Error() string {
	quoted := make([]string, len(e.Inputs))
	for i, in := range e.Inputs {
		quoted[i] = "'" + in + "'"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Pipeline input(s) {%s} have no data, and no node of this run produces them:", strings.Join(quoted, ", "))
	for _, in := range e.Inputs {
		fmt.Fprintf(&b, "\n  %s: %s", in, e.Where[in])
	}
	b.WriteString("\nPut the data there, fix the filepath in the catalog, or first run the nodes that write it.")
	return b.String()
}

func (e *AbsentInputsError) Is(target error) bool { return target == ErrBeforeRun }

// CheckError is a pre-run problem with one dataset: a catalog entry that
// cannot be built, or a parameter that does not load into its node's type.
type CheckError struct {
	Node    string // "" when not about one node
	Input   string // the node's argument ("argument 2 (int)"), when known
	Dataset string
	Err     error
}

func (e *CheckError) Error() string {
	var cfg *catalog.ConfigError
	switch {
	case e.Node == "" && errors.As(e.Err, &cfg):
		// A catalog entry's error already names the dataset and its file:line.
		return e.Err.Error()
	case e.Node == "":
		return fmt.Sprintf("dataset %s: %v", e.Dataset, e.Err)
	case e.Input != "":
		return fmt.Sprintf("node %s: %s from %s: %v", e.Node, e.Input, e.Dataset, e.Err)
	}
	return fmt.Sprintf("node %s: input %s: %v", e.Node, e.Dataset, e.Err)
}

func (e *CheckError) Unwrap() error { return e.Err }

// ParamError is a parameter whose value does not load into the type its
// nodes read it as: one error for every node that reads it so, with where
// the value was set (Source, filled in by whoever loaded the
// configuration).
type ParamError struct {
	Param  string       // params:<key> or parameters
	Type   reflect.Type // what the nodes read it as
	Nodes  []string     // the nodes reading Param as Type, in pipeline order
	Source string       // "conf/base/parameters.yml:3", "--params", or ""
	Err    error        // the conversion's error
}

func (e *ParamError) Error() string {
	where := ""
	if e.Source != "" {
		where = e.Source + ": "
	}
	nodes := "node " + e.Nodes[0]
	if len(e.Nodes) > 1 {
		nodes = "nodes " + strings.Join(e.Nodes, ", ")
	}
	return fmt.Sprintf("%s%s (read by %s as %s): %v", where, e.Param, nodes, e.Type, e.Err)
}

func (e *ParamError) Unwrap() error        { return e.Err }
func (e *ParamError) Is(target error) bool { return target == ErrBeforeRun }
func (e *CheckError) Is(target error) bool { return target == ErrBeforeRun }
