package kedrogo

import "github.com/kedrogo/kedrogo/internal/catalog"

// FileCodec turns a file's bytes into a Go value and back. With
// NewFileDataset it is all a custom file format needs: paths relative to
// the project, versioning and atomic saves come for free.
type FileCodec = catalog.Codec

// NewFileDataset returns a dataset stored at cfg's filepath (or, when the
// entry says versioned: true, at filepath/<version>/<base>), encoded with
// codec. Call it from a DatasetFactory after decoding the entry's own keys
// with cfg.Decode.
func NewFileDataset(cfg DatasetConfig, codec FileCodec) (Dataset, error) {
	ds, err := catalog.NewFileDataset(cfg, codec)
	if err != nil {
		return nil, err
	}
	return ds, nil
}
