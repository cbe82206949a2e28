// Package viz draws a pipeline and a recorded run as one self-contained
// HTML page (the DAG; with a run, status colours, a timeline of worker
// lanes and a chart per resource), and as text: Mermaid, Graphviz dot or
// the JSON model the page is drawn from. The page's script and style are
// embedded; it loads nothing from the network.
package viz
