// Package parquet is kedrogo's parquet.ParquetDataset: a slice of structs
// ([]T) stored as an Apache Parquet file with github.com/parquet-go/parquet-go.
//
// Importing the package adds the type to every catalog of the binary,
// under [TypeName] and Kedro's pandas.ParquetDataset:
//
//	import _ "github.com/kedrogo/kedrogo/datasets/parquet"
//
// (projects made by `kedrogo new` and the stand-alone kedrogo have it). Call [Register] for each row type to take
// parquet-go's generic, columnar path (about twice as fast); other struct
// types work through a per-row reflection path.
//
//	companies:
//	  type: parquet.ParquetDataset
//	  filepath: data/02_intermediate/companies.parquet
//	  save_args: {compression: zstd}   # snappy (default), gzip, zstd, lz4, none
//	  versioned: true                  # optional
//
// Columns follow parquet-go's struct tags (`parquet:"name"`); a row type
// may read a subset of a file's columns.
package parquet
