package incremental

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/kedrogo/kedrogo/internal/contenthash"
)

func TestStoreLoad(t *testing.T) {
	tests := []struct {
		name    string
		content string // "" = no file
		want    string // fingerprint, or "corrupt: <text>"
	}{
		{name: "missing"},
		{name: "good", content: `{"schema":1,"node":"n","fingerprint":"f"}`, want: "f"},
		{name: "half written", content: `{"schema":1,"node":"n","finger`, want: "corrupt: not a state file"},
		{name: "empty", content: ``, want: "corrupt: not a state file"},
		{name: "other version", content: `{"schema":2,"node":"n","fingerprint":"f"}`, want: "corrupt: written by another kedrogo version (state schema 2"},
		{name: "no fingerprint", content: `{"schema":1,"node":"n"}`, want: "corrupt: has no fingerprint"},
		{name: "another node's file", content: `{"schema":1,"node":"m","fingerprint":"f"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := Store{Dir: t.TempDir()}
			if tt.name != "missing" {
				os.MkdirAll(filepath.Dir(s.path("n")), 0o755)
				os.WriteFile(s.path("n"), []byte(tt.content), 0o644)
			}
			st, err := s.Load("n")
			var ce *contenthash.CorruptError
			switch {
			case strings.HasPrefix(tt.want, "corrupt: "):
				if !errors.As(err, &ce) || !strings.Contains(err.Error(), strings.TrimPrefix(tt.want, "corrupt: ")) {
					t.Fatalf("Load = %v, want a CorruptError saying %q", err, tt.want)
				}
			case err != nil:
				t.Fatal(err)
			case tt.want == "" && st != nil:
				t.Fatalf("Load = %+v, want none", st)
			case tt.want != "" && (st == nil || st.Fingerprint != tt.want):
				t.Fatalf("Load = %+v, want fingerprint %s", st, tt.want)
			}
		})
	}
}

// Two writers of one node's state at once: every read sees a whole file
// from one of them.
func TestStoreConcurrentWriters(t *testing.T) {
	s := Store{Dir: t.TempDir()}
	var wg sync.WaitGroup
	start := make(chan struct{})
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			for i := range 50 {
				fp := strings.Repeat(string(rune('a'+w)), 10+i)
				if err := s.Save(&NodeState{Node: "n", Fingerprint: fp}); err != nil {
					t.Error(err)
				}
				st, err := s.Load("n")
				if err != nil || st == nil {
					t.Errorf("read during writes: %v, %v", st, err)
					return
				}
			}
		}()
	}
	close(start)
	wg.Wait()
}

func TestStoreGC(t *testing.T) {
	s := Store{Dir: t.TempDir()}
	for _, n := range []string{"keep", "gone1", "gone2"} {
		if err := s.Save(&NodeState{Node: n, Fingerprint: "f"}); err != nil {
			t.Fatal(err)
		}
	}
	os.WriteFile(filepath.Join(s.Dir, nodesDir, "junk.json"), []byte("{"), 0o644)
	removed, err := s.GC(func(n string) bool { return n == "keep" })
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(removed)
	if want := []string{"(unreadable junk.json)", "gone1", "gone2"}; !slices.Equal(removed, want) {
		t.Fatalf("removed %v, want %v", removed, want)
	}
	if st, _ := s.Load("keep"); st == nil {
		t.Fatal("the kept node's state was removed")
	}
	if removed, err := (Store{Dir: filepath.Join(s.Dir, "none")}).GC(func(string) bool { return false }); err != nil || len(removed) != 0 {
		t.Fatalf("GC of no state: %v, %v", removed, err)
	}
}
