package cli

import (
	"errors"
	"fmt"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/kedrogo/kedrogo/internal/buildinfo"
	"github.com/kedrogo/kedrogo/internal/scaffold"
)

type newOptions struct {
	IO            IOStreams
	Name          string
	Dir           string
	KedrogoSource string
	YAML          bool
}

func newCmdNew(streams IOStreams, runF func(*newOptions) error) *cobra.Command {
	opts := &newOptions{IO: streams}
	cmd := &cobra.Command{
		Use:   "new NAME",
		Short: "Create a new kedrogo project",
		Long: `Create a new kedrogo project in the folder NAME (or --directory): a Go
module whose main.go registers its pipelines, Kedro's conf/ and data/
layout, and an example pipeline that runs at once. With --yaml the project
is declared in pipelines.yml instead, its nodes shell commands: no Go code,
nothing to build, the stand-alone kedrogo runs it.

A development build of kedrogo (make build) points the new project's go.mod
at its own source checkout; --kedrogo-source names another one.`,
		Example: "  kedrogo new spaceflights\n  kedrogo new demo --kedrogo-source ~/src/kedrogo",
		Args:    exactArgs(1, "the project name"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Name = args[0]
			if opts.Dir == "" {
				opts.Dir = opts.Name
			}
			if runF != nil {
				return runF(opts)
			}
			return runNew(opts)
		},
	}
	cmd.Flags().StringVar(&opts.KedrogoSource, "kedrogo-source", buildinfo.SourceDir, "kedrogo source checkout the project's go.mod replaces the module with")
	cmd.Flags().StringVar(&opts.Dir, "directory", "", "folder to create (default NAME)")
	cmd.Flags().BoolVar(&opts.YAML, "yaml", false, "a project declared in pipelines.yml with command nodes: no Go code, no build")
	return cmd
}

func runNew(o *newOptions) error {
	if err := scaffold.ValidateProjectName(o.Name); err != nil {
		return asUsage(err)
	}
	var err error
	if o.YAML {
		err = scaffold.NewYAMLProject(o.Dir, o.Name)
	} else {
		err = scaffold.NewProject(o.Dir, o.Name, scaffold.Options{Version: versionString(), SourceDir: o.KedrogoSource})
	}
	if err != nil {
		// A folder in the way or no kedrogo to point at are the user's to
		// fix before anything is written: exit 2, as for any usage problem.
		_, notEmpty := errors.AsType[*scaffold.NotEmptyError](err)
		_, noKedrogo := errors.AsType[*scaffold.NoKedrogoError](err)
		if notEmpty || noKedrogo {
			return asUsage(err)
		}
		return err
	}
	fmt.Fprintf(o.IO.Out, "Created project %s in %s\n", o.Name, filepath.Clean(o.Dir))
	fmt.Fprintf(o.IO.Out, "Next: cd %s && kedrogo run\n", filepath.Clean(o.Dir))
	return nil
}

// exactArgs wants n positional arguments, named in the message.
func exactArgs(n int, what string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) != n {
			return &FlagError{Err: fmt.Errorf("%s wants %s, got %d argument(s)", cmd.CommandPath(), what, len(args))}
		}
		return nil
	}
}
