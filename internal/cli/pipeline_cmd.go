package cli

import (
	"fmt"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/kedrogo/kedrogo/internal/project"
	"github.com/kedrogo/kedrogo/internal/scaffold"
)

type pipelineCreateOptions struct {
	IO   IOStreams
	Name string
	Env  string
}

func newCmdPipeline(_ *App, streams IOStreams, g *globalOptions, runF func(*pipelineCreateOptions) error) *cobra.Command {
	opts := &pipelineCreateOptions{IO: streams}
	create := &cobra.Command{
		Use:   "create NAME",
		Short: "Create a new pipeline in the project",
		Long: `Create pipelines/NAME/ (pipeline.go and its test) and
conf/<env>/parameters_NAME.yml, then print the line that registers the
pipeline in main.go. Existing files are left alone.`,
		Example: "  kedrogo pipeline create data_processing\n  kedrogo pipeline create reporting --env local",
		Args:    exactArgs(1, "the pipeline name"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Name = args[0]
			if runF != nil {
				return runF(opts)
			}
			return runPipelineCreate(opts)
		},
	}
	create.Flags().StringVarP(&opts.Env, "env", "e", "", "environment for the parameters file (default base)")
	g.complete(create, "env", completeEnvs)
	return groupCmd("pipeline", "Create pipelines", "  kedrogo pipeline create data_processing", create)
}

func runPipelineCreate(o *pipelineCreateOptions) error {
	if err := scaffold.ValidatePipelineName(o.Name); err != nil {
		return asUsage(err)
	}
	// A project binary is running: its project is the nearest folder
	// holding conf/, Go files or not (the test's files are yet to come).
	wd, err := os.Getwd()
	if err != nil {
		return err
	}
	root, ok := project.NearestConf(wd)
	if !ok {
		return asUsage(&project.NotFoundError{Dir: wd})
	}
	created, mainLine, err := scaffold.NewPipeline(root, o.Name, o.Env)
	for _, line := range created {
		fmt.Fprintln(o.IO.Out, line)
	}
	if err != nil {
		if _, ok := err.(*scaffold.EnvNotFoundError); ok {
			return asUsage(err)
		}
		return err
	}
	written := 0
	for _, line := range created {
		if strings.HasSuffix(line, ": OK") {
			written++
		}
	}
	switch {
	case written == 0:
		// Saying "created" here would claim a pipeline that may be someone
		// else's work was just made.
		fmt.Fprintf(o.IO.Out, "\nPipeline '%s' already exists: every file was there, nothing was written. If it is not registered yet, add to main.go:\n%s\n", o.Name, mainLine)
	case written < len(created):
		fmt.Fprintf(o.IO.Out, "\nPipeline '%s' was created; %d existing file(s) were left alone. Register it in main.go:\n%s\n",
			o.Name, len(created)-written, mainLine)
	default:
		fmt.Fprintf(o.IO.Out, "\nPipeline '%s' was successfully created. Register it in main.go:\n%s\n", o.Name, mainLine)
	}
	return nil
}
