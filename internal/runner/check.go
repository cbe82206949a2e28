package runner

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"

	"github.com/kedrogo/kedrogo/internal/catalog"
	"github.com/kedrogo/kedrogo/internal/pipeline"
)

// Check runs the pre-run checks of a run (and of --dry-run): every dataset
// the pipeline uses can be built from the catalog, every free input is
// declared (parameters count), and every parameter input loads into its
// node's type. Errors wrap ErrBeforeRun.
func Check(ctx context.Context, p *pipeline.Pipeline, cat *catalog.Catalog) error {
	_, err := prepare(ctx, p, cat)
	return err
}

// datasets are the pipeline's datasets, materialised once before the run
// so workers only read these maps.
type datasets struct {
	byName    map[string]catalog.Dataset
	typeNames map[string]string
}

func prepare(ctx context.Context, p *pipeline.Pipeline, cat *catalog.Catalog) (*datasets, error) {
	ds := &datasets{byName: map[string]catalog.Dataset{}, typeNames: map[string]string{}}
	var errs []error
	for _, n := range p.Nodes() {
		for _, names := range [][]string{n.Inputs(), n.Outputs()} {
			for _, name := range names {
				if _, seen := ds.byName[name]; seen {
					continue
				}
				d, err := cat.Dataset(name)
				if err != nil {
					errs = append(errs, &CheckError{Dataset: name, Err: err})
					ds.byName[name] = nil
					continue
				}
				ds.byName[name] = d
				ds.typeNames[name] = typeName(d)
			}
		}
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	if err := checkFreeInputs(p, cat); err != nil {
		return nil, err
	}
	if err := checkParams(ctx, p, ds); err != nil {
		return nil, err
	}
	return ds, nil
}

// checkFreeInputs is Kedro's "Pipeline input(s) {...} not found in the
// DataCatalog".
func checkFreeInputs(p *pipeline.Pipeline, cat *catalog.Catalog) error {
	var missing []string
	for _, in := range p.Inputs() {
		if !cat.Declared(in) {
			missing = append(missing, in)
		}
	}
	if len(missing) == 0 {
		return nil
	}
	e := &MissingInputsError{Inputs: missing, Looked: map[string]string{}}
	for _, in := range missing {
		where := cat.Where(in)
		if near := cat.Nearest(in); len(near) > 0 {
			where += fmt.Sprintf("; did you mean '%s'?", strings.Join(near, "', '"))
		}
		e.Looked[in] = where
	}
	return e
}

// checkParams loads every parameter input into its node's type up front,
// so a parameter of the wrong shape fails before any node runs.
func checkParams(ctx context.Context, p *pipeline.Pipeline, ds *datasets) error {
	var errs []error
	for _, n := range p.Nodes() {
		types := n.InputTypes()
		for k, name := range n.Inputs() {
			if !isParam(name) || k >= len(types) || types[k] == nil {
				continue
			}
			dst := reflect.New(types[k])
			if err := ds.byName[name].Load(ctx, dst.Interface()); err != nil {
				errs = append(errs, &CheckError{Node: n.Name(), Dataset: name,
					Err: fmt.Errorf("cannot load into %s: %w", types[k], err)})
			}
		}
	}
	return errors.Join(errs...)
}

func isParam(name string) bool {
	return name == "parameters" || strings.HasPrefix(name, "params:")
}

// typeName is the dataset's type as Kedro logs it ("CSVDataset").
func typeName(d catalog.Dataset) string {
	if t, ok := d.Describe()["type"].(string); ok && t != "" {
		return t
	}
	t := reflect.TypeOf(d)
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t.Name()
}
