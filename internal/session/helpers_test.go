package session

import (
	"context"

	"github.com/kedrogo/kedrogo/internal/catalog"
)

type catalogDataset = catalog.Dataset

// memory returns a MemoryDataset holding v.
func memory(v any) catalog.Dataset {
	m := catalog.NewMemoryDataset()
	_ = m.Save(context.Background(), v)
	return m
}
