package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"path/filepath"
	"slices"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/kedrogo/kedrogo/internal/catalog"
	"github.com/kedrogo/kedrogo/internal/config"
	"github.com/kedrogo/kedrogo/internal/session"
)

// catalogOptions are the flags the catalog commands share.
type catalogOptions struct {
	IO         IOStreams
	App        *App
	Pipelines  []string
	Env        string
	ConfSource string
	Format     string // table (terminal default), yaml (default otherwise) or json
}

func newCmdCatalog(app *App, streams IOStreams, g *globalOptions) *cobra.Command {
	describe := newCatalogSub(app, streams, g, "describe-datasets", []string{"list"},
		"Describe the datasets each pipeline uses",
		`Describe the datasets each pipeline uses (default: every registered
pipeline), grouped by dataset type: declared in the catalog (datasets),
matched by a dataset factory pattern (factories), or neither (defaults,
MemoryDataset). Parameters are left out.`,
		"  kedrogo catalog describe-datasets -p data_processing\n  kedrogo catalog list --format json",
		true, describeDatasets)
	patterns := newCatalogSub(app, streams, g, "list-patterns", []string{"rank"},
		"List the dataset factory patterns in match order",
		"List the catalog's dataset factory patterns in the order they are matched, ending with the default ({default}).",
		"  kedrogo catalog list-patterns -e prod\n  kedrogo catalog list-patterns -p data_processing",
		true, listPatterns)
	resolve := newCatalogSub(app, streams, g, "resolve-patterns", []string{"resolve"},
		"Show the catalog entries with patterns resolved",
		`Show the explicit catalog entries plus the entries that dataset factory
patterns give the pipelines' datasets (default: every registered pipeline).`,
		"  kedrogo catalog resolve-patterns -p data_processing",
		true, resolvePatterns)
	entries := newCatalogSub(app, streams, g, "list-entries", []string{"status"},
		"List every catalog entry with its status",
		`List every catalog entry and dataset factory pattern, where it is written,
and whether this binary can use it: ok, or unsupported and why (a type
with no kedrogo equivalent, a dataset package the binary does not link,
a bad option). A run fails only when it uses an unsupported entry.`,
		"  kedrogo catalog list-entries\n  kedrogo catalog status --format json -p data_processing",
		true, listEntries)
	return groupCmd("catalog", "Inspect the data catalog", "  kedrogo catalog describe-datasets",
		describe, patterns, resolve, entries, newCmdListTypes(app, streams, g))
}

// catalogListing computes a command's result from the loaded catalog.
type catalogListing func(o *catalogOptions, cat *catalog.Catalog) (any, error)

func newCatalogSub(app *App, streams IOStreams, g *globalOptions, use string, aliases []string, short, long, example string,
	withPipelines bool, list catalogListing) *cobra.Command {
	opts := &catalogOptions{IO: streams, App: app}
	cmd := &cobra.Command{
		Use: use, Aliases: aliases, Short: short, Long: long, Example: example,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := applySettings(cmd.Flags(), g.lookupEnv); err != nil {
				return err
			}
			if err := checkListingFormat(opts.Format); err != nil {
				return err
			}
			if err := validateRegistry(app); err != nil {
				return err
			}
			cat, err := loadCatalog(opts)
			if err != nil {
				return err
			}
			v, err := list(opts, cat)
			if err != nil {
				return err
			}
			if use != "list-entries" {
				warnUnsupported(opts, cat)
			}
			return writeListing(opts, v)
		},
	}
	f := cmd.Flags()
	if withPipelines {
		listFlag(f, &opts.Pipelines, "pipelines", "p", "PIPELINES", splitString, "only what these pipelines use (default every registered pipeline)")
		// run's spelling, so a command line moves between them unchanged.
		listFlag(f, &opts.Pipelines, "pipeline", "", "PIPELINES", splitString, "same as --pipelines (Kedro's older spelling)")
		_ = f.MarkHidden("pipeline")
		for _, name := range []string{"pipelines", "pipeline"} {
			g.complete(cmd, name, completeList(func() []string { return slices.Sorted(maps.Keys(app.Registry)) }))
		}
	}
	f.StringVarP(&opts.Env, "env", "e", "", "configuration environment (default local)")
	f.StringVar(&opts.ConfSource, "conf-source", "", "configuration folder (default <project>/conf)")
	f.StringVar(&opts.Format, "format", "", "output: table, yaml or json (default table on a terminal, yaml otherwise)")
	g.complete(cmd, "env", completeEnvs)
	g.complete(cmd, "format", fixedCompletion("table", "yaml", "json"))
	return cmd
}

