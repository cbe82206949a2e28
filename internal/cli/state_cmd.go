package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/kedrogo/kedrogo/internal/incremental"
	"github.com/kedrogo/kedrogo/internal/session"
)

// newCmdState is `state gc`: incremental runs' state of nodes that no
// registered pipeline has any more.
func newCmdState(app *App, streams IOStreams) *cobra.Command {
	gc := &cobra.Command{
		Use:   "gc",
		Short: "Remove the incremental state of nodes no pipeline has",
		Long: `Remove from .kedrogo/state the incremental-run state (fingerprint and
output hashes) of every node that is in no registered pipeline, and any
state file that cannot be read. A removed node runs again the next time
run --incremental meets it.`,
		Example: "  kedrogo state gc",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := validateRegistry(app); err != nil {
				return err
			}
			dir, err := session.FindProjectDir()
			if err != nil {
				return err
			}
			known := map[string]bool{}
			for _, p := range app.Registry {
				for _, n := range p.Nodes() {
					known[n.Name()] = true
				}
			}
			store := incremental.Store{Dir: session.StateDir(dir)}
			removed, err := store.GC(func(node string) bool { return known[node] })
			for _, name := range removed {
				fmt.Fprintf(streams.ErrOut, "Removed the state of %s\n", name)
			}
			fmt.Fprintf(streams.ErrOut, "Removed %s.\n", countOf(len(removed), "node state"))
			return err
		},
	}
	return groupCmd("state", "Manage the state of incremental runs", "  kedrogo state gc", gc)
}
