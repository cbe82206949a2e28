package sql

import (
	"context"
	dbsql "database/sql"
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"time"
)

// tableRef names a table, optionally in a schema (save_args/load_args
// schema, as pandas' to_sql and read_sql_table take it).
type tableRef struct{ schema, name string }

func (t tableRef) String() string {
	if t.schema != "" {
		return t.schema + "." + t.name
	}
	return t.name
}

func (t tableRef) quoted() string {
	if t.schema != "" {
		return quoteIdent(t.schema) + "." + quoteIdent(t.name)
	}
	return quoteIdent(t.name)
}

// quoteIdent quotes a name as both SQLite and PostgreSQL read it, so a
// table or column keeps its exact spelling (pandas' to_sql does the same).
func quoteIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

// querier is what *sql.DB and *sql.Tx share.
type querier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *dbsql.Row
}

// tableExists asks the database's catalog (SQLAlchemy's has_table).
func tableExists(ctx context.Context, q querier, d dialect, t tableRef) (bool, error) {
	var n int
	var err error
	if d == postgres {
		err = q.QueryRowContext(ctx, `SELECT count(*) FROM information_schema.tables
			WHERE table_name = $1 AND table_schema = COALESCE(NULLIF($2, ''), current_schema())`, t.name, t.schema).Scan(&n)
	} else {
		master := "sqlite_master"
		if t.schema != "" {
			master = quoteIdent(t.schema) + ".sqlite_master"
		}
		err = q.QueryRowContext(ctx, "SELECT count(*) FROM "+master+" WHERE type IN ('table', 'view') AND name = ?", t.name).Scan(&n)
	}
	return n > 0, err
}

// rowSource is a value to save, seen as columns and rows.
type rowSource struct {
	columns []string
	types   []string // column types for CREATE TABLE
	n       int
	row     func(i int, dst []any) // fills dst with row i's values
}

// sourceOf accepts []T or []*T (T a struct) and []map[string]any.
func sourceOf(v any, d dialect) (*rowSource, error) {
	if maps, ok := v.([]map[string]any); ok {
		return mapSource(maps, d), nil
	}
	sv := reflect.ValueOf(v)
	if !sv.IsValid() {
		return nil, fmt.Errorf("cannot save nil")
	}
	elem, err := rowsType(sv.Type())
	if err != nil {
		return nil, err
	}
	shape, err := shapeOf(elem)
	if err != nil {
		return nil, err
	}
	src := &rowSource{n: sv.Len()}
	for _, f := range shape.fields {
		typ, err := columnType(f.typ, d)
		if err != nil {
			return nil, fmt.Errorf("field %s.%s: %v", elem, f.name, err)
		}
		src.columns = append(src.columns, f.column)
		src.types = append(src.types, typ)
	}
	for i := 0; i < src.n; i++ {
		if r := sv.Index(i); r.Kind() == reflect.Pointer && r.IsNil() {
			return nil, fmt.Errorf("row %d is nil", i+1)
		}
	}
	src.row = func(i int, dst []any) {
		r := sv.Index(i)
		if r.Kind() == reflect.Pointer {
			r = r.Elem()
		}
		for j, f := range shape.fields {
			fv := r.FieldByIndex(f.index)
			if fv.Kind() == reflect.Pointer && fv.IsNil() {
				dst[j] = nil
			} else {
				dst[j] = fv.Interface()
			}
		}
	}
	return src, nil
}

// mapSource: the columns are the union of the maps' keys, sorted; each
// column's type comes from its first non-nil value.
func mapSource(maps []map[string]any, d dialect) *rowSource {
	types := map[string]string{}
	for _, m := range maps {
		for k, v := range m {
			if t, ok := types[k]; ok && t != "" {
				continue
			}
			types[k] = ""
			if v != nil {
				types[k], _ = columnType(reflect.TypeOf(v), d)
			}
		}
	}
	src := &rowSource{n: len(maps)}
	for k := range types {
		src.columns = append(src.columns, k)
	}
	sort.Strings(src.columns)
	for _, c := range src.columns {
		t := types[c]
		if t == "" {
			t = "TEXT"
		}
		src.types = append(src.types, t)
	}
	src.row = func(i int, dst []any) {
		for j, c := range src.columns {
			dst[j] = maps[i][c]
		}
	}
	return src
}

