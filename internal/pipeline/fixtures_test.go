package pipeline

import (
	"strings"
	"testing"
)

func constantOutput() string          { return "output" }
func identity(x string) string        { return x }
func biconcat(a, b string) string     { return a + b }
func triconcat(a, b, c string) string { return a + b + c }
func identity2(x string) (string, string) {
	return x, x
}
func identity3(x string) (string, string, string) { return x, x, x }

// complexNodes is Kedro's pipeline_list_with_lists fixture: nine nodes,
// six layers.
func complexNodes() []*Node {
	return []*Node{
		NewNode(triconcat, []string{"H", "I", "M"}, "N", Name("node1")),
		NewNode(identity, "H", "I", Name("node2")),
		NewNode(identity2, "F", []string{"G", "M"}, Name("node3")),
		NewNode(identity2, "E", []string{"F", "H"}, Name("node4")),
		NewNode(identity, "D", nil, Name("node5")),
		NewNode(identity, "C", "D", Name("node6")),
		NewNode(identity2, "B", []string{"C", "E"}, Name("node7")),
		NewNode(identity2, "A", []string{"B", "L"}, Name("node8")),
		NewNode(constantOutput, nil, "A", Name("node9")),
	}
}

func names(nodes []*Node) string {
	s := make([]string, len(nodes))
	for i, n := range nodes {
		s[i] = n.Name()
	}
	return strings.Join(s, ",")
}

func mustValid(t *testing.T, p *Pipeline) *Pipeline {
	t.Helper()
	if err := p.Validate(); err != nil {
		t.Fatalf("Validate: %v", err)
	}
	return p
}
