package schedule

import (
	"cmp"
	"math"
	"slices"
)

// maxPairwiseTasks bounds the instances for which LowerBound builds the
// pairwise incompatibility matrix (n² bits). Larger ones get the
// critical-path and energy terms and the exclusive tasks as isolated set:
// still a valid, if weaker, bound.
const maxPairwiseTasks = 4096

// LowerBound is LB_full of reference/scheduling.md B.7: no schedule of p,
// however clever, has a shorter makespan. It is the largest of
//  1. the critical path, and the work per worker and per unit of each
//     capacity (an exclusive task counts as the whole machine);
//  2. head/tail energy: tasks that cannot start before h and need q after
//     them must fit their work into [h, C-q];
//  3. a serial clique: tasks pairwise unable to overlap (exclusive, too big
//     together, or ancestor and descendant) run one at a time;
//  4. the isolated tasks, which run alone, plus the bound of the rest with
//     their durations set to zero.
func LowerBound(p *Problem) float64 {
	in := newInstance(p)
	if in.n == 0 || in.order == nil {
		return 0
	}
	b := newBounder(in)
	lb := b.bound(in.dur)
	var alone float64
	rest := slices.Clone(in.dur)
	for _, t := range b.isolatedSet() {
		alone += rest[t]
		rest[t] = 0
	}
	if alone > 0 {
		lb = max(lb, alone+b.bound(rest))
	}
	return lb
}

type bounder struct {
	in  *instance
	inc []bitset // pairwise incompatibility; nil above maxPairwiseTasks
}

func newBounder(in *instance) *bounder {
	b := &bounder{in: in}
	if in.n > maxPairwiseTasks {
		return b
	}
	n := in.n
	b.inc = make([]bitset, n)
	desc := make([]bitset, n)
	for i := range n {
		b.inc[i] = newBitset(n)
		desc[i] = newBitset(n)
	}
	for x := n - 1; x >= 0; x-- {
		i := in.order[x]
		for _, s := range in.g.Succ(i) {
			desc[i].set(s)
			desc[i].or(desc[s])
		}
	}
	for i := range n {
		desc[i].each(func(j int) {
			b.inc[i].set(j)
			b.inc[j].set(i)
		})
		for j := i + 1; j < n; j++ {
			if in.clash(i, j) {
				b.inc[i].set(j)
				b.inc[j].set(i)
			}
		}
	}
	return b
}

// isolatedSet returns the tasks incompatible with every other task.
func (b *bounder) isolatedSet() []int {
	var iso []int
	for i := range b.in.n {
		if b.in.excl[i] || b.inc != nil && b.inc[i].count() == b.in.n-1 {
			iso = append(iso, i)
		}
	}
	return iso
}

// bound is terms 1-3 for the given durations.
func (b *bounder) bound(dur []float64) float64 {
	in := b.in
	heads := in.topLevels(dur)
	bl := in.bottomLevels(dur)
	tails := make([]float64, in.n)
	lb := 0.0
	for i := range in.n {
		tails[i] = bl[i] - dur[i]
		lb = max(lb, bl[i])
	}
	work := make([]float64, in.n)
	for i := range in.n {
		work[i] = dur[i] * float64(in.slots[i]) / float64(in.m)
	}
	lb = max(lb, headTailEnergy(heads, tails, work, nil))
	for k, c := range in.cap {
		if c <= 0 {
			continue
		}
		for i := range in.n {
			work[i] = dur[i] * float64(in.req[i][k]) / float64(c)
		}
		lb = max(lb, headTailEnergy(heads, tails, work, nil))
	}
	if b.inc != nil {
		lb = max(lb, b.serialClique(dur, heads, tails))
	}
	return lb
}

// serialClique grows, from every task as a seed, a maximal set of pairwise
// incompatible tasks (longest first) and returns the best one-machine
// head/tail bound among them.
func (b *bounder) serialClique(dur, heads, tails []float64) float64 {
	n := b.in.n
	byLength := make([]int, n)
	for i := range byLength {
		byLength[i] = i
	}
	slices.SortStableFunc(byLength, func(x, y int) int { return cmp.Compare(dur[y], dur[x]) })
	best := 0.0
	cand := newBitset(n)
	member := make([]bool, n)
	seen := map[uint64]bool{} // cliques already evaluated, by hash
	var clique []int
	for _, seed := range byLength {
		if dur[seed] == 0 {
			break
		}
		copy(cand, b.inc[seed])
		clique = append(clique[:0], seed)
		for _, j := range byLength {
			if cand.has(j) {
				clique = append(clique, j)
				cand.and(b.inc[j])
			}
		}
		if h := setHash(clique); !seen[h] {
			seen[h] = true
			for _, j := range clique {
				member[j] = true
			}
			best = max(best, headTailEnergy(heads, tails, dur, member))
			for _, j := range clique {
				member[j] = false
			}
		}
	}
	return best
}