var (
	timeType    = reflect.TypeFor[time.Time]()
	bytesType   = reflect.TypeFor[[]byte]()
	nullTypeFor = map[reflect.Type]reflect.Type{
		reflect.TypeFor[dbsql.NullString]():  reflect.TypeFor[string](),
		reflect.TypeFor[dbsql.NullInt64]():   reflect.TypeFor[int64](),
		reflect.TypeFor[dbsql.NullInt32]():   reflect.TypeFor[int32](),
		reflect.TypeFor[dbsql.NullInt16]():   reflect.TypeFor[int16](),
		reflect.TypeFor[dbsql.NullFloat64](): reflect.TypeFor[float64](),
		reflect.TypeFor[dbsql.NullBool]():    reflect.TypeFor[bool](),
		reflect.TypeFor[dbsql.NullTime]():    timeType,
	}
)

// columnType is the SQL column type a Go type is stored as.
func columnType(t reflect.Type, d dialect) (string, error) {
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if u, ok := nullTypeFor[t]; ok {
		t = u
	}
	pg := d == postgres
	switch {
	case t == timeType:
		return pick(pg, "TIMESTAMPTZ", "TIMESTAMP"), nil
	case t == bytesType:
		return pick(pg, "BYTEA", "BLOB"), nil
	}
	switch t.Kind() {
	case reflect.Bool:
		return "BOOLEAN", nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint8, reflect.Uint16, reflect.Uint32:
		return pick(pg, "BIGINT", "INTEGER"), nil
	case reflect.Float32, reflect.Float64:
		return pick(pg, "DOUBLE PRECISION", "REAL"), nil
	case reflect.String:
		return "TEXT", nil
	}
	return "", fmt.Errorf("type %s has no SQL column type; use a bool, integer (up to int64), float, string, []byte, time.Time, a pointer to one, or a sql.Null type", t)
}

func pick(pg bool, ifPG, otherwise string) string {
	if pg {
		return ifPG
	}
	return otherwise
}

// createTable creates t with src's columns.
func createTable(ctx context.Context, tx *dbsql.Tx, t tableRef, src *rowSource) error {
	defs := make([]string, len(src.columns))
	for i, c := range src.columns {
		defs[i] = quoteIdent(c) + " " + src.types[i]
	}
	_, err := tx.ExecContext(ctx, "CREATE TABLE "+t.quoted()+" ("+strings.Join(defs, ", ")+")")
	return err
}

// maxParams keeps one INSERT under both databases' bound-parameter limits
// (SQLite 32766, PostgreSQL 65535).
const maxParams = 30000

// insertRows inserts src in multi-row INSERTs of up to chunk rows.
func insertRows(ctx context.Context, tx *dbsql.Tx, d dialect, t tableRef, src *rowSource, chunk int) error {
	if src.n == 0 || len(src.columns) == 0 {
		return nil
	}
	per := maxParams / len(src.columns)
	if chunk > 0 && chunk < per {
		per = chunk
	}
	per = min(per, src.n)
	cols := make([]string, len(src.columns))
	for i, c := range src.columns {
		cols[i] = quoteIdent(c)
	}
	prefix := "INSERT INTO " + t.quoted() + " (" + strings.Join(cols, ", ") + ") VALUES "
	var stmt *dbsql.Stmt
	stmtRows := 0
	args := make([]any, per*len(cols))
	for start := 0; start < src.n; start += per {
		n := min(per, src.n-start)
		if n != stmtRows {
			if stmt != nil {
				stmt.Close()
			}
			var err error
			if stmt, err = tx.PrepareContext(ctx, prefix+placeholders(d, n, len(cols))); err != nil {
				return err
			}
			stmtRows = n
		}
		for i := 0; i < n; i++ {
			src.row(start+i, args[i*len(cols):(i+1)*len(cols)])
		}
		if _, err := stmt.ExecContext(ctx, args[:n*len(cols)]...); err != nil {
			stmt.Close()
			return fmt.Errorf("rows %d to %d: %w", start+1, start+n, err)
		}
	}
	return stmt.Close()
}

// placeholders renders rows × cols bound parameters: (?, ?), (?, ?) for
// SQLite, ($1, $2), ($3, $4) for PostgreSQL.
func placeholders(d dialect, rows, cols int) string {
	var b strings.Builder
	k := 0
	for r := 0; r < rows; r++ {
		if r > 0 {
			b.WriteString(", ")
		}
		b.WriteByte('(')
		for c := 0; c < cols; c++ {
			if c > 0 {
				b.WriteString(", ")
			}
			k++
			if d == postgres {
				b.WriteByte('$')
				b.WriteString(strconv.Itoa(k))
			} else {
				b.WriteByte('?')
			}
		}
		b.WriteByte(')')
	}
	return b.String()
}
