package storage

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/kedrogo/kedrogo/internal/tooltest"
)

func s3Options(s *tooltest.S3) Options {
	return Options{Credentials: map[string]any{"client_kwargs": map[string]any{
		"aws_access_key_id": s.Key, "aws_secret_access_key": s.Secret, "endpoint_url": s.Endpoint, "region_name": "us-east-1"}}}
}

func TestS3RoundTrip(t *testing.T) {
	srv := tooltest.StartS3(t, "bucket")
	ctx := context.Background()
	for _, opts := range []Options{
		s3Options(srv),
		{Credentials: map[string]any{"key": srv.Key, "secret": srv.Secret}, FSArgs: map[string]any{"endpoint_url": srv.Endpoint}},
	} {
		f, err := New("s3://bucket/a/b.txt", opts)
		if err != nil {
			t.Fatal(err)
		}
		if err := f.Write(ctx, "s3://bucket/a/b.txt", func(w io.Writer) error { _, err := io.WriteString(w, "hello"); return err }); err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := f.Download(ctx, "s3a://bucket/a/b.txt", &buf); err != nil || buf.String() != "hello" {
			t.Fatalf("download = %q, %v", buf.String(), err)
		}
		if ok, err := f.Exists(ctx, "s3://bucket/a/b.txt"); !ok || err != nil {
			t.Fatalf("exists = %v, %v", ok, err)
		}
		if ok, err := f.Exists(ctx, "s3://bucket/a"); ok || err != nil {
			t.Fatalf("a folder exists = %v, %v; want false", ok, err)
		}
		if id, err := f.Identity(ctx, "s3://bucket/a/b.txt"); err != nil || id == "" {
			t.Fatalf("identity = %q, %v", id, err)
		}
	}
}

func TestS3ListAndFolders(t *testing.T) {
	srv := tooltest.StartS3(t, "bucket")
	ctx := context.Background()
	f, err := New("s3://bucket/p", s3Options(srv))
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"p/x/1.txt", "p/x/2.txt", "p/y/1.txt", "q.txt"} {
		if err := f.Write(ctx, "s3://bucket/"+k, func(w io.Writer) error { _, err := io.WriteString(w, k); return err }); err != nil {
			t.Fatal(err)
		}
	}
	got, err := f.List(ctx, "s3://bucket/p")
	if err != nil {
		t.Fatal(err)
	}
	want := "s3://bucket/p/x/1.txt s3://bucket/p/x/2.txt s3://bucket/p/y/1.txt"
	if strings.Join(got, " ") != want {
		t.Errorf("List = %v, want %s", got, want)
	}
	dirs, err := f.ListDirs(ctx, "s3://bucket/p")
	if err != nil || strings.Join(dirs, " ") != "x y" {
		t.Errorf("ListDirs = %v, %v; want [x y]", dirs, err)
	}
	_, err = f.NewReader(ctx, "s3://bucket/p/x")
	var e *Error
	if !errors.As(err, &e) || e.Kind != Folder || !strings.Contains(err.Error(), "is a folder") {
		t.Errorf("reading a folder: %v, want a Folder error", err)
	}
	_, err = f.NewReader(ctx, "s3://bucket/p/none")
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("reading a missing object: %v, want fs.ErrNotExist", err)
	}
	if err := f.DeleteAll(ctx, "s3://bucket/p"); err != nil {
		t.Fatal(err)
	}
	if got, _ := f.List(ctx, "s3://bucket/p"); len(got) != 0 {
		t.Errorf("after DeleteAll: %v", got)
	}
}

// TestS3FailedWriteCommitsNothing: an encoder failing halfway, after more
// than one multipart part, leaves the old object as it was.
func TestS3FailedWriteCommitsNothing(t *testing.T) {
	srv := tooltest.StartS3(t, "bucket")
	ctx := context.Background()
	f, _ := New("s3://bucket/k", s3Options(srv))
	u := "s3://bucket/k"
	if err := f.Write(ctx, u, func(w io.Writer) error { _, err := io.WriteString(w, "old"); return err }); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("encoder failed")
	for _, size := range []int{10, 40 << 20} {
		err := f.Write(ctx, u, func(w io.Writer) error {
			if _, err := w.Write(bytes.Repeat([]byte("x"), size)); err != nil {
				return err
			}
			return boom
		})
		if !errors.Is(err, boom) {
			t.Fatalf("Write = %v, want the encoder's error", err)
		}
		var buf bytes.Buffer
		if err := f.Download(ctx, u, &buf); err != nil || buf.String() != "old" {
			t.Fatalf("after a failed %d-byte write: %.20q, %v; want the old object", size, buf.String(), err)
		}
	}
}

