package sql

import "github.com/kedrogo/kedrogo/internal/catalog"

// Types maps this package's type names to their factories, for
// catalog.Options or kedrogo.WithDatasetType.
func Types() map[string]catalog.Factory {
	return map[string]catalog.Factory{TableTypeName: TableFactory, QueryTypeName: QueryFactory}
}

// Importing the package adds its types to every catalog of the binary
// (as database/sql drivers do): `import _ "github.com/kedrogo/kedrogo/datasets/sql"`.
func init() {
	for name, f := range Types() {
		catalog.Provide(name, f)
	}
}
