package catalog

import (
	"bufio"
	"errors"
	"io"
	"os"

	"go.yaml.in/yaml/v3"
)

// yamlCodec is go.yaml.in/yaml/v3.
type yamlCodec struct {
	knownFields bool
	indent      int
}

func newYAMLDataset(cfg Config) (Dataset, error) {
	var spec struct {
		FileSpec `yaml:",inline"`
		LoadArgs struct {
			// KnownFields rejects mapping keys the Go struct lacks.
			KnownFields bool `yaml:"known_fields"`
		} `yaml:"load_args"`
		SaveArgs struct {
			Indent int `yaml:"indent"`
		} `yaml:"save_args"`
	}
	if err := cfg.Decode(&spec); err != nil {
		return nil, err
	}
	indent := spec.SaveArgs.Indent
	if indent <= 0 {
		indent = 2
	}
	return NewFileDataset(cfg, yamlCodec{knownFields: spec.LoadArgs.KnownFields, indent: indent})
}

func (c yamlCodec) Decode(f *os.File, dst any) error {
	dec := yaml.NewDecoder(bufio.NewReaderSize(f, 64<<10))
	dec.KnownFields(c.knownFields)
	err := dec.Decode(dst)
	if errors.Is(err, io.EOF) {
		return Assign(dst, nil) // an empty document is YAML's null
	}
	return err
}

func (c yamlCodec) Encode(w io.Writer, v any) error {
	enc := yaml.NewEncoder(w)
	enc.SetIndent(c.indent)
	if err := enc.Encode(v); err != nil {
		return err
	}
	return enc.Close()
}
