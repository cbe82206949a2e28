package catalog

import (
	"context"
	"reflect"
	"sync"
	"testing"
)

// Two consumers load one value at once. With assign both get the
// producer's value itself and only read; with deepcopy each gets its own
// copy and may write to it. -race checks there is no data race either way.
func TestMemoryDatasetTwoConsumers(t *testing.T) {
	for _, mode := range []string{CopyAssign, CopyDeep} {
		t.Run(mode, func(t *testing.T) {
			ds, err := NewMemoryDatasetMode(mode)
			if err != nil {
				t.Fatal(err)
			}
			ctx := context.Background()
			orig := map[string][]int{"a": {1, 2, 3}}
			if err := ds.Save(ctx, orig); err != nil {
				t.Fatal(err)
			}
			var got [2]map[string][]int
			var wg sync.WaitGroup
			start := make(chan struct{})
			for i := range got {
				wg.Go(func() {
					<-start
					if err := ds.Load(ctx, &got[i]); err != nil {
						t.Error(err)
						return
					}
					sum := 0
					for _, v := range got[i]["a"] {
						sum += v
					}
					if sum != 6 {
						t.Errorf("consumer %d read sum %d", i, sum)
					}
					if mode == CopyDeep {
						got[i]["a"][0] = 100 + i // each consumer owns its copy
					}
				})
			}
			close(start)
			wg.Wait()
			shared := reflect.ValueOf(got[0]["a"]).Pointer() == reflect.ValueOf(orig["a"]).Pointer()
			if shared != (mode == CopyAssign) {
				t.Errorf("consumer shares the producer's slice = %v in mode %s", shared, mode)
			}
			if orig["a"][0] != 1 {
				t.Errorf("producer's value changed to %v", orig["a"])
			}
		})
	}
}

func TestMemoryDatasetLifecycle(t *testing.T) {
	ctx := context.Background()
	c := New()
	var v int
	wantErr(t, c.Load(ctx, "x", &v), "x: Data for MemoryDataset has not been saved yet.")
	if err := c.Save(ctx, "x", 3); err != nil {
		t.Fatal(err)
	}
	if err := c.Load(ctx, "x", &v); err != nil || v != 3 {
		t.Errorf("load = %d, %v", v, err)
	}
	wantErr(t, c.Load(ctx, "x", new(string)), "x: cannot use a value of type int as string")
	c.Release("x")
	ds, err := c.Dataset("x")
	if err != nil {
		t.Fatal(err)
	}
	if ok, _ := ds.Exists(ctx); ok {
		t.Error("data still there after Release")
	}
	wantErr(t, c.Save(ctx, "x", nil), "x: Saving 'None' to a 'Dataset' is not allowed")
	var a any
	c.AddData("y", []int{1})
	if err := c.Load(ctx, "y", &a); err != nil || !reflect.DeepEqual(a, []int{1}) {
		t.Errorf("load into any = %v, %v", a, err)
	}
	wantErr(t, Assign(3, 1), "non-nil pointer")
}

func TestCopyModes(t *testing.T) {
	ctx := context.Background()
	for _, tt := range []struct {
		mode                     string
		sharesOuter, sharesInner bool
	}{{CopyAssign, true, true}, {CopyShallow, false, true}, {CopyDeep, false, false}} {
		ds, _ := NewMemoryDatasetMode(tt.mode)
		inner := []int{1}
		ds.Save(ctx, [][]int{inner})
		var got [][]int
		ds.Load(ctx, &got)
		got[0][0] = 9
		if (inner[0] == 9) != tt.sharesInner {
			t.Errorf("%s: inner shared = %v", tt.mode, inner[0] == 9)
		}
		var again [][]int
		ds.Load(ctx, &again)
		if (reflect.ValueOf(got).Pointer() == reflect.ValueOf(again).Pointer()) != tt.sharesOuter {
			t.Errorf("%s: outer slice shared between loads", tt.mode)
		}
	}
}

type node struct {
	Name   string
	Next   *node
	Tags   map[string][]string
	Any    any
	hidden *int
	Fixed  [2]int
}

func TestDeepCopy(t *testing.T) {
	h := 5
	a := &node{Name: "a", Tags: map[string][]string{"k": {"v"}}, Any: []any{map[string]any{"x": 1}}, hidden: &h, Fixed: [2]int{1, 2}}
	a.Next = a // a cycle
	cp := DeepCopy(a).(*node)
	if cp == a || cp.Next != cp {
		t.Fatal("cycle not preserved in the copy")
	}
	if !reflect.DeepEqual(cp.Tags, a.Tags) || cp.Fixed != a.Fixed {
		t.Error("copy differs")
	}
	cp.Tags["k"][0] = "changed"
	cp.Any.([]any)[0].(map[string]any)["x"] = 2
	if a.Tags["k"][0] != "v" || a.Any.([]any)[0].(map[string]any)["x"] != 1 {
		t.Error("copy shares memory with the original")
	}
	if cp.hidden != a.hidden {
		t.Error("unexported fields should be copied shallowly")
	}
	if DeepCopy(nil) != nil {
		t.Error("DeepCopy(nil)")
	}
	var nilMap map[string]int
	if m := DeepCopy(nilMap).(map[string]int); m != nil {
		t.Error("nil map became non-nil")
	}
}
