package viz

import (
	"cmp"
	"maps"
	"slices"

	"github.com/kedrogo/kedrogo/internal/runrec"
)

// Run is a recorded run as the timeline draws it: one lane per worker
// slot, a bar per node attempt, and per resource the amount held over time
// against the capacity, with the spans of exclusive nodes.
type Run struct {
	ID        string          `json:"id"`
	Status    string          `json:"status"`
	DryRun    bool            `json:"dry_run,omitempty"`
	Started   string          `json:"started"`
	Seconds   float64         `json:"seconds"`
	Runner    string          `json:"runner"`
	Workers   int             `json:"workers"`
	Lanes     int             `json:"lanes"`
	Bars      []Bar           `json:"bars"`
	Resources []ResourceChart `json:"resources"`
	Exclusive []Span          `json:"exclusive"`
	Note      string          `json:"note,omitempty"`
}

// Bar is one attempt of a node.
type Bar struct {
	Node    string  `json:"node"`
	Lane    int     `json:"lane"`
	Attempt int     `json:"attempt"`
	Start   float64 `json:"start"`
	End     float64 `json:"end"`
	Status  string  `json:"status"` // the node's, or "retried" for an attempt that failed and was retried
	Error   string  `json:"error,omitempty"`
}

// ResourceChart is a step function: Held from each step's T until the next.
type ResourceChart struct {
	Name     string  `json:"name"`
	Unit     string  `json:"unit"`     // bytes, cores or units
	Capacity float64 `json:"capacity"` // in Unit
	Label    string  `json:"label"`    // the capacity for people
	Steps    []Step  `json:"steps"`
	Peak     float64 `json:"peak"`
}

// Step is the held amount from T on.
type Step struct {
	T    float64 `json:"t"`
	Held float64 `json:"held"`
}

// Span is an exclusive node's time alone.
type Span struct {
	Node  string  `json:"node"`
	Start float64 `json:"start"`
	End   float64 `json:"end"`
}

func buildRun(rec *runrec.Record) *Run {
	r := &Run{ID: rec.ID, Status: rec.Status, DryRun: rec.DryRun, Started: rec.Started.UTC().Format("2006-01-02 15:04:05Z"),
		Seconds: rec.Seconds, Runner: rec.Runner, Workers: rec.Workers, Note: rec.Note,
		Bars: []Bar{}, Resources: []ResourceChart{}, Exclusive: []Span{}}
	end := rec.Seconds
	for _, n := range rec.Nodes {
		for k, a := range n.Attempts {
			stop := a.EndS
			if a.End.IsZero() && stop == 0 { // never ended (killed): up to the record's end
				stop = max(end, a.StartS)
			}
			end = max(end, stop)
			b := Bar{Node: n.Name, Lane: a.Slot, Attempt: k + 1, Start: a.StartS, End: stop, Status: n.Status, Error: a.Error}
			if k < len(n.Attempts)-1 {
				b.Status = "retried"
			}
			r.Lanes = max(r.Lanes, a.Slot+1)
			r.Bars = append(r.Bars, b)
		}
		if n.Exclusive && len(n.Attempts) > 0 {
			last := r.Bars[len(r.Bars)-1]
			r.Exclusive = append(r.Exclusive, Span{Node: n.Name, Start: n.Attempts[0].StartS, End: last.End})
		}
	}
	r.Seconds = max(r.Seconds, end)
	for _, name := range slices.Sorted(maps.Keys(rec.Capacity)) {
		r.Resources = append(r.Resources, chart(rec, name, r.Bars))
	}
	return r
}

// chart sums the requests of the running attempts at every start and end.
func chart(rec *runrec.Record, name string, bars []Bar) ResourceChart {
	unit, scale := "units", 1000.0
	switch name {
	case "memory":
		unit = "bytes"
	case "cpu":
		unit = "cores"
	}
	capMilli := rec.Capacity[name]
	c := ResourceChart{Name: name, Unit: unit, Capacity: float64(capMilli) / scale, Label: quantity(name, capMilli), Steps: []Step{{0, 0}}}
	req := map[string]int64{}
	for _, n := range rec.Nodes {
		if v := n.Requests[name]; v != 0 {
			req[n.Name] = v
		}
	}
	type change struct {
		t     float64
		delta int64
	}
	var changes []change
	for _, b := range bars {
		if v := req[b.Node]; v != 0 {
			changes = append(changes, change{b.Start, v}, change{b.End, -v})
		}
	}
	// Ends before starts at one instant: a node that starts as another
	// ends does not overlap it.
	slices.SortFunc(changes, func(a, b change) int {
		if c := cmp.Compare(a.t, b.t); c != 0 {
			return c
		}
		return cmp.Compare(a.delta, b.delta)
	})
	held := int64(0)
	for i, ch := range changes {
		held += ch.delta
		if i+1 < len(changes) && changes[i+1].t == ch.t {
			continue
		}
		v := float64(held) / scale
		c.Steps = append(c.Steps, Step{T: ch.t, Held: v})
		c.Peak = max(c.Peak, v)
	}
	return c
}
