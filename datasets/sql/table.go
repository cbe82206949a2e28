package sql

import (
	"context"
	dbsql "database/sql"
	"errors"
	"fmt"

	"github.com/kedrogo/kedrogo/internal/catalog"
)

// Type names, as Kedro's catalogs write them.
const (
	TableTypeName = "pandas.SQLTableDataset"
	QueryTypeName = "pandas.SQLQueryDataset"
)

// credentials is Kedro's credentials mapping for SQL datasets.
type credentials struct {
	Con string `yaml:"con"`
}

// tableSpec is every key a pandas.SQLTableDataset entry may have; the
// pandas arguments that mean nothing for Go rows are in tableKedroArgs.
type tableSpec struct {
	TableName   string      `yaml:"table_name"`
	Credentials credentials `yaml:"credentials"`
	LoadArgs    struct {
		Schema  string   `yaml:"schema"`
		Columns []string `yaml:"columns"`
	} `yaml:"load_args"`
	SaveArgs struct {
		Schema    string `yaml:"schema"`
		IfExists  string `yaml:"if_exists"`
		ChunkSize int    `yaml:"chunksize"`
	} `yaml:"save_args"`
}

// readSQLArgs are pandas read_sql options with no meaning for Go rows:
// accepted (with a one-time warning) so Kedro catalogs load.
var readSQLArgs = map[string]string{
	"index_col":     "Go rows have no index; every column is a field",
	"coerce_float":  "the row type's fields decide how values convert",
	"parse_dates":   "a time.Time field takes a date or timestamp column",
	"dtype_backend": "no pandas dtypes in Go",
	"dtype":         "the row type's fields decide the types",
	"chunksize":     "rows load whole into the node's slice",
}

var tableKedroArgs = catalog.KedroArgs{
	Load: readSQLArgs,
	Save: map[string]string{
		"index":       "Go rows have no index",
		"index_label": "Go rows have no index",
		"dtype":       "column types follow the Go field types",
		"method":      "kedrogo always inserts with multi-row INSERTs in one transaction",
	},
}

// TableDataset is pandas.SQLTableDataset: one table, loaded whole and
// saved with save_args.if_exists (fail, the default, replace or append).
type TableDataset struct {
	name     string
	con      conn
	load     tableRef
	save     tableRef
	columns  []string
	ifExists string
	chunk    int
	describe map[string]any
}

// TableFactory builds a pandas.SQLTableDataset from its catalog entry.
func TableFactory(cfg catalog.Config) (catalog.Dataset, error) {
	var spec tableSpec
	if err := cfg.DecodeArgs(&spec, tableKedroArgs); err != nil {
		return nil, err
	}
	if spec.TableName == "" {
		return nil, cfg.Errorf("'table_name' is missing; name the table to load and save, e.g. table_name: shuttles")
	}
	c, err := conFromSpec(cfg, spec.Credentials)
	if err != nil {
		return nil, err
	}
	ifExists := spec.SaveArgs.IfExists
	switch ifExists {
	case "":
		ifExists = "fail" // pandas' default
	case "fail", "replace", "append":
	default:
		return nil, cfg.Errorf("save_args.if_exists '%s' is not one of fail, replace, append", ifExists)
	}
	d := &TableDataset{name: cfg.Name, con: c, columns: spec.LoadArgs.Columns, ifExists: ifExists,
		chunk:    spec.SaveArgs.ChunkSize,
		load:     tableRef{spec.LoadArgs.Schema, spec.TableName},
		save:     tableRef{spec.SaveArgs.Schema, spec.TableName},
		describe: map[string]any{"type": cfg.Type, "table_name": spec.TableName, "con": c.redacted}}
	if cfg.LoadArgs != nil {
		d.describe["load_args"] = cfg.LoadArgs
	}
	if cfg.SaveArgs != nil {
		d.describe["save_args"] = cfg.SaveArgs
	}
	return d, nil
}

