package runner

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/kedrogo/kedrogo/internal/catalog"
	"github.com/kedrogo/kedrogo/internal/command"
	"github.com/kedrogo/kedrogo/internal/logfield"
	"github.com/kedrogo/kedrogo/internal/pipeline"
)

// CommandError is a command node's process failing: a non-zero exit, a
// signal, a program not found, or an output it did not write.
type CommandError struct {
	Node string
	Err  error
}

func (e *CommandError) Error() string { return e.Err.Error() }
func (e *CommandError) Unwrap() error { return e.Err }

// staging is one attempt's files: each input's path (or parameter value)
// and each output's temporary path.
type staging struct {
	tmpDir  string
	in      []string
	out     []string
	staged  []*catalog.StagedFile // nil for outputs kedrogo decodes itself
	params  []bool                // in[k] is a parameter's value, not a path
	cleanup []func()
}

func (s *staging) close() {
	for _, st := range s.staged {
		if st != nil {
			st.Abort()
		}
	}
	if s.tmpDir != "" {
		os.RemoveAll(s.tmpDir)
	}
}

// temp returns a path in the attempt's private temporary folder.
func (s *staging) temp(name string) (string, error) {
	if s.tmpDir == "" {
		d, err := os.MkdirTemp("", "kedrogo-node-*")
		if err != nil {
			return "", err
		}
		s.tmpDir = d
	}
	return filepath.Join(s.tmpDir, name), nil
}

// runCommand is one attempt of a command node: stage the inputs as files,
// run the process, then move its outputs into place.
func (r *runner) runCommand(ctx context.Context, i int, n *pipeline.Node) error {
	c := n.Command()
	st := &staging{in: make([]string, len(n.Inputs())), out: make([]string, len(n.Outputs())),
		staged: make([]*catalog.StagedFile, len(n.Outputs())), params: make([]bool, len(n.Inputs()))}
	defer st.close()
	for k := range n.Inputs() {
		if err := r.stageInput(ctx, i, n, k, st); err != nil {
			return err
		}
	}
	for k := range n.Outputs() {
		if err := r.stageOutput(ctx, i, n, k, st); err != nil {
			return err
		}
	}
	if err := r.beforeNodeRun(ctx, n, stringsAsAny(st.in)); err != nil {
		return err
	}
	if e := r.log.Info(); e.Enabled() {
		e.Str(logfield.Node, n.Name()).Msg("Running node: " + n.String())
	}
	spec := command.Spec{
		Argv:    commandArgv(c, st),
		Dir:     r.commandDir(c),
		Env:     commandEnv(c, st),
		Grace:   r.grace,
		Kill:    r.abandoned,
		Measure: true,
		Cgroup:  true,
	}
	if r.memoryLimit {
		if k := slices.Index(r.plan.Problem.Resources, "memory"); k >= 0 {
			spec.MemoryLimit = r.plan.Problem.Requests[i][k] / 1000
		}
	}
	out := r.output(n)
	spec.Stdout, spec.Stderr = out.stdout, out.stderr
	if !r.cmds.start(r.abandoned) {
		return errAbandoned
	}
	res, err := command.Run(ctx, spec)
	r.cmds.done()
	out.flush()
	r.usage[i] = res
	if err != nil {
		if ctx.Err() != nil {
			if te := timeoutCause(ctx); te != nil {
				return fmt.Errorf("%w; %v", te, stoppedNote(err))
			}
		}
		return &CommandError{Node: n.Name(), Err: err}
	}
	if r.isAbandoned() {
		return errAbandoned
	}
	outputs := make([]any, len(st.out))
	for k, p := range st.out {
		outputs[k] = p
	}
	if h := r.hooks; h != nil && h.AfterNodeRun != nil {
		if err := r.safely(func() error {
			return h.AfterNodeRun(ctx, n, byName(n.Inputs(), stringsAsAny(st.in)), byName(n.Outputs(), outputs))
		}); err != nil {
			return fmt.Errorf("after-node-run hook: %w", err)
		}
	}
	return r.commitOutputs(ctx, i, n, st)
}

func stoppedNote(err error) string {
	s := err.Error()
	if i := strings.Index(s, "(it did not stop"); i >= 0 {
		return strings.TrimSuffix(s[i+1:], ")")
	}
	return "the command was stopped (SIGTERM)"
}

func stringsAsAny(xs []string) []any {
	out := make([]any, len(xs))
	for k, x := range xs {
		out[k] = x
	}
	return out
}

