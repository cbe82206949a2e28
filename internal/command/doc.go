// Package command runs one command node's process: it expands the
// {inputs.x}, {outputs.y} and {params.z} templates of its argv or script,
// starts it in its own process group, streams its output lines, stops the
// whole group on cancellation (SIGTERM, then SIGKILL after a grace
// period), and measures the peak resident memory and CPU time of its
// process tree.
//
// It knows nothing of pipelines or catalogs: the runner stages the files
// and hands over paths and values.
package command
