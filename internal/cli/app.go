package cli

// CONTRACT FILE — the CLI helper implements these; names and signatures stay.

import (
	"github.com/kedrogo/kedrogo/internal/catalog"
	"github.com/kedrogo/kedrogo/internal/pipeline"
	"github.com/kedrogo/kedrogo/internal/runner"
)

// App is what a project binary brings to the command line. A nil *App is
// the stand-alone binary outside a project: project commands are absent.
type App struct {
	Registry     map[string]*pipeline.Pipeline
	DatasetTypes map[string]catalog.Factory
	Hooks        *runner.Hooks
}

// Execute runs the command line args and returns the exit status
// (0 ok, 1 a node failed, 2 usage/configuration/definition error,
// 130/143 interrupted).
func Execute(args []string, streams IOStreams, app *App) int { return 0 }
