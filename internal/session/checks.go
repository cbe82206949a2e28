package session

import (
	"errors"
	"sort"

	"github.com/kedrogo/kedrogo/internal/catalog"
	"github.com/kedrogo/kedrogo/internal/pipeline"
	"github.com/kedrogo/kedrogo/internal/runner"
)

// checkInputs does what Kedro's runner does before its first node, so that
// --dry-run reports it too: every dataset of the pipeline is materialised
// (a bad catalog entry fails here), and every free input must be declared
// in the catalog (parameters included).
func checkInputs(p *pipeline.Pipeline, cat *catalog.Catalog, opts runner.Options) error {
	var errs []error
	for _, name := range p.Datasets() {
		if _, err := cat.Dataset(name); err != nil {
			errs = append(errs, &runner.CheckError{Dataset: name, Err: err})
		}
	}
	if err := errors.Join(errs...); err != nil {
		return err
	}
	if opts.OnlyMissingOutputs {
		// The runner first drops the nodes whose outputs exist; the inputs
		// that remain free are only known then.
		return nil
	}
	var missing []string
	for _, in := range p.Inputs() {
		if !cat.Declared(in) {
			missing = append(missing, in)
		}
	}
	if len(missing) == 0 {
		return nil
	}
	sort.Strings(missing)
	return &runner.MissingInputsError{Inputs: missing}
}
