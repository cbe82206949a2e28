package catalog

import (
	"context"
	"errors"
)

// Exists reports whether name's data exists; false for undeclared names.
func (c *Catalog) Exists(ctx context.Context, name string) (bool, error) {
	if !c.Declared(name) {
		return false, nil
	}
	ds, err := c.Dataset(name)
	if err != nil {
		return false, err
	}
	ok, err := ds.Exists(ctx)
	if err != nil {
		return false, WrapError(name, "exists", err)
	}
	return ok, nil
}

// Load loads name's data into dst; errors name the dataset.
func (c *Catalog) Load(ctx context.Context, name string, dst any) error {
	ds, err := c.Dataset(name)
	if err != nil {
		return err
	}
	if err := ds.Load(ctx, dst); err != nil {
		return WrapError(name, "load", err)
	}
	return nil
}

// Save saves v as name's data; errors name the dataset.
func (c *Catalog) Save(ctx context.Context, name string, v any) error {
	if v == nil {
		return &DatasetError{Dataset: name, Op: "save", Err: ErrSaveNil}
	}
	ds, err := c.Dataset(name)
	if err != nil {
		return err
	}
	if err := ds.Save(ctx, v); err != nil {
		return WrapError(name, "save", err)
	}
	return nil
}

// ErrSaveNil is Kedro's refusal to save a nil value (Python's None).
var ErrSaveNil = errors.New("Saving 'None' to a 'Dataset' is not allowed")

// WrapError prefixes err with the dataset name unless a *DatasetError
// already carries it. The runner, which calls datasets directly, uses it
// too.
func WrapError(name, op string, err error) error {
	var de *DatasetError
	if errors.As(err, &de) && de.Dataset != "" {
		return err
	}
	return &DatasetError{Dataset: name, Op: op, Err: err}
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
