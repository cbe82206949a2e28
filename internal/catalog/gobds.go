package catalog

import (
	"bufio"
	"encoding/gob"
	"errors"
	"io"
	"os"
	"reflect"
)

// gobCodec is encoding/gob: any Go value, loaded back into the same (or a
// compatible) concrete type. It is kedrogo's answer to pickle.PickleDataset.
type gobCodec struct{}

func newGobDataset(cfg Config) (Dataset, error) {
	var spec struct {
		FileSpec `yaml:",inline"`
	}
	if err := cfg.Decode(&spec); err != nil {
		return nil, err
	}
	return NewFileDataset(cfg, gobCodec{})
}

func (gobCodec) Decode(f *os.File, dst any) error {
	if t := reflect.TypeOf(dst); t != nil && t.Kind() == reflect.Pointer && t.Elem().Kind() == reflect.Interface {
		return errors.New("gob.GobDataset needs a concrete parameter type to load into (gob files carry no Go type); use the type that was saved, not any")
	}
	return gob.NewDecoder(bufio.NewReaderSize(f, 64<<10)).Decode(dst)
}

func (gobCodec) Encode(w io.Writer, v any) error { return gob.NewEncoder(w).Encode(v) }
