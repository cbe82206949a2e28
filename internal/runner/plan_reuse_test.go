package runner

import (
	"context"
	"slices"
	"testing"

	"github.com/rs/zerolog"

	"github.com/kedrogo/kedrogo/internal/catalog"
)

// TestRunWithACheckedPlan: a plan checked against the run's catalog is
// run as it is (its materialised datasets, type names worked out for the
// log lines); a plan of another pipeline is not used.
func TestRunWithACheckedPlan(t *testing.T) {
	p := chain(t, 3, identity)
	other := chain(t, 2, identity)
	for _, tt := range []struct {
		name string
		plan func(*catalog.Catalog) *Plan
	}{
		{"checked plan", func(cat *catalog.Catalog) *Plan {
			pl, err := NewPlan(p, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if err := pl.Check(context.Background(), cat); err != nil {
				t.Fatal(err)
			}
			return pl
		}},
		{"plan of another pipeline", func(cat *catalog.Catalog) *Plan {
			pl, err := NewPlan(other, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if err := pl.Check(context.Background(), cat); err != nil {
				t.Fatal(err)
			}
			return pl
		}},
		{"unchecked plan", func(*catalog.Catalog) *Plan {
			pl, err := NewPlan(p, Options{})
			if err != nil {
				t.Fatal(err)
			}
			return pl
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			cat := catalog.New()
			cat.AddData("d000000", 1)
			log, buf := testLogger(zerolog.InfoLevel)
			res, err := Run(context.Background(), p, cat, Options{Logger: log, Plan: tt.plan(cat)})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Completed) != 3 {
				t.Errorf("completed %v, want 3 nodes", res.Completed)
			}
			if want := "info Loading data from d000000 (MemoryDataset)..."; !slices.Contains(buf.lines(t), want) {
				t.Errorf("logs lack %q:\n%v", want, buf.lines(t))
			}
		})
	}
}

func TestPlanCheckReportsWhatCheckReports(t *testing.T) {
	p := chain(t, 2, identity)
	pl, err := NewPlan(p, Options{})
	if err != nil {
		t.Fatal(err)
	}
	cat := catalog.New() // d000000, the free input, is missing
	want := Check(context.Background(), p, cat)
	got := pl.Check(context.Background(), cat)
	if want == nil || got == nil || got.Error() != want.Error() {
		t.Errorf("Plan.Check = %v, Check = %v; want the same error", got, want)
	}
	if pl.checked != nil {
		t.Error("a failed check kept its datasets")
	}
}
