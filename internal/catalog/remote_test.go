package catalog

import (
	"context"
	"errors"
	"fmt"
	"os"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/kedrogo/kedrogo/internal/storage"
	"github.com/kedrogo/kedrogo/internal/tooltest"
)

// s3Catalog builds a catalog whose credentials "s3" reach srv (client_kwargs,
// as Kedro's docs write them).
func s3Catalog(t *testing.T, srv *tooltest.S3, text string, opts Options) *Catalog {
	t.Helper()
	entries, err := parseEntries(text)
	if err != nil {
		t.Fatal(err)
	}
	opts.ProjectDir = t.TempDir()
	if opts.SaveVersion == "" {
		opts.SaveVersion = "2024-01-15T10.30.00.000Z"
	}
	creds := map[string]any{
		"s3": map[string]any{"client_kwargs": map[string]any{
			"aws_access_key_id": srv.Key, "aws_secret_access_key": srv.Secret, "endpoint_url": srv.Endpoint}},
		"wrong": map[string]any{"key": srv.Key, "secret": "wrong-secret", "endpoint_url": srv.Endpoint},
	}
	c, err := FromConfig(entries, creds, opts)
	if err != nil {
		t.Fatalf("FromConfig: %v", err)
	}
	return c
}

// TestS3EveryFileFamily saves and loads one dataset of each file-based
// type family on the real S3 server.
func TestS3EveryFileFamily(t *testing.T) {
	srv := tooltest.StartS3(t, "bucket")
	ctx := context.Background()
	rows := []record{{Name: "a", Count: 1}, {Name: "b", Score: 2.5}}
	cases := []struct {
		typ, file string
		value     any
	}{
		{"json.JSONDataset", "d.json", map[string]any{"k": "v"}},
		{"pandas.CSVDataset", "d.csv", rows},
		{"text.TextDataset", "d.txt", "hello\n"},
		{"yaml.YAMLDataset", "d.yml", map[string]any{"k": "v"}},
		{"pickle.PickleDataset", "d.pkl", map[string]any{"k": "v"}},
		{"pandas.JSONDataset", "p.json", rows},
	}
	var text strings.Builder
	for i, tc := range cases {
		fmt.Fprintf(&text, "d%d:\n  type: %s\n  filepath: s3://bucket/fam/%s\n  credentials: s3\n", i, tc.typ, tc.file)
	}
	c := s3Catalog(t, srv, text.String(), Options{})
	for i, tc := range cases {
		name := fmt.Sprintf("d%d", i)
		if err := c.Save(ctx, name, tc.value); err != nil {
			t.Fatalf("%s save: %v", tc.typ, err)
		}
		if _, err := os.Stat(srv.Root + "/bucket/fam/" + tc.file); err != nil {
			t.Errorf("%s: no object on the server: %v", tc.typ, err)
		}
		dst := reflect.New(reflect.TypeOf(tc.value))
		if err := c.Load(ctx, name, dst.Interface()); err != nil {
			t.Fatalf("%s load: %v", tc.typ, err)
		}
		if got := dst.Elem().Interface(); fmt.Sprint(got) != fmt.Sprint(tc.value) {
			t.Errorf("%s: loaded %v, want %v", tc.typ, got, tc.value)
		}
		if ok, err := c.Exists(ctx, name); !ok || err != nil {
			t.Errorf("%s exists = %v, %v", tc.typ, ok, err)
		}
		ds, _ := c.Dataset(name)
		if fp, err := ds.(Fingerprinter).Fingerprint(ctx); err != nil || fp == "" {
			t.Errorf("%s fingerprint = %q, %v; want the object's MD5 or ETag", tc.typ, fp, err)
		}
	}
}

