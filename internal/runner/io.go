package runner

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"sync"

	"github.com/kedrogo/kedrogo/internal/catalog"
	"github.com/kedrogo/kedrogo/internal/logfield"
	"github.com/kedrogo/kedrogo/internal/pipeline"
)

var anyType = reflect.TypeFor[any]()

// loadInputs loads node i's inputs, each into the type its function takes,
// one after another or (async) all at once.
func (r *runner) loadInputs(ctx context.Context, i int, n *pipeline.Node) ([]any, error) {
	names := n.Inputs()
	values := make([]any, len(names))
	if !r.async || len(names) < 2 {
		for k := range names {
			if err := r.load(ctx, i, n, k, values); err != nil {
				return nil, err
			}
		}
		return values, nil
	}
	errs := make([]error, len(names))
	var wg sync.WaitGroup
	for k := range names {
		wg.Go(func() { errs[k] = r.load(ctx, i, n, k, values) })
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return values, nil
}

// load loads input k of node n into values[k].
func (r *runner) load(ctx context.Context, i int, n *pipeline.Node, k int, values []any) error {
	name := n.Inputs()[k]
	typ := anyType
	if types := n.InputTypes(); k < len(types) && types[k] != nil {
		typ = types[k]
	}
	h := r.hooks
	if h != nil && h.BeforeDatasetLoaded != nil {
		if err := r.safely(func() error { return h.BeforeDatasetLoaded(ctx, name, n) }); err != nil {
			return fmt.Errorf("before-dataset-loaded hook for %s: %w", name, err)
		}
	}
	if e := r.log.Info(); e.Enabled() {
		e.Str(logfield.Node, n.Name()).Str(logfield.Dataset, name).
			Msgf("Loading data from %s (%s)...", name, r.ds.typeName(r.ds.in[i][k]))
	}
	ds := r.ds.list[r.ds.in[i][k]]
	dst := reflect.New(typ)
	if err := r.safely(func() error { return ds.Load(ctx, dst.Interface()) }); err != nil {
		return &InputError{Node: n.Name(), Arg: n.InputLabel(k), Dataset: name, Err: catalog.WrapError(name, "load", err)}
	}
	values[k] = dst.Elem().Interface()
	if h != nil && h.AfterDatasetLoaded != nil {
		if err := r.safely(func() error { return h.AfterDatasetLoaded(ctx, name, values[k], n) }); err != nil {
			return fmt.Errorf("after-dataset-loaded hook for %s: %w", name, err)
		}
	}
	r.ev.emit(Event{Kind: DatasetLoaded, Node: n.Name(), Dataset: name})
	return nil
}

// saveOutputs saves the node's outputs, one after another or (async) all
// at once.
func (r *runner) saveOutputs(ctx context.Context, i int, n *pipeline.Node, values []any) error {
	names := n.Outputs()
	if !r.async || len(names) < 2 {
		for k := range names {
			if err := r.save(ctx, i, n, k, values[k]); err != nil {
				return err
			}
		}
		return nil
	}
	errs := make([]error, len(names))
	var wg sync.WaitGroup
	for k := range names {
		wg.Go(func() { errs[k] = r.save(ctx, i, n, k, values[k]) })
	}
	wg.Wait()
	return errors.Join(errs...)
}

// save saves v as output k of node i.
func (r *runner) save(ctx context.Context, i int, n *pipeline.Node, k int, v any) error {
	id := r.ds.out[i][k]
	name := r.ds.names[id]
	if r.isAbandoned() {
		return errAbandoned
	}
	h := r.hooks
	if h != nil && h.BeforeDatasetSaved != nil {
		if err := r.safely(func() error { return h.BeforeDatasetSaved(ctx, name, v, n) }); err != nil {
			return fmt.Errorf("before-dataset-saved hook for %s: %w", name, err)
		}
	}
	if e := r.log.Info(); e.Enabled() {
		e.Str(logfield.Node, n.Name()).Str(logfield.Dataset, name).
			Msgf("Saving data to %s (%s)...", name, r.ds.typeName(id))
	}
	if v == nil {
		return catalog.WrapError(name, "save", catalog.ErrSaveNil)
	}
	ds := r.ds.list[id]
	if err := r.safely(func() error { return ds.Save(ctx, v) }); err != nil {
		return catalog.WrapError(name, "save", err)
	}
	if h != nil && h.AfterDatasetSaved != nil {
		if err := r.safely(func() error { return h.AfterDatasetSaved(ctx, name, v, n) }); err != nil {
			return fmt.Errorf("after-dataset-saved hook for %s: %w", name, err)
		}
	}
	r.ev.emit(Event{Kind: DatasetSaved, Node: n.Name(), Dataset: name})
	return nil
}
