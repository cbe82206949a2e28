package storage

import (
	"fmt"
	"path"
	"strings"
)

// IsRemote reports whether p is a URL this package serves (it has a
// scheme other than file://).
func IsRemote(p string) bool {
	scheme, _, ok := strings.Cut(p, "://")
	return ok && scheme != "file" && scheme != ""
}

// provider is the store behind a scheme.
type provider string

const (
	providerS3    provider = "s3"
	providerGCS   provider = "gcs"
	providerAzure provider = "azure"
	providerHTTP  provider = "http"
	providerMem   provider = "mem"
)

// schemes maps Kedro's (fsspec's) spellings to a provider.
var schemes = map[string]provider{
	"s3": providerS3, "s3a": providerS3, "s3n": providerS3,
	"gs": providerGCS, "gcs": providerGCS,
	"abfs": providerAzure, "abfss": providerAzure, "az": providerAzure,
	"http": providerHTTP, "https": providerHTTP,
	"mem": providerMem, "memory": providerMem,
}

// Location is a parsed URL: the scheme as written, the bucket (container;
// for http(s) the host), the account for abfs://container@account.…, and
// the key inside the bucket (no leading slash).
type Location struct {
	Scheme  string
	Bucket  string
	Account string
	Key     string
	prov    provider
}

// Parse splits u into its location. An unknown scheme or a missing bucket
// is an error saying what a valid URL looks like.
func Parse(u string) (Location, error) {
	scheme, rest, ok := strings.Cut(u, "://")
	if !ok {
		return Location{}, fmt.Errorf("'%s' is not a URL (scheme://bucket/key)", u)
	}
	prov, ok := schemes[strings.ToLower(scheme)]
	if !ok {
		return Location{}, fmt.Errorf("'%s': kedrogo does not know the scheme %s://; use s3://, s3a://, gs://, gcs://, abfs://, abfss://, az://, http(s)://, mem:// or a local path", u, scheme)
	}
	bucket, key, _ := strings.Cut(rest, "/")
	l := Location{Scheme: strings.ToLower(scheme), Bucket: bucket, Key: key, prov: prov}
	if prov == providerAzure {
		// abfs://container@account.dfs.core.windows.net/key
		if c, host, ok := strings.Cut(bucket, "@"); ok {
			l.Bucket = c
			l.Account, _, _ = strings.Cut(host, ".")
		}
	}
	if l.Bucket == "" {
		return Location{}, fmt.Errorf("'%s' has no bucket: write %s://BUCKET/path/to/file", u, scheme)
	}
	if strings.Contains(l.Key, "//") || strings.HasPrefix(l.Key, "/") {
		return Location{}, fmt.Errorf("'%s' has an empty path component (//); object keys are written BUCKET/a/b", u)
	}
	return l, nil
}

// root is the URL up to and including the bucket's slash.
func (l Location) root() string {
	b := l.Bucket
	if l.Account != "" {
		b += "@" + l.Account
	}
	return l.Scheme + "://" + b + "/"
}

// String is the location as a URL.
func (l Location) String() string { return l.root() + l.Key }

// Join joins URL (or local path) elements the way path.Join does for the
// key part, keeping the scheme and bucket intact (filepath.Join would fold
// "s3://" into "s3:/").
func Join(base string, elem ...string) string {
	scheme, rest, ok := strings.Cut(base, "://")
	if !ok {
		return path.Join(append([]string{base}, elem...)...)
	}
	bucket, key, _ := strings.Cut(rest, "/")
	joined := path.Join(append([]string{"/" + key}, elem...)...)
	return scheme + "://" + bucket + joined
}

// Base is the last element of a URL's key.
func Base(u string) string { return path.Base(u) }

// Dir is the URL of the folder that holds u.
func Dir(u string) string {
	i := strings.LastIndex(u, "/")
	if i < 0 || strings.HasSuffix(u[:i+1], "://") {
		return u
	}
	return u[:i]
}
