// Package logfield names the structured log fields kedrogo writes, so the
// runner and the CLI share one vocabulary.
package logfield
