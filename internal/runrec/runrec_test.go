package runrec

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kedrogo/kedrogo/internal/runner"
)

func TestReserveDistinctFolders(t *testing.T) {
	root := t.TempDir()
	at := time.Date(2026, 1, 2, 3, 4, 5, 678e6, time.UTC)
	a, err := Reserve(root, at)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Reserve(root, at)
	if err != nil {
		t.Fatal(err)
	}
	if a != "2026-01-02T03.04.05.678Z" || b != "2026-01-02T03.04.05.679Z" {
		t.Fatalf("ids = %s, %s; want the time, then one millisecond later", a, b)
	}
}

func newTestRecord(nodes ...string) *Record {
	rec := &Record{ID: "r1", Started: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), Pipelines: []string{"p"}}
	rec.Nodes = make([]Node, len(nodes)) // as the CLI's newRecord does
	for i, n := range nodes {
		rec.Nodes[i] = Node{Name: n, Status: NodePending, Slot: -1}
	}
	return rec
}

func ev(kind runner.EventKind, node string, at time.Duration, rec *Record) runner.Event {
	return runner.Event{Kind: kind, Node: node, Time: rec.Started.Add(at), Attempt: 1}
}

func TestWriterLifecycle(t *testing.T) {
	dir := t.TempDir()
	rec := newTestRecord("A", "B", "C", "D")
	w, err := Create(dir, rec)
	if err != nil {
		t.Fatal(err)
	}
	s := time.Second
	for _, e := range []runner.Event{
		ev(runner.NodeStarted, "A", 0, rec),
		ev(runner.NodeStarted, "B", 0, rec),
		{Kind: runner.DatasetSaved, Node: "A", Dataset: "a", Time: rec.Started.Add(s)},
		ev(runner.NodeFinished, "A", s, rec),
		ev(runner.NodeStarted, "C", s, rec), // takes A's lane
		{Kind: runner.NodeRetried, Node: "B", Err: errors.New("flaky"), Attempt: 2, Time: rec.Started.Add(2 * s)},
		{Kind: runner.NodeFailed, Node: "B", Err: errors.New("boom"), Time: rec.Started.Add(3 * s)},
		ev(runner.NodeFinished, "C", 3*s, rec),
	} {
		w.Event(e)
	}
	res := &runner.Result{Skipped: []string{"D"}, FirstFailure: "B"}
	if err := w.Finish(res, StatusFailed, 1, errors.New("node B failed")); err != nil {
		t.Fatal(err)
	}
	got, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]struct {
		status   string
		slot     int
		attempts int
	}{"A": {NodeCompleted, 0, 1}, "B": {NodeFailed, 1, 2}, "C": {NodeCompleted, 0, 1}, "D": {NodeSkipped, -1, 0}}
	for _, n := range got.Nodes {
		w := want[n.Name]
		if n.Status != w.status || n.Slot != w.slot || len(n.Attempts) != w.attempts {
			t.Errorf("%s: status %s slot %d attempts %d; want %+v", n.Name, n.Status, n.Slot, len(n.Attempts), w)
		}
	}
	b := got.Nodes[1]
	if b.Attempts[0].Error != "flaky" || b.Error != "boom" || b.Attempts[1].StartS != 2 || b.Attempts[1].EndS != 3 {
		t.Errorf("B = %+v", b)
	}
	if got.Status != StatusFailed || got.ExitCode != 1 || got.FirstFailure != "B" || got.Nodes[0].Saved[0].Name != "a" {
		t.Errorf("record = %+v", got)
	}
}

