//go:build unix

package project

import (
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"testing"
)

// childEnv selects a child behaviour when the test binary re-executes
// itself as the "project binary" (the os/exec test pattern).
const childEnv = "KEDROGO_PROJECT_TEST_CHILD"

func TestMain(m *testing.M) {
	if mode := os.Getenv(childEnv); mode != "" {
		os.Exit(child(mode))
	}
	os.Exit(m.Run())
}

// child behaviours. Each reports what it saw on stdout, one line each, so
// the parent can synchronise on the pipe instead of sleeping.
func child(mode string) int {
	switch mode {
	case "exit3":
		return 3
	case "pwd":
		wd, _ := os.Getwd()
		fmt.Println(wd)
		return 0
	case "echo":
		fmt.Println(os.Args[1:])
		io.Copy(os.Stdout, os.Stdin)
		return 0
	case "replace":
		// Hand the process over to this binary again, in "replaced" mode.
		fmt.Println("pid", os.Getpid())
		os.Setenv(childEnv, "replaced")
		err := Replace(os.Args[0], "kedrogo", []string{"run", "--pipeline", "foo"})
		fmt.Println("Replace returned:", err)
		return 99
	case "replaced":
		fmt.Println("pid", os.Getpid())
		fmt.Println(os.Args)
		return 5
	case "argv0":
		fmt.Println(os.Args[0])
		return 0
	case "wait-signal":
		sigs := make(chan os.Signal, 1)
		signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
		fmt.Println("ready")
		fmt.Println("got", <-sigs)
		return 7
	case "ignore-first":
		sigs := make(chan os.Signal, 1)
		signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
		fmt.Println("ready")
		fmt.Println("got", <-sigs)
		blockUntilKilled()
	case "ready-then-block":
		fmt.Println("ready")
		blockUntilKilled()
	case "self-term":
		syscall.Kill(os.Getpid(), syscall.SIGTERM)
		blockUntilKilled()
	}
	fmt.Fprintln(os.Stderr, "unknown child mode", mode)
	return 99
}

// blockUntilKilled blocks for good. The signal watcher keeps the runtime
// from declaring a deadlock, which a bare select{} would.
func blockUntilKilled() {
	signal.Notify(make(chan os.Signal, 1), syscall.SIGUSR1)
	select {}
}
