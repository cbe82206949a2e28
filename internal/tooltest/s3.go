package tooltest

import (
	"bytes"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// S3 is a running S3-compatible server.
type S3 struct {
	Endpoint string // http://127.0.0.1:PORT
	Key      string
	Secret   string
	Root     string // its folder: each top-level folder is a bucket
}

// StartS3 starts versitygw on a free port of 127.0.0.1 over a fresh
// folder, with the given buckets, and stops it when the test ends.
func StartS3(t testing.TB, buckets ...string) *S3 {
	t.Helper()
	bin := Binary(t, "versitygw")
	root := t.TempDir()
	for _, b := range buckets {
		if err := os.Mkdir(filepath.Join(root, b), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	s := &S3{Key: "kedrogo-test-key", Secret: "kedrogo-test-secret", Root: root}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	s.Endpoint = "http://" + addr
	var logs bytes.Buffer
	cmd := exec.Command(bin, "--access", s.Key, "--secret", s.Secret, "--port", addr, "posix", "--sidecar", t.TempDir(), root)
	cmd.Stdout, cmd.Stderr = &logs, &logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	t.Cleanup(func() {
		cmd.Process.Kill()
		<-exited
	})
	// Wait for the port to accept connections (or the server to die).
	deadline := time.Now().Add(30 * time.Second)
	for {
		c, err := net.DialTimeout("tcp", addr, time.Second)
		if err == nil {
			c.Close()
			return s
		}
		select {
		case err := <-exited:
			t.Fatalf("versitygw exited: %v\n%s", err, logs.String())
		case <-time.After(20 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("versitygw did not listen on %s within 30s:\n%s", addr, logs.String())
		}
	}
}

// Env is the environment a process needs to reach s through the AWS
// default chain: the key, the secret, the endpoint and a region.
func (s *S3) Env() []string {
	return []string{
		"AWS_ACCESS_KEY_ID=" + s.Key,
		"AWS_SECRET_ACCESS_KEY=" + s.Secret,
		"AWS_ENDPOINT_URL=" + s.Endpoint,
		"AWS_REGION=us-east-1",
	}
}

func (s *S3) String() string { return fmt.Sprintf("versitygw at %s", s.Endpoint) }