// A killed run leaves run.json "running" and its events: Load rebuilds
// the record from them and calls it interrupted.
func TestLoadKilledRun(t *testing.T) {
	dir := t.TempDir()
	rec := newTestRecord("A", "B", "C")
	w, err := Create(dir, rec)
	if err != nil {
		t.Fatal(err)
	}
	w.Event(ev(runner.NodeStarted, "A", 0, rec))
	finishedA := ev(runner.NodeFinished, "A", time.Second, rec)
	finishedA.PeakMemory, finishedA.CPU = 123456789, 750*time.Millisecond // a command node's measure
	w.Event(finishedA)
	w.Event(ev(runner.NodeStarted, "B", time.Second, rec))
	if err := w.events.Close(); err != nil { // what a kill leaves: events flushed, no final run.json
		t.Fatal(err)
	}
	// A torn last line, as a kill mid-write leaves.
	f, _ := os.OpenFile(filepath.Join(dir, EventsFile), os.O_APPEND|os.O_WRONLY, 0)
	f.WriteString(`{"t":5,"k":"node_fin`)
	f.Close()
	// The writer's process is gone.
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	if err := cmd.Run(); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(filepath.Join(dir, RecordFile))
	data = bytes.Replace(data, []byte(`"pid":`+itoa(os.Getpid())), []byte(`"pid":`+itoa(cmd.Process.Pid)), 1)
	os.WriteFile(filepath.Join(dir, RecordFile), data, 0o644)

	got, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got.Status != StatusInterrupted || !strings.Contains(got.Note, "killed") {
		t.Errorf("status %q note %q", got.Status, got.Note)
	}
	if a := got.Nodes[0]; a.PeakMemory != 123456789 || a.CPUSeconds != 0.75 {
		t.Errorf("A: peak %d cpu %v, want the measured 123456789 and 0.75 from its events", a.PeakMemory, a.CPUSeconds)
	}
	for i, want := range []string{NodeCompleted, NodeInterrupted, NodeNotRun} {
		if got.Nodes[i].Status != want {
			t.Errorf("%s: %s, want %s", got.Nodes[i].Name, got.Nodes[i].Status, want)
		}
	}
}

func itoa(i int) string { b, _ := json.Marshal(i); return string(b) }

func TestLoadErrors(t *testing.T) {
	for name, content := range map[string]string{
		"truncated": `{"schema": 1, "id": "x", "nodes": [`,
		"not json":  `hello`,
		"no id":     `{"schema": 1}`,
		"newer":     `{"schema": 2, "id": "x"}`,
	} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			os.WriteFile(filepath.Join(dir, RecordFile), []byte(content), 0o644)
			_, err := Load(dir)
			var ce *CorruptError
			var ne *NewerError
			switch {
			case name == "newer" && !errors.As(err, &ne):
				t.Fatalf("err = %v, want a NewerError", err)
			case name != "newer" && !errors.As(err, &ce):
				t.Fatalf("err = %v, want a CorruptError", err)
			}
			if !strings.Contains(err.Error(), filepath.Join(dir, RecordFile)) {
				t.Errorf("%v does not name the file", err)
			}
		})
	}
}

func TestListResolveGC(t *testing.T) {
	root := t.TempDir()
	for _, id := range []string{"2026-01-01T00.00.00.001Z", "2026-01-01T00.00.00.002Z", "2026-01-01T00.00.00.003Z"} {
		os.MkdirAll(filepath.Join(root, id), 0o755)
		rec := newTestRecord("A")
		rec.ID = id
		if err := WriteRecord(filepath.Join(root, id), rec); err != nil {
			t.Fatal(err)
		}
	}
	os.Mkdir(filepath.Join(root, "2026-01-01T00.00.00.004Z"), 0o755) // reserved, no record
	os.WriteFile(filepath.Join(root, "2026-01-01T00.00.00.002Z", RecordFile), []byte("{"), 0o644)
	entries, err := List(root)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 3 || entries[1].Err == nil || entries[0].Err != nil || entries[2].Record.ID != "2026-01-01T00.00.00.003Z" {
		t.Fatalf("entries = %+v", entries)
	}
	if id, err := Resolve(root, Latest); err != nil || id != "2026-01-01T00.00.00.003Z" {
		t.Errorf("latest = %s, %v", id, err)
	}
	var nf *NotFoundError
	if _, err := Resolve(root, "nope"); !errors.As(err, &nf) {
		t.Errorf("unknown id: %v", err)
	}
	removed, err := GC(root, 2)
	if err != nil || len(removed) != 2 || removed[0] != "2026-01-01T00.00.00.001Z" {
		t.Errorf("GC = %v, %v", removed, err)
	}
	if ids, _ := IDs(root); len(ids) != 2 {
		t.Errorf("left %v", ids)
	}
}

