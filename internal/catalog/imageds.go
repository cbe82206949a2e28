package catalog

import (
	"bufio"
	"errors"
	"fmt"
	"image"
	"image/gif"
	"image/jpeg"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// imageFormats are the formats the standard library reads and writes,
// by file extension.
var imageFormats = map[string]string{".png": "png", ".jpg": "jpeg", ".jpeg": "jpeg", ".gif": "gif"}

// imageCodec is pillow.ImageDataset's file format: PNG, JPEG or GIF.
type imageCodec struct {
	format  string // png, jpeg or gif
	quality int    // JPEG quality; 0 = the library's default
}

func newImageDataset(cfg Config) (Dataset, error) {
	var spec struct {
		FileSpec `yaml:",inline"`
		SaveArgs struct {
			Format  string `yaml:"format"`
			Quality int    `yaml:"quality"`
		} `yaml:"save_args"`
	}
	if err := cfg.Decode(&spec); err != nil {
		return nil, err
	}
	if q := spec.SaveArgs.Quality; q < 0 || q > 100 {
		return nil, cfg.Errorf("save_args.quality %d is not between 1 and 100", q)
	}
	format, err := imageFormat(cfg.Filepath, spec.SaveArgs.Format)
	if err != nil {
		return nil, cfg.Errorf("%v", err)
	}
	return NewFileDataset(cfg, imageCodec{format, spec.SaveArgs.Quality})
}

// imageFormat picks png, jpeg or gif from format (Pillow's names: PNG,
// JPEG, GIF) or else path's extension.
func imageFormat(path, format string) (string, error) {
	if format != "" {
		f := strings.ToLower(format)
		if f == "jpg" {
			f = "jpeg"
		}
		if f != "png" && f != "jpeg" && f != "gif" {
			return "", fmt.Errorf("save_args.format '%s': kedrogo encodes PNG, JPEG and GIF (Go's standard library); save encoded []byte for other formats", format)
		}
		return f, nil
	}
	ext := strings.ToLower(filepath.Ext(path))
	f, ok := imageFormats[ext]
	if !ok {
		return "", fmt.Errorf("cannot tell the image format of '%s' (extension %q); use .png, .jpg/.jpeg or .gif, or set save_args.format", path, ext)
	}
	return f, nil
}

// Decode loads into *image.Image (or *any) decoded, or *[]byte as the
// file's encoded bytes.
func (c imageCodec) Decode(f *os.File, dst any) error {
	if p, ok := dst.(*[]byte); ok {
		b, err := io.ReadAll(f)
		*p = b
		return err
	}
	img, format, err := image.Decode(bufio.NewReader(f))
	if err != nil {
		if errors.Is(err, image.ErrFormat) {
			return fmt.Errorf("not a PNG, JPEG or GIF image")
		}
		return fmt.Errorf("%s image: %w", format, err)
	}
	switch p := dst.(type) {
	case *image.Image:
		*p = img
	case *any:
		*p = img
	default:
		return fmt.Errorf("an image loads into image.Image or []byte, not %T", dst)
	}
	return nil
}

// Encode writes an image.Image in the dataset's format, or already
// encoded bytes ([]byte) as they are.
func (c imageCodec) Encode(w io.Writer, v any) error {
	switch img := v.(type) {
	case []byte:
		_, err := w.Write(img)
		return err
	case image.Image:
		switch c.format {
		case "jpeg":
			var opts *jpeg.Options
			if c.quality > 0 {
				opts = &jpeg.Options{Quality: c.quality}
			}
			return jpeg.Encode(w, img, opts)
		case "gif":
			return gif.Encode(w, img, nil)
		}
		return png.Encode(w, img)
	}
	return fmt.Errorf("an image saves from an image.Image or encoded []byte, not %T", v)
}
