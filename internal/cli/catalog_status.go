package cli

import (
	"fmt"
	"io"
	"regexp"
	"strings"

	"github.com/spf13/cobra"

	"github.com/kedrogo/kedrogo/internal/catalog"
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
		Example: "  kedrogo catalog list-types\n  kedrogo catalog list-types --format json",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := checkListingFormat(opts.Format); err != nil {
				return err
			}
			var rows typesListing
			for _, t := range catalog.ListTypes(app.DatasetTypes) {
				rows = append(rows, typeRow{Type: t.Name, Status: t.Status, Does: t.Does, GoTypes: t.GoTypes, Package: t.Package})
			}
			return writeListing(opts, rows)
		},
	}
	cmd.Flags().StringVar(&opts.Format, "format", "", "output: table, yaml or json (default table on a terminal, yaml otherwise)")
	g.complete(cmd, "format", fixedCompletion("table", "yaml", "json"))
	return cmd
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
	rows := entriesListing{}
	for _, s := range cat.Status() {
		rows = append(rows, entryRow{Name: s.Name, Type: s.Type, Pattern: s.Pattern,
			Where: fmt.Sprintf("%s:%d", s.File, s.Line), Status: statusText(s)})
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
