package storage

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"

	"gocloud.dev/blob"
)

// FS is one bucket (container, host) reached with one set of options.
// Its methods take full URLs inside that bucket.
type FS struct {
	loc Location // the bucket part; Key is the URL it was made from
	set settings
}

// New returns the FS for URL u with options o. It does no I/O: a URL
// without a bucket, an unknown scheme or options it cannot read are
// errors here, before any run.
func New(u string, o Options) (*FS, error) {
	l, err := Parse(u)
	if err != nil {
		return nil, err
	}
	if l.prov == providerGCS || l.prov == providerAzure {
		return nil, fmt.Errorf("'%s': %s:// storage is not built into kedrogo yet (only s3://, s3a://, http(s):// and mem://); "+
			"copy the data to an S3-compatible bucket, or to a local path", u, l.Scheme)
	}
	s, err := o.parse(l.prov)
	if err != nil {
		return nil, err
	}
	return &FS{loc: l, set: s}, nil
}

// ReadOnly reports whether the store takes no saves (http(s)://).
func (f *FS) ReadOnly() bool { return f.loc.prov == providerHTTP }

// Endpoint describes where the bucket is, for messages: the custom
// endpoint when there is one.
func (f *FS) Endpoint() string {
	if f.set.endpoint != "" {
		return f.set.endpoint
	}
	if e := os.Getenv("AWS_ENDPOINT_URL"); e != "" && f.loc.prov == providerS3 {
		return e
	}
	return ""
}

func (f *FS) key(u string) (string, error) {
	l, err := Parse(u)
	if err != nil {
		return "", err
	}
	return l.Key, nil
}

func (f *FS) bucket(ctx context.Context) (*blob.Bucket, error) {
	b, err := bucketFor(ctx, f.loc, f.set)
	if err != nil {
		return nil, &Error{Kind: Unreachable, Msg: err.Error(), Err: err}
	}
	return b, nil
}

// NewReader opens the object at u. A missing object is an *Error of
// kind NotFound (errors.Is fs.ErrNotExist); a key under which other
// objects lie is Folder.
func (f *FS) NewReader(ctx context.Context, u string) (io.ReadCloser, error) {
	key, err := f.key(u)
	if err != nil {
		return nil, err
	}
	if f.loc.prov == providerHTTP {
		return f.httpGet(ctx, u)
	}
	b, err := f.bucket(ctx)
	if err != nil {
		return nil, err
	}
	r, err := b.NewReader(ctx, key, nil)
	if err != nil {
		return nil, f.folderOr(ctx, b, key, f.explain(err))
	}
	return r, nil
}

// folderOr turns a NotFound for key into a Folder error when objects lie
// under key/.
func (f *FS) folderOr(ctx context.Context, b *blob.Bucket, key string, err error) error {
	var e *Error
	if !errors.As(err, &e) || e.Kind != NotFound {
		return err
	}
	if f.hasChildren(ctx, b, key) {
		return &Error{Kind: Folder, Msg: "this key is a folder (objects lie under " + key + "/), not an object; point the filepath at a file inside it, or use partitions.PartitionedDataset for the folder"}
	}
	return err
}

func (f *FS) hasChildren(ctx context.Context, b *blob.Bucket, key string) bool {
	if key == "" {
		return false
	}
	objs, _, err := b.ListPage(ctx, blob.FirstPageToken, 1, &blob.ListOptions{Prefix: strings.TrimSuffix(key, "/") + "/"})
	return err == nil && len(objs) > 0
}

// Download copies the object at u into w, streaming.
func (f *FS) Download(ctx context.Context, u string, w io.Writer) error {
	r, err := f.NewReader(ctx, u)
	if err != nil {
		return err
	}
	defer r.Close()
	if _, err := io.Copy(w, r); err != nil {
		return f.explain(err)
	}
	return nil
}

// Write saves the object at u from what write writes: one PUT, or a
// multipart upload for a large object, committed only when write returns
// nil and the upload completes. When write fails the upload is cancelled
// and the object keeps its old content (or stays absent).
func (f *FS) Write(ctx context.Context, u string, write func(w io.Writer) error) error {
	if f.ReadOnly() {
		return &Error{Kind: ReadOnlyStore, Msg: "http(s):// URLs are read-only; save to s3://, gs://, abfs:// or a local path"}
	}
	key, err := f.key(u)
	if err != nil {
		return err
	}
	if key == "" || strings.HasSuffix(key, "/") {
		return &Error{Kind: Folder, Msg: "the URL names a folder, not an object; add a file name"}
	}
	b, err := f.bucket(ctx)
	if err != nil {
		return err
	}
	wctx, cancel := context.WithCancel(ctx)
	defer cancel()
	// Content type fixed so the writer does not hold back 512 bytes to
	// sniff it; parts of 16 MiB keep memory bounded for any size.
	w, err := b.NewWriter(wctx, key, &blob.WriterOptions{ContentType: "application/octet-stream", BufferSize: 16 << 20})
	if err != nil {
		return f.explain(err)
	}
	if err := write(w); err != nil {
		cancel() // before Close: the upload is abandoned, nothing committed
		w.Close()
		return err
	}
	if err := w.Close(); err != nil {
		return f.explain(err)
	}
	return nil
}

// Upload saves the local file at path as the object at u.
func (f *FS) Upload(ctx context.Context, u, path string) error {
	src, err := os.Open(path)
	if err != nil {
		return err
	}
	defer src.Close()
	return f.Write(ctx, u, func(w io.Writer) error {
		_, err := io.Copy(w, src)
		return err
	})
}

