package catalog

import "context"

// Dataset loads and saves one named piece of data. Signatures use only
// standard types so that users can write their own.
type Dataset interface {
	// Load decodes the data into dst, a non-nil pointer to the consuming
	// node parameter's type (possibly *any).
	Load(ctx context.Context, dst any) error
	Save(ctx context.Context, v any) error
	Exists(ctx context.Context) (bool, error)
	Describe() map[string]any
}

// Releaser is implemented by datasets that can drop what they hold (memory,
// caches) once the last consumer in a run has finished.
type Releaser interface{ Release() }