// conFromSpec checks credentials.con; a missing or bad one is a
// configuration error (exit 2 before the run), never printing it whole.
func conFromSpec(cfg catalog.Config, cr credentials) (conn, error) {
	if cr.Con == "" {
		return conn{}, cfg.Errorf("credentials with a 'con' connection string are missing; "+
			"add `credentials: db_credentials` and, in conf/local/credentials.yml, db_credentials: {con: ...}, %s", conExamples)
	}
	c, err := parseCon(cr.Con, cfg.ProjectDir())
	if err != nil {
		return conn{}, cfg.Errorf("%v", err)
	}
	return c, nil
}

func (d *TableDataset) Describe() map[string]any { return d.describe }

func (d *TableDataset) fail(op string, err error) error {
	return &catalog.DatasetError{Dataset: d.name, Op: op, Path: d.con.redacted, Err: d.con.scrub(err)}
}

// Load reads the whole table (or load_args.columns of it) into dst.
func (d *TableDataset) Load(ctx context.Context, dst any) error {
	db, err := d.con.open(false)
	if err != nil {
		return d.fail("load", err)
	}
	cols := "*"
	if len(d.columns) > 0 {
		cols = ""
		for i, c := range d.columns {
			if i > 0 {
				cols += ", "
			}
			cols += quoteIdent(c)
		}
	}
	rows, err := db.QueryContext(ctx, "SELECT "+cols+" FROM "+d.load.quoted())
	if err != nil {
		if ok, xerr := tableExists(ctx, db, d.con.dialect, d.load); xerr == nil && !ok {
			err = fmt.Errorf("table '%s' does not exist; run the nodes that save it or fix table_name", d.load)
		}
		return d.fail("load", err)
	}
	defer rows.Close()
	if err := scanInto(rows, dst); err != nil {
		return d.fail("load", fmt.Errorf("table '%s': %w", d.load, err))
	}
	return nil
}

// Save writes v ([]T or []map[string]any) in one transaction: the table
// is created when missing, and with if_exists: replace dropped and
// created anew, so a failed save leaves the previous contents.
func (d *TableDataset) Save(ctx context.Context, v any) error {
	src, err := sourceOf(v, d.con.dialect)
	if err != nil {
		return d.fail("save", err)
	}
	db, err := d.con.open(true)
	if err != nil {
		return d.fail("save", err)
	}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return d.fail("save", err)
	}
	if err := d.write(ctx, tx, src); err != nil {
		tx.Rollback()
		return d.fail("save", err)
	}
	if err := tx.Commit(); err != nil {
		return d.fail("save", err)
	}
	return nil
}

func (d *TableDataset) write(ctx context.Context, tx *dbsql.Tx, src *rowSource) error {
	exists, err := tableExists(ctx, tx, d.con.dialect, d.save)
	if err != nil {
		return err
	}
	switch {
	case exists && d.ifExists == "fail":
		return fmt.Errorf("table '%s' already exists and save_args.if_exists is 'fail' (the default); "+
			"set save_args.if_exists: replace or append", d.save)
	case exists && d.ifExists == "replace":
		if _, err := tx.ExecContext(ctx, "DROP TABLE "+d.save.quoted()); err != nil {
			return err
		}
		exists = false
	}
	if !exists {
		if len(src.columns) == 0 {
			return errors.New("cannot create a table from rows with no columns")
		}
		if err := createTable(ctx, tx, d.save, src); err != nil {
			return err
		}
	}
	return insertRows(ctx, tx, d.con.dialect, d.save, src, d.chunk)
}

// Exists reports whether the table is there (a missing SQLite file means
// it is not).
func (d *TableDataset) Exists(ctx context.Context) (bool, error) {
	if d.con.file != "" && !fileExists(d.con.file) {
		return false, nil
	}
	db, err := d.con.open(false)
	if err != nil {
		return false, d.fail("exists", err)
	}
	ok, err := tableExists(ctx, db, d.con.dialect, d.load)
	if err != nil {
		return false, d.fail("exists", err)
	}
	return ok, nil
}
