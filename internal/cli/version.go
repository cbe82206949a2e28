package cli

import (
	"fmt"
	"runtime"

	"github.com/spf13/cobra"

	"github.com/kedrogo/kedrogo/internal/buildinfo"
	"github.com/kedrogo/kedrogo/internal/project"
)

func versionString() string { return buildinfo.KedrogoVersion() }

func newCmdVersion(streams IOStreams) *cobra.Command {
	return &cobra.Command{
		Use:     "version",
		Short:   "Print the kedrogo version",
		Args:    cobra.NoArgs,
		Example: "  kedrogo version\n  kedrogo --version",
		RunE: func(*cobra.Command, []string) error {
			_, err := fmt.Fprintf(streams.Out, "kedrogo version %s\n", versionString())
			return err
		},
	}
}

func newCmdInfo(app *App, streams IOStreams) *cobra.Command {
	return &cobra.Command{
		Use:     "info",
		Short:   "Print kedrogo's version, Go toolchain and project details",
		Args:    cobra.NoArgs,
		Example: "  kedrogo info",
		RunE: func(*cobra.Command, []string) error {
			w := streams.Out
			fmt.Fprintf(w, "kedrogo version %s\n", versionString())
			fmt.Fprintf(w, "built with %s for %s/%s\n", runtime.Version(), runtime.GOOS, runtime.GOARCH)
			if buildinfo.SourceDir != "" {
				fmt.Fprintf(w, "source checkout: %s\n", buildinfo.SourceDir)
			}
			if app != nil {
				fmt.Fprintf(w, "project pipelines: %d registered\n", len(app.Registry))
			} else if root, err := project.Find("."); err == nil {
				// The stand-alone binary answers info without building the
				// project, but still says which project it would run.
				fmt.Fprintf(w, "project: %s (kedrogo registry list shows its pipelines)\n", root)
			}
			return nil
		},
	}
}
