package runrec

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/kedrogo/kedrogo/internal/runner"
)

// event is one line of events.jsonl: a runner event, its time as
// nanoseconds since the run's start.
type event struct {
	T       int64  `json:"t"`
	Kind    string `json:"k"`
	Node    string `json:"n,omitempty"`
	Dataset string `json:"d,omitempty"`
	Attempt int    `json:"a,omitempty"`
	Err     string `json:"e,omitempty"`
	// Peak (bytes) and CPU (nanoseconds) are a command node's measured
	// process tree, on its end events; zero for Go nodes.
	Peak int64 `json:"m,omitempty"`
	CPU  int64 `json:"c,omitempty"`
}

func fromRunner(ev runner.Event, start time.Time) event {
	e := event{T: int64(ev.Time.Sub(start)), Kind: ev.Kind.String(), Node: ev.Node, Dataset: ev.Dataset, Attempt: ev.Attempt,
		Peak: ev.PeakMemory, CPU: int64(ev.CPU)}
	if ev.Err != nil {
		e.Err = ev.Err.Error()
	}
	return e
}

// appendLine encodes e as one JSON line, by hand: this runs once per event
// of every run, and encoding/json's reflection would be most of its cost.
func (e *event) appendLine(b []byte) []byte {
	b = append(b, `{"t":`...)
	b = strconv.AppendInt(b, e.T, 10)
	b = append(b, `,"k":`...)
	b = appendString(b, e.Kind)
	if e.Node != "" {
		b = append(b, `,"n":`...)
		b = appendString(b, e.Node)
	}
	if e.Dataset != "" {
		b = append(b, `,"d":`...)
		b = appendString(b, e.Dataset)
	}
	if e.Attempt != 0 {
		b = append(b, `,"a":`...)
		b = strconv.AppendInt(b, int64(e.Attempt), 10)
	}
	if e.Err != "" {
		b = append(b, `,"e":`...)
		b = appendString(b, e.Err)
	}
	if e.Peak != 0 {
		b = append(b, `,"m":`...)
		b = strconv.AppendInt(b, e.Peak, 10)
	}
	if e.CPU != 0 {
		b = append(b, `,"c":`...)
		b = strconv.AppendInt(b, e.CPU, 10)
	}
	return append(b, "}\n"...)
}

// appendString appends s as a JSON string.
func appendString(b []byte, s string) []byte {
	b = append(b, '"')
	// Names are plain ASCII: copy the run of bytes that need no escape or
	// check in one append, then go byte by byte from the first that does.
	plain := 0
	for plain < len(s) {
		if c := s[plain]; c < 0x20 || c == '"' || c == '\\' || c >= utf8.RuneSelf {
			break
		}
		plain++
	}
	b = append(b, s[:plain]...)
	for i := plain; i < len(s); {
		c := s[i]
		switch {
		case c == '"' || c == '\\':
			b = append(b, '\\', c)
		case c == '\n':
			b = append(b, '\\', 'n')
		case c == '\t':
			b = append(b, '\\', 't')
		case c < 0x20:
			b = append(b, `\u00`...)
			b = append(b, "0123456789abcdef"[c>>4], "0123456789abcdef"[c&0xf])
		case c < utf8.RuneSelf:
			b = append(b, c)
		default:
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && size == 1 {
				b = append(b, `\ufffd`...)
			} else {
				b = append(b, s[i:i+size]...)
			}
			i += size
			continue
		}
		i++
	}
	return append(b, '"')
}

// builder folds events into a record: the same code for a live run and
// for rebuilding a killed run's record from events.jsonl.
type builder struct {
	rec   *Record
	index map[string]int
	// last and lastAt are the node of the previous event and its
	// position: a node's events come together (started, loaded, saved,
	// finished), so most events skip the map.
	last   string
	lastAt int
	unique bool   // no two nodes share a name
	busy   []bool // worker lanes in use
	// Attempts and dataset lists are cut from shared chunks: one
	// allocation per 1024 nodes instead of three per node.
	attempts []Attempt
	datasets []DatasetIO
}

const chunk = 1024

// oneAttempt is a slice holding a, with no room to grow in place (a retry
// reallocates rather than overwrite the next node's).
func (b *builder) oneAttempt(a Attempt) []Attempt {
	if len(b.attempts) == 0 {
		b.attempts = make([]Attempt, chunk)
	}
	s := b.attempts[:1:1]
	s[0] = a
	b.attempts = b.attempts[1:]
	return s
}

