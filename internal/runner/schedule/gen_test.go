package schedule

import (
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/kedrogo/kedrogo/internal/dag"
)

// The generated suites of reference/scheduling.md B.6/B.7: chains,
// fork-join, layered random DAGs and the founding shape, with log-normal
// durations, one memory resource of capacity 100, 5-10% near-capacity tasks
// and ~3% exclusive ones, on 2, 4 or 8 workers. Everything is seeded, so
// the suites' figures are properties of the code, not of the machine.

const suiteMemory = 100 // whole units; requests are drawn in milli-units

type family int

const (
	chains family = iota
	forkJoin
	layered
	foundingShape
	families
)

func (f family) String() string {
	return [...]string{"chains", "fork-join", "layered", "founding"}[f]
}

// span is a range of memory requests in milli-units, drawn uniformly in
// steps of step from lo to hi.
type span struct{ lo, hi, step int64 }

func (s span) draw(rng *rand.Rand) int64 { return s.lo + s.step*rng.Int64N((s.hi-s.lo)/s.step+1) }

// whole is the span of lo..hi whole units.
func whole(lo, hi int64) span { return span{lo * 1000, hi * 1000, 1000} }

// mix sets the requests and the founding shape of generated instances.
type mix struct {
	light span // most tasks
	near  span // the 5-10% near-capacity tasks
	heavy span // a founding motif's heavy task
	// chained links each founding motif to the previous one (its heavy
	// task, and half its light tasks, after the previous light successor).
	chained bool
}

// mainMix is B.7's suite taken literally, the one held to the goals. Light
// tasks request 1-10% of the memory. A near-capacity task is one that
// leaves less room than the smallest light request, so it cannot overlap
// any light task nor another near-capacity one: B.5's founding instance
// defines the shape that way, D needing 63 of 64 GB beside light tasks of
// 2 GB (63 + 2 > 64). Founding motifs' heavy tasks are near-capacity too.
var mainMix = mix{
	light: whole(1, 10),
	near:  span{suiteMemory*1000 - 1000 + 1, suiteMemory * 1000, 1}, // room < 1 unit
	heavy: span{suiteMemory*1000 - 1000 + 1, suiteMemory * 1000, 1},
}

// harderMix reads "near capacity" loosely: tasks of 80-100% (founding
// heavies 95-100%) that mostly still leave room for one light task, so the
// iso rule rarely applies and bottom-level order can start a long light
// task before a short heavy one that then waits for it (the "slow light"
// founding variant of B.7 with D at 95 of 100 instead of all of it). It is
// reported and guarded against regressions, not held to B.7's goals.
var harderMix = mix{light: whole(1, 10), near: whole(80, 100), heavy: whole(95, 100)}

// stressMix is harsher still, reported only: bigger light tasks, "near
// capacity" from 60%, and the founding motifs chained so that heavy tasks
// sit on the critical path and become ready while light tasks of unknown
// length hold the memory.
var stressMix = mix{light: whole(1, 15), near: whole(60, 100), heavy: whole(90, 100), chained: true}

// generator draws instances of about n tasks.
type generator struct {
	rng *rand.Rand
	mix mix
}

func newGenerator(seed uint64, m mix) *generator {
	return &generator{rng: rand.New(rand.NewPCG(seed, 0x5eed)), mix: m}
}

// instance returns an instance of the family with about n tasks.
func (g *generator) instance(f family, n int) *Problem {
	var edges [][2]int
	var heavy []int
	switch f {
	case chains:
		n, edges = g.chains(n)
	case forkJoin:
		n, edges = g.forkJoin(n)
	case layered:
		n, edges = g.layered(n)
	case foundingShape:
		n, edges, heavy = g.founding(n)
	}
	p := &Problem{
		Workers:   []int{2, 4, 8}[g.rng.IntN(3)],
		Resources: []string{"memory"},
		Capacity:  []int64{suiteMemory * 1000},
		Graph:     dag.New(n),
	}
	for _, e := range edges {
		p.Graph.AddEdge(e[0], e[1])
	}
	heavyShare := 0.05 + 0.05*g.rng.Float64()
	for i := range n {
		p.Names = append(p.Names, fmt.Sprintf("t%03d", i))
		p.Durations = append(p.Durations, math.Round(60*math.Exp(g.rng.NormFloat64())*100)/100)
		mem, excl := g.request(heavyShare)
		p.Requests = append(p.Requests, []int64{mem})
		p.Exclusive = append(p.Exclusive, excl)
	}
	for _, h := range heavy {
		p.Requests[h][0], p.Exclusive[h] = g.mix.heavy.draw(g.rng), false
	}
	return p
}

