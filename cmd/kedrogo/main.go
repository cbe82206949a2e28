// Command kedrogo is the stand-alone binary: new, version, info and
// completion anywhere; inside a project, the project's own commands.
package main

import (
	"os"

	"github.com/kedrogo/kedrogo/internal/cli"
)

func main() {
	os.Exit(cli.Standalone(os.Args[1:], cli.System()))
}
