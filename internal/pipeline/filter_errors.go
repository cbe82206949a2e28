package pipeline

import "fmt"

// UnknownNodesError is Kedro's error for node names a pipeline lacks.
// Namespaced lists the pipeline's nodes whose name ends in "."+ an
// unknown name: the user probably left out the namespace.
type UnknownNodesError struct {
	Names      []string
	Namespaced []string
}

func (e *UnknownNodesError) Error() string {
	msg := fmt.Sprintf("Pipeline does not contain nodes named %s.", pyList(e.Names))
	if len(e.Namespaced) > 0 {
		msg += fmt.Sprintf(" Did you mean: %s?", pyList(e.Namespaced))
	}
	return msg
}

// UnknownDatasetsError is Kedro's error for dataset names a pipeline lacks.
type UnknownDatasetsError struct {
	Names []string
}

func (e *UnknownDatasetsError) Error() string {
	return fmt.Sprintf("Pipeline does not contain datasets named %s", pyList(e.Names))
}

// UnknownNamespacesError is Kedro's error for namespaces no node is in.
type UnknownNamespacesError struct {
	Names []string
}

func (e *UnknownNamespacesError) Error() string {
	return fmt.Sprintf("Pipeline does not contain nodes with the following namespaces: %s", pyList(e.Names))
}
