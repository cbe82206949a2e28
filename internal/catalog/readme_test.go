package catalog

import (
	"os"
	"strings"
	"testing"
)

// The README's table of Kedro type names lists every row of the type
// table (regenerate the section from kedrotypes.go when this fails).
func TestREADMETypeTable(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	start, end := strings.Index(s, "<!-- kedro-types"), strings.Index(s, "<!-- /kedro-types -->")
	if start < 0 || end < start {
		t.Fatal("README.md has no kedro-types section")
	}
	section := s[start:end]
	for _, row := range kedroTypes {
		if !strings.Contains(section, "| `"+row.Name+"` |") {
			t.Errorf("README's type table lacks %s", row.Name)
		}
	}
	if n := strings.Count(section, "\n| `"); n != len(kedroTypes) {
		t.Errorf("README's type table has %d rows, the type table %d", n, len(kedroTypes))
	}
}
