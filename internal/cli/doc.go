// Package cli is kedrogo's command line: cobra commands with their options
// structs, injected output streams, exit statuses carried by typed errors,
// zerolog logs and progress on stderr, results on stdout.
//
// Execute runs one command line for a project binary (an *App) or, with a
// nil App, the commands that need no project; Standalone is the
// stand-alone kedrogo binary, which builds a project and hands over to it.
//
// Where things are:
//
//	app.go, root.go, group.go   Execute, the command tree, error printing
//	errors.go                   exit statuses and the errors that carry them
//	run*.go, listflag.go        run: flags, --config, checks, execution
//	settings.go                 KEDROGO_* variables and conf/<env>/kedrogo.yml
//	logging.go, term.go         zerolog on stderr, the terminal status line
//	progress.go, summary.go     run events -> status line and end-of-run summary
//	critical.go, dryrun.go      the critical path; --dry-run's plan
//	registry.go, catalog*.go    registry and catalog listings
//	new.go, pipeline_cmd.go     project and pipeline scaffolding
//	completion.go, signals.go   shell completion; SIGINT and SIGTERM
//
// The end-to-end scripts live in testdata/script at the repository root
// (script_test.go runs them; go test ./internal/cli -update refreshes their
// golden sections).
package cli
