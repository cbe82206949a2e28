package session

import (
	"strings"
	"testing"

	"github.com/kedrogo/kedrogo/internal/pipeline"
)

// FuzzFilterNames feeds arbitrary --nodes/--tags/--namespaces/--from-inputs
// values to the name checks: they never panic, accept exactly the known
// names, and quote what was asked.
func FuzzFilterNames(f *testing.F) {
	for _, seed := range []string{"A", "a", "", "training.train", "train", "ü.🙂", "x@csv", "training.", ".", "@"} {
		f.Add(seed)
	}
	p := pipeline.NewPipeline(
		pipeline.NewNode(identity, "x@csv", "y", pipeline.Name("A"), pipeline.Tags("prep")),
		pipeline.NewNode(identity, "y", "z", pipeline.Name("train"), pipeline.Namespace("training")),
	)
	reg := map[string]*pipeline.Pipeline{"__default__": p}
	f.Fuzz(func(t *testing.T, name string) {
		checks := []struct {
			filter pipeline.Filter
			known  bool
		}{
			{pipeline.Filter{NodeNames: []string{name}}, p.Node(name) != nil},
			{pipeline.Filter{Tags: []string{name}}, name == "prep"},
			{pipeline.Filter{Namespaces: []string{name}}, name == "training"},
			{pipeline.Filter{FromInputs: []string{name}}, name == "x" || name == "x@csv" || name == "y" || name == "z"},
		}
		for _, c := range checks {
			err := checkFilterNames(p, reg, c.filter)
			if c.known != (err == nil) {
				t.Fatalf("%+v: known=%v but err=%v", c.filter, c.known, err)
			}
			if err != nil && !strings.Contains(err.Error(), "'"+name+"'") {
				t.Fatalf("message %q does not quote %q", err, name)
			}
		}
	})
}
