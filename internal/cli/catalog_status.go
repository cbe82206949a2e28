package cli

import (
	"fmt"
	"io"
	"maps"
	"regexp"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/kedrogo/kedrogo/internal/catalog"
	"github.com/kedrogo/kedrogo/internal/session"
)

// typesListing is list-types' result: every type name this binary knows.
type typesListing []typeRow

type typeRow struct {
	Type    string `yaml:"type" json:"type"`
	Status  string `yaml:"status" json:"status"`
	Does    string `yaml:"does,omitempty" json:"does,omitempty"`
	GoTypes string `yaml:"go_types,omitempty" json:"go_types,omitempty"`
	Package string `yaml:"package,omitempty" json:"package,omitempty"`
}

func newCmdListTypes(app *App, streams IOStreams, g *globalOptions) *cobra.Command {
	opts := &catalogOptions{IO: streams, App: app}
	cmd := &cobra.Command{
		Use:   "list-types",
		Short: "List the dataset type names this binary knows",
		Long: `List every dataset type name a catalog may write — kedrogo's own and
Kedro's — with how this binary serves it: built in, linked (from a dataset
package the binary imports), not linked (the package exists; import it),
registered (by the project with kedrogo.WithDatasetType) or no
equivalent (a Python-only type: register a Go type for it).`,
		Example: "  kedrogo catalog list-types\n  kedrogo catalog list-types --format json\n  kedrogo catalog list-types -p data_processing",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := checkListingFormat(opts.Format); err != nil {
				return err
			}
			used, err := typesUsed(cmd, opts, g)
			if err != nil {
				return err
			}
			rows := typesListing{}
			for _, t := range catalog.ListTypes(app.DatasetTypes) {
				if used == nil || used[t.Name] {
					rows = append(rows, typeRow{Type: t.Name, Status: t.Status, Does: t.Does, GoTypes: t.GoTypes, Package: t.Package})
				}
			}
			return writeListing(opts, rows)
		},
	}
	f := cmd.Flags()
	listFlag(f, &opts.Pipelines, "pipelines", "p", "PIPELINES", splitString, "only the types these pipelines' datasets use (default every type)")
	listFlag(f, &opts.Pipelines, "pipeline", "", "PIPELINES", splitString, "same as --pipelines (run's spelling)")
	_ = f.MarkHidden("pipeline")
	f.StringVarP(&opts.Env, "env", "e", "", "configuration environment, with -p (default local)")
	f.StringVar(&opts.ConfSource, "conf-source", "", "configuration folder, with -p (default <project>/conf)")
	f.StringVar(&opts.Format, "format", "", "output: table, yaml or json (default table on a terminal, yaml otherwise)")
	for _, name := range []string{"pipelines", "pipeline"} {
		g.complete(cmd, name, completeList(func() []string { return slices.Sorted(maps.Keys(app.Registry)) }))
	}
	g.complete(cmd, "env", completeEnvs)
	g.complete(cmd, "format", fixedCompletion("table", "yaml", "json"))
	return cmd
}

// typesUsed returns, with -p, the type names the pipelines' datasets are
// written with (MemoryDataset for the undeclared ones); nil without -p.
// Only then is the catalog read: list-types answers without a conf/.
func typesUsed(cmd *cobra.Command, o *catalogOptions, g *globalOptions) (map[string]bool, error) {
	if len(o.Pipelines) == 0 {
		return nil, nil
	}
	if err := applySettings(cmd.Flags(), g.lookupEnv); err != nil {
		return nil, err
	}
	if err := validateRegistry(o.App); err != nil {
		return nil, err
	}
	names, _, err := selectedDatasets(o)
	if err != nil {
		return nil, err
	}
	cat, err := loadCatalog(o)
	if err != nil {
		return nil, err
	}
	entries, err := cat.ResolvePatterns(names)
	if err != nil {
		return nil, asUsage(err)
	}
	used := map[string]bool{}
	for _, e := range entries {
		if typ, ok := e.Config["type"].(string); ok && slices.Contains(names, e.Name) {
			used[typ] = true
		}
	}
	if len(cat.Describe(names).Defaults) > 0 {
		used["MemoryDataset"] = true
	}
	return used, nil
}

func (l typesListing) writeTable(w io.Writer) {
	fmt.Fprintln(w, "TYPE\tSTATUS\tGO TYPES\tPACKAGE")
	for _, r := range l {
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\n", r.Type, r.Status, orDash(r.GoTypes), orDash(r.Package))
	}
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// entriesListing is list-entries' result: every entry and pattern with
// its status.
type entriesListing []entryRow

type entryRow struct {
	Name    string `yaml:"name" json:"name"`
	Type    string `yaml:"type" json:"type"`
	Pattern bool   `yaml:"pattern,omitempty" json:"pattern,omitempty"`
	Where   string `yaml:"where" json:"where"`
	Status  string `yaml:"status" json:"status"`
}

func listEntries(o *catalogOptions, cat *catalog.Catalog) (any, error) {
	names, selected, err := selectedDatasets(o)
	if err != nil {
		return nil, err
	}
	var used map[string]bool
	if selected {
		// With -p: the entries and patterns those pipelines use.
		if used, _, err = usedPatterns(cat, names); err != nil {
			return nil, err
		}
		for _, n := range names {
			used[n] = true
		}
	}
	root, _ := session.FindProjectDir()
	rows := entriesListing{}
	for _, s := range cat.Status() {
		if selected && !used[s.Name] {
			continue
		}
		rows = append(rows, entryRow{Name: s.Name, Type: s.Type, Pattern: s.Pattern,
			Where: fmt.Sprintf("%s:%d", displayPath(root, s.File), s.Line), Status: statusText(s)})
	}
	return rows, nil
}

// statusText is "ok", "unsupported: why" (the type does not resolve) or
// "invalid: why" (its options are wrong): the first line of the reason,
// without its file:line (shown beside it) or Kedro's "An exception
// occurred…" framing.
func statusText(s catalog.EntryStatus) string {
	if s.Err == nil {
		return "ok"
	}
	msg := s.Err.Error()
	if i := strings.Index(msg, ":\n"); i >= 0 {
		msg = msg[i+2:]
	} else {
		msg = fileLineRE.ReplaceAllString(msg, "")
	}
	msg, _, _ = strings.Cut(msg, "\n")
	if s.Unsupported {
		return "unsupported: " + msg
	}
	return "invalid: " + msg
}

var fileLineRE = regexp.MustCompile(`^\S+:\d+: `)

func (l entriesListing) writeTable(w io.Writer) {
	fmt.Fprintln(w, "ENTRY\tTYPE\tWHERE\tSTATUS")
	for _, r := range l {
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\n", r.Name, r.Type, r.Where, r.Status)
	}
}

// warnUnsupported tells a catalog command's user, in one line on stderr,
// which entries this binary cannot use; a run fails only if it uses one.
func warnUnsupported(o *catalogOptions, cat *catalog.Catalog) {
	var bad []string
	for _, s := range cat.Status() {
		if s.Err != nil {
			bad = append(bad, s.Name)
		}
	}
	if len(bad) == 0 {
		return
	}
	fmt.Fprintf(o.IO.ErrOut, "warning: %d catalog entries cannot be used by this binary (a run fails only if it uses one; `catalog list-entries` says why): %s\n",
		len(bad), joinLimited(bad, 10))
}