func (b *builder) addDataset(list []DatasetIO, d DatasetIO) []DatasetIO {
	if list != nil {
		return append(list, d)
	}
	if len(b.datasets) == 0 {
		b.datasets = make([]DatasetIO, chunk)
	}
	s := b.datasets[:1:1]
	s[0] = d
	b.datasets = b.datasets[1:]
	return s
}

func newBuilder(rec *Record) *builder {
	b := &builder{rec: rec, index: make(map[string]int, len(rec.Nodes))}
	for i, n := range rec.Nodes {
		b.index[n.Name] = i
	}
	b.unique = len(b.index) == len(rec.Nodes)
	b.lastAt = -1
	return b
}

// node is the record position of the named node.
func (b *builder) node(name string) (int, bool) {
	if name == b.last && name != "" {
		return b.lastAt, true
	}
	// Nodes mostly run in the record's order (Kedro's): try the next one
	// before hashing the name.
	// (Names are unique in a pipeline; a record with duplicates, which
	// only a hand-edited file has, resolves through the map alone.)
	if next := b.lastAt + 1; b.unique && name != "" && next < len(b.rec.Nodes) && b.rec.Nodes[next].Name == name {
		b.last, b.lastAt = name, next
		return next, true
	}
	i, ok := b.index[name]
	if ok {
		b.last, b.lastAt = name, i
	}
	return i, ok
}

func (b *builder) apply(e event) {
	i, ok := b.node(e.Node)
	if !ok {
		return // a run event, or a node this record does not know
	}
	n := &b.rec.Nodes[i]
	at := b.rec.Started.Add(time.Duration(e.T))
	secs := time.Duration(e.T).Seconds()
	switch e.Kind {
	case "node_started":
		n.Status = NodeRunning
		n.Slot = b.takeLane()
		if n.Attempts == nil {
			n.Attempts = b.oneAttempt(Attempt{Start: at, StartS: secs, Slot: n.Slot})
		} else {
			n.Attempts = append(n.Attempts, Attempt{Start: at, StartS: secs, Slot: n.Slot})
		}
	case "node_retried":
		if k := len(n.Attempts) - 1; k >= 0 {
			n.Attempts[k].End, n.Attempts[k].EndS, n.Attempts[k].Error = at, secs, e.Err
		}
		n.Attempts = append(n.Attempts, Attempt{Start: at, StartS: secs, Slot: n.Slot})
	case "node_finished", "node_failed":
		if k := len(n.Attempts) - 1; k >= 0 {
			n.Attempts[k].End, n.Attempts[k].EndS = at, secs
			n.Seconds = secs - n.Attempts[0].StartS
			if n.Slot >= 0 && n.Slot < len(b.busy) {
				b.busy[n.Slot] = false
			}
		}
		n.Status = NodeCompleted
		n.PeakMemory = max(n.PeakMemory, e.Peak)
		n.CPUSeconds += time.Duration(e.CPU).Seconds()
		if e.Kind == "node_failed" {
			n.Status, n.Error = NodeFailed, e.Err
			if k := len(n.Attempts) - 1; k >= 0 {
				n.Attempts[k].Error = e.Err
			}
			if b.rec.FirstFailure == "" {
				b.rec.FirstFailure = n.Name
			}
		}
	case "node_skipped":
		n.Status, n.Error = NodeSkipped, e.Err
	case "dataset_loaded":
		n.Loaded = b.addDataset(n.Loaded, DatasetIO{Name: e.Dataset})
	case "dataset_saved":
		n.Saved = b.addDataset(n.Saved, DatasetIO{Name: e.Dataset})
	}
}

// takeLane is the lowest free worker lane: the timeline draws each lane
// as one worker slot.
func (b *builder) takeLane() int {
	for i, used := range b.busy {
		if !used {
			b.busy[i] = true
			return i
		}
	}
	b.busy = append(b.busy, true)
	return len(b.busy) - 1
}

// replay applies every whole line of an events file; a torn last line (a
// kill mid-write) is ignored.
func (b *builder) replay(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64<<10), 16<<20)
	for sc.Scan() {
		line := bytes.TrimSpace(sc.Bytes())
		var e event
		if len(line) == 0 || json.Unmarshal(line, &e) != nil {
			continue
		}
		b.apply(e)
	}
	return sc.Err()
}
