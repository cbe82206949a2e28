// Package catalog turns catalog.yml into datasets, as Kedro's DataCatalog
// does.
//
// FromConfig checks every entry up front (a mapping, a known type,
// credentials that exist, dataset patterns and their placeholders,
// load_versions keys) and reports problems as *ConfigError with file:line
// and Kedro's wording; datasets are instantiated on first use, when a
// Factory decodes the entry strictly (an unknown key is an error with a
// did-you-mean).
//
// Names resolve in Kedro's order: explicit entries, then dataset patterns
// ("{name}_data", most specific first), then the one user catch-all, then
// a MemoryDataset. Declared is Kedro's `name in catalog`: the MemoryDataset
// fallback does not count.
//
// Built-in types: MemoryDataset (copy_mode assign, the default, deepcopy or
// copy), text.TextDataset, json.JSONDataset, yaml.YAMLDataset,
// csv.CSVDataset (alias pandas.CSVDataset), gob.GobDataset and
// partitions.PartitionedDataset. File datasets decode straight into the
// consuming node parameter's type, save atomically (WriteFileAtomic) and
// may be versioned (<filepath>/<version>/<base>, a new version folder per
// run, created with Mkdir so nothing is overwritten). Parameters are
// datasets too: AddParameters registers "parameters" and "params:a.b",
// whose loads convert into any Go type (Convert).
package catalog
