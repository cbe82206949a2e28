package benchproj

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/creack/pty"

	"github.com/kedrogo/kedrogo/internal/cli"
	"github.com/kedrogo/kedrogo/internal/pipeline"
)

// The end-to-end benchmarks run the product path as a user does: a project
// (conf/ and .kedrogo/durations.json, kept between runs as a user's are)
// run by `run` through kedrogo.Execute in process, or by a built project
// binary as a process. They report us/node = (run − `registry list` of
// the same pipeline) / nodes, so process start and pipeline construction
// are not counted. Names: <mode>/<shape>/<logs>/<nodes>.

var (
	modes  = []string{"seq", "parallel"}
	shapes = []string{"chain", "layered"}
	sizes  = []int{1_000, 10_000, 100_000}
)

// logModes are the ways the logs are read: the console format to a file or
// pipe at warn (the default for a Makefile or CI), JSON lines at info (one
// line per node event, for a log collector), and the console on a terminal
// at warn (the live status line drawn).
var logModes = []struct {
	name string
	args []string
	tty  bool
}{
	{"console", []string{"--log-level", "warn"}, false},
	{"json", []string{"--log-format", "json", "--log-level", "info"}, false},
	{"tty", []string{"--log-level", "warn"}, true},
}

type benchCase struct {
	mode, shape, logs string
	n                 int
	args              []string
	tty               bool
}

func (c benchCase) name() string {
	return fmt.Sprintf("%s/%s/%s/%d", c.mode, c.shape, c.logs, c.n)
}

func cases() []benchCase {
	var out []benchCase
	for _, mode := range modes {
		for _, shape := range shapes {
			for _, lm := range logModes {
				for _, n := range sizes {
					args := append([]string{"run"}, lm.args...)
					if mode == "parallel" {
						args = append(args, "--parallel")
					}
					out = append(out, benchCase{mode, shape, lm.name, n, args, lm.tty})
				}
			}
		}
	}
	return out
}

// newProject makes an empty project folder (conf/base, conf/local).
func newProject(b *testing.B) string {
	dir := b.TempDir()
	for _, env := range []string{"base", "local"} {
		if err := os.MkdirAll(filepath.Join(dir, "conf", env), 0o755); err != nil {
			b.Fatal(err)
		}
	}
	return dir
}

// BenchmarkExecute runs the command line in process: cli.Execute, which
// kedrogo.Execute is a thin face over (internal packages may not import
// the root package), with the logs to a discarding writer, as a terminal
// for the tty case.
func BenchmarkExecute(b *testing.B) {
	for _, c := range cases() {
		b.Run(c.name(), func(b *testing.B) {
			p, err := Pipeline(c.shape, c.n)
			if err != nil {
				b.Fatal(err)
			}
			b.Chdir(newProject(b))
			registry := map[string]*pipeline.Pipeline{"__default__": p}
			execute := func(args []string) {
				streams := cli.IOStreams{Out: io.Discard, ErrOut: io.Discard, ErrTTY: c.tty}
				if code := cli.Execute(args, streams, &cli.App{Registry: registry}); code != 0 {
					b.Fatalf("%v: exit status %d", args, code)
				}
			}
			list, listCPU := timeOf(3, selfCPU, func() { execute([]string{"registry", "list"}) })
			execute(c.args) // the first run records durations.json
			cpu0 := selfCPU()
			b.ResetTimer()
			for b.Loop() {
				execute(c.args)
			}
			b.StopTimer()
			reportPerNode(b, c.n, list, listCPU, (selfCPU()-cpu0)/time.Duration(b.N))
		})
	}
}

