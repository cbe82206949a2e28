// Package sql is kedrogo's pandas.SQLTableDataset and
// pandas.SQLQueryDataset on database/sql, with two drivers linked in:
// SQLite, pure Go (modernc.org/sqlite, no cgo), and PostgreSQL
// (github.com/jackc/pgx/v5/stdlib).
//
// Register both types with [Types] (or the datasets/all package); the
// catalog entries are Kedro's:
//
//	shuttles_table:
//	  type: pandas.SQLTableDataset
//	  credentials: db_credentials     # conf/local/credentials.yml: db_credentials: {con: "..."}
//	  table_name: shuttles
//	  load_args: {schema: public, columns: [id, engines]}
//	  save_args: {if_exists: replace} # fail (the default), replace or append
//
//	shuttle_ids:
//	  type: pandas.SQLQueryDataset
//	  credentials: db_credentials
//	  sql: SELECT id FROM shuttles WHERE engines > :n   # or filepath: queries/ids.sql
//	  load_args: {params: {n: 2}}                        # or a list for ? / $1 / %s
//
// The connection string is SQLAlchemy's URL: sqlite:///data/app.db
// (relative to the project root), sqlite:////abs/path/app.db, sqlite://
// (in memory), postgresql://user:password@host:5432/db (a driver suffix
// such as postgresql+psycopg2:// is ignored; ?host=/dir reaches a unix
// socket). It is never printed with its password.
//
// Rows load into []T or []*T, T a struct whose fields match columns by a
// `kedrogo:"col"` or `db:"col"` tag or by name (CompanyID matches
// company_id; case and underscores are ignored), or into
// []map[string]any (and any). A column T lacks is skipped; a field no
// column fills is an error, as is a value the field cannot hold (a NULL
// needs a pointer or sql.Null field). Saving []T or []map[string]any runs
// in one transaction and creates the table when it is missing, with column
// types from the Go types.
//
// Arguments: load_args schema, columns, params (SQLQueryDataset) and
// save_args schema, if_exists, chunksize take effect. pandas' index_col,
// coerce_float, parse_dates, dtype, dtype_backend, load chunksize, index,
// index_label, method and execution_options are accepted and ignored: Go
// rows have no index and their types come from T. Any other key is an
// error with the nearest accepted one.
package sql
