package catalogtest

import (
	"errors"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/kedrogo/kedrogo/internal/config"
)

// ParseEntries turns catalog YAML into entries as internal/config hands
// them over: one per top-level key, in file order, keys starting with "_"
// (YAML anchors' holders) dropped, each marked as coming from file.
func ParseEntries(text, file string) ([]config.Entry, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(text), &doc); err != nil {
		return nil, err
	}
	if len(doc.Content) == 0 {
		return nil, nil
	}
	m := doc.Content[0]
	if m.Kind != yaml.MappingNode {
		return nil, errors.New("catalog YAML is not a mapping")
	}
	var out []config.Entry
	for i := 0; i+1 < len(m.Content); i += 2 {
		if strings.HasPrefix(m.Content[i].Value, "_") {
			continue
		}
		out = append(out, config.Entry{Name: m.Content[i].Value, Node: m.Content[i+1], File: file})
	}
	return out, nil
}

// Entries is ParseEntries for text the test wrote, from "catalog.yml":
// a parse error fails the test.
func Entries(t testing.TB, text string) []config.Entry {
	t.Helper()
	entries, err := ParseEntries(text, "catalog.yml")
	if err != nil {
		t.Fatal(err)
	}
	return entries
}

// WantErr fails the test unless err is non-nil and its message contains
// every one of parts.
func WantErr(t testing.TB, err error, parts ...string) {
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
