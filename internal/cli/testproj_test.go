package cli_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/kedrogo/kedrogo/internal/cli"
	"github.com/kedrogo/kedrogo/internal/pipeline"
)

// The test project's registry: small pipelines with Kedro's shapes. Node
// behaviour that a script wants to change comes from the environment:
// FAIL_NODES (comma list) makes those nodes fail; SEND_SIGNAL (INT or
// TERM) is what the sender node sends its own process.

func testRegistry() map[string]*pipeline.Pipeline {
	foo := founding()
	return map[string]*pipeline.Pipeline{
		"__default__": foo,
		"foo":         foo,
		"x":           xShaped(),
		"tagged":      tagged(),
		"fails":       fails(),
		"signal":      signalling(),
		"overlap":     overlap(),
		"random":      randomDAG(),
		"flaky":       flaky(),
	}
}

// founding is DESIGN.md's A, B, C then D; D reads what the others wrote,
// so a chained second run needs their outputs persisted.
func founding() *pipeline.Pipeline {
	light := func(name string) func(context.Context, int) (int, error) {
		return func(_ context.Context, seed int) (int, error) { return seed + len(name), failIfAsked(name) }
	}
	return pipeline.NewPipeline(
		pipeline.NewNode(light("A"), "params:seed", "a", pipeline.Name("A")),
		pipeline.NewNode(light("B"), "params:seed", "b", pipeline.Name("B")),
		pipeline.NewNode(light("C"), "params:seed", "c", pipeline.Name("C")),
		pipeline.NewNode(func(a, b, c int) (int, error) { return a + b + c, failIfAsked("D") },
			[]string{"a", "b", "c"}, "d", pipeline.Name("D")),
	)
}

// xShaped is Kedro's resume-hint fixture: node1_A/node1_B -> node2 ->
// node3_A/B -> node4_A/B; the scripts persist ds0_*, ds2_*.
func xShaped() *pipeline.Pipeline {
	step := func(name string) func(string) (string, error) {
		return func(in string) (string, error) { return in + ">" + name, failIfAsked(name) }
	}
	join := func(a, b string) (string, string, error) { return a + "+" + b, b + "+" + a, failIfAsked("node2") }
	return pipeline.NewPipeline(
		pipeline.NewNode(step("node1_A"), "ds0_A", "ds1_A", pipeline.Name("node1_A")),
		pipeline.NewNode(step("node1_B"), "ds0_B", "ds1_B", pipeline.Name("node1_B")),
		pipeline.NewNode(join, []string{"ds1_A", "ds1_B"}, []string{"ds2_A", "ds2_B"}, pipeline.Name("node2")),
		pipeline.NewNode(step("node3_A"), "ds2_A", "ds3_A", pipeline.Name("node3_A")),
		pipeline.NewNode(step("node3_B"), "ds2_B", "ds3_B", pipeline.Name("node3_B")),
		pipeline.NewNode(step("node4_A"), "ds3_A", "ds4_A", pipeline.Name("node4_A")),
		pipeline.NewNode(step("node4_B"), "ds3_B", "ds4_B", pipeline.Name("node4_B")),
	)
}

// tagged has tags and nested namespaces for the selection flags.
func tagged() *pipeline.Pipeline {
	inc := func(x int) int { return x + 1 }
	return pipeline.NewPipeline(
		pipeline.NewNode(inc, "params:seed", "prepped", pipeline.Name("prep"), pipeline.Tags("prep")),
		pipeline.NewNode(inc, "prepped", "ns1.model", pipeline.Name("train"), pipeline.Namespace("ns1"), pipeline.Tags("train")),
		pipeline.NewNode(inc, "ns1.model", "ns1.score", pipeline.Name("eval"), pipeline.Namespace("ns1"), pipeline.Tags("eval")),
		pipeline.NewNode(inc, "prepped", "ns2.model", pipeline.Name("train"), pipeline.Namespace("ns2"), pipeline.Tags("train")),
	)
}

// fails has a node that always fails, one downstream of it and one
// independent of it (for --keep-going), and a node that panics.
func fails() *pipeline.Pipeline {
	inc := func(x int) int { return x + 1 }
	return pipeline.NewPipeline(
		pipeline.NewNode(inc, "params:seed", "x", pipeline.Name("ok")),
		pipeline.NewNode(func(int) (int, error) { return 0, errors.New("boom") }, "x", "y", pipeline.Name("bad")),
		pipeline.NewNode(inc, "y", "z", pipeline.Name("after_bad")),
		pipeline.NewNode(inc, "x", "w", pipeline.Name("other")),
		pipeline.NewNode(func(int) int { panic("kaboom") }, "w", "v", pipeline.Name("panicky"), pipeline.Tags("panic")),
	)
}

// brokenRegistry does not validate: two nodes write one dataset.
func brokenRegistry() map[string]*pipeline.Pipeline {
	inc := func(x int) int { return x + 1 }
	p := pipeline.NewPipeline(
		pipeline.NewNode(inc, "params:seed", "x", pipeline.Name("one")),
		pipeline.NewNode(inc, "params:seed", "x", pipeline.Name("two")),
	)
	return map[string]*pipeline.Pipeline{"__default__": p}
}

func failIfAsked(node string) error {
	if slices.Contains(strings.Split(os.Getenv("FAIL_NODES"), ","), node) {
		return fmt.Errorf("%s failed as asked", node)
	}
	return nil
}

// standalone is the stand-alone binary's entry.
func standalone(args []string) int { return cli.Standalone(args, cli.System()) }