// setHash hashes a set of task indices whatever their order: a sum of
// well-mixed (splitmix64) members. A collision only skips a clique, which
// can weaken the bound but never invalidate it.
func setHash(set []int) uint64 {
	var h uint64
	for _, x := range set {
		z := uint64(x) + 0x9e3779b97f4a7c15
		z = (z ^ z>>30) * 0xbf58476d1ce4e5b9
		z = (z ^ z>>27) * 0x94d049bb133111eb
		h += z ^ z>>31
	}
	return h
}

// headTailEnergy returns max over thresholds h, q of
// h + q + Σ{work_j : head_j ≥ h, tail_j ≥ q}, over non-empty sets of the
// tasks in only (all tasks when only is nil). Tasks are added by falling
// head into a max segment tree indexed by tail thresholds, so the whole
// search is O(n log n).
func headTailEnergy(heads, tails, work []float64, only []bool) float64 {
	var tasks []int
	for i := range heads {
		if only == nil || only[i] {
			tasks = append(tasks, i)
		}
	}
	if len(tasks) == 0 {
		return 0
	}
	qs := make([]float64, 0, len(tasks))
	for _, i := range tasks {
		qs = append(qs, tails[i])
	}
	slices.Sort(qs)
	qs = slices.Compact(qs)
	slices.SortFunc(tasks, func(x, y int) int { return cmp.Compare(heads[y], heads[x]) })

	tree := newMaxTree(len(qs))
	active := -1 // thresholds 0..active have a non-empty set
	best := 0.0
	for x, i := range tasks {
		r, _ := slices.BinarySearch(qs, tails[i])
		for ; active < r; active++ {
			tree.set(active+1, qs[active+1])
		}
		tree.add(0, r, work[i])
		if x+1 == len(tasks) || heads[tasks[x+1]] != heads[i] {
			best = max(best, heads[i]+tree.max())
		}
	}
	return best
}

// maxTree is a segment tree over leaves 0..n-1 supporting range add, point
// set and a global max. Unset leaves are -Inf.
type maxTree struct {
	size int
	mx   []float64
	lazy []float64
}

func newMaxTree(n int) *maxTree {
	size := 1
	for size < n {
		size *= 2
	}
	t := &maxTree{size: size, mx: make([]float64, 2*size), lazy: make([]float64, 2*size)}
	for i := range t.mx {
		t.mx[i] = math.Inf(-1)
	}
	return t
}

func (t *maxTree) max() float64 { return t.mx[1] }

func (t *maxTree) add(lo, hi int, v float64) { t.addAt(1, 0, t.size-1, lo, hi, v) }

func (t *maxTree) addAt(node, l, r, lo, hi int, v float64) {
	if hi < l || r < lo {
		return
	}
	if lo <= l && r <= hi {
		t.mx[node] += v
		t.lazy[node] += v
		return
	}
	t.push(node)
	mid := (l + r) / 2
	t.addAt(2*node, l, mid, lo, hi, v)
	t.addAt(2*node+1, mid+1, r, lo, hi, v)
	t.mx[node] = max(t.mx[2*node], t.mx[2*node+1])
}

func (t *maxTree) set(i int, v float64) {
	node, l, r := 1, 0, t.size-1
	path := make([]int, 0, 32)
	for l < r {
		t.push(node)
		path = append(path, node)
		mid := (l + r) / 2
		if i <= mid {
			node, r = 2*node, mid
		} else {
			node, l = 2*node+1, mid+1
		}
	}
	t.mx[node] = v
	for x := len(path) - 1; x >= 0; x-- {
		p := path[x]
		t.mx[p] = max(t.mx[2*p], t.mx[2*p+1])
	}
}

func (t *maxTree) push(node int) {
	if v := t.lazy[node]; v != 0 {
		for _, c := range []int{2 * node, 2*node + 1} {
			t.mx[c] += v
			t.lazy[c] += v
		}
		t.lazy[node] = 0
	}
}
