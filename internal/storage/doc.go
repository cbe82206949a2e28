// Package storage reads and writes the objects of Kedro's fsspec URLs
// through one blob layer (gocloud.dev/blob): s3:// and s3a:// (Amazon S3
// and S3-compatible servers), http:// and https:// (read-only, plain GET),
// and mem:// (an in-process bucket for tests). Google Cloud Storage
// (gs://, gcs://) and Azure (abfs://, abfss://, az://) are recognised and
// refused with a clear message: their SDKs are not linked in yet.
// Local paths and file:// are the catalog's business, not this package's.
//
// A URL's credentials come the Kedro way: the catalog entry's resolved
// credentials mapping (key/secret/token, or client_kwargs with
// aws_access_key_id, aws_secret_access_key, endpoint_url and region_name,
// as s3fs takes them) merged with its fs_args; without them, the
// AWS default chain (AWS_* variables including AWS_ENDPOINT_URL, ~/.aws,
// instance and pod roles).
//
// Bucket handles are opened lazily and shared by every URL of the same
// scheme, bucket and credentials for the life of the process. A save is
// one blob.Writer: a single PUT, or a multipart upload completed only when
// the writer closes without error, so a reader sees the old object or the
// whole new one; an aborted save cancels the writer's context and nothing
// is committed. Errors name the URL and what went wrong in plain words,
// never a secret.
package storage
