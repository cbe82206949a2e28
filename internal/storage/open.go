package storage

import (
	"context"
	"fmt"
	"net/http"
	"sync"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"gocloud.dev/blob"
	"gocloud.dev/blob/memblob"
	"gocloud.dev/blob/s3blob"
)

// cacheKey identifies a bucket handle: the same bucket reached with other
// credentials is another handle.
type cacheKey struct {
	prov        provider
	bucket      string
	account     string
	fingerprint string
}

var (
	cacheMu sync.Mutex
	cache   = map[cacheKey]*openOnce{}
)

// openOnce opens a bucket the first time one of its URLs is used; a
// failure is remembered for the run (the next dataset on the same bucket
// gets the same message without another round of retries).
type openOnce struct {
	once   sync.Once
	bucket *blob.Bucket
	err    error
}

// bucketFor returns the shared handle for l opened with s.
func bucketFor(ctx context.Context, l Location, s settings) (*blob.Bucket, error) {
	k := cacheKey{l.prov, l.Bucket, l.Account, s.fingerprint()}
	cacheMu.Lock()
	o := cache[k]
	if o == nil {
		o = &openOnce{}
		cache[k] = o
	}
	cacheMu.Unlock()
	o.once.Do(func() {
		// Opened with a context of its own: the handle outlives the
		// dataset operation that opened it.
		o.bucket, o.err = openBucket(context.WithoutCancel(ctx), l, s)
	})
	return o.bucket, o.err
}

func openBucket(ctx context.Context, l Location, s settings) (*blob.Bucket, error) {
	switch l.prov {
	case providerS3:
		return openS3(ctx, l, s)
	case providerMem:
		return memBucket(l.Bucket), nil
	}
	return nil, fmt.Errorf("no bucket for %s://", l.Scheme)
}

// openS3 builds an S3 client the way s3fs would from the same settings:
// explicit keys, else the AWS default chain (environment, shared config,
// instance role). A custom endpoint (endpoint_url, AWS_ENDPOINT_URL) is
// addressed path-style, which S3-compatible servers expect, unless
// config_kwargs asks for virtual hosts.
func openS3(ctx context.Context, l Location, s settings) (*blob.Bucket, error) {
	var opts []func(*config.LoadOptions) error
	if s.region != "" {
		opts = append(opts, config.WithRegion(s.region))
	}
	if s.profile != "" {
		opts = append(opts, config.WithSharedConfigProfile(s.profile))
	}
	switch {
	case s.anon:
		opts = append(opts, config.WithCredentialsProvider(aws.AnonymousCredentials{}))
	case s.key != "":
		opts = append(opts, config.WithCredentialsProvider(credentials.NewStaticCredentialsProvider(s.key, s.secret, s.token)))
	}
	cfg, err := config.LoadDefaultConfig(ctx, opts...)
	if err != nil {
		return nil, fmt.Errorf("reading the AWS configuration: %w", err)
	}
	if cfg.Region == "" {
		cfg.Region = "us-east-1" // S3's default region; other regions need region_name or AWS_REGION
	}
	client := s3.NewFromConfig(cfg, func(o *s3.Options) {
		if s.endpoint != "" {
			o.BaseEndpoint = aws.String(s.endpoint)
		}
		if o.BaseEndpoint != nil && !s.virtualHost {
			o.UsePathStyle = true
		}
		// S3-compatible servers do not all know the newer default
		// checksums; send and check them only where S3 requires them.
		o.RequestChecksumCalculation = aws.RequestChecksumCalculationWhenRequired
		o.ResponseChecksumValidation = aws.ResponseChecksumValidationWhenRequired
	})
	return s3blob.OpenBucket(ctx, client, l.Bucket, &s3blob.Options{RequestChecksumCalculation: aws.RequestChecksumCalculationWhenRequired})
}

var (
	memMu      sync.Mutex
	memBuckets = map[string]*blob.Bucket{}
)

// memBucket is the process's in-memory bucket of that name, so a save
// through one dataset is seen by a load through another.
func memBucket(name string) *blob.Bucket {
	memMu.Lock()
	defer memMu.Unlock()
	b := memBuckets[name]
	if b == nil {
		b = memblob.OpenBucket(nil)
		memBuckets[name] = b
	}
	return b
}

// httpClient serves http(s):// loads.
var httpClient = &http.Client{Transport: http.DefaultTransport}
