package catalog

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
)

// documentCodec is a JSON document: any value encoding/json handles, or
// bytes that already are JSON (written as they are after a check).
type documentCodec struct {
	indent string
}

func (c documentCodec) Decode(f *os.File, dst any) error {
	if p, ok := dst.(*[]byte); ok {
		b, err := io.ReadAll(f)
		*p = b
		return err
	}
	return jsonCodec{}.Decode(f, dst)
}

func (c documentCodec) Encode(w io.Writer, v any) error {
	if b, ok := v.([]byte); ok {
		if !json.Valid(b) {
			return fmt.Errorf("the []byte to save is not a JSON document")
		}
		_, err := w.Write(b)
		return err
	}
	return jsonCodec{indent: c.indent}.Encode(w, v)
}

// checkMetrics is Kedro's MetricsDataset check: a mapping whose values
// are all numbers.
func checkMetrics(v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	var m map[string]any
	if json.Unmarshal(b, &m) != nil {
		return fmt.Errorf("The MetricsDataset expects a mapping of metric name to number, not %T.", v)
	}
	for k, x := range m {
		if _, ok := x.(float64); !ok {
			return fmt.Errorf("The MetricsDataset expects only numeric values; '%s' is %T.", k, x)
		}
	}
	return nil
}

// trackingDataset refuses loads with Kedro's message (tracking datasets
// are for experiment tracking tools to read, not nodes) and checks a value
// before a save makes its version folder.
type trackingDataset struct {
	*FileDataset
	check func(any) error // nil: any JSON value
}

func (d trackingDataset) Save(ctx context.Context, v any) error {
	if d.check != nil {
		if err := d.check(v); err != nil {
			return d.fail("save", d.path, err)
		}
	}
	return d.FileDataset.Save(ctx, v)
}

func (d trackingDataset) Load(context.Context, any) error {
	return d.fail("load", d.path, fmt.Errorf("Loading not supported for '%s'", d.typ))
}

// newTrackingDataset is tracking.JSONDataset and tracking.MetricsDataset:
// write-only JSON files, versioned unless the entry says versioned: false.
func newTrackingDataset(cfg Config) (Dataset, error) {
	var spec struct {
		Filepath  string `yaml:"filepath"`
		Versioned *bool  `yaml:"versioned"`
		SaveArgs  struct {
			Indent *int `yaml:"indent"`
		} `yaml:"save_args"`
	}
	if err := cfg.Decode(&spec); err != nil {
		return nil, err
	}
	cfg.Versioned = spec.Versioned == nil || *spec.Versioned
	indent := 2
	if spec.SaveArgs.Indent != nil {
		indent = max(0, *spec.SaveArgs.Indent)
	}
	fd, err := NewFileDataset(cfg, documentCodec{indent: strings.Repeat(" ", indent)})
	if err != nil {
		return nil, err
	}
	d := trackingDataset{FileDataset: fd}
	if canonicalType(cfg.Type) == "tracking.MetricsDataset" {
		d.check = checkMetrics
	}
	return d, nil
}

// newPlotlyJSONDataset is plotly.JSONDataset: a figure as a JSON document
// (what plotly.io.write_json writes and a Go node builds as a map or
// struct). save_args.pretty indents it.
func newPlotlyJSONDataset(cfg Config) (Dataset, error) {
	var spec struct {
		FileSpec `yaml:",inline"`
		LoadArgs struct{}       `yaml:"load_args"` // only plotlyKedroArgs' keys
		SaveArgs plotlySaveArgs `yaml:"save_args"`
	}
	if err := cfg.DecodeArgs(&spec, plotlyKedroArgs); err != nil {
		return nil, err
	}
	return NewFileDataset(cfg, spec.SaveArgs.codec())
}

// plotlySaveArgs are plotly.io.write_json's arguments.
type plotlySaveArgs struct {
	Pretty bool `yaml:"pretty"`
}

// plotlyKedroArgs are plotly.io's read_json / write_json arguments that
// mean nothing for a Go document.
var plotlyKedroArgs = KedroArgs{
	Load: map[string]string{"output_type": "the node gets the JSON document", "skip_invalid": "the node gets the JSON document",
		"engine": "encoding/json reads the file"},
	Save: map[string]string{"engine": "encoding/json writes the file", "validate": "the node builds the document",
		"remove_uids": "the node builds the document"},
}

func (a plotlySaveArgs) codec() documentCodec {
	if a.Pretty {
		return documentCodec{indent: "  "}
	}
	return documentCodec{}
}
