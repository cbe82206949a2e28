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
	_, err := prepare(ctx, p, cat, false)
	return err
}

// Check is Check of the plan's pipeline. The datasets it materialises
// are kept for a Run given this plan in Options.Plan.
func (pl *Plan) Check(ctx context.Context, cat *catalog.Catalog) error {
	ds, err := prepare(ctx, pl.Pipeline, cat, false)
	if err != nil {
		return err
	}
	pl.checked, pl.checkedCat = ds, cat
	return nil
}

// datasets are the pipeline's datasets, materialised once before the run
// and numbered, so the run indexes slices instead of maps and workers only
// read them.
type datasets struct {
	names     []string
	list      []catalog.Dataset
	typeNames []string // nil unless logged
	in, out   [][]int  // per node (Nodes() order): ids of its inputs and outputs
	// confirms are, per node, the datasets it confirms on success (nil
	// when no node confirms any).
	confirms [][]confirmed
}

type confirmed struct {
	name string
	c    catalog.Confirmer
}

// prepare materialises the datasets and runs the pre-run checks; type
// names (for the log lines) are only worked out when they will be logged.
func prepare(ctx context.Context, p *pipeline.Pipeline, cat *catalog.Catalog, typeNames bool) (*datasets, error) {
	nodes := p.Nodes()
	edges, outs := 0, 0
	for _, n := range nodes {
		edges += len(n.Inputs()) + len(n.Outputs())
		outs += len(n.Outputs())
	}
	flat := make([]int, edges) // backs every in[i] and out[i]
	guess := outs + 16         // datasets: every output plus a few free inputs
	ds := &datasets{
		in: make([][]int, len(nodes)), out: make([][]int, len(nodes)),
		names: make([]string, 0, guess), list: make([]catalog.Dataset, 0, guess),
	}
	if typeNames {
		ds.typeNames = make([]string, 0, guess)
	}
	ids := make(map[string]int, guess)
	var errs []error
	idOf := func(name string) int {
		if id, ok := ids[name]; ok {
			return id
		}
		id := len(ds.names)
		ids[name] = id
		d, err := cat.Dataset(name)
		if err != nil {
			errs = append(errs, &CheckError{Dataset: name, Err: err})
		}
		ds.names, ds.list = append(ds.names, name), append(ds.list, d)
		if typeNames {
			tn := ""
			if err == nil {
				tn = typeName(d)
			}
			ds.typeNames = append(ds.typeNames, tn)
		}
		return id
	}
	for i, n := range nodes {
		ds.in[i], flat = flat[:len(n.Inputs()):len(n.Inputs())], flat[len(n.Inputs()):]
		for k, name := range n.Inputs() {
			ds.in[i][k] = idOf(name)
		}
		ds.out[i], flat = flat[:len(n.Outputs()):len(n.Outputs())], flat[len(n.Outputs()):]
		for k, name := range n.Outputs() {
			ds.out[i][k] = idOf(name)
		}
	}
	for i, n := range nodes {
		for _, name := range n.Confirms() {
			d, err := cat.Dataset(name)
			if err != nil {
				errs = append(errs, &CheckError{Dataset: name, Err: err})
				continue
			}
			c, ok := d.(catalog.Confirmer)
			if !ok {
				errs = append(errs, &CheckError{Dataset: name, Err: fmt.Errorf("Dataset '%s' does not have 'confirm' method (node %s confirms it; only partitions.IncrementalDataset can be confirmed)", name, n.Name())})
				continue
			}
			if ds.confirms == nil {
				ds.confirms = make([][]confirmed, len(nodes))
			}
			ds.confirms[i] = append(ds.confirms[i], confirmed{name, c})
		}
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	if err := checkStorage(ctx, ds); err != nil {
		return nil, err
	}
	if err := checkFreeInputs(p, cat); err != nil {
		return nil, err
	}
	if err := checkPinnedVersions(nodes, ds); err != nil {
		return nil, err
	}
	if err := checkParams(ctx, nodes, ds); err != nil {
		return nil, err
	}
	return ds, nil
}

// nameTypes works out the type names of the datasets, for the log lines,
// when prepare did not.
func (ds *datasets) nameTypes() {
	if len(ds.typeNames) == len(ds.list) {
		return
	}
	ds.typeNames = make([]string, len(ds.list))
	for id, d := range ds.list {
		if d != nil {
			ds.typeNames[id] = typeName(d)
		}
	}
}

func (ds *datasets) typeName(id int) string {
	if id < len(ds.typeNames) {
		return ds.typeNames[id]
	}
	return ""
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

// CheckInputData fails a run before it starts when a free input of p has
// no data: no node of the run writes it, so its first load would fail
// after other nodes had run (exit 1, and a hint to run the nodes that
// produce it although none does). Not part of Check: an export runs the
// pipeline elsewhere, where the inputs live. Errors wrap ErrBeforeRun.
func CheckInputData(ctx context.Context, p *pipeline.Pipeline, cat *catalog.Catalog) error {
	e := &AbsentInputsError{Where: map[string]string{}}
	var errs []error
	for _, in := range p.Inputs() {
		if catalog.IsParameter(in) {
			continue
		}
		ok, err := cat.Exists(ctx, in)
		if err != nil {
			errs = append(errs, &CheckError{Dataset: in, Err: err})
			continue
		}
		if ok {
			continue
		}
		e.Inputs = append(e.Inputs, in)
		what := "has no data"
		if ds, err := cat.Dataset(in); err == nil {
			if fp, _ := ds.Describe()["filepath"].(string); fp != "" {
				what = fp + " does not exist"
			}
		}
		e.Where[in] = what + " (" + cat.Where(in) + ")"
	}
	if len(e.Inputs) > 0 {
		errs = append(errs, e)
	}
	return errors.Join(errs...)
}

// checkStorage reaches, once per bucket and credentials, the object store
// of every dataset kept in one: an unreachable endpoint, refused
// credentials or a missing bucket fail here, before any node runs, not in
// the first node that loads or saves there.
func checkStorage(ctx context.Context, ds *datasets) error {
	var errs []error
	seen := map[string]bool{}
	for id, d := range ds.list {
		c, ok := d.(catalog.StorageChecker)
		if !ok || c.StorageID() == "" || seen[c.StorageID()] {
			continue
		}
		seen[c.StorageID()] = true
		if err := c.CheckStorage(ctx); err != nil {
			errs = append(errs, &CheckError{Dataset: ds.names[id], Err: err})
		}
	}
	return errors.Join(errs...)
}

// checkPinnedVersions refuses a --load-versions version that does not
// exist for a dataset some node loads: the node would fail after others
// ran.
func checkPinnedVersions(nodes []*pipeline.Node, ds *datasets) error {
	var errs []error
	seen := map[int]bool{}
	for i := range nodes {
		for _, id := range ds.in[i] {
			if seen[id] {
				continue
			}
			seen[id] = true
			if err := catalog.PinnedVersionMissing(ds.list[id]); err != nil {
				errs = append(errs, &CheckError{Dataset: ds.names[id], Err: err})
			}
		}
	}
	return errors.Join(errs...)
}

// checkParams loads every parameter input into its node's type up front,
// so a parameter of the wrong shape fails before any node runs.
// One wrong value is one error, whichever number of nodes read it: a
// *ParamError per parameter and type, naming every node.
func checkParams(ctx context.Context, nodes []*pipeline.Node, ds *datasets) error {
	type key struct {
		param string
		typ   reflect.Type
	}
	byKey := map[key]*ParamError{}
	var errs []error
	for i, n := range nodes {
		types := n.InputTypes()
		for k, name := range n.Inputs() {
			if !catalog.IsParameter(name) || k >= len(types) || types[k] == nil {
				continue
			}
			if pe := byKey[key{name, types[k]}]; pe != nil {
				pe.Nodes = append(pe.Nodes, n.Name())
				continue
			}
			dst := reflect.New(types[k])
			if err := ds.list[ds.in[i][k]].Load(ctx, dst.Interface()); err != nil {
				pe := &ParamError{Param: name, Type: types[k], Nodes: []string{n.Name()}, Err: err}
				byKey[key{name, types[k]}] = pe
				errs = append(errs, pe)
			}
		}
	}
	return errors.Join(errs...)
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
