package catalog

import (
	"context"
	"fmt"
	"image"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// plotDataset is matplotlib.MatplotlibDataset and its legacy name
// matplotlib.MatplotlibWriter. Go has no matplotlib: a node renders its
// chart itself (an image.Image, or PNG/JPEG/GIF/SVG/PDF bytes it encoded)
// and the dataset writes it. A map or slice of them is written as several
// files in the folder filepath names, as Kedro writes a dict or list of
// figures.
type plotDataset struct {
	*FileDataset
	format    string // save_args.format ("" = by extension)
	overwrite bool
	writeOnly bool // the legacy Writer, like Kedro's, cannot load
}

// matplotlibKedroArgs are savefig arguments: the node has rendered the
// image already.
var matplotlibKedroArgs = KedroArgs{Save: map[string]string{
	"dpi": "the node renders the image", "bbox_inches": "the node renders the image",
	"transparent": "the node renders the image", "facecolor": "the node renders the image",
	"pad_inches": "the node renders the image", "metadata": "the node renders the image",
}}

func newMatplotlibDataset(cfg Config) (Dataset, error) {
	var spec struct {
		FileSpec  `yaml:",inline"`
		Overwrite bool `yaml:"overwrite"`
		SaveArgs  struct {
			Format string `yaml:"format"`
		} `yaml:"save_args"`
	}
	if err := cfg.DecodeArgs(&spec, matplotlibKedroArgs); err != nil {
		return nil, err
	}
	fd, err := NewFileDataset(cfg, plotCodec{format: spec.SaveArgs.Format, path: cfg.Filepath})
	if err != nil {
		return nil, err
	}
	return &plotDataset{FileDataset: fd, format: spec.SaveArgs.Format, overwrite: spec.Overwrite,
		writeOnly: canonicalType(cfg.Type) == "matplotlib.MatplotlibWriter"}, nil
}

// plotCodec writes one figure to path: bytes as they are, an image.Image
// in save_args.format or by path's extension.
type plotCodec struct{ format, path string }

func (c plotCodec) Decode(f *os.File, dst any) error {
	return imageCodec{}.Decode(f, dst)
}

func (c plotCodec) Encode(w io.Writer, v any) error { return encodeFigure(w, v, c.format, c.path) }

// encodeFigure writes bytes as they are, or encodes an image.Image.
func encodeFigure(w io.Writer, v any, format, path string) error {
	switch fig := v.(type) {
	case []byte:
		_, err := w.Write(fig)
		return err
	case image.Image:
		f, err := imageFormat(path, format)
		if err != nil {
			return err
		}
		return imageCodec{format: f}.Encode(w, fig)
	}
	return fmt.Errorf("a plot saves from an image.Image or encoded []byte (or a map or slice of them), not %T", v)
}

func (d *plotDataset) Load(ctx context.Context, dst any) error {
	if d.writeOnly {
		return d.fail("load", d.path, fmt.Errorf("Loading not supported for '%s'; it only writes figures "+
			"(use matplotlib.MatplotlibDataset or pillow.ImageDataset to read one back)", d.typ))
	}
	return d.FileDataset.Load(ctx, dst)
}

// Save writes one figure to filepath, or several into the folder filepath.
func (d *plotDataset) Save(ctx context.Context, v any) error {
	files, many, err := plotFiles(v)
	if err != nil {
		return d.fail("save", d.path, err)
	}
	if !many {
		return d.FileDataset.Save(ctx, v)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	dir := d.path
	if d.versioned {
		if dir, err = d.makeVersionDir(); err != nil {
			return d.fail("save", d.path, err)
		}
	} else if d.overwrite {
		if err := os.RemoveAll(dir); err != nil {
			return d.fail("save", dir, err)
		}
	}
	for _, name := range slices.Sorted(maps.Keys(files)) {
		path := filepath.Join(dir, name)
		if err := WriteFileAtomic(path, func(w io.Writer) error {
			return encodeFigure(w, files[name], d.format, path)
		}); err != nil {
			return d.fail("save", path, err)
		}
	}
	return nil
}

// plotFiles turns a map (file name -> figure) or slice (figure i ->
// "i.png") into files; many is false for a single figure.
func plotFiles(v any) (files map[string]any, many bool, err error) {
	add := func(name string, fig any) error {
		clean := filepath.Clean(name)
		if name == "" || filepath.IsAbs(name) || clean == ".." || strings.HasPrefix(clean, "../") {
			return fmt.Errorf("figure name %q must be a relative file name inside the folder", name)
		}
		if filepath.Ext(clean) == "" {
			clean += ".png"
		}
		files[clean] = fig
		return nil
	}
	files = map[string]any{}
	switch figs := v.(type) {
	case map[string]image.Image:
		for k, f := range figs {
			if err := add(k, f); err != nil {
				return nil, true, err
			}
		}
	case map[string][]byte:
		for k, f := range figs {
			if err := add(k, f); err != nil {
				return nil, true, err
			}
		}
	case map[string]any:
		for k, f := range figs {
			if err := add(k, f); err != nil {
				return nil, true, err
			}
		}
	case []image.Image:
		for i, f := range figs {
			files[strconv.Itoa(i)+".png"] = f
		}
	case [][]byte:
		for i, f := range figs {
			files[strconv.Itoa(i)+".png"] = f
		}
	default:
		return nil, false, nil
	}
	return files, true, nil
}

func (d *plotDataset) Describe() map[string]any {
	m := d.FileDataset.Describe()
	if d.overwrite {
		m["overwrite"] = true
	}
	return m
}
