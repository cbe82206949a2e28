package pipeline

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"runtime/debug"
	"strings"
)

// PanicError is a panic inside a node's function, recovered by Run.
type PanicError struct {
	Node  string
	Value any    // what the function panicked with
	Stack []byte // the goroutine's stack at the panic
}

func (e *PanicError) Error() string { return fmt.Sprintf("node %q panicked: %v", e.Node, e.Value) }

// Unwrap returns the panic value if it is an error.
func (e *PanicError) Unwrap() error {
	err, _ := e.Value.(error)
	return err
}

// Run calls the node's function with inputs aligned with Inputs() and
// returns outputs aligned with Outputs(). A nil input for a parameter of
// non-interface type becomes its zero value. A panic becomes a
// *PanicError; an error the function returns is returned as is; a result
// of the wrong shape (map keys, nil output) is an error naming the node.
func (n *Node) Run(ctx context.Context, inputs []any) (outputs []any, err error) {
	b := n.bind
	if b == nil {
		return nil, fmt.Errorf("node %q cannot run: %s", n.name, strings.Join(n.problems, "; "))
	}
	if len(inputs) != len(n.inputs) {
		return nil, fmt.Errorf("node %q: got %d input value(s) for %d input(s) %s", n.name, len(inputs), len(n.inputs), pyList(n.inputs))
	}
	args := make([]reflect.Value, 0, b.numArgs+len(inputs))
	if b.takesCtx {
		if ctx == nil {
			ctx = context.Background()
		}
		args = append(args, reflect.ValueOf(&ctx).Elem())
	}
	if b.structIn != nil {
		sv := reflect.New(b.structIn).Elem()
		for k, in := range inputs {
			v, err := n.argValue(k, in)
			if err != nil {
				return nil, err
			}
			sv.FieldByIndex(b.inFields[k]).Set(v)
		}
		args = append(args, sv)
	} else {
		for k, in := range inputs {
			v, err := n.argValue(k, in)
			if err != nil {
				return nil, err
			}
			args = append(args, v)
		}
	}

	results, err := n.call(args)
	if err != nil {
		return nil, err
	}
	if b.returnsErr {
		last := results[len(results)-1]
		if !last.IsNil() {
			return nil, last.Interface().(error)
		}
		results = results[:len(results)-1]
	}
	return n.collectOutputs(results)
}

func (n *Node) argValue(k int, in any) (reflect.Value, error) {
	t := n.bind.inTypes[k]
	if in == nil {
		return reflect.Zero(t), nil
	}
	v := reflect.ValueOf(in)
	if !v.Type().AssignableTo(t) {
		return reflect.Value{}, fmt.Errorf("node %q: %s: dataset %q holds a value of type %s, want %s",
			n.name, n.inputLabel(k), n.inputs[k], v.Type(), t)
	}
	return v, nil
}

// call runs the function, turning a panic into a *PanicError.
func (n *Node) call(args []reflect.Value) (results []reflect.Value, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = &PanicError{Node: n.name, Value: r, Stack: debug.Stack()}
		}
	}()
	return n.fn.Call(args), nil
}

func (n *Node) collectOutputs(results []reflect.Value) ([]any, error) {
	b := n.bind
	switch b.outMode {
	case outIgnore:
		return nil, nil
	case outValues:
		out := make([]any, len(results))
		for i, r := range results {
			out[i] = r.Interface()
		}
		return out, n.checkNil(out)
	case outStruct:
		out := make([]any, len(b.outFields))
		for i, idx := range b.outFields {
			out[i] = results[0].FieldByIndex(idx).Interface()
		}
		return out, n.checkNil(out)
	case outMap:
		return n.mapOutputs(results[0])
	}
	return nil, errors.New("unreachable")
}

func (n *Node) mapOutputs(m reflect.Value) ([]any, error) {
	b := n.bind
	out := make([]any, len(b.outKeys))
	var missing []string
	for i, k := range b.outKeys {
		v := m.MapIndex(k)
		if !v.IsValid() {
			missing = append(missing, k.String())
			continue
		}
		out[i] = v.Interface()
	}
	if missing != nil || m.Len() != len(b.outKeys) {
		want := make([]string, len(b.outKeys))
		for i, k := range b.outKeys {
			want[i] = k.String()
		}
		var got []string
		for _, k := range m.MapKeys() {
			got = append(got, k.String())
		}
		return nil, fmt.Errorf("Failed to save outputs of node %s.\nThe node's output keys %s do not match with the returned output's keys %s.",
			n, pySet(want), pySet(got))
	}
	return out, n.checkNil(out)
}

func (n *Node) checkNil(out []any) error {
	for i, v := range out {
		if v == nil {
			return fmt.Errorf("node %q: output %q is nil: saving nil to a dataset is not allowed",
				n.name, n.outputs[i])
		}
	}
	return nil
}