// stageInput gives input k a path the command can read: the dataset's
// own file when it has one, else a temporary file holding its value as
// JSON (raw bytes for []byte and string). A parameter is its value.
func (r *runner) stageInput(ctx context.Context, i int, n *pipeline.Node, k int, st *staging) error {
	name := n.Inputs()[k]
	ds := r.ds.list[r.ds.in[i][k]]
	if f, ok := ds.(catalog.RemoteFile); ok && f.Remote() && !catalog.IsParameter(name) {
		// An object in a store: the command reads a local copy.
		p, err := st.temp("in-" + strconv.Itoa(k) + "-" + safeFileName(name))
		if err != nil {
			return err
		}
		if err := f.FetchFile(ctx, p); err != nil {
			return &InputError{Node: n.Name(), Dataset: name, Err: catalog.WrapError(name, "load", err)}
		}
		st.in[k] = p
		r.ev.emit(Event{Kind: DatasetLoaded, Node: n.Name(), Dataset: name})
		return nil
	}
	if f, ok := ds.(catalog.LocalFile); ok && !catalog.IsParameter(name) {
		p, err := f.LoadFile(ctx)
		if err != nil {
			return &InputError{Node: n.Name(), Dataset: name, Err: catalog.WrapError(name, "load", err)}
		}
		st.in[k] = p
		r.ev.emit(Event{Kind: DatasetLoaded, Node: n.Name(), Dataset: name})
		return nil
	}
	values := make([]any, len(n.Inputs()))
	if err := r.load(ctx, i, n, k, values); err != nil {
		return err
	}
	if strings.HasPrefix(name, catalog.ParamsPrefix) {
		st.in[k], st.params[k] = paramText(values[k]), true
		return nil
	}
	data, err := valueBytes(values[k])
	if err != nil {
		return &InputError{Node: n.Name(), Dataset: name, Err: fmt.Errorf("cannot hand the value to a command: %w", err)}
	}
	p, err := st.temp("in-" + strconv.Itoa(k) + "-" + safeFileName(name))
	if err != nil {
		return err
	}
	if err := os.WriteFile(p, data, 0o600); err != nil {
		return err
	}
	st.in[k] = p
	return nil
}

// paramText is a parameter's value as a command sees it: a string as is,
// anything else as JSON.
func paramText(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	data, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(data)
}

func valueBytes(v any) ([]byte, error) {
	switch v := v.(type) {
	case catalog.JSONValue:
		return v, nil
	case []byte:
		return v, nil
	case string:
		return []byte(v), nil
	}
	return json.Marshal(v)
}

func safeFileName(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '/' || r == os.PathSeparator || r == 0 {
			return '_'
		}
		return r
	}, s)
}

// stageOutput gives output k a path to write: a temporary name beside the
// dataset's file, or in the attempt's folder for a dataset kedrogo saves
// itself.
func (r *runner) stageOutput(ctx context.Context, i int, n *pipeline.Node, k int, st *staging) error {
	id := r.ds.out[i][k]
	name := r.ds.names[id]
	if f, ok := r.ds.list[id].(catalog.LocalFile); ok {
		s, err := f.StageSave(ctx)
		if err != nil {
			return catalog.WrapError(name, "save", err)
		}
		st.staged[k], st.out[k] = s, s.Path
		return nil
	}
	p, err := st.temp("out-" + strconv.Itoa(k) + "-" + safeFileName(name))
	if err != nil {
		return err
	}
	st.out[k] = p
	return nil
}

// commitOutputs moves each file output into place, and saves the others
// (JSON that each consumer decodes into its type, else the text).
func (r *runner) commitOutputs(ctx context.Context, i int, n *pipeline.Node, st *staging) error {
	for k, name := range n.Outputs() {
		if s := st.staged[k]; s != nil {
			if err := s.Commit(); err != nil {
				if errors.Is(err, catalog.ErrNotWritten) {
					return &CommandError{Node: n.Name(), Err: fmt.Errorf("the command exited 0 but wrote nothing for output %s (its path was {outputs.%s})", name, n.Command().OutputNames()[k])}
				}
				return catalog.WrapError(name, "save", err)
			}
			r.ev.emit(Event{Kind: DatasetSaved, Node: n.Name(), Dataset: name})
			continue
		}
		data, err := os.ReadFile(st.out[k])
		if errors.Is(err, os.ErrNotExist) {
			return &CommandError{Node: n.Name(), Err: fmt.Errorf("the command exited 0 but wrote nothing for output %s (its path was {outputs.%s})", name, n.Command().OutputNames()[k])}
		}
		if err != nil {
			return err
		}
		if err := r.save(ctx, i, n, k, decodeOutput(data)); err != nil {
			return err
		}
	}
	return nil
}

