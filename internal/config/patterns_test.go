package config

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestMatchGlob(t *testing.T) {
	tests := []struct {
		globs []string
		rel   string
		want  bool
	}{
		{[]string{"parameters*"}, "parameters.yml", true},
		{[]string{"parameters*"}, "parameters_data.yaml", true},
		{[]string{"parameters*"}, "sub/parameters.yml", false},
		{[]string{"**/parameters*"}, "sub/deeper/parameters_x.yml", true},
		{[]string{"**/parameters*"}, "parameters.yml", true},
		{[]string{"parameters*/**"}, "parameters/a/b.yml", true},
		{[]string{"parameters*/**"}, "other/parameters.yml", false},
		{[]string{"globals*"}, "globals.yml", true},
		{[]string{"globals.yml"}, "globals.yml", true},
		{[]string{"spark*/"}, "spark/x.yml", false},
		{[]string{"spark*/**"}, "spark/x.yml", true},
	}
	for _, tt := range tests {
		if got := matchesAny(tt.globs, tt.rel); got != tt.want {
			t.Errorf("matchesAny(%q, %q) = %v, want %v", tt.globs, tt.rel, got, tt.want)
		}
	}
}

// config_patterns in kedrogo.yml: parameters also read globals.yml, as
// projects set it in settings.py; the env's kedrogo.yml wins type by type.
func TestLoadConfigPatterns(t *testing.T) {
	cfg, _, err := loadTree(t, `
-- conf/base/kedrogo.yml --
config_patterns:
  parameters: ["parameters*", "parameters*/**", "**/parameters*", "globals*"]
-- conf/base/parameters.yml --
seed: 1
-- conf/base/globals.yml --
bucket: raw
-- conf/base/catalog.yml --
a: {type: MemoryDataset, x: "${globals:bucket}"}
-- conf/local/.gitkeep --
`, Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]any{"seed": 1, "bucket": "raw"}
	if diff := cmp.Diff(want, cfg.Parameters); diff != "" {
		t.Errorf("parameters (-want +got):\n%s", diff)
	}
	if len(cfg.Catalog) != 1 {
		t.Errorf("catalog = %v", cfg.Catalog)
	}

	// Given in Options, the patterns win over the files.
	cfg, _, err = loadTree(t, `
-- conf/base/kedrogo.yml --
config_patterns: {parameters: ["globals*"]}
-- conf/base/params_extra.yml --
extra: 2
-- conf/base/parameters.yml --
seed: 1
-- conf/local/.gitkeep --
`, Options{ConfigPatterns: Patterns{"parameters": {"params_*"}}})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(map[string]any{"extra": 2}, cfg.Parameters); diff != "" {
		t.Errorf("parameters (-want +got):\n%s", diff)
	}
}

func TestConfigPatternsErrors(t *testing.T) {
	for _, tt := range []struct{ settings, want string }{
		{"config_patterns: [a]\n", "kedrogo.yml:1: config_patterns must map a config type to a list of globs"},
		{"config_patterns: {parameters: globals}\n", "kedrogo.yml:1: config_patterns.parameters: config_patterns must map"},
		{"config_patterns: {parameters: ['[x']}\n", `config_patterns.parameters: "[x" is not a valid glob`},
	} {
		_, dir, err := loadTree(t, "-- conf/base/kedrogo.yml --\n"+tt.settings+"-- conf/local/.gitkeep --\n", Options{})
		wantError(t, err, dir, tt.want)
	}
}
