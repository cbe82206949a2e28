// Package session prepares and runs one kedrogo run the way Kedro's
// KedroSession does: it loads conf/, validates the registry (with
// runner.yml's ordering edges added before filtering), combines and filters
// pipelines, builds the catalog, checks everything that can be checked
// before a node runs, plans, and hands the run to the runner.
package session
