package cli

import (
	"fmt"

	"github.com/spf13/cobra"
)

// groupCmd is a command that only holds subcommands: without arguments it
// shows its help; with an unknown one it is a usage error (cobra would
// show the help and exit 0).
func groupCmd(use, short, example string, subs ...*cobra.Command) *cobra.Command {
	cmd := &cobra.Command{
		Use:     use,
		Short:   short,
		Example: example,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return cmd.Help()
			}
			return &FlagError{Err: fmt.Errorf("unknown command %q for %q", args[0], cmd.CommandPath())}
		},
	}
	cmd.AddCommand(subs...)
	return cmd
}
