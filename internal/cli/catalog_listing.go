package cli

import (
	"github.com/kedrogo/kedrogo/internal/catalog"
)

// Adapter until the catalog package exposes its listings.

func describeDatasets(o *catalogOptions, cat *catalog.Catalog) (any, error) {
	return nil, usageErrorf("catalog describe-datasets is not available yet")
}

func listPatterns(o *catalogOptions, cat *catalog.Catalog) (any, error) {
	return nil, usageErrorf("catalog list-patterns is not available yet")
}

func resolvePatterns(o *catalogOptions, cat *catalog.Catalog) (any, error) {
	return nil, usageErrorf("catalog resolve-patterns is not available yet")
}
