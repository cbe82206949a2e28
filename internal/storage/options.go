package storage

import (
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strings"
)

// Options are a catalog entry's storage settings: its resolved credentials
// mapping and its fs_args, merged as Kedro hands them to fsspec (fs_args
// win).
type Options struct {
	Credentials map[string]any
	FSArgs      map[string]any
}

// settings are the options a provider understands, flattened from the
// shapes s3fs, gcsfs and adlfs take.
type settings struct {
	// S3 (s3fs): key/secret/token or client_kwargs' aws_* names.
	key, secret, token string
	endpoint, region   string
	profile            string
	anon               bool
	virtualHost        bool // config_kwargs: {s3: {addressing_style: virtual}}
	// GCS (gcsfs): token is a service-account JSON file, "anon" or
	// "google_default"; project is informational.
	project string
	// Azure (adlfs).
	accountName, accountKey, sasToken, connString string
}

// accepted lists, per provider, the keys kedrogo reads; anything else is
// an error, so a misspelt key does not silently fall back to the default
// chain.
var accepted = map[provider][]string{
	providerS3: {"key", "secret", "token", "aws_access_key_id", "aws_secret_access_key", "aws_session_token",
		"endpoint_url", "region_name", "client_kwargs", "config_kwargs", "profile", "anon"},
	providerGCS:   {"token", "project", "endpoint_url"},
	providerAzure: {"account_name", "account_key", "sas_token", "connection_string", "anon"},
	providerHTTP:  {"headers"},
	providerMem:   {},
}

// parse reads o for provider p.
func (o Options) parse(p provider) (settings, error) {
	merged := map[string]any{}
	for k, v := range o.Credentials {
		merged[k] = v
	}
	for k, v := range o.FSArgs {
		merged[k] = v
	}
	var s settings
	var unknown []string
	str := func(k string, v any) (string, error) {
		switch v := v.(type) {
		case string:
			return v, nil
		case nil:
			return "", nil
		}
		return "", fmt.Errorf("'%s' must be a string", k)
	}
	set := func(k string, v any) error {
		var err error
		switch k {
		case "key", "aws_access_key_id":
			s.key, err = str(k, v)
		case "secret", "aws_secret_access_key":
			s.secret, err = str(k, v)
		case "token", "aws_session_token":
			s.token, err = str(k, v)
		case "endpoint_url":
			s.endpoint, err = str(k, v)
		case "region_name":
			s.region, err = str(k, v)
		case "profile":
			s.profile, err = str(k, v)
		case "project":
			s.project, err = str(k, v)
		case "account_name":
			s.accountName, err = str(k, v)
		case "account_key":
			s.accountKey, err = str(k, v)
		case "sas_token":
			s.sasToken, err = str(k, v)
		case "connection_string":
			s.connString, err = str(k, v)
		case "anon":
			b, ok := v.(bool)
			if !ok {
				return fmt.Errorf("'anon' must be true or false")
			}
			s.anon = b
		case "config_kwargs":
			// s3fs: config_kwargs: {s3: {addressing_style: virtual|path}}
			m, _ := v.(map[string]any)
			if s3, ok := m["s3"].(map[string]any); ok {
				s.virtualHost = s3["addressing_style"] == "virtual"
			}
		case "headers":
		}
		return err
	}
	keys := make([]string, 0, len(merged))
	for k := range merged {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if !slices.Contains(accepted[p], k) {
			unknown = append(unknown, k)
			continue
		}
		if k == "client_kwargs" {
			m, ok := merged[k].(map[string]any)
			if !ok {
				return s, fmt.Errorf("'client_kwargs' must be a mapping (aws_access_key_id, aws_secret_access_key, endpoint_url, region_name)")
			}
			for ck, cv := range m {
				switch ck {
				case "aws_access_key_id", "aws_secret_access_key", "aws_session_token", "endpoint_url", "region_name":
					if err := set(ck, cv); err != nil {
						return s, fmt.Errorf("client_kwargs: %w", err)
					}
				default:
					return s, fmt.Errorf("client_kwargs: kedrogo does not read '%s'; it reads aws_access_key_id, aws_secret_access_key, aws_session_token, endpoint_url and region_name", ck)
				}
			}
			continue
		}
		if err := set(k, merged[k]); err != nil {
			return s, err
		}
	}
	if len(unknown) > 0 {
		return s, fmt.Errorf("kedrogo does not read %s for %s storage; it reads %s (from credentials and fs_args)",
			quoteList(unknown), p, quoteList(accepted[p]))
	}
	if (s.key == "") != (s.secret == "") && p == providerS3 {
		return s, fmt.Errorf("the credentials give an access key without a secret, or a secret without a key; give both (key and secret, or client_kwargs' aws_access_key_id and aws_secret_access_key)")
	}
	return s, nil
}

func quoteList(xs []string) string {
	if len(xs) == 0 {
		return "nothing"
	}
	q := make([]string, len(xs))
	for i, x := range xs {
		q[i] = "'" + x + "'"
	}
	return strings.Join(q, ", ")
}

// fingerprint identifies settings in the bucket cache without keeping the
// secret readable there.
func (s settings) fingerprint() string {
	b, _ := json.Marshal([]any{s.key, s.secret, s.token, s.endpoint, s.region, s.profile, s.anon, s.virtualHost,
		s.project, s.accountName, s.accountKey, s.sasToken, s.connString})
	sum := sha256.Sum256(b)
	return string(sum[:])
}
