package runrec

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Latest is the id that names the newest run.
const Latest = "latest"

// CorruptError is a run.json that cannot be read.
type CorruptError struct {
	Path string
	Err  error
}

func (e *CorruptError) Error() string {
	return fmt.Sprintf("%s: unreadable run record (%v); delete its folder, or run kedrogo runs gc", e.Path, e.Err)
}
func (e *CorruptError) Unwrap() error { return e.Err }

// NewerError is a record written by a newer kedrogo.
type NewerError struct {
	Path   string
	Schema int
}

func (e *NewerError) Error() string {
	return fmt.Sprintf("%s: written by a newer kedrogo (record schema %d; this kedrogo reads up to %d); upgrade kedrogo to read it",
		e.Path, e.Schema, SchemaVersion)
}

// NotFoundError is a run id with no record.
type NotFoundError struct {
	ID    string
	Known []string // newest last
}

func (e *NotFoundError) Error() string {
	if len(e.Known) == 0 {
		return fmt.Sprintf("no run %q: no runs recorded yet (a kedrogo run records one)", e.ID)
	}
	known := e.Known[max(0, len(e.Known)-5):]
	return fmt.Sprintf("no run %q; the newest are %s (see kedrogo runs list)", e.ID, strings.Join(known, ", "))
}

// Entry is one run folder: its record, or why it cannot be read.
type Entry struct {
	ID     string
	Record *Record
	Err    error
}

// IDs lists the run folders under root, oldest first (ids are times).
func IDs(root string) ([]string, error) {
	des, err := os.ReadDir(root)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var ids []string
	for _, de := range des {
		if de.IsDir() && !strings.HasPrefix(de.Name(), ".") {
			ids = append(ids, de.Name())
		}
	}
	slices.Sort(ids)
	return ids, nil
}

// List reads every record under root, oldest first; one that cannot be
// read is an Entry with Err, the others are still listed.
func List(root string) ([]Entry, error) {
	ids, err := IDs(root)
	if err != nil {
		return nil, err
	}
	entries := make([]Entry, 0, len(ids))
	for _, id := range ids {
		rec, err := Load(filepath.Join(root, id))
		if errors.Is(err, fs.ErrNotExist) {
			continue // a folder reserved by a run that was refused, or being created
		}
		entries = append(entries, Entry{ID: id, Record: rec, Err: err})
	}
	return entries, nil
}

// Resolve turns "latest" or an id into a run folder's id.
func Resolve(root, ref string) (string, error) {
	ids, err := IDs(root)
	if err != nil {
		return "", err
	}
	if ref == "" || ref == Latest {
		for i := len(ids) - 1; i >= 0; i-- {
			if _, err := os.Stat(filepath.Join(root, ids[i], RecordFile)); err == nil {
				return ids[i], nil
			}
		}
		return "", &NotFoundError{ID: Latest}
	}
	if slices.Contains(ids, ref) {
		return ref, nil
	}
	return "", &NotFoundError{ID: ref, Known: ids}
}

// Load reads the record in dir. A record still "running" whose process is
// gone was killed: it is rebuilt from events.jsonl and marked interrupted.
func Load(dir string) (*Record, error) {
	path := filepath.Join(dir, RecordFile)
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var head struct {
		Schema int `json:"schema"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return nil, &CorruptError{Path: path, Err: err}
	}
	if head.Schema > SchemaVersion {
		return nil, &NewerError{Path: path, Schema: head.Schema}
	}
	rec := &Record{}
	if err := json.Unmarshal(data, rec); err != nil {
		return nil, &CorruptError{Path: path, Err: err}
	}
	if rec.Schema < 1 || rec.ID == "" {
		return nil, &CorruptError{Path: path, Err: errors.New("no schema or id")}
	}
	if rec.Status == StatusRunning && !alive(rec.PID) {
		b := newBuilder(rec)
		if err := b.replay(filepath.Join(dir, EventsFile)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, &CorruptError{Path: filepath.Join(dir, EventsFile), Err: err}
		}
		for i := range rec.Nodes {
			switch rec.Nodes[i].Status {
			case NodeRunning:
				rec.Nodes[i].Status = NodeInterrupted
			case NodePending:
				rec.Nodes[i].Status = NodeNotRun
			}
		}
		rec.Status, rec.ExitCode = StatusInterrupted, ExitUnknown
		rec.Note = "the run was killed; this record was rebuilt from " + EventsFile
	}
	return rec, nil
}

// GC removes the oldest run folders beyond the newest keep; it returns the
// ids removed.
func GC(root string, keep int) ([]string, error) {
	ids, err := IDs(root)
	if err != nil || len(ids) <= keep {
		return nil, err
	}
	old := ids[:len(ids)-max(keep, 0)]
	var removed []string
	for _, id := range old {
		if err := os.RemoveAll(filepath.Join(root, id)); err != nil {
			return removed, err
		}
		removed = append(removed, id)
	}
	return removed, nil
}
