package kedrogo

import (
	"context"

	"github.com/rs/zerolog"

	"github.com/kedrogo/kedrogo/internal/runner"
)

// RunID returns the id of the run a node's context belongs to — the UTC
// timestamp that is also the save version of versioned datasets — or ""
// outside a run.
func RunID(ctx context.Context) string { return runner.RunID(ctx) }

// Logger returns the logger a node's context carries, with the node's
// fields set; outside a run it is zerolog's disabled logger.
func Logger(ctx context.Context) *zerolog.Logger { return zerolog.Ctx(ctx) }