func TestS3Versioned(t *testing.T) {
	srv := tooltest.StartS3(t, "bucket")
	ctx := context.Background()
	entry := "v:\n  type: json.JSONDataset\n  filepath: s3://bucket/v.json\n  versioned: true\n  credentials: s3\n"
	for _, ver := range []string{"2024-01-01T00.00.00.000Z", "2024-02-01T00.00.00.000Z"} {
		c := s3Catalog(t, srv, entry, Options{SaveVersion: ver})
		if err := c.Save(ctx, "v", ver); err != nil {
			t.Fatal(err)
		}
		wantErr(t, c.Save(ctx, "v", ver), "must not exist if versioning is enabled")
	}
	if _, err := os.Stat(srv.Root + "/bucket/v.json/2024-02-01T00.00.00.000Z/v.json"); err != nil {
		t.Fatalf("Kedro's versioned layout: %v", err)
	}
	var got string
	c := s3Catalog(t, srv, entry, Options{})
	if err := c.Load(ctx, "v", &got); err != nil || got != "2024-02-01T00.00.00.000Z" {
		t.Errorf("latest = %q, %v", got, err)
	}
	pinned := s3Catalog(t, srv, entry, Options{LoadVersions: map[string]string{"v": "2024-01-01T00.00.00.000Z"}})
	if err := pinned.Load(ctx, "v", &got); err != nil || got != "2024-01-01T00.00.00.000Z" {
		t.Errorf("pinned = %q, %v", got, err)
	}
	missing := s3Catalog(t, srv, entry, Options{LoadVersions: map[string]string{"v": "2023-01-01T00.00.00.000Z"}})
	ds, err := missing.Dataset("v")
	if err != nil {
		t.Fatal(err)
	}
	wantErr(t, PinnedVersionMissing(ds), "that version does not exist", "the latest version is 2024-02-01T00.00.00.000Z")
}

