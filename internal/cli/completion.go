package cli

import (
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/kedrogo/kedrogo/internal/pipeline"
)

// registerRunCompletions completes run's names from the registry: shells
// offer pipelines, nodes, tags, namespaces, datasets and environments. In
// a comma list only the item after the last comma is completed.
func registerRunCompletions(g *globalOptions, cmd *cobra.Command, app *App) {
	nodeNames := func(p *pipeline.Pipeline) []string {
		var out []string
		for _, n := range p.Nodes() {
			out = append(out, n.Name())
		}
		return out
	}
	tags := func(p *pipeline.Pipeline) []string {
		var out []string
		for _, n := range p.Nodes() {
			out = append(out, n.Tags()...)
		}
		return out
	}
	namespaces := func(p *pipeline.Pipeline) []string {
		var out []string
		for _, n := range p.Nodes() {
			if ns := n.Namespace(); ns != "" {
				out = append(out, ns)
			}
		}
		return out
	}
	datasets := func(p *pipeline.Pipeline) []string { return p.Datasets() }
	pipelines := func() []string {
		if app == nil {
			return nil
		}
		return slices.Sorted(maps.Keys(app.Registry))
	}
	from := func(of func(*pipeline.Pipeline) []string) func() []string {
		return func() []string { return registryValues(app, of) }
	}
	for flag, values := range map[string]func() []string{
		"pipelines": pipelines, "pipeline": pipelines,
		"nodes": from(nodeNames), "node": from(nodeNames),
		"from-nodes": from(nodeNames), "to-nodes": from(nodeNames),
		"tags":       from(tags),
		"namespaces": from(namespaces), "namespace": from(namespaces),
		"from-inputs": from(datasets), "to-outputs": from(datasets), "load-versions": from(datasets),
	} {
		g.complete(cmd, flag, completeList(values))
	}
	g.complete(cmd, "env", completeEnvs)
	g.complete(cmd, "runner", fixedCompletion(runnerNames...))
	g.complete(cmd, "format", fixedCompletion("text", "json"))
}

// completeList completes the last item of a comma-separated list.
func completeList(values func() []string) cobra.CompletionFunc {
	return func(_ *cobra.Command, _ []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		prefix := ""
		if i := strings.LastIndex(toComplete, ","); i >= 0 {
			prefix = toComplete[:i+1]
		}
		given := splitString(prefix)
		var out []string
		for _, v := range values() {
			if !slices.Contains(given, v) && strings.HasPrefix(prefix+v, toComplete) {
				out = append(out, prefix+v)
			}
		}
		return out, cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveNoSpace
	}
}

func fixedCompletion(values ...string) cobra.CompletionFunc {
	return func(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
		return values, cobra.ShellCompDirectiveNoFileComp
	}
}

// completeEnvs offers the conf/ subfolders (the environments).
func completeEnvs(cmd *cobra.Command, _ []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
	dir := "conf"
	if f := cmd.Flags().Lookup("conf-source"); f != nil && f.Value.String() != "" {
		dir = f.Value.String()
	}
	entries, _ := os.ReadDir(dir)
	var envs []string
	for _, e := range entries {
		if e.IsDir() || isDirLink(filepath.Join(dir, e.Name())) {
			envs = append(envs, e.Name())
		}
	}
	return envs, cobra.ShellCompDirectiveNoFileComp
}

func isDirLink(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.IsDir()
}
