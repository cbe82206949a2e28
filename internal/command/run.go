package command

import (
	"context"
	"errors"
	"fmt"
	"os/exec"
	"strings"
	"sync"
	"time"
)

// DefaultGrace is how long a stopped command has between SIGTERM and
// SIGKILL when Spec.Grace is zero.
const DefaultGrace = 10 * time.Second

// Spec is one process to run.
type Spec struct {
	// Argv is the command and its arguments; Argv[0] is looked up in PATH
	// when it holds no slash.
	Argv []string
	Dir  string
	Env  []string // the whole environment
	// Grace is the time between SIGTERM and SIGKILL once ctx is done;
	// 0 means DefaultGrace.
	Grace time.Duration
	// Kill, when closed, SIGKILLs the process group at once (the run gave
	// up waiting).
	Kill <-chan struct{}
	// Stdout and Stderr receive each line of output without its newline
	// (lines longer than MaxLine arrive in pieces). The slice is only
	// valid during the call. nil drops the stream (stderr's tail is kept
	// for the error regardless).
	Stdout, Stderr func(line []byte)
	// Measure samples the memory of the process tree (see Result.Peak).
	Measure bool
	// Cgroup runs the command in a cgroup v2 of its own where the machine
	// allows it: the peak is then the cgroup's memory.peak, and every
	// descendant, even one that left the process group, is killed at the
	// end. MemoryLimit > 0 (bytes) also sets its memory.max.
	Cgroup      bool
	MemoryLimit int64
}

// Result is what the process used.
type Result struct {
	// Peak is the highest summed resident memory of the process tree seen,
	// in bytes; 0 when not measured.
	Peak int64
	// CPU is user plus system time of the process and the children it
	// waited for.
	CPU time.Duration
	// InCgroup says the command ran in a cgroup of its own (Spec.Cgroup);
	// CgroupErr says why not, when it was asked for.
	InCgroup  bool
	CgroupErr error
}

// tailLines is how many lines of stderr an ExitError quotes.
const tailLines = 20

// ExitError is a command that ended badly: a non-zero exit status or a
// signal.
type ExitError struct {
	Code   int    // exit status, -1 when killed by a signal
	Signal string // "terminated", "killed", ... when killed by a signal
	// Stopped says kedrogo signalled it: "SIGTERM", or "SIGKILL" when it
	// ignored SIGTERM for the grace period.
	Stopped string
	Grace   time.Duration
	Tail    []string // the last lines of its stderr
	// OOMLimit is the memory.max (bytes) the kernel killed it for
	// exceeding; 0 when it did not.
	OOMLimit int64
}

func (e *ExitError) Error() string {
	var b strings.Builder
	switch {
	case e.OOMLimit > 0:
		fmt.Fprintf(&b, "the command was killed by the kernel for using more than its memory limit (memory.max = %d bytes: its memory request)", e.OOMLimit)
	case e.Stopped == "SIGKILL":
		fmt.Fprintf(&b, "the command did not stop within %s of SIGTERM and was killed (SIGKILL)", e.Grace)
	case e.Signal != "":
		fmt.Fprintf(&b, "the command was killed by signal: %s", e.Signal)
	default:
		fmt.Fprintf(&b, "the command exited with status %d", e.Code)
	}
	if len(e.Tail) > 0 {
		b.WriteString("; last lines of its stderr:")
		for _, l := range e.Tail {
			b.WriteString("\n  | ")
			b.WriteString(l)
		}
	}
	return b.String()
}

// NotFoundError is a command that could not be started because its
// program does not exist or is not executable.
type NotFoundError struct {
	Program string
	Err     error
}

func (e *NotFoundError) Error() string {
	return fmt.Sprintf("command %q not found: %v (install it, put it on PATH, or give its path)", e.Program, e.Err)
}

func (e *NotFoundError) Unwrap() error { return e.Err }

