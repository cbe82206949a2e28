package catalog

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"testing"
)

// testImage is a white 16×12 picture whose lower-left 8×6 block is red
// (a block, so JPEG's chroma subsampling keeps it red).
func testImage() *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, 16, 12))
	for i := range img.Pix {
		img.Pix[i] = 0xff
	}
	for x := 0; x < 8; x++ {
		for y := 6; y < 12; y++ {
			img.Set(x, y, color.RGBA{0xff, 0, 0, 0xff})
		}
	}
	return img
}

func pngBytes(t *testing.T) []byte {
	var b bytes.Buffer
	if err := png.Encode(&b, testImage()); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestImageDataset(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	c := newCatalog(t, dir, `
png: {type: pillow.ImageDataset, filepath: data/a.png}
jpg: {type: pillow.ImageDataset, filepath: data/a.jpeg, save_args: {quality: 95}}
gif: {type: pillow.ImageDataset, filepath: data/a.gif}
forced: {type: pillow.ImageDataset, filepath: data/img.out, save_args: {format: PNG}}
bmp: {type: pillow.ImageDataset, filepath: data/a.bmp}
tiff: {type: pillow.ImageDataset, filepath: data/a.png, save_args: {format: TIFF}}
quality: {type: pillow.ImageDataset, filepath: data/a.jpg, save_args: {quality: 101}}
notimg: {type: pillow.ImageDataset, filepath: data/not.png}
`, Options{})
	for _, name := range []string{"png", "jpg", "gif", "forced"} {
		t.Run(name, func(t *testing.T) {
			if err := c.Save(ctx, name, image.Image(testImage())); err != nil {
				t.Fatal(err)
			}
			var img image.Image
			if err := c.Load(ctx, name, &img); err != nil {
				t.Fatal(err)
			}
			if img.Bounds() != image.Rect(0, 0, 16, 12) {
				t.Fatalf("bounds %v", img.Bounds())
			}
			r, g, _, _ := img.At(2, 9).RGBA()
			if r < 0xc000 || g > 0x4000 {
				t.Errorf("pixel (2,9) = %v, want red", img.At(2, 9))
			}
			var anyv any
			if err := c.Load(ctx, name, &anyv); err != nil {
				t.Fatal(err)
			}
			if _, ok := anyv.(image.Image); !ok {
				t.Errorf("load into any gave %T", anyv)
			}
		})
	}
	t.Run("bytes", func(t *testing.T) {
		raw := pngBytes(t)
		if err := c.Save(ctx, "png", raw); err != nil {
			t.Fatal(err)
		}
		var got []byte
		if err := c.Load(ctx, "png", &got); err != nil || !bytes.Equal(got, raw) {
			t.Fatalf("bytes round trip: %v, %d bytes", err, len(got))
		}
	})
	t.Run("errors", func(t *testing.T) {
		var img image.Image
		wantErr(t, c.Load(ctx, "bmp", &img), "catalog.yml:", "bmp", `extension ".bmp"`, ".png, .jpg/.jpeg or .gif")
		wantErr(t, c.Load(ctx, "tiff", &img), "save_args.format 'TIFF'")
		wantErr(t, c.Load(ctx, "quality", &img), "save_args.quality 101")
		wantErr(t, c.Save(ctx, "png", "a string"), "png", "image.Image or encoded []byte, not string")
		var s string
		wantErr(t, c.Load(ctx, "png", &s), "image.Image or []byte, not *string")
		if err := os.WriteFile(filepath.Join(dir, "data", "not.png"), []byte("hello"), 0o644); err != nil {
			t.Fatal(err)
		}
		wantErr(t, c.Load(ctx, "notimg", &img), "notimg", "not a PNG, JPEG or GIF image")
	})
}

func TestMatplotlibDataset(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	c := newCatalog(t, dir, `
one: {type: matplotlib.MatplotlibDataset, filepath: data/08_reporting/one.png}
svg: {type: matplotlib.MatplotlibDataset, filepath: data/08_reporting/one.svg}
many: {type: matplotlib.MatplotlibWriter, filepath: data/08_reporting/plots, overwrite: true, save_args: {dpi: 200}}
kept: {type: matplotlib.MatplotlibDataset, filepath: data/08_reporting/kept}
vers: {type: matplotlib.MatplotlibDataset, filepath: data/08_reporting/vplots, versioned: true}
`, Options{})
	img := image.Image(testImage())
	if err := c.Save(ctx, "one", img); err != nil {
		t.Fatal(err)
	}
	var back image.Image
	if err := c.Load(ctx, "one", &back); err != nil || back.Bounds().Dx() != 16 {
		t.Fatalf("load back: %v", err)
	}
	if err := c.Save(ctx, "svg", []byte("<svg/>")); err != nil {
		t.Fatal(err)
	}
	wantErr(t, c.Save(ctx, "svg", img), `cannot tell the image format`, ".svg")

	plots := filepath.Join(dir, "data/08_reporting/plots")
	if err := os.MkdirAll(plots, 0o777); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(plots, "stale.png"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := c.Save(ctx, "many", map[string]any{"a": img, "sub/b.svg": []byte("<svg/>")}); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"a.png", "sub/b.svg"} {
		if _, err := os.Stat(filepath.Join(plots, f)); err != nil {
			t.Errorf("map save: %v", err)
		}
	}
	if _, err := os.Stat(filepath.Join(plots, "stale.png")); err == nil {
		t.Error("overwrite: true left an earlier file")
	}
	wantErr(t, c.Load(ctx, "many", &back), "many", "Loading not supported for 'matplotlib.MatplotlibWriter'")
	wantErr(t, c.Save(ctx, "many", map[string]any{"../escape": img}), "must be a relative file name inside the folder")

	if err := c.Save(ctx, "kept", []image.Image{img, img}); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"0.png", "1.png"} {
		if _, err := os.Stat(filepath.Join(dir, "data/08_reporting/kept", f)); err != nil {
			t.Errorf("list save: %v", err)
		}
	}
	if err := c.Save(ctx, "vers", map[string]image.Image{"x.gif": img}); err != nil {
		t.Fatal(err)
	}
	got, _ := filepath.Glob(filepath.Join(dir, "data/08_reporting/vplots/*/vplots/x.gif"))
	if len(got) != 1 {
		t.Errorf("versioned map save wrote %v", got)
	}
}