func TestS3BadInputs(t *testing.T) {
	srv := tooltest.StartS3(t, "bucket")
	ctx := context.Background()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := "http://" + l.Addr().String()
	l.Close()
	wrong := s3Options(srv)
	wrong.Credentials = map[string]any{"key": srv.Key, "secret": "not-the-secret", "endpoint_url": srv.Endpoint}
	for _, tc := range []struct {
		name, url string
		opts      Options
		kind      Kind
		want      string
	}{
		{"unreachable endpoint", "s3://bucket/k", Options{Credentials: map[string]any{"key": "k", "secret": "s", "endpoint_url": closed}}, Unreachable, "cannot reach " + closed},
		{"wrong credentials", "s3://bucket/k", wrong, Denied, "access denied at " + srv.Endpoint},
		{"missing bucket", "s3://nobucket/k", s3Options(srv), NoBucket, "the bucket 'nobucket' does not exist"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, err := New(tc.url, tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			err = f.Check(ctx)
			var e *Error
			if !errors.As(err, &e) || e.Kind != tc.kind || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("Check = %v, want kind %d saying %q", err, tc.kind, tc.want)
			}
			if strings.Contains(err.Error(), "not-the-secret") || strings.Contains(err.Error(), srv.Secret) {
				t.Errorf("the message shows a secret: %v", err)
			}
		})
	}
}

func TestNewRefuses(t *testing.T) {
	for _, tc := range []struct {
		url  string
		opts Options
		want string
	}{
		{"s3://", Options{}, "has no bucket: write s3://BUCKET/path/to/file"},
		{"s3:///k", Options{}, "has no bucket"},
		{"ftp://h/k", Options{}, "does not know the scheme ftp://"},
		{"s3://b/k", Options{Credentials: map[string]any{"key": "k"}}, "without a secret"},
		{"s3://b/k", Options{Credentials: map[string]any{"acces_key": "k"}}, "does not read 'acces_key' for s3 storage"},
		{"s3://b/k", Options{Credentials: map[string]any{"client_kwargs": map[string]any{"endpoint": "x"}}}, "client_kwargs: kedrogo does not read 'endpoint'"},
		{"gs://b/k", Options{}, "gs:// storage is not built into kedrogo yet"},
		{"abfs://c@acct.dfs.core.windows.net/k", Options{}, "abfs:// storage is not built into kedrogo yet"},
	} {
		_, err := New(tc.url, tc.opts)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("New(%s, %v) = %v, want %q", tc.url, tc.opts, err, tc.want)
		}
	}
}

func TestMemAndJoin(t *testing.T) {
	ctx := context.Background()
	f, err := New("mem://m/x", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Write(ctx, Join("mem://m/x", "v1", "y.txt"), func(w io.Writer) error { _, err := io.WriteString(w, "y"); return err }); err != nil {
		t.Fatal(err)
	}
	dirs, err := f.ListDirs(ctx, "mem://m/x")
	if err != nil || fmt.Sprint(dirs) != "[v1]" {
		t.Errorf("ListDirs = %v, %v", dirs, err)
	}
	for in, want := range map[string]string{
		Join("s3://b/k", "v", "k"): "s3://b/k/v/k",
		Join("s3://b", "k"):        "s3://b/k",
		Join("data/x", "y"):        "data/x/y",
		Dir("s3://b/a/k"):          "s3://b/a",
		Base("s3://b/a/k.csv"):     "k.csv",
	} {
		if in != want {
			t.Errorf("got %s, want %s", in, want)
		}
	}
}

func TestHTTPReadOnly(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/d.csv" {
			http.NotFound(w, r)
			return
		}
		io.WriteString(w, "a,b\n")
	}))
	defer srv.Close()
	ctx := context.Background()
	u := srv.URL + "/d.csv"
	f, err := New(u, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := f.Download(ctx, u, &buf); err != nil || buf.String() != "a,b\n" {
		t.Fatalf("download = %q, %v", buf.String(), err)
	}
	if ok, err := f.Exists(ctx, srv.URL+"/none"); ok || err != nil {
		t.Errorf("exists(none) = %v, %v", ok, err)
	}
	if err := f.Write(ctx, u, func(io.Writer) error { return nil }); err == nil || !strings.Contains(err.Error(), "read-only") {
		t.Errorf("Write = %v, want read-only", err)
	}
	if _, err := f.NewReader(ctx, srv.URL+"/none"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing: %v", err)
	}
}