// Run runs the process to its end. It runs in its own process group: when
// ctx is done the group gets SIGTERM, and SIGKILL Grace later; when the
// process exits, whatever it left running in its group is killed. Wait is
// bounded, so a descendant that escaped the group and holds the output
// pipes cannot hang the run. A non-zero exit is an *ExitError; a missing
// program a *NotFoundError; a stop by ctx returns ctx's cause.
func Run(ctx context.Context, s Spec) (Result, error) {
	if len(s.Argv) == 0 {
		return Result{}, errors.New("empty command")
	}
	grace := s.Grace
	if grace <= 0 {
		grace = DefaultGrace
	}
	if err := ctx.Err(); err != nil {
		return Result{}, context.Cause(ctx)
	}
	path, err := exec.LookPath(s.Argv[0])
	if err != nil && !errors.Is(err, exec.ErrDot) {
		return Result{}, &NotFoundError{Program: s.Argv[0], Err: unwrapExec(err)}
	}
	cmd := exec.Command(path, s.Argv[1:]...)
	cmd.Args[0] = s.Argv[0]
	cmd.Dir, cmd.Env = s.Dir, s.Env
	stdout := newLineWriter(s.Stdout, 0)
	stderr := newLineWriter(s.Stderr, tailLines)
	cmd.Stdout, cmd.Stderr = stdout, stderr
	cmd.SysProcAttr = sysProcAttr()
	var res Result
	var cg *cgroup
	if s.Cgroup || s.MemoryLimit > 0 {
		if cg, res.CgroupErr = newCgroup(s.MemoryLimit); cg != nil {
			defer cg.remove()
			useCgroup(cmd.SysProcAttr, cg)
			res.InCgroup = true
		}
	}
	// After the process exits, its output pipes are closed this long
	// later even if an escaped descendant still holds them.
	cmd.WaitDelay = time.Second
	if err := cmd.Start(); err != nil {
		return res, &NotFoundError{Program: s.Argv[0], Err: unwrapExec(err)}
	}
	pid := cmd.Process.Pid

	var smp *sampler
	if s.Measure {
		smp = startSampler(pid)
	}
	st := &stopper{pid: pid, grace: grace}
	watchDone := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() { st.watch(ctx, s.Kill, watchDone) })

	// Once the leader is a zombie its group id cannot be given to another
	// group, so killing the group reaches only what the command left.
	zombie := waitExited(pid)
	close(watchDone)
	wg.Wait()
	if zombie {
		killGroup(pid, true)
	}
	werr := cmd.Wait()
	stdout.flush()
	stderr.flush()

	if smp != nil {
		res.Peak = smp.stop()
	}
	if cg != nil {
		res.Peak = max(res.Peak, cg.peak())
	}
	if ps := cmd.ProcessState; ps != nil {
		res.CPU = ps.UserTime() + ps.SystemTime()
	}
	stopped := st.signalled()
	if stopped != "" && ctx.Err() != nil {
		if stopped == "SIGKILL" {
			return res, fmt.Errorf("%w (it did not stop within %s of SIGTERM and was killed)", context.Cause(ctx), grace)
		}
		return res, context.Cause(ctx)
	}
	if stopped == "SIGKILL" { // the run gave up on it
		return res, &ExitError{Code: -1, Signal: "killed", Stopped: stopped, Grace: grace, Tail: stderr.tail()}
	}
	if werr != nil && !errors.Is(werr, exec.ErrWaitDelay) {
		ee := &ExitError{Code: -1, Tail: stderr.tail()}
		var xe *exec.ExitError
		if errors.As(werr, &xe) {
			ee.Code = xe.ExitCode()
			ee.Signal = exitSignal(xe.ProcessState)
			if cg != nil && cg.oomKilled() {
				ee.OOMLimit = s.MemoryLimit
			}
		} else {
			return res, werr
		}
		return res, ee
	}
	return res, nil
}

func unwrapExec(err error) error {
	var ee *exec.Error
	if errors.As(err, &ee) {
		return ee.Err
	}
	return err
}

// stopper signals the process group when ctx is done or Kill closes.
type stopper struct {
	pid   int
	grace time.Duration
	mu    sync.Mutex
	sent  string // the strongest signal sent
}

func (s *stopper) watch(ctx context.Context, kill <-chan struct{}, exited <-chan struct{}) {
	var timer <-chan time.Time
	ctxDone := ctx.Done()
	for {
		select {
		case <-exited:
			return
		case <-ctxDone:
			ctxDone = nil
			s.send("SIGTERM")
			t := time.NewTimer(s.grace)
			defer t.Stop()
			timer = t.C
		case <-timer:
			s.send("SIGKILL")
			return
		case <-kill:
			s.send("SIGKILL")
			return
		}
	}
}

func (s *stopper) send(sig string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.sent == "SIGKILL" {
		return
	}
	s.sent = sig
	killGroup(s.pid, sig == "SIGKILL")
}

func (s *stopper) signalled() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.sent
}
