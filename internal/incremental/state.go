package incremental

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/kedrogo/kedrogo/internal/contenthash"
)

// Schema is the version of the node state files' layout. A file of
// another version (written by another kedrogo) is ignored with a
// warning: its node runs.
const Schema = 1

// NodeState is what a node's last success recorded.
type NodeState struct {
	Schema      int    `json:"schema"`
	Node        string `json:"node"`
	Fingerprint string `json:"fingerprint"`
	// Parts are the pieces the fingerprint was made of ("code",
	// "params:x", "input:x"), so a changed fingerprint can say why.
	Parts map[string]string `json:"parts"`
	// Outputs are the content identities of the persisted outputs the
	// node saved.
	Outputs map[string]string `json:"outputs,omitempty"`
	Time    time.Time         `json:"time"`
}

// Store is the state folder, .kedrogo/state.
type Store struct{ Dir string }

// nodesDir holds one file per node.
const nodesDir = "nodes"

// hashCacheFile is the stat cache of file hashes.
const hashCacheFile = "hashes.json"

// path names a node's file by a hash of its name: node names may hold
// any character, and a folder of 10,000 files is read by name only.
func (s Store) path(node string) string {
	sum := contenthash.Bytes([]byte(node))
	return filepath.Join(s.Dir, nodesDir, strings.TrimPrefix(sum, contenthash.Prefix)[:32]+".json")
}

// Load returns node's state; nil, nil when it never succeeded. A file
// that cannot be used is a *contenthash.CorruptError.
func (s Store) Load(node string) (*NodeState, error) {
	p := s.path(node)
	data, err := os.ReadFile(p)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	st, err := decode(data)
	if err != nil {
		return nil, &contenthash.CorruptError{Path: p, Err: err}
	}
	if st.Node != node {
		return nil, nil // another name with the same hash prefix: never ran
	}
	return st, nil
}

func decode(data []byte) (*NodeState, error) {
	var st NodeState
	if err := json.Unmarshal(data, &st); err != nil {
		return nil, fmt.Errorf("not a state file (%v); it is ignored and the node runs", err)
	}
	if st.Schema != Schema {
		return nil, fmt.Errorf("written by another kedrogo version (state schema %d, this kedrogo reads %d); it is ignored and the node runs", st.Schema, Schema)
	}
	if st.Fingerprint == "" {
		return nil, errors.New("has no fingerprint; it is ignored and the node runs")
	}
	return &st, nil
}

// Save replaces the node's file atomically.
func (s Store) Save(st *NodeState) error {
	st.Schema = Schema
	data, err := json.Marshal(st)
	if err != nil {
		return err
	}
	p := s.path(st.Node)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	return contenthash.WriteState(p, data)
}

// GC removes the state of every node keep does not want, and of files
// that cannot be read as state, and returns the names it removed.
func (s Store) GC(keep func(node string) bool) ([]string, error) {
	dir := filepath.Join(s.Dir, nodesDir)
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var removed []string
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".json") {
			continue
		}
		p := filepath.Join(dir, e.Name())
		data, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		name := "(unreadable " + e.Name() + ")"
		if st, err := decode(data); err == nil {
			if keep(st.Node) {
				continue
			}
			name = st.Node
		}
		if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return removed, err
		}
		removed = append(removed, name)
	}
	return removed, nil
}

// shortHash is a readable prefix of an identity, for messages.
func shortHash(id string) string {
	id = strings.TrimPrefix(id, contenthash.Prefix)
	if len(id) > 12 {
		return id[:12]
	}
	return id
}