func TestS3PartitionsAndIncremental(t *testing.T) {
	srv := tooltest.StartS3(t, "bucket")
	ctx := context.Background()
	c := s3Catalog(t, srv, `
parts:
  type: partitions.PartitionedDataset
  path: s3://bucket/parts
  dataset: text.TextDataset
  filename_suffix: .txt
  credentials: s3
inc:
  type: partitions.IncrementalDataset
  path: s3://bucket/parts
  dataset: text.TextDataset
  filename_suffix: .txt
  credentials: s3
`, Options{})
	if err := c.Save(ctx, "parts", map[string]string{"a": "A", "sub/b": "B"}); err != nil {
		t.Fatal(err)
	}
	// A hidden object is no partition.
	if err := os.WriteFile(srv.Root+"/bucket/parts/.tmp.txt", []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	var parts Partitions
	if err := c.Load(ctx, "parts", &parts); err != nil {
		t.Fatal(err)
	}
	if ids := sortedIDs(parts); fmt.Sprint(ids) != "[a sub/b]" {
		t.Fatalf("ids = %v", ids)
	}
	var s string
	if err := parts["sub/b"](ctx, &s); err != nil || s != "B" {
		t.Errorf("sub/b = %q, %v", s, err)
	}
	if err := c.Load(ctx, "inc", &parts); err != nil || len(parts) != 2 {
		t.Fatalf("incremental: %v, %v", sortedIDs(parts), err)
	}
	ds, _ := c.Dataset("inc")
	if err := ds.(Confirmer).Confirm(ctx); err != nil {
		t.Fatal(err)
	}
	if b, err := os.ReadFile(srv.Root + "/bucket/parts/CHECKPOINT"); err != nil || string(b) != "sub/b" {
		t.Fatalf("checkpoint = %q, %v", b, err)
	}
	if err := c.Save(ctx, "parts", map[string]string{"z": "Z"}); err != nil {
		t.Fatal(err)
	}
	again := s3Catalog(t, srv, "inc:\n  type: partitions.IncrementalDataset\n  path: s3://bucket/parts\n  dataset: text.TextDataset\n  filename_suffix: .txt\n  credentials: s3\n", Options{})
	if err := again.Load(ctx, "inc", &parts); err != nil || fmt.Sprint(sortedIDs(parts)) != "[z]" {
		t.Errorf("after the checkpoint: %v, %v", sortedIDs(parts), err)
	}
}

func sortedIDs(p Partitions) []string {
	ids := make([]string, 0, len(p))
	for id := range p {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

// TestS3BadInputs: each failure names the dataset and the URL, never the
// secret.
func TestS3BadInputs(t *testing.T) {
	srv := tooltest.StartS3(t, "bucket")
	ctx := context.Background()
	if err := os.MkdirAll(srv.Root+"/bucket/folder", 0o755); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(srv.Root+"/bucket/folder/x.json", []byte("{}"), 0o644)
	c := s3Catalog(t, srv, `
nobucket: {type: json.JSONDataset, filepath: "s3://missing/x.json", credentials: s3}
wrong: {type: json.JSONDataset, filepath: "s3://bucket/x.json", credentials: wrong}
folder: {type: json.JSONDataset, filepath: "s3://bucket/folder", credentials: s3}
absent: {type: json.JSONDataset, filepath: "s3://bucket/absent.json", credentials: s3}
`, Options{})
	check := func(name string) error {
		ds, err := c.Dataset(name)
		if err != nil {
			return err
		}
		return ds.(StorageChecker).CheckStorage(ctx)
	}
	wantErr(t, check("nobucket"), "s3://missing/x.json", "the bucket 'missing' does not exist at "+srv.Endpoint)
	err := check("wrong")
	wantErr(t, err, "s3://bucket/x.json", "access denied at "+srv.Endpoint)
	if strings.Contains(err.Error(), "wrong-secret") {
		t.Errorf("the message shows the secret: %v", err)
	}
	var v any
	wantErr(t, c.Load(ctx, "folder", &v), "folder: Failed while loading data from s3://bucket/folder", "is a folder")
	err = c.Load(ctx, "absent", &v)
	wantErr(t, err, "absent: Failed while loading data from s3://bucket/absent.json", "does not exist")
	var se *storage.Error
	if !errors.As(err, &se) {
		t.Errorf("want a *storage.Error inside: %T", err)
	}
	wantErr(t, fromConfigErr("x: {type: json.JSONDataset, filepath: s3://b/x.json, credentials: nosuch}"), "Unable to find credentials 'nosuch'")
}

// fromConfigErr builds a one-entry catalog and returns the entry's error.
func fromConfigErr(text string) error {
	entries, err := parseEntries(text)
	if err != nil {
		return err
	}
	c, err := FromConfig(entries, nil, Options{})
	if err != nil {
		return err
	}
	_, err = c.Dataset(entries[0].Name)
	return err
}

// TestS3FailedSaveKeepsOldObject: a codec failing midway commits nothing.
func TestS3FailedSaveKeepsOldObject(t *testing.T) {
	srv := tooltest.StartS3(t, "bucket")
	ctx := context.Background()
	c := s3Catalog(t, srv, "j: {type: json.JSONDataset, filepath: s3://bucket/j.json, credentials: s3}\n", Options{})
	if err := c.Save(ctx, "j", map[string]int{"old": 1}); err != nil {
		t.Fatal(err)
	}
	if err := c.Save(ctx, "j", map[string]any{"bad": func() {}}); err == nil {
		t.Fatal("saving a func succeeded")
	}
	b, err := os.ReadFile(srv.Root + "/bucket/j.json")
	if err != nil || !strings.Contains(string(b), "old") {
		t.Errorf("after a failed save: %q, %v", b, err)
	}
}

// TestS3StagedFiles: a command node's output is a local file uploaded on
// Commit (nothing before it, nothing after Abort), and its input a local
// copy.
func TestS3StagedFiles(t *testing.T) {
	srv := tooltest.StartS3(t, "bucket")
	ctx := context.Background()
	c := s3Catalog(t, srv, "o: {type: text.TextDataset, filepath: s3://bucket/o.txt, versioned: true, credentials: s3}\n", Options{})
	ds, err := c.Dataset("o")
	if err != nil {
		t.Fatal(err)
	}
	rf := ds.(RemoteFile)
	if !rf.Remote() {
		t.Fatal("an s3:// dataset is not Remote")
	}
	aborted, err := rf.StageSave(ctx)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(aborted.Path, []byte("half"), 0o644)
	aborted.Abort()
	if _, err := os.Stat(aborted.Path); !os.IsNotExist(err) {
		t.Errorf("Abort left %s", aborted.Path)
	}
	s, err := rf.StageSave(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Commit(); !errors.Is(err, ErrNotWritten) {
		t.Errorf("Commit of nothing = %v, want ErrNotWritten", err)
	}
	s, _ = rf.StageSave(ctx)
	if err := os.WriteFile(s.Path, []byte("out"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := s.Commit(); err != nil {
		t.Fatal(err)
	}
	if s.Target() != "s3://bucket/o.txt/2024-01-15T10.30.00.000Z/o.txt" {
		t.Errorf("target = %s", s.Target())
	}
	dst := t.TempDir() + "/in"
	if err := rf.FetchFile(ctx, dst); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(dst); string(b) != "out" {
		t.Errorf("fetched %q", b)
	}
}