// BenchmarkBinary runs a built project binary as a process, its stderr a
// file (console, json) or a pseudo-terminal (tty).
func BenchmarkBinary(b *testing.B) {
	bin := projectBinary(b)
	for _, c := range cases() {
		b.Run(c.name(), func(b *testing.B) {
			dir := newProject(b)
			env := append(os.Environ(), ShapeEnv+"="+c.shape, NodesEnv+"="+strconv.Itoa(c.n))
			run := func(args []string) *os.ProcessState {
				cmd := exec.Command(bin, args...)
				cmd.Dir, cmd.Env = dir, env
				var stderr bytes.Buffer
				var ptmx *os.File
				var drained chan struct{}
				if c.tty {
					var tty *os.File
					var err error
					if ptmx, tty, err = pty.Open(); err != nil {
						b.Fatal(err)
					}
					cmd.Stderr = tty
					drained = make(chan struct{})
					go func() { io.Copy(io.Discard, ptmx); close(drained) }()
					if err := cmd.Start(); err != nil {
						b.Fatal(err)
					}
					tty.Close() // the child holds its own copy
				} else {
					cmd.Stderr = &limitedBuffer{buf: &stderr}
					if err := cmd.Start(); err != nil {
						b.Fatal(err)
					}
				}
				if err := cmd.Wait(); err != nil {
					b.Fatalf("%s %v: %v\n%s", bin, args, err, stderr.Bytes())
				}
				if drained != nil {
					ptmx.Close()
					<-drained
				}
				return cmd.ProcessState
			}
			var last *os.ProcessState
			childCPU := func() time.Duration {
				if last == nil {
					return 0
				}
				return last.UserTime() + last.SystemTime()
			}
			var listCPU time.Duration
			list, _ := timeOf(3, nil, func() { last = run([]string{"registry", "list"}); listCPU += childCPU() })
			listCPU /= 3
			run(c.args) // the first run records durations.json
			var rss int64
			var cpu time.Duration
			b.ResetTimer()
			for b.Loop() {
				last = run(c.args)
				cpu += childCPU()
				if ru, ok := last.SysUsage().(*syscall.Rusage); ok {
					rss = max(rss, ru.Maxrss)
				}
			}
			b.StopTimer()
			reportPerNode(b, c.n, list, listCPU, cpu/time.Duration(b.N))
			if rss > 0 {
				b.ReportMetric(float64(rss)/1024, "peak-RSS-MiB") // Maxrss is KiB on Linux
			}
		})
	}
}

// timeOf returns the mean wall time of f and, with a cpu clock, its mean
// CPU time.
func timeOf(times int, cpu func() time.Duration, f func()) (wall, cpuTime time.Duration) {
	var c0 time.Duration
	if cpu != nil {
		c0 = cpu()
	}
	t0 := time.Now()
	for range times {
		f()
	}
	wall = time.Since(t0) / time.Duration(times)
	if cpu != nil {
		cpuTime = (cpu() - c0) / time.Duration(times)
	}
	return wall, cpuTime
}

// selfCPU is the CPU time (user and system) this process has used.
func selfCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// reportPerNode reports the figures of the table: wall time per node
// (us/node), and CPU time per node (cpu-us/node, steadier on a busy
// machine), both net of `registry list`.
func reportPerNode(b *testing.B, n int, list, listCPU, runCPU time.Duration) {
	run := b.Elapsed() / time.Duration(b.N)
	b.ReportMetric(float64(run-list)/1e3/float64(n), "us/node")
	b.ReportMetric(float64(runCPU-listCPU)/1e3/float64(n), "cpu-us/node")
	b.ReportMetric(float64(list)/1e6, "list-ms")
}

// limitedBuffer keeps the first 64 KiB written, for an error message.
type limitedBuffer struct{ buf *bytes.Buffer }

func (l *limitedBuffer) Write(p []byte) (int, error) {
	if room := 64<<10 - l.buf.Len(); room > 0 {
		l.buf.Write(p[:min(room, len(p))])
	}
	return len(p), nil
}

var (
	buildOnce sync.Once
	binPath   string
	buildErr  error
)

// projectBinary builds cmd/benchproj once per test binary, in a folder
// removed by TestMain.
func projectBinary(b *testing.B) string {
	buildOnce.Do(func() {
		binPath = filepath.Join(buildDir, "benchproj")
		out, err := exec.Command("go", "build", "-o", binPath, "github.com/kedrogo/kedrogo/internal/benchproj/cmd/benchproj").CombinedOutput()
		if err != nil {
			buildErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		b.Fatal(buildErr)
	}
	return binPath
}

var buildDir string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "kedrogo-benchproj-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	buildDir = dir
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}
