// Command kedrogo is the stand-alone binary: new, version, info and
// completion anywhere; inside a project, the project's own commands.
package main

import (
	"os"

	// The stand-alone binary runs YAML projects itself: it links every
	// dataset package.
	_ "github.com/kedrogo/kedrogo/datasets/excel"
	_ "github.com/kedrogo/kedrogo/datasets/parquet"
	_ "github.com/kedrogo/kedrogo/datasets/sql"
	"github.com/kedrogo/kedrogo/internal/cli"
)

func main() {
	os.Exit(cli.Standalone(os.Args[1:], cli.System()))
}
