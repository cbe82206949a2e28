// Package all links every kedrogo dataset package whose driver is too
// heavy for the core — Parquet (parquet-go), SQL (SQLite in pure Go and
// PostgreSQL) and Excel (excelize) — with one import:
//
//	import _ "github.com/kedrogo/kedrogo/datasets/all"
//
// Each package adds its catalog types when imported, as database/sql
// drivers do. A project that wants a smaller binary imports only the
// packages it uses (see the README for what each costs).
package all

import (
	_ "github.com/kedrogo/kedrogo/datasets/excel"
	_ "github.com/kedrogo/kedrogo/datasets/parquet"
	_ "github.com/kedrogo/kedrogo/datasets/sql"
)
