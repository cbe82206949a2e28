package catalog

import (
	"testing"

	"github.com/kedrogo/kedrogo/internal/catalog/catalogtest"
	"github.com/kedrogo/kedrogo/internal/config"
)

const catalogFile = "conf/base/catalog.yml"

// parseEntries turns catalog YAML into entries as internal/config hands
// them over (keys starting with "_" dropped).
func parseEntries(text string) ([]config.Entry, error) {
	return catalogtest.ParseEntries(text, catalogFile)
}

// newCatalog builds a catalog rooted at dir from YAML text.
func newCatalog(t testing.TB, dir, text string, opts Options) *Catalog {
	t.Helper()
	entries, err := parseEntries(text)
	if err != nil {
		t.Fatal(err)
	}
	opts.ProjectDir = dir
	if opts.SaveVersion == "" {
		opts.SaveVersion = "2024-01-15T10.30.00.000Z"
	}
	c, err := FromConfig(entries, map[string]any{"db": map[string]any{"user": "u"}}, opts)
	if err != nil {
		t.Fatalf("FromConfig: %v", err)
	}
	return c
}

var wantErr = catalogtest.WantErr
