// Package suggest finds the names nearest to a mistyped one, for the
// "did you mean" part of kedrogo's error messages, and quotes names as
// those messages show them.
package suggest
