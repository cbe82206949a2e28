package sql

import "github.com/kedrogo/kedrogo/internal/catalog"

// Types maps this package's type names to their factories, for
// catalog.Options or kedrogo.WithDatasetType.
func Types() map[string]catalog.Factory {
	return map[string]catalog.Factory{TableTypeName: TableFactory, QueryTypeName: QueryFactory}
}
