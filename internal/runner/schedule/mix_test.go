package schedule

import "testing"

// TestMainMixNearCapacity checks the main mix against its definition: every
// task is exclusive, light, or near capacity, and a near-capacity task
// clashes with every light task and every other near-capacity one, so it
// can never overlap another task; about 5-10% of the tasks outside the
// founding motifs are near capacity.
func TestMainMixNearCapacity(t *testing.T) {
	light, near := mainMix.light, mainMix.near
	if room := suiteMemory*1000 - near.lo; room >= light.lo {
		t.Fatalf("a near-capacity task may leave %d milli-units, enough for a light task of %d", room, light.lo)
	}
	if mainMix.heavy != near {
		t.Errorf("founding heavies %v differ from near-capacity tasks %v", mainMix.heavy, near)
	}
	tasks, nearTasks := 0, 0
	for i, p := range suite(5, mainMix, 200, 10, 200) {
		in := newInstance(p)
		var lights, nears []int
		for j, r := range p.Requests {
			switch mem := r[0]; {
			case p.Exclusive[j]:
			case mem >= light.lo && mem <= light.hi:
				lights = append(lights, j)
			case mem >= near.lo && mem <= near.hi:
				nears = append(nears, j)
			default:
				t.Fatalf("instance %d, task %s: request %d is neither light nor near capacity", i, p.Names[j], mem)
			}
		}
		for _, h := range nears {
			for _, j := range append(lights, nears...) {
				if j != h && !in.clash(h, j) {
					t.Fatalf("instance %d: near-capacity %s fits beside %s", i, p.Names[h], p.Names[j])
				}
			}
		}
		if family(i%int(families)) != foundingShape {
			tasks += len(p.Names)
			nearTasks += len(nears)
		}
	}
	share := float64(nearTasks) / float64(tasks)
	t.Logf("near-capacity share outside founding motifs: %.3f", share)
	if share < 0.05 || share > 0.10 {
		t.Errorf("near-capacity share %.3f outside 5-10%%", share)
	}
}
