package config

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

// BenchmarkLoad loads a conf folder with a 2,000-entry catalog built from
// a template and 2,000 parameters, half of them interpolated.
func BenchmarkLoad(b *testing.B) {
	var catalog, params strings.Builder
	catalog.WriteString("_csv: {type: pandas.CSVDataset, save_args: {index: false}}\n")
	for i := range 2000 {
		fmt.Fprintf(&catalog, "ds_%d:\n  <<: *csv\n  filepath: ${globals:root}/ds_%d.csv\n", i, i)
		fmt.Fprintf(&params, "p_%d: {a: %d, b: \"${p_%d.a}\"}\n", i, i, i)
	}
	archive := "-- conf/base/catalog.yml --\n" + strings.Replace(catalog.String(), "_csv:", "_csv: &csv", 1) +
		"-- conf/base/parameters.yml --\n" + params.String() +
		"-- conf/base/globals.yml --\nroot: /data\n-- conf/local/.gitkeep --\n"
	dir := writeTree(b, archive)
	opts := Options{ConfSource: filepath.Join(dir, "conf")}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Load(opts); err != nil {
			b.Fatal(err)
		}
	}
}
