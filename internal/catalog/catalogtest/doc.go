// Package catalogtest holds what the tests of the catalog and of the
// dataset packages share: catalog YAML turned into entries as
// internal/config hands them over, and an error check by substrings.
//
// It imports internal/config but not internal/catalog, so the catalog's
// own in-package tests can use it without an import cycle.
package catalogtest
