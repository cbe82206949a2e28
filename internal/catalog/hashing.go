package catalog

import (
	"context"
	"io"
	"os"

	"github.com/kedrogo/kedrogo/internal/contenthash"
)

// Fingerprinter is implemented by datasets that can name their content
// without loading it: a string that changes whenever the data does (a
// content hash, an object store's ETag, a table checksum, a declared
// version). Incremental runs compare it with the one recorded when the
// reading node last succeeded; a dataset without it makes its readers
// always run. Custom dataset types may implement it.
type Fingerprinter interface {
	Fingerprint(ctx context.Context) (string, error)
}

// Fingerprint is the BLAKE3 hash of the file a load would read, from the
// stat cache when the file is unchanged (so an unchanged file is not read
// again) and recorded by the save that wrote it.
//
// For a path in object storage the identity is the object's MD5 or ETag
// (storage.FS.Identity), never a download.
func (d *FileDataset) Fingerprint(ctx context.Context) (string, error) {
	if err := ctx.Err(); err != nil {
		return "", err
	}
	path, err := d.loadPathCtx(ctx)
	if err != nil {
		return "", d.fail("fingerprint", d.path, err)
	}
	if d.fsys != nil {
		id, err := d.fsys.Identity(ctx, path)
		if err != nil {
			return "", d.fail("fingerprint", path, err)
		}
		return id, nil
	}
	sum, err := contenthash.Default.File(path)
	if err != nil {
		return "", d.fail("fingerprint", path, err)
	}
	return sum, nil
}

// saveHash hashes the bytes a save writes, as it writes them (on a second
// goroutine, overlapping the file write: contenthash.Tee), when
// incremental runs want hashes (contenthash.Default is enabled); nil
// otherwise, costing nothing.
type saveHash struct{ tee *contenthash.Tee }

func newSaveHash() *saveHash {
	if !contenthash.Default.Enabled() {
		return nil
	}
	return &saveHash{}
}

// wrap returns w teeing into the hash.
func (s *saveHash) wrap(w io.Writer) io.Writer {
	if s == nil {
		return w
	}
	s.tee = contenthash.NewTee(w)
	return s.tee
}

// close ends the hashing goroutine; a save defers it so that a failed or
// panicking write leaves none behind.
func (s *saveHash) close() {
	if s != nil && s.tee != nil {
		s.tee.Close()
	}
}

// record remembers the hash as the content of path, just renamed into
// place from f (still open, so its identity is the written file's).
func (s *saveHash) record(path string, f *os.File) {
	if s != nil {
		contenthash.Default.Record(path, f, s.tee.Sum())
	}
}
