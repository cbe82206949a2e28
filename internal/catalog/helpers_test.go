package catalog

import (
	"errors"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/kedrogo/kedrogo/internal/config"
)

const catalogFile = "conf/base/catalog.yml"

// parseEntries turns catalog YAML into entries as internal/config hands
// them over (keys starting with "_" dropped).
func parseEntries(text string) ([]config.Entry, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(text), &doc); err != nil {
		return nil, err
	}
	if len(doc.Content) == 0 {
		return nil, nil
	}
	m := doc.Content[0]
	if m.Kind != yaml.MappingNode {
		return nil, errors.New("not a mapping")
	}
	var out []config.Entry
	for i := 0; i+1 < len(m.Content); i += 2 {
		if strings.HasPrefix(m.Content[i].Value, "_") {
			continue
		}
		out = append(out, config.Entry{Name: m.Content[i].Value, Node: m.Content[i+1], File: catalogFile})
	}
	return out, nil
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

func wantErr(t *testing.T, err error, parts ...string) {
	t.Helper()
	if err == nil {
		t.Fatalf("want an error containing %q, got nil", parts)
	}
	for _, p := range parts {
		if !strings.Contains(err.Error(), p) {
			t.Errorf("error %q\ndoes not contain %q", err, p)
		}
	}
}
