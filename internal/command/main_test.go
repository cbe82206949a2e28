//go:build linux

package command

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"strconv"
	"testing"
)

// childEnv makes the test binary play a command (the os/exec test
// pattern): "hold N" allocates and touches N MiB, says "ready" and holds
// them until its stdin closes; "spawn" plays kedrogo: it runs a command
// that says "ready PID" and sleeps, passes that line on, and waits.
const childEnv = "KEDROGO_COMMAND_TEST_CHILD"

func TestMain(m *testing.M) {
	if mode := os.Getenv(childEnv); mode != "" {
		os.Exit(child(mode, os.Args[1:]))
	}
	os.Exit(m.Run())
}

func child(mode string, args []string) int {
	switch mode {
	case "hold":
		mib, _ := strconv.Atoi(args[0])
		mem := make([]byte, mib<<20)
		for i := 0; i < len(mem); i += 4096 {
			mem[i] = 1
		}
		fmt.Println("ready")
		bufio.NewReader(os.Stdin).ReadString('\n')
		return int(mem[len(mem)-4096]) - 1
	case "spawn":
		_, err := Run(context.Background(), Spec{
			Argv:   []string{"sh", "-c", "echo ready $$; exec sleep 300"},
			Stdout: func(line []byte) { fmt.Println(string(line)) },
		})
		fmt.Fprintln(os.Stderr, "the command ended:", err)
		return 1
	}
	fmt.Fprintln(os.Stderr, "unknown child mode", mode)
	return 99
}
