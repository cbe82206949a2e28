package catalog

// CONTRACT FILE — the exported surface the runner and the CLI build
// against. The catalog helper grows the implementation (and may split this
// file); these exported names and signatures stay.

import (
	"context"
	"fmt"
	"reflect"
	"sync"
)

// Dataset loads and saves one named piece of data. Signatures use only
// standard types so that users can write their own.
type Dataset interface {
	// Load decodes the data into dst, a non-nil pointer to the consuming
	// node parameter's type.
	Load(ctx context.Context, dst any) error
	Save(ctx context.Context, v any) error
	Exists(ctx context.Context) (bool, error)
	Describe() map[string]any
}

// Releaser is implemented by datasets that can drop what they hold (memory,
// caches) once the last consumer in a run has finished.
type Releaser interface{ Release() }

// MemoryDataset keeps a value in memory. It passes values by assignment:
// nodes must treat inputs as read-only.
type MemoryDataset struct {
	mu    sync.RWMutex
	data  any
	saved bool
}

// NewMemoryDataset returns an empty MemoryDataset.
func NewMemoryDataset() *MemoryDataset { return &MemoryDataset{} }

func (m *MemoryDataset) Load(_ context.Context, dst any) error {
	m.mu.RLock()
	defer m.mu.RUnlock()
	if !m.saved {
		return fmt.Errorf("Data for MemoryDataset has not been saved yet.")
	}
	return Assign(dst, m.data)
}

func (m *MemoryDataset) Save(_ context.Context, v any) error {
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

func (m *MemoryDataset) Describe() map[string]any { return map[string]any{"type": "MemoryDataset"} }

func (m *MemoryDataset) Release() {
	m.mu.Lock()
	m.data, m.saved = nil, false
	m.mu.Unlock()
}

// Assign stores v into *dst (dst a non-nil pointer) when v's type is
// assignable to it.
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

// Catalog maps dataset names to datasets: explicit entries, factory
// patterns, and a MemoryDataset for any other name.
type Catalog struct {
	mu       sync.Mutex
	datasets map[string]Dataset
}

// New returns an empty catalog: every name resolves to a MemoryDataset.
func New() *Catalog { return &Catalog{datasets: map[string]Dataset{}} }

// Add registers ds under name, replacing any previous entry.
func (c *Catalog) Add(name string, ds Dataset) {
	c.mu.Lock()
	c.datasets[name] = ds
	c.mu.Unlock()
}

// AddData registers a MemoryDataset holding v (parameters use this).
func (c *Catalog) AddData(name string, v any) {
	m := NewMemoryDataset()
	_ = m.Save(context.Background(), v)
	c.Add(name, m)
}

// Dataset returns the dataset for name, materialising it from an explicit
// entry, a factory pattern or the MemoryDataset default on first use.
func (c *Catalog) Dataset(name string) (Dataset, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if ds, ok := c.datasets[name]; ok {
		return ds, nil
	}
	ds := NewMemoryDataset()
	c.datasets[name] = ds
	return ds, nil
}

// Declared reports whether name is an explicit entry, matches a factory
// pattern or the user catch-all, or was added (Kedro's `name in catalog`);
// the MemoryDataset default does not count.
func (c *Catalog) Declared(name string) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	_, ok := c.datasets[name]
	return ok
}

// Ephemeral reports whether name's dataset keeps data only in memory
// (undeclared names included), so a resumed run cannot reload it.
func (c *Catalog) Ephemeral(name string) bool {
	ds, err := c.Dataset(name)
	if err != nil {
		return true
	}
	_, mem := ds.(*MemoryDataset)
	return mem
}

// Release drops name's data if its dataset is a Releaser.
func (c *Catalog) Release(name string) {
	c.mu.Lock()
	ds := c.datasets[name]
	c.mu.Unlock()
	if r, ok := ds.(Releaser); ok {
		r.Release()
	}
}

// Config is one catalog entry as a dataset type's factory sees it.
// (CONTRACT: the catalog helper fills in the fields.)
type Config struct {
	Name string
}

// Factory builds a dataset of one type from its catalog entry.
type Factory func(cfg Config) (Dataset, error)