// Exists reports whether an object is at u. A "folder" (objects under
// u/) is not an object: false.
func (f *FS) Exists(ctx context.Context, u string) (bool, error) {
	key, err := f.key(u)
	if err != nil {
		return false, err
	}
	if f.loc.prov == providerHTTP {
		return f.httpExists(ctx, u)
	}
	b, err := f.bucket(ctx)
	if err != nil {
		return false, err
	}
	if key == "" {
		return false, nil
	}
	ok, err := b.Exists(ctx, key)
	if err != nil {
		return false, f.explain(err)
	}
	return ok, nil
}

// IsFolder reports whether objects lie under u/.
func (f *FS) IsFolder(ctx context.Context, u string) (bool, error) {
	key, err := f.key(u)
	if err != nil || f.loc.prov == providerHTTP {
		return false, err
	}
	b, err := f.bucket(ctx)
	if err != nil {
		return false, err
	}
	return f.hasChildren(ctx, b, key), nil
}

// Identity is what tells one content of the object at u from another
// without reading it: its MD5 when the store gives one, else its ETag.
func (f *FS) Identity(ctx context.Context, u string) (string, error) {
	key, err := f.key(u)
	if err != nil {
		return "", err
	}
	b, err := f.bucket(ctx)
	if err != nil {
		return "", err
	}
	a, err := b.Attributes(ctx, key)
	if err != nil {
		return "", f.explain(err)
	}
	if len(a.MD5) > 0 {
		return fmt.Sprintf("md5:%x", a.MD5), nil
	}
	return "etag:" + strings.Trim(a.ETag, `"`), nil
}

// List returns the URLs of every object under the folder u (recursively),
// in the store's (lexical) order.
func (f *FS) List(ctx context.Context, u string) ([]string, error) {
	return f.list(ctx, u, "")
}

// ListDirs returns the names of the folders directly under u.
func (f *FS) ListDirs(ctx context.Context, u string) ([]string, error) {
	full, err := f.list(ctx, u, "/")
	if err != nil {
		return nil, err
	}
	var names []string
	for _, p := range full {
		if strings.HasSuffix(p, "/") {
			names = append(names, Base(strings.TrimSuffix(p, "/")))
		}
	}
	return names, nil
}

func (f *FS) list(ctx context.Context, u, delim string) ([]string, error) {
	if f.loc.prov == providerHTTP {
		return nil, &Error{Kind: ReadOnlyStore, Msg: "an http(s):// URL cannot be listed; give each file's URL"}
	}
	key, err := f.key(u)
	if err != nil {
		return nil, err
	}
	b, err := f.bucket(ctx)
	if err != nil {
		return nil, err
	}
	prefix := key
	if prefix != "" && !strings.HasSuffix(prefix, "/") {
		prefix += "/"
	}
	root := f.loc.root()
	var out []string
	it := b.List(&blob.ListOptions{Prefix: prefix, Delimiter: delim})
	for {
		obj, err := it.Next(ctx)
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, f.explain(err)
		}
		out = append(out, root+obj.Key)
	}
}

// DeleteAll removes every object under the folder u.
func (f *FS) DeleteAll(ctx context.Context, u string) error {
	objs, err := f.List(ctx, u)
	if err != nil {
		return err
	}
	b, err := f.bucket(ctx)
	if err != nil {
		return err
	}
	for _, o := range objs {
		k, _ := f.key(o)
		if err := b.Delete(ctx, k); err != nil {
			return f.explain(err)
		}
	}
	return nil
}

// Check reaches the bucket: the endpoint answers, the credentials are
// accepted and the bucket exists. It lets a run refuse before any node
// runs what would fail its first load or save.
func (f *FS) Check(ctx context.Context) error {
	if f.loc.prov == providerHTTP || f.loc.prov == providerMem {
		return nil
	}
	b, err := f.bucket(ctx)
	if err != nil {
		return err
	}
	// A one-object listing needs the bucket and read access, and costs
	// one request; IsAccessible alone cannot tell a bad key from a
	// missing bucket.
	if _, _, err := b.ListPage(ctx, blob.FirstPageToken, 1, &blob.ListOptions{Prefix: f.loc.Key}); err != nil {
		return f.explain(err)
	}
	return nil
}

func (f *FS) httpGet(ctx context.Context, u string) (io.ReadCloser, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, err
	}
	resp, err := httpClient.Do(req)
	if err != nil {
		return nil, f.explain(err)
	}
	if resp.StatusCode != http.StatusOK {
		resp.Body.Close()
		return nil, httpStatusError(resp)
	}
	return resp.Body, nil
}

func (f *FS) httpExists(ctx context.Context, u string) (bool, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodHead, u, nil)
	if err != nil {
		return false, err
	}
	resp, err := httpClient.Do(req)
	if err != nil {
		return false, f.explain(err)
	}
	resp.Body.Close()
	switch {
	case resp.StatusCode == http.StatusOK:
		return true, nil
	case resp.StatusCode == http.StatusNotFound:
		return false, nil
	}
	return false, httpStatusError(resp)
}

func httpStatusError(resp *http.Response) error {
	kind := Other
	switch resp.StatusCode {
	case http.StatusNotFound:
		kind = NotFound
	case http.StatusUnauthorized, http.StatusForbidden:
		kind = Denied
	}
	return &Error{Kind: kind, Msg: "the server answered " + resp.Status}
}

// ID names the bucket and the options it was opened with (hashed), so
// callers can do something once per bucket.
func (f *FS) ID() string {
	return fmt.Sprintf("%s://%s@%s/%x", f.loc.prov, f.loc.Bucket, f.loc.Account, f.set.fingerprint())
}