func TestAppendStringIsJSON(t *testing.T) {
	for _, s := range []string{"", "plain", `quo"te`, `back\slash`, "new\nline\ttab\r\x00\x1f", "ünïcödé ✓", "bad\xffutf8"} {
		b := appendString(nil, s)
		var got string
		if err := json.Unmarshal(b, &got); err != nil {
			t.Fatalf("%q -> %s: %v", s, b, err)
		}
		want, _ := json.Marshal(s)
		var w string
		json.Unmarshal(want, &w)
		if got != w {
			t.Errorf("%q round-trips to %q, want %q", s, got, w)
		}
	}
}

func TestCopyLogs(t *testing.T) {
	dir := t.TempDir()
	l, err := CreateLogs(dir)
	if err != nil {
		t.Fatal(err)
	}
	l.Write([]byte(`{"level":"info","node":"A","time":"2026-01-01T00:00:00Z","message":"Running node: A"}` + "\n"))
	l.Write([]byte(`{"level":"info","time":"2026-01-01T00:00:00Z","message":"run line"}` + "\n"))
	l.Write([]byte(`{"level":"error","node":"B","time":"2026-01-01T00:00:01Z","message":"failed","error":"boom"}` + "\n"))
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	n, err := CopyLogs(&buf, dir, "B", false)
	if err != nil || n != 1 || !strings.Contains(buf.String(), `[B] failed error="boom"`) {
		t.Errorf("B's logs: %d %v %q", n, err, buf.String())
	}
	buf.Reset()
	if n, _ := CopyLogs(&buf, dir, "", true); n != 3 || strings.Count(buf.String(), "\n") != 3 {
		t.Errorf("all logs: %d %q", n, buf.String())
	}
}

// The hand-written node encoder must read back as encoding/json would.
func TestEncodeRecordRoundTrip(t *testing.T) {
	at := time.Date(2026, 1, 1, 0, 0, 0, 123456789, time.UTC)
	rec := &Record{Schema: 1, ID: "x", Status: StatusFailed, Started: at, Params: map[string]any{"nodes": nil, "a": "\"nodes\":null"},
		Capacity: map[string]int64{"memory": 1024000}, Nodes: []Node{
			{Name: "ns.A\"", Namespace: "ns", Status: NodeFailed, Exclusive: true, Requests: map[string]int64{"memory": 5, "cpu": 1000},
				Attempts: []Attempt{{Start: at, End: at.Add(time.Second), StartS: 0.5, EndS: 1.5, Slot: 2, Error: "e\n"}},
				Slot:     2, Loaded: []DatasetIO{{Name: "a", Version: "v", Size: 10}}, Saved: []DatasetIO{{Name: "b"}},
				Seconds: 1.25, PeakMemory: 99, CPUSeconds: 0.75, Error: "boom"},
			{Name: "B", Status: NodeNotRun, Slot: -1},
		}}
	var buf bytes.Buffer
	if err := encodeRecord(&buf, rec); err != nil {
		t.Fatal(err)
	}
	data := buf.Bytes()
	var got Record
	if err := json.Unmarshal(data, &got); err != nil {
		t.Fatalf("%v\n%s", err, data)
	}
	want, _ := json.Marshal(rec)
	again, _ := json.Marshal(&got)
	if !bytes.Equal(want, again) {
		t.Errorf("round trip differs:\n got %s\nwant %s", again, want)
	}
}

// The cached formatter writes what time.RFC3339Nano writes, across
// seconds, zones and fractions with trailing zeros.
func TestTimeCacheMatchesRFC3339Nano(t *testing.T) {
	east := time.FixedZone("east", 5*3600+30*60)
	west := time.FixedZone("west", -7*3600)
	base := time.Date(2026, 3, 29, 0, 59, 59, 0, time.UTC)
	var tc timeCache
	for _, tm := range []time.Time{
		base, base.Add(1), base.Add(120 * time.Millisecond), base.Add(999999999),
		base.Add(time.Second), base.Add(time.Second + 10*time.Microsecond),
		base.In(east), base.Add(5).In(east), base.In(west), base.Add(time.Second).In(west),
		base.Add(time.Second), time.Date(12345, 1, 1, 0, 0, 0, 5, time.UTC), time.Date(-1, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Now(), time.Now().In(time.Local),
	} {
		got := string(tc.append(nil, tm))
		want := `"` + tm.Format(time.RFC3339Nano) + `"`
		if got != want {
			t.Errorf("%v: got %s, want %s", tm, got, want)
		}
	}
}
