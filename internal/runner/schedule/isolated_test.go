package schedule

import "testing"

// TestIsolatedMatchesDefinition compares the isolation check (with its
// shortcuts) with the definition computed naively: t is isolated when it
// clashes with every task that is neither its ancestor nor its descendant.
func TestIsolatedMatchesDefinition(t *testing.T) {
	checked := map[bool]int{}
	for _, m := range []mix{mainMix, harderMix, stressMix} {
		for i, p := range suite(6, m, 80, 2, 40) {
			if i%5 == 0 {
				p.Workers = 1 // everything clashes on the one worker
			}
			in := newInstance(p)
			reach := reachability(in)
			mark := make([]bool, in.n)
			for task := range in.n {
				want := true
				for j := range in.n {
					if j != task && !reach[task][j] && !reach[j][task] && !in.clash(task, j) {
						want = false
					}
				}
				if got := in.isolated(task, mark); got != want {
					t.Fatalf("instance %d, task %s: isolated = %v, want %v", i, p.Names[task], got, want)
				}
				checked[want]++
			}
		}
	}
	if checked[true] < 100 || checked[false] < 100 {
		t.Errorf("checked %d isolated and %d other tasks; too few to prove much", checked[true], checked[false])
	}
}

// reachability returns reach[a][b]: b is a descendant of a.
func reachability(in *instance) [][]bool {
	reach := make([][]bool, in.n)
	for x := len(in.order) - 1; x >= 0; x-- {
		a := in.order[x]
		reach[a] = make([]bool, in.n)
		for _, s := range in.g.Succ(a) {
			reach[a][s] = true
			for d, ok := range reach[s] {
				reach[a][d] = reach[a][d] || ok
			}
		}
	}
	return reach
}

func TestRoomless(t *testing.T) {
	tests := []struct {
		name  string
		m     int
		tasks []tk
		want  []bool // per task
	}{
		{"exact fit is no clash", 2, []tk{{name: "a", mem: 60}, {name: "b", mem: 40}}, []bool{false, false}},
		{"one unit over clashes", 2, []tk{{name: "a", mem: 61}, {name: "b", mem: 40}}, []bool{true, true}},
		{"the smallest task is compared with the next smallest", 2,
			[]tk{{name: "small", mem: 5}, {name: "big", mem: 96}, {name: "bigger", mem: 97}},
			[]bool{true, true, true}},
		{"a task needing nothing fits beside anything", 2,
			[]tk{{name: "none", mem: 0}, {name: "full", mem: 100}, {name: "near", mem: 99}},
			[]bool{false, false, false}},
		{"exclusive tasks do not make room", 2,
			[]tk{{name: "x", excl: true}, {name: "y", excl: true}, {name: "near", mem: 99}},
			[]bool{true, true, true}},
		{"one worker: everything clashes", 1, []tk{{name: "a", mem: 1}, {name: "b", mem: 1}}, []bool{true, true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := newInstance(build(t, tt.m, 100, tt.tasks...))
			for i, want := range tt.want {
				if got := in.excl[i] || in.roomless(i); got != want {
					t.Errorf("%s: roomless = %v, want %v", tt.tasks[i].name, got, want)
				}
			}
		})
	}
}
