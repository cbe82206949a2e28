package catalog

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"reflect"
)

// pxTraces maps plotly.express function names (plotly_args.type) to the
// trace they draw.
var pxTraces = map[string]map[string]any{
	"bar":       {"type": "bar"},
	"line":      {"type": "scatter", "mode": "lines"},
	"scatter":   {"type": "scatter", "mode": "markers"},
	"area":      {"type": "scatter", "mode": "lines", "fill": "tozeroy"},
	"histogram": {"type": "histogram"},
	"box":       {"type": "box"},
	"violin":    {"type": "violin"},
	"pie":       {"type": "pie"},
}

// plotlyCodec is plotly.PlotlyDataset: rows ([]T, []map[string]any) are
// drawn as one trace of plotly_args.type, each plotly_args.fig argument
// that names a column taking that column's values (x: year -> "x": [...]),
// the others passed as they are, and plotly_args.layout as the layout. A
// figure document (a map, struct or JSON bytes) is written as it is.
type plotlyCodec struct {
	documentCodec
	trace  map[string]any
	fig    map[string]any
	layout map[string]any
}

func newPlotlyDataset(cfg Config) (Dataset, error) {
	var spec struct {
		FileSpec   `yaml:",inline"`
		PlotlyArgs struct {
			Type   string         `yaml:"type"`
			Fig    map[string]any `yaml:"fig"`
			Layout map[string]any `yaml:"layout"`
		} `yaml:"plotly_args"`
		LoadArgs struct{}       `yaml:"load_args"` // only plotlyKedroArgs' keys
		SaveArgs plotlySaveArgs `yaml:"save_args"`
	}
	if err := cfg.DecodeArgs(&spec, plotlyKedroArgs); err != nil {
		return nil, err
	}
	pa := spec.PlotlyArgs
	trace, ok := pxTraces[pa.Type]
	if !ok {
		return nil, cfg.Errorf("plotly_args.type '%s' is not one kedrogo draws (bar, line, scatter, area, histogram, box, violin, pie); "+
			"build the figure document in the node and use plotly.JSONDataset", pa.Type)
	}
	return NewFileDataset(cfg, plotlyCodec{documentCodec: spec.SaveArgs.codec(), trace: trace, fig: pa.Fig, layout: pa.Layout})
}

func (c plotlyCodec) Decode(f *os.File, dst any) error { return c.documentCodec.Decode(f, dst) }

func (c plotlyCodec) Encode(w io.Writer, v any) error {
	rv := reflect.ValueOf(v)
	if !rv.IsValid() || rv.Kind() != reflect.Slice || rv.Type().Elem().Kind() == reflect.Uint8 {
		return c.documentCodec.Encode(w, v) // a figure document
	}
	rows, err := asRecords(v)
	if err != nil {
		return err
	}
	trace := map[string]any{}
	for k, x := range c.trace {
		trace[k] = x
	}
	for arg, x := range c.fig {
		col, isName := x.(string)
		if !isName || len(rows) == 0 {
			trace[arg] = x
			continue
		}
		if _, ok := rows[0][col]; !ok {
			trace[arg] = x
			continue
		}
		vals := make([]any, len(rows))
		for i, r := range rows {
			vals[i] = r[col]
		}
		if c.trace["type"] == "pie" && arg == "names" {
			arg = "labels"
		}
		trace[arg] = vals
	}
	fig := map[string]any{"data": []any{trace}, "layout": c.layout}
	if c.layout == nil {
		fig["layout"] = map[string]any{}
	}
	return c.documentCodec.Encode(w, fig)
}

// asRecords turns a slice of structs or maps into JSON records (field
// names as encoding/json writes them).
func asRecords(v any) ([]map[string]any, error) {
	if m, ok := v.([]map[string]any); ok {
		return m, nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	var rows []map[string]any
	if err := json.Unmarshal(b, &rows); err != nil {
		return nil, fmt.Errorf("plotly.PlotlyDataset draws a slice of structs or maps, not %T", v)
	}
	return rows, nil
}