// request draws a memory request in milli-units: mostly light, some near
// capacity, a few exclusive tasks.
func (g *generator) request(heavyShare float64) (mem int64, exclusive bool) {
	switch x := g.rng.Float64(); {
	case x < 0.03:
		return 0, true
	case x < 0.03+heavyShare:
		return g.mix.near.draw(g.rng), false
	default:
		return g.mix.light.draw(g.rng), false
	}
}

// chains: 1-5 independent chains sharing the n tasks.
func (g *generator) chains(n int) (int, [][2]int) {
	k := 1 + g.rng.IntN(5)
	var edges [][2]int
	for i := k; i < n; i++ {
		edges = append(edges, [2]int{i - k, i})
	}
	return n, edges
}

// forkJoin: stages of a fork into parallel branches (short chains) joined
// by one task.
func (g *generator) forkJoin(n int) (int, [][2]int) {
	var edges [][2]int
	join, next := 0, 1
	for next < n {
		width := 2 + g.rng.IntN(8)
		var ends []int
		for range width {
			if next >= n-1 {
				break
			}
			prev := join
			for range 1 + g.rng.IntN(3) {
				if next >= n-1 {
					break
				}
				edges = append(edges, [2]int{prev, next})
				prev = next
				next++
			}
			ends = append(ends, prev)
		}
		if next >= n {
			break
		}
		for _, e := range ends {
			edges = append(edges, [2]int{e, next})
		}
		if len(ends) == 0 {
			edges = append(edges, [2]int{join, next})
		}
		join = next
		next++
	}
	return next, edges
}

// layered: random layers, each task with 1-3 predecessors from the layers
// above (mostly the one just above).
func (g *generator) layered(n int) (int, [][2]int) {
	var layers [][]int
	var edges [][2]int
	for next := 0; next < n; {
		width := min(1+g.rng.IntN(max(2, int(math.Sqrt(float64(n)))+2)), n-next)
		layer := make([]int, width)
		for i := range layer {
			layer[i] = next
			next++
			if len(layers) == 0 {
				continue
			}
			for range 1 + g.rng.IntN(3) {
				from := len(layers) - 1
				if g.rng.IntN(4) == 0 {
					from = g.rng.IntN(len(layers))
				}
				above := layers[from]
				edges = append(edges, [2]int{above[g.rng.IntN(len(above))], layer[i]})
			}
		}
		layers = append(layers, layer)
	}
	return n, edges
}

// founding: copies of the founding motif, 1-4 light tasks beside a heavy
// task with a light successor; it returns the heavy tasks too.
func (g *generator) founding(n int) (int, [][2]int, []int) {
	var edges [][2]int
	var heavies []int
	next := 0
	prevJoin := -1
	for next+3 <= n {
		lights := 1 + g.rng.IntN(min(4, n-next-2))
		heavy := next + lights
		after := heavy + 1
		for i := next; i < heavy; i++ {
			if g.mix.chained && prevJoin >= 0 && g.rng.IntN(2) == 0 {
				edges = append(edges, [2]int{prevJoin, i})
			}
		}
		if g.mix.chained && prevJoin >= 0 {
			edges = append(edges, [2]int{prevJoin, heavy})
		}
		edges = append(edges, [2]int{heavy, after})
		heavies = append(heavies, heavy)
		prevJoin = after
		next = after + 1
	}
	return next, edges, heavies
}
