package main

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/kedrogo/kedrogo"
)

// Comparison is the reporting node's input: both variants' metrics.
type Comparison struct {
	Active    Metrics
	Candidate Metrics
}

// compareModels writes a short markdown report.
func compareModels(c Comparison) string {
	winner := "active"
	if c.Candidate.R2 > c.Active.R2 {
		winner = "candidate"
	}
	var b strings.Builder
	b.WriteString("# Shuttle price models\n\n| variant | R² | MAE | features | test rows |\n|---|---|---|---|---|\n")
	for _, v := range []struct {
		name string
		m    Metrics
	}{{"active", c.Active}, {"candidate", c.Candidate}} {
		fmt.Fprintf(&b, "| %s | %.3f | %.0f | %d | %d |\n", v.name, v.m.R2, v.m.MAE, v.m.Features, v.m.Rows)
	}
	fmt.Fprintf(&b, "\nBetter on held-out data: **%s**.\n", winner)
	return b.String()
}

// markdownCodec is a custom file format: a markdown report whose last
// line is an HMAC-SHA256 signature with a key from credentials.yml, so
// readers can tell the report came from this pipeline. Loading checks it.
type markdownCodec struct{ key []byte }

const signaturePrefix = "<!-- signature: "

func (c markdownCodec) sign(body string) string {
	mac := hmac.New(sha256.New, c.key)
	mac.Write([]byte(body))
	return hex.EncodeToString(mac.Sum(nil))
}

func (c markdownCodec) Encode(w io.Writer, v any) error {
	body, ok := v.(string)
	if !ok {
		return fmt.Errorf("a signed markdown report saves a string, got %T", v)
	}
	_, err := fmt.Fprintf(w, "%s%s%s -->\n", body, signaturePrefix, c.sign(body))
	return err
}

func (c markdownCodec) Decode(f *os.File, dst any) error {
	b, err := io.ReadAll(f)
	if err != nil {
		return err
	}
	text := string(b)
	i := strings.LastIndex(text, signaturePrefix)
	if i < 0 {
		return errors.New("the report has no signature")
	}
	body, sig := text[:i], strings.TrimSuffix(strings.TrimSpace(text[i+len(signaturePrefix):]), " -->")
	if !hmac.Equal([]byte(sig), []byte(c.sign(body))) {
		return errors.New("the report's signature does not match: it was changed, or signed with another key")
	}
	p, ok := dst.(*string)
	if !ok {
		return fmt.Errorf("a signed markdown report loads into a string, not %T", dst)
	}
	*p = body
	return nil
}

// newSignedMarkdown is the factory registered with kedrogo.WithDatasetType.
// The entry needs a filepath and credentials holding a key.
func newSignedMarkdown(cfg kedrogo.DatasetConfig) (kedrogo.Dataset, error) {
	var spec struct {
		Filepath    string         `yaml:"filepath"`
		Versioned   bool           `yaml:"versioned"`
		Credentials map[string]any `yaml:"credentials"`
	}
	if err := cfg.Decode(&spec); err != nil {
		return nil, err
	}
	key, _ := cfg.Credentials["key"].(string)
	if key == "" {
		return nil, cfg.Errorf("credentials must hold a non-empty 'key' (see conf/local/credentials.yml)")
	}
	// The credentials are the signing key, not the storage's: a filepath
	// on s3:// reaches the bucket through the AWS default chain.
	cfg.Credentials = nil
	return kedrogo.NewFileDataset(cfg, markdownCodec{key: []byte(key)})
}