// decodeOutput is what an in-memory output holds: JSON text, decoded into
// each consumer's type on load, or else the text itself.
func decodeOutput(data []byte) any {
	if t := bytes.TrimSpace(data); len(t) > 0 && json.Valid(t) {
		return catalog.JSONValue(t)
	}
	return string(bytes.TrimSuffix(data, []byte{'\n'}))
}

// commandArgv expands the templates: argv elements get the text as is, a
// shell script each value quoted.
func commandArgv(c *pipeline.Command, st *staging) []string {
	value := func(quote bool) func(command.Ref) string {
		return func(ref command.Ref) string {
			k, _ := c.Lookup(ref)
			var v string
			if ref.Kind == command.Output {
				v = st.out[k]
			} else {
				v = st.in[k]
			}
			if quote {
				return command.ShellQuote(v)
			}
			return v
		}
	}
	if c.Argv == nil {
		return []string{"sh", "-c", command.Expand(c.Script, value(true))}
	}
	argv := make([]string, len(c.Argv))
	for k, a := range c.Argv {
		argv[k] = command.Expand(a, value(false))
	}
	return argv
}

// commandEnv is kedrogo's environment, the node's Env, and one variable
// per input, output and parameter.
func commandEnv(c *pipeline.Command, st *staging) []string {
	env := os.Environ()
	for k, v := range c.Env {
		env = append(env, k+"="+v)
	}
	for k, name := range c.InputNames() {
		if p, ok := strings.CutPrefix(name, catalog.ParamsPrefix); ok {
			env = append(env, command.EnvName(command.Param, p)+"="+st.in[k])
			continue
		}
		env = append(env, command.EnvName(command.Input, name)+"="+st.in[k])
	}
	for k, name := range c.OutputNames() {
		env = append(env, command.EnvName(command.Output, name)+"="+st.out[k])
	}
	return env
}

func (r *runner) commandDir(c *pipeline.Command) string {
	if c.Dir == "" || filepath.IsAbs(c.Dir) {
		if c.Dir == "" {
			return r.projectDir
		}
		return c.Dir
	}
	return filepath.Join(r.projectDir, c.Dir)
}

// CheckPrograms reports every command node whose program cannot be found
// (on PATH, or at its path relative to the node's directory). A shell
// node's program is sh. Errors wrap ErrBeforeRun.
func CheckPrograms(nodes []*pipeline.Node, projectDir string) error {
	var errs []error
	r := &runner{projectDir: projectDir}
	for _, n := range nodes {
		c := n.Command()
		if c == nil {
			continue
		}
		prog := "sh"
		if c.Argv != nil {
			prog = c.Argv[0]
			if strings.Contains(prog, "{") {
				continue // templated: known only at run time
			}
		}
		if strings.Contains(prog, "/") && !filepath.IsAbs(prog) {
			prog = filepath.Join(r.commandDir(c), prog)
		}
		if _, err := exec.LookPath(prog); err != nil && !errors.Is(err, exec.ErrDot) {
			errs = append(errs, &PlanError{Node: n.Name(), Msg: fmt.Sprintf("command %q not found: %v (install it, put it on PATH, or give its path)", c.Argv[0], unwrapExecErr(err))})
		}
	}
	return errors.Join(errs...)
}

func unwrapExecErr(err error) error {
	if ee, ok := errors.AsType[*exec.Error](err); ok {
		return ee.Err
	}
	return err
}

// processes counts the command processes running, so that an abandoned
// run can wait for the ones it SIGKILLed to be gone.
type processes struct {
	mu   sync.Mutex
	n    int
	idle sync.Cond
}

// start counts a process about to start; false once the run is abandoned.
func (p *processes) start(abandoned <-chan struct{}) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	select {
	case <-abandoned:
		return false
	default:
	}
	p.n++
	return true
}

func (p *processes) done() {
	p.mu.Lock()
	p.n--
	if p.n == 0 && p.idle.L != nil {
		p.idle.Broadcast()
	}
	p.mu.Unlock()
}

// wait blocks until no process runs. Call it after closing abandoned.
func (p *processes) wait() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.idle.L == nil {
		p.idle.L = &p.mu
	}
	for p.n > 0 {
		p.idle.Wait()
	}
}
