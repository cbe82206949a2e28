package catalog

import (
	"fmt"

	"go.yaml.in/yaml/v3"
)

// Factory builds a dataset of one type from its catalog entry. Register
// custom types in Options.Types (kedrogo.Main options do this for users).
type Factory func(cfg Config) (Dataset, error)

// Config is one catalog entry handed to a Factory, with the keys every
// dataset shares already resolved. A factory should call Decode for its
// own keys so that a misspelt key is an error, not silently ignored.
type Config struct {
	Name        string         // the dataset name (for a pattern, the matched name)
	Type        string         // the type as written in the catalog
	Filepath    string         // absolute ("" when the entry has none)
	Versioned   bool           // versioned: true
	SaveVersion string         // the run's version (for versioned datasets)
	LoadVersion string         // pinned load version; "" = the latest
	Credentials map[string]any // the resolved credentials mapping, if any
	LoadArgs    map[string]any // load_args, if any
	SaveArgs    map[string]any // save_args, if any
	FSArgs      map[string]any // fs_args, if any (for remote storage)
	Metadata    map[string]any // metadata (ignored by kedrogo)
	File        string         // the catalog file the entry is in
	Line        int            // the entry's line in File

	node    *yaml.Node // the entry with patterns substituted, paths resolved
	catalog *Catalog   // for nested datasets (PartitionedDataset)
}

// Decode decodes the entry's keys, except type, metadata and layer, into into (a
// pointer to a struct with yaml tags). filepath holds the absolute path and
// credentials the resolved mapping. A key that into does not declare is an
// error naming the key, its file:line and the nearest accepted key.
func (c Config) Decode(into any) error {
	if c.node == nil {
		return nil
	}
	n := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: c.node.Line, Column: c.node.Column}
	for i := 0; i+1 < len(c.node.Content); i += 2 {
		switch c.node.Content[i].Value {
		case "type", "metadata", "layer":
			continue
		}
		n.Content = append(n.Content, c.node.Content[i], c.node.Content[i+1])
	}
	return decodeStrict(c.File, c.what, n, into)
}

func (c Config) what() string { return fmt.Sprintf("dataset '%s' (type %s)", c.Name, c.Type) }

// Errorf returns a configuration error at the entry's file:line, naming
// the dataset, for a factory to return.
func (c Config) Errorf(format string, args ...any) error {
	return &ConfigError{File: c.File, Line: c.Line, Dataset: c.Name, Msg: c.what() + ": " + fmt.Sprintf(format, args...)}
}

// Options configure FromConfig.
type Options struct {
	// ProjectDir anchors relative file paths ("" = the working directory).
	ProjectDir string
	// SaveVersion is the run's version for versioned saves ("" = now).
	SaveVersion string
	// LoadVersions pins load versions by dataset name (--load-versions).
	LoadVersions map[string]string
	// Types adds or replaces dataset types by name.
	Types map[string]Factory
	// Sources describes where the catalog was read from, for "not found"
	// messages (e.g. "conf/base/catalog*.yml"); default: the entries' files.
	Sources []string
	// Warn receives warnings (a deprecated key, an argument kedrogo
	// accepts but ignores), each given once; nil drops them.
	Warn func(msg string)
}

// Register adds a dataset type.
func (o *Options) Register(typeName string, f Factory) {
	if o.Types == nil {
		o.Types = map[string]Factory{}
	}
	o.Types[typeName] = f
}

// configFor resolves an entry for one dataset name into its factory's
// Config.
func (c *Catalog) configFor(e *entry, name string, values map[string]string) (Config, Factory, error) {
	typ := substitute(e.typ, values)
	f, err := c.factoryFor(e.file, max(e.typLine, e.line), name, typ)
	if err != nil {
		return Config{}, nil, err
	}
	node, err := c.resolvedNode(e, values)
	if err != nil {
		return Config{}, nil, err
	}
	cfg := Config{Name: name, Type: typ, File: e.file, Line: e.line, node: node, catalog: c,
		SaveVersion: c.saveVersion, LoadVersion: c.loadVers[name]}
	// The shared keys are decoded one by one: most entries have only a few,
	// and decoding the whole mapping into a struct costs more.
	for i := 0; i+1 < len(node.Content); i += 2 {
		var dst any
		switch v := node.Content[i+1]; node.Content[i].Value {
		case "filepath":
			if v.Kind == yaml.ScalarNode && v.Tag == "!!str" {
				cfg.Filepath = v.Value
				continue
			}
			dst = &cfg.Filepath
		case "versioned":
			dst = &cfg.Versioned
		case "credentials":
			dst = &cfg.Credentials
		case "load_args":
			dst = &cfg.LoadArgs
		case "save_args":
			dst = &cfg.SaveArgs
		case "fs_args":
			dst = &cfg.FSArgs
		case "metadata":
			dst = &cfg.Metadata
		default:
			continue
		}
		if err := node.Content[i+1].Decode(dst); err != nil {
			return Config{}, nil, yamlError(e.file, cfg.what(), node.Content[i+1].Line, err)
		}
	}
	return cfg, f, nil
}

// newMemoryFromConfig is the MemoryDataset factory (copy_mode only).
func newMemoryFromConfig(cfg Config) (Dataset, error) {
	var spec struct {
		CopyMode string `yaml:"copy_mode"`
	}
	if err := cfg.Decode(&spec); err != nil {
		return nil, err
	}
	m, err := NewMemoryDatasetMode(spec.CopyMode)
	if err != nil {
		return nil, cfg.Errorf("%v", err)
	}
	return m, nil
}
