// Package cli is kedrogo's command line: cobra commands with their options
// structs, injected output streams, exit statuses carried by typed errors,
// zerolog logs and progress on stderr, results on stdout.
package cli
