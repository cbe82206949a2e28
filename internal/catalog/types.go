package catalog

import (
	"fmt"
	"maps"
	"sort"
	"strings"
)

// builtinTypes are the dataset types every catalog knows. pandas.CSVDataset
// is accepted so Kedro catalogs keep working; there is no pickle alias
// (gob is Go's own format and cannot read pickles).
func builtinTypes() map[string]Factory {
	types := kedroFormats()
	maps.Copy(types, map[string]Factory{
		"MemoryDataset":                 newMemoryFromConfig,
		"text.TextDataset":              newTextDataset,
		"json.JSONDataset":              newJSONDataset,
		"yaml.YAMLDataset":              newYAMLDataset,
		"csv.CSVDataset":                newCSVDataset,
		"pandas.CSVDataset":             newCSVDataset,
		"gob.GobDataset":                newGobDataset,
		"partitions.PartitionedDataset": newPartitionedDataset,
	})
	return types
}

// kedroHints maps Kedro type names to the kedrogo type that does the job.
var kedroHints = map[string]string{
	"pickle.PickleDataset":      "gob.GobDataset",
	"pandas.ParquetDataset":     "parquet.ParquetDataset",
	"pandas.JSONDataset":        "json.JSONDataset",
	"PartitionedDataset":        "partitions.PartitionedDataset",
	"io.PartitionedDataset":     "partitions.PartitionedDataset",
	"pandas.ExcelDataset":       "csv.CSVDataset",
	"tracking.JSONDataset":      "json.JSONDataset",
	"tracking.MetricsDataset":   "json.JSONDataset",
	"pandas.FeatherDataset":     "parquet.ParquetDataset",
	"polars.CSVDataset":         "csv.CSVDataset",
	"polars.EagerPolarsDataset": "parquet.ParquetDataset",
}

// canonicalType strips the prefixes Kedro resolves short names with.
func canonicalType(t string) string {
	for _, p := range []string{"kedro_datasets.", "kedro.io.", "kedro.io.core."} {
		t = strings.TrimPrefix(t, p)
	}
	return t
}

// factoryFor finds the factory of a type name, or explains what is wrong
// with Kedro's framing and the nearest known type.
func (c *Catalog) factoryFor(file string, line int, name, typ string) (Factory, error) {
	if f, ok := c.types[typ]; ok {
		return f, nil
	}
	canon := canonicalType(typ)
	if f, ok := c.types[canon]; ok {
		return f, nil
	}
	if strings.HasPrefix(typ, ".") || strings.HasSuffix(typ, ".") {
		return nil, parseError(file, line, name, "'type' class path does not support relative paths or paths ending with a dot.")
	}
	known := make([]string, 0, len(c.types))
	for k := range c.types {
		known = append(known, k)
	}
	sort.Strings(known)
	reason := fmt.Sprintf("Dataset type '%s' not found, is this a typo?", typ)
	switch hint, ok := kedroHints[canon]; {
	case ok && c.types[hint] != nil:
		reason += fmt.Sprintf(" kedrogo's equivalent is '%s'.", hint)
	case ok && hint == "parquet.ParquetDataset":
		reason += " kedrogo's equivalent is 'parquet.ParquetDataset' from github.com/kedrogo/kedrogo/datasets/parquet; register it in kedrogo.Main's options."
	case strings.HasSuffix(canon, "DataSet"):
		fixed := strings.TrimSuffix(canon, "DataSet") + "Dataset"
		reason += " Since kedro-datasets 2.0, 'Dataset' is spelled with a lowercase 's'"
		if c.types[fixed] != nil {
			reason += ": write '" + fixed + "'."
		} else {
			reason += didYouMean(fixed, known) + "."
		}
	default:
		if s := didYouMean(canon, known); s != "" {
			reason = fmt.Sprintf("Dataset type '%s' not found%s", typ, s)
		}
	}
	reason += "\nKnown types: " + strings.Join(known, ", ") +
		"\nHint: custom dataset types are registered through kedrogo.Main's options."
	return nil, parseError(file, line, name, reason)
}
