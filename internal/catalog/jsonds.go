package catalog

import (
	"bufio"
	"encoding/json"
	"errors"
	"io"
	"os"
	"strings"
)

// jsonCodec is encoding/json: the file decodes straight into the consuming
// parameter's type.
type jsonCodec struct {
	disallowUnknown bool
	indent          string
}

func newJSONDataset(cfg Config) (Dataset, error) {
	var spec struct {
		FileSpec `yaml:",inline"`
		LoadArgs struct {
			// DisallowUnknownFields rejects object keys the Go struct lacks.
			DisallowUnknownFields bool `yaml:"disallow_unknown_fields"`
		} `yaml:"load_args"`
		SaveArgs struct {
			Indent *int `yaml:"indent"`
		} `yaml:"save_args"`
	}
	if err := cfg.Decode(&spec); err != nil {
		return nil, err
	}
	indent := 2 // Kedro's JSONDataset default
	if spec.SaveArgs.Indent != nil {
		indent = max(0, *spec.SaveArgs.Indent)
	}
	return NewFileDataset(cfg, jsonCodec{disallowUnknown: spec.LoadArgs.DisallowUnknownFields, indent: strings.Repeat(" ", indent)})
}

func (c jsonCodec) Decode(f *os.File, dst any) error {
	dec := json.NewDecoder(bufio.NewReaderSize(f, 64<<10))
	if c.disallowUnknown {
		dec.DisallowUnknownFields()
	}
	err := dec.Decode(dst)
	if errors.Is(err, io.EOF) {
		// encoding/json says a bare "EOF": unlike YAML, JSON has no empty
		// document, so say what is there and what would be valid.
		return errors.New("the file is empty (or only white space): a JSON file holds one value, such as null, {} or []")
	}
	return err
}

func (c jsonCodec) Encode(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	if c.indent != "" {
		enc.SetIndent("", c.indent)
	}
	return enc.Encode(v)
}