func loadCatalog(o *catalogOptions) (*catalog.Catalog, error) {
	// The project is found as run finds it: from a sub folder too.
	root, err := session.FindProjectDir()
	if err != nil {
		return nil, err
	}
	confSource := o.ConfSource
	if confSource == "" {
		confSource = filepath.Join(root, "conf")
	}
	cfg, err := config.Load(config.Options{ConfSource: confSource, Env: o.Env, Resolvers: o.App.Resolvers})
	if err != nil {
		return nil, asUsage(err)
	}
	cat, err := catalog.FromConfig(cfg.Catalog, cfg.Credentials, catalog.Options{ProjectDir: root, Types: o.App.DatasetTypes,
		Warn: func(msg string) { fmt.Fprintln(o.IO.ErrOut, "warning: "+msg) }})
	if err != nil {
		return nil, asUsage(err)
	}
	return cat, nil
}

func checkListingFormat(format string) error {
	switch format {
	case "", "table", "yaml", "json":
		return nil
	}
	return usageErrorf("--format must be table, yaml or json, got %q", format)
}

// writeListing prints v as YAML, JSON, or (on a terminal by default) a
// table when v can be one.
func writeListing(o *catalogOptions, v any) error {
	format := o.Format
	if format == "" {
		format = "yaml"
		if o.IO.OutTTY {
			format = "table"
		}
	}
	switch format {
	case "json":
		enc := json.NewEncoder(o.IO.Out)
		enc.SetIndent("", "  ")
		return enc.Encode(v)
	case "table":
		if t, ok := v.(tabular); ok {
			tw := tabwriter.NewWriter(o.IO.Out, 0, 0, 2, ' ', 0)
			t.writeTable(tw)
			return tw.Flush()
		}
	}
	return writeYAML(o.IO.Out, v)
}

// tabular results have a table form for terminals.
type tabular interface{ writeTable(w io.Writer) }

// pipelinesOrAll is the --pipelines list, or every registered pipeline;
// an unknown name is an error.
func pipelinesOrAll(o *catalogOptions) ([]string, error) {
	names := slices.Sorted(maps.Keys(o.App.Registry))
	if len(o.Pipelines) == 0 {
		return names, nil
	}
	for _, p := range o.Pipelines {
		if _, ok := o.App.Registry[p]; !ok {
			return nil, usageErrorf("'%s' pipeline not found.%s Existing pipelines: %s", p, didYouMean(p, names), joinLimited(names, 10))
		}
	}
	return o.Pipelines, nil
}

// selectedDatasets returns the datasets the pipelines named with -p use,
// sorted, or ok false when -p was not given (a command then shows the
// whole catalog).
func selectedDatasets(o *catalogOptions) (names []string, ok bool, err error) {
	if len(o.Pipelines) == 0 {
		return nil, false, nil
	}
	pipelines, err := pipelinesOrAll(o)
	if err != nil {
		return nil, false, err
	}
	for _, p := range pipelines {
		names = append(names, o.App.Registry[p].Datasets()...)
	}
	slices.Sort(names)
	return slices.Compact(names), true, nil
}

// usedPatterns returns the patterns that give names their entries, and
// whether some name falls to the default (a MemoryDataset).
func usedPatterns(cat *catalog.Catalog, names []string) (map[string]bool, bool, error) {
	entries, err := cat.ResolvePatterns(names)
	if err != nil {
		return nil, false, asUsage(err)
	}
	used := map[string]bool{}
	for _, e := range entries {
		if e.Pattern != "" {
			used[e.Pattern] = true
		}
	}
	return used, len(cat.Describe(names).Defaults) > 0, nil
}

func jsonMarshal(v any) ([]byte, error) { return json.Marshal(v) }
