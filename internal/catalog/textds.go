package catalog

import (
	"fmt"
	"io"
	"os"
)

// textCodec stores a string or []byte as the file's bytes.
type textCodec struct{}

func newTextDataset(cfg Config) (Dataset, error) {
	var spec struct {
		FileSpec `yaml:",inline"`
	}
	if err := cfg.Decode(&spec); err != nil {
		return nil, err
	}
	return NewFileDataset(cfg, textCodec{})
}

func (textCodec) Decode(f *os.File, dst any) error {
	b, err := io.ReadAll(f)
	if err != nil {
		return err
	}
	switch p := dst.(type) {
	case *string:
		*p = string(b)
	case *[]byte:
		*p = b
	case *any:
		*p = string(b)
	default:
		return fmt.Errorf("text.TextDataset loads into a string or []byte, not %T", dst)
	}
	return nil
}

func (textCodec) Encode(w io.Writer, v any) error {
	switch s := v.(type) {
	case string:
		_, err := io.WriteString(w, s)
		return err
	case []byte:
		_, err := w.Write(s)
		return err
	}
	return fmt.Errorf("text.TextDataset saves a string or []byte, not %T", v)
}
