package cli

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"go.yaml.in/yaml/v3"

	"github.com/kedrogo/kedrogo/internal/pipeline"
	"github.com/kedrogo/kedrogo/internal/session"
)

func newCmdRegistry(app *App, streams IOStreams) *cobra.Command {
	list := &cobra.Command{
		Use:     "list",
		Short:   "List the registered pipelines",
		Long:    "List the registered pipelines' names, sorted, as YAML.",
		Example: "  kedrogo registry list",
		Args:    cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			if err := validateRegistry(app); err != nil {
				return err
			}
			return writeYAML(streams.Out, slices.Sorted(maps.Keys(app.Registry)))
		},
	}
	describe := &cobra.Command{
		Use:   "describe [PIPELINE]",
		Short: "Describe a registered pipeline",
		Long: `Describe a registered pipeline (default __default__): its nodes in run
order with their functions, its free inputs and its free outputs, as YAML.`,
		Example: "  kedrogo registry describe\n  kedrogo registry describe data_processing",
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 1 {
				return &FlagError{Err: fmt.Errorf("%s takes at most one pipeline name, got %d", cmd.CommandPath(), len(args))}
			}
			return nil
		},
		ValidArgsFunction: func(_ *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
			if len(args) > 0 {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			return slices.Sorted(maps.Keys(app.Registry)), cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(_ *cobra.Command, args []string) error {
			name := session.DefaultPipeline
			if len(args) == 1 {
				name = args[0]
			}
			return describePipeline(streams.Out, app, name)
		},
	}
	return groupCmd("registry", "List and describe the registered pipelines", "  kedrogo registry list", list, describe)
}

// validateRegistry reports every definition problem of the registered
// pipelines (exit status 2).
func validateRegistry(app *App) error {
	return asUsage(pipeline.ValidateRegistry(app.Registry))
}

func describePipeline(w io.Writer, app *App, name string) error {
	if err := validateRegistry(app); err != nil {
		return err
	}
	p, ok := app.Registry[name]
	if !ok || p == nil {
		names := slices.Sorted(maps.Keys(app.Registry))
		return usageErrorf("'%s' pipeline not found.%s Existing pipelines: [%s]",
			name, didYouMean(name, names), strings.Join(names, ", "))
	}
	nodes := p.Nodes()
	desc := struct {
		Nodes   []string `yaml:"Nodes"`
		Inputs  []string `yaml:"Inputs"`
		Outputs []string `yaml:"Outputs"`
	}{Nodes: make([]string, len(nodes)), Inputs: p.Inputs(), Outputs: p.Outputs()}
	for i, n := range nodes {
		desc.Nodes[i] = fmt.Sprintf("%s (%s)", n.Name(), n.Func())
	}
	return writeYAML(w, desc)
}

func writeYAML(w io.Writer, v any) error {
	enc := yaml.NewEncoder(w)
	enc.SetIndent(2)
	enc.CompactSeqIndent() // "- item" under its key, as Kedro's YAML writes it
	if err := enc.Encode(v); err != nil {
		return err
	}
	return enc.Close()
}

// registryValues collects a sorted, de-duplicated set of values over every
// registered pipeline (node names, tags, datasets), for completion.
func registryValues(app *App, of func(p *pipeline.Pipeline) []string) []string {
	if app == nil {
		return nil
	}
	var out []string
	for _, p := range app.Registry {
		if p != nil {
			out = append(out, of(p)...)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}
