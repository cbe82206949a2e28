package catalog

import (
	"fmt"
	"io"
	"os"
)

// pickleCodec is pickle.PickleDataset in Go: Go cannot read or write
// Python pickles, so the value is stored with encoding/gob under the same
// path (describe-datasets says so). A file that is a real pickle fails to
// load with a message saying exactly that.
type pickleCodec struct{ gobCodec }

// pythonBackends are pickle.PickleDataset's Python backends.
var pythonBackends = map[string]bool{"pickle": true, "joblib": true, "dill": true, "cloudpickle": true, "compress_pickle": true}

// pickleKedroArgs are pickle.load / dump arguments: nothing for gob.
var pickleKedroArgs = KedroArgs{
	Load: map[string]string{
		"fix_imports": "gob has no Python 2 names", "encoding": "gob has no Python 2 strings",
		"errors": "gob has no Python 2 strings", "buffers": "gob has no out-of-band buffers",
	},
	Save: map[string]string{
		"protocol": "gob has one format", "fix_imports": "gob has no Python 2 names",
		"buffer_callback": "gob has no out-of-band buffers",
	},
}

func newPickleDataset(cfg Config) (Dataset, error) {
	var spec struct {
		FileSpec `yaml:",inline"`
		Backend  string   `yaml:"backend"`
		LoadArgs struct{} `yaml:"load_args"` // only pickleKedroArgs' keys
		SaveArgs struct{} `yaml:"save_args"`
	}
	if err := cfg.DecodeArgs(&spec, pickleKedroArgs); err != nil {
		return nil, err
	}
	switch {
	case spec.Backend == "" || spec.Backend == "gob":
	case pythonBackends[spec.Backend]:
		return nil, cfg.Errorf("backend '%s' is a Python serialiser, which Go cannot write or read; "+
			"write backend: gob (or leave it out) to store Go values with encoding/gob under the same path", spec.Backend)
	default:
		return nil, cfg.Errorf("backend '%s' is not gob; kedrogo stores pickle.PickleDataset values with encoding/gob", spec.Backend)
	}
	fd, err := NewFileDataset(cfg, pickleCodec{})
	if err != nil {
		return nil, err
	}
	return pickleDataset{fd}, nil
}

type pickleDataset struct{ *FileDataset }

func (d pickleDataset) Describe() map[string]any {
	m := d.FileDataset.Describe()
	m["backend"] = "gob"
	m["note"] = "stores Go values with encoding/gob, not Python pickle"
	return m
}

// pickleProto is the first byte of every pickle of protocol 2 and later
// (Python 3's default is 4 or 5); a gob stream never starts with it.
const pickleProto = 0x80

func (c pickleCodec) Decode(f *os.File, dst any) error {
	head := make([]byte, 2)
	if n, _ := f.ReadAt(head, 0); n == 2 && head[0] == pickleProto {
		return fmt.Errorf("this file is a Python pickle (protocol %d), which Go cannot read; kedrogo's pickle.PickleDataset "+
			"stores Go values with encoding/gob. Re-create the file by running the Go node that saves this dataset, "+
			"or export it from Python to a format both read (JSON, CSV, Parquet)", head[1])
	}
	return c.gobCodec.Decode(f, dst)
}

func (c pickleCodec) Encode(w io.Writer, v any) error { return c.gobCodec.Encode(w, v) }
