package runner

import "context"

type runIDKey struct{}

// RunID returns the id of the run a node's context belongs to ("" outside
// a run).
func RunID(ctx context.Context) string {
	id, _ := ctx.Value(runIDKey{}).(string)
	return id
}

func withRunID(ctx context.Context, id string) context.Context {
	return context.WithValue(ctx, runIDKey{}, id)
}
