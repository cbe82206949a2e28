package catalog

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"sync"
)

// Copy modes of a MemoryDataset (Kedro's names).
const (
	CopyAssign  = "assign"   // share the value (the default)
	CopyDeep    = "deepcopy" // deep-copy on save and on every load
	CopyShallow = "copy"     // copy the top level (slice, map or struct) only
)

// errNotSaved is Kedro's text; the catalog prefixes the dataset name.
var errNotSaved = errors.New("Data for MemoryDataset has not been saved yet.")

// MemoryDataset keeps a value in memory. By default it passes values by
// assignment, so every consumer sees the producer's value itself: nodes
// must treat inputs as read-only (or use copy_mode: deepcopy).
type MemoryDataset struct {
	mu       sync.RWMutex
	data     any
	saved    bool
	copyMode string
}

// NewMemoryDataset returns an empty MemoryDataset that assigns.
func NewMemoryDataset() *MemoryDataset { return &MemoryDataset{} }

// NewMemoryDatasetMode returns an empty MemoryDataset with a copy mode
// ("assign", "deepcopy" or "copy").
func NewMemoryDatasetMode(copyMode string) (*MemoryDataset, error) {
	switch copyMode {
	case "", CopyAssign, CopyDeep, CopyShallow:
		return &MemoryDataset{copyMode: copyMode}, nil
	}
	return nil, fmt.Errorf("Invalid copy mode: %s. Possible values are: deepcopy, copy, assign.", copyMode)
}

func (m *MemoryDataset) copyValue(v any) any {
	switch m.copyMode {
	case CopyDeep:
		return DeepCopy(v)
	case CopyShallow:
		return shallowCopy(v)
	}
	return v
}

func (m *MemoryDataset) Load(_ context.Context, dst any) error {
	m.mu.RLock()
	data, saved := m.data, m.saved
	m.mu.RUnlock()
	if !saved {
		return errNotSaved
	}
	if j, ok := data.(JSONValue); ok {
		return j.decode(dst)
	}
	return Assign(dst, m.copyValue(data))
}

func (m *MemoryDataset) Save(_ context.Context, v any) error {
	v = m.copyValue(v)
	m.mu.Lock()
	m.data, m.saved = v, true
	m.mu.Unlock()
	return nil
}

func (m *MemoryDataset) Exists(context.Context) (bool, error) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	return m.saved, nil
}

func (m *MemoryDataset) Describe() map[string]any {
	d := map[string]any{"type": "MemoryDataset"}
	if m.copyMode != "" {
		d["copy_mode"] = m.copyMode
	}
	return d
}

// Release drops the value so the garbage collector can reclaim it.
func (m *MemoryDataset) Release() {
	m.mu.Lock()
	m.data, m.saved = nil, false
	m.mu.Unlock()
}

// Assign stores v into *dst (dst a non-nil pointer) when v's type is
// assignable to it; a nil v stores the zero value.
func Assign(dst any, v any) error {
	d := reflect.ValueOf(dst)
	if d.Kind() != reflect.Pointer || d.IsNil() {
		return fmt.Errorf("load destination must be a non-nil pointer, got %T", dst)
	}
	e := d.Elem()
	if v == nil {
		e.SetZero()
		return nil
	}
	sv := reflect.ValueOf(v)
	if !sv.Type().AssignableTo(e.Type()) {
		return fmt.Errorf("cannot use a value of type %s as %s", sv.Type(), e.Type())
	}
	e.Set(sv)
	return nil
}

// JSONValue is JSON text a command node wrote to an in-memory output. A
// MemoryDataset holding one decodes it into whatever type each consumer
// asks for (any gets maps, slices, float64s...; []byte and string the
// text itself), since the command could not know the consumer's Go type.
type JSONValue []byte

func (j JSONValue) decode(dst any) error {
	switch d := dst.(type) {
	case *JSONValue:
		*d = j
		return nil
	case *[]byte:
		*d = append([]byte(nil), j...)
		return nil
	case *string:
		var s string
		if json.Unmarshal(j, &s) == nil {
			*d = s
		} else {
			*d = string(j)
		}
		return nil
	}
	if err := json.Unmarshal(j, dst); err != nil {
		return fmt.Errorf("cannot decode the command's JSON output into %T: %w", dst, err)
	}
	return nil
}
