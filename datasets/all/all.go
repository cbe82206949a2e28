// Package all links every kedrogo dataset package whose driver is too
// heavy for the core: Parquet (parquet-go), SQL (SQLite in pure Go and
// PostgreSQL) and Excel (excelize). A project made by `kedrogo new` and
// the stand-alone kedrogo link it; a project that wants a smaller binary
// registers only the packages it uses.
//
//	kedrogo.Main(pipelines, all.Options()...)
package all

import (
	"maps"

	"github.com/kedrogo/kedrogo"
	"github.com/kedrogo/kedrogo/datasets/excel"
	"github.com/kedrogo/kedrogo/datasets/parquet"
	"github.com/kedrogo/kedrogo/datasets/sql"
)

// Types maps every linked type name to its factory, for
// kedrogo.RunOptions.DatasetTypes.
func Types() map[string]kedrogo.DatasetFactory {
	types := map[string]kedrogo.DatasetFactory{
		parquet.TypeName:        parquet.Factory,
		"pandas.ParquetDataset": parquet.Factory,
	}
	maps.Copy(types, sql.Types())
	maps.Copy(types, excel.Types())
	return types
}

// Options registers every linked type with kedrogo.Main or Execute.
func Options() []kedrogo.Option {
	var opts []kedrogo.Option
	for name, f := range Types() {
		opts = append(opts, kedrogo.WithDatasetType(name, f))
	}
	return opts
}
