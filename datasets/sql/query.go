package sql

import (
	"context"
	dbsql "database/sql"
	"errors"
	"fmt"
	"os"
	"sort"
	"strings"

	"github.com/kedrogo/kedrogo/internal/catalog"
)

// querySpec is every key a pandas.SQLQueryDataset entry may have.
type querySpec struct {
	SQL              string      `yaml:"sql"`
	Filepath         string      `yaml:"filepath"`
	Credentials      credentials `yaml:"credentials"`
	ExecutionOptions any         `yaml:"execution_options"` // ignored: SQLAlchemy's
	LoadArgs         struct {
		Params any `yaml:"params"`
	} `yaml:"load_args"`
}

// QueryDataset is pandas.SQLQueryDataset: the rows of one query, from
// the sql key or a .sql file. It is read-only.
type QueryDataset struct {
	name     string
	con      conn
	sql      string
	file     string
	params   any
	describe map[string]any
}

// QueryFactory builds a pandas.SQLQueryDataset from its catalog entry.
func QueryFactory(cfg catalog.Config) (catalog.Dataset, error) {
	var spec querySpec
	if err := cfg.DecodeArgs(&spec, catalog.KedroArgs{Load: readSQLArgs}); err != nil {
		return nil, err
	}
	switch {
	case spec.SQL != "" && cfg.Filepath != "":
		return nil, cfg.Errorf("'sql' and 'filepath' arguments cannot both be provided; give the query inline or in a file")
	case spec.SQL == "" && cfg.Filepath == "":
		return nil, cfg.Errorf("'sql' and 'filepath' arguments cannot both be empty; give the query inline (sql: SELECT ...) or in a file (filepath: queries/x.sql)")
	case strings.Contains(cfg.Filepath, "://"):
		return nil, cfg.Errorf("filepath '%s' is remote; remote storage is not yet supported, keep the query file in the project", cfg.Filepath)
	}
	switch spec.LoadArgs.Params.(type) {
	case nil, []any, map[string]any:
	default:
		return nil, cfg.Errorf("load_args.params must be a list (positional) or a mapping (named), not %v", spec.LoadArgs.Params)
	}
	c, err := conFromSpec(cfg, spec.Credentials)
	if err != nil {
		return nil, err
	}
	d := &QueryDataset{name: cfg.Name, con: c, sql: spec.SQL, file: cfg.Filepath, params: spec.LoadArgs.Params,
		describe: map[string]any{"type": cfg.Type, "con": c.redacted}}
	if d.sql != "" {
		d.describe["sql"] = d.sql
	} else {
		d.describe["filepath"] = d.file
	}
	if cfg.LoadArgs != nil {
		d.describe["load_args"] = cfg.LoadArgs
	}
	return d, nil
}

func (d *QueryDataset) Describe() map[string]any { return d.describe }

func (d *QueryDataset) fail(op string, err error) error {
	return &catalog.DatasetError{Dataset: d.name, Op: op, Path: d.con.redacted, Err: d.con.scrub(err)}
}

// Load runs the query and scans its rows into dst.
func (d *QueryDataset) Load(ctx context.Context, dst any) error {
	query := d.sql
	if d.file != "" {
		b, err := os.ReadFile(d.file)
		if err != nil {
			return d.fail("load", fmt.Errorf("query file: %w", err))
		}
		query = string(b)
	}
	query, args, err := bindParams(d.con.dialect, query, d.params)
	if err != nil {
		return d.fail("load", err)
	}
	db, err := d.con.open(false)
	if err != nil {
		return d.fail("load", err)
	}
	rows, err := db.QueryContext(ctx, query, args...)
	if err != nil {
		return d.fail("load", err)
	}
	defer rows.Close()
	if err := scanInto(rows, dst); err != nil {
		return d.fail("load", err)
	}
	return nil
}

// Save refuses: Kedro's SQLQueryDataset is read-only too.
func (d *QueryDataset) Save(context.Context, any) error {
	return d.fail("save", errors.New("pandas.SQLQueryDataset is read-only; save to a pandas.SQLTableDataset instead"))
}

// Exists is true: a query always has a result to load.
func (d *QueryDataset) Exists(context.Context) (bool, error) { return true, nil }

// bindParams turns load_args.params into driver arguments. A list is
// positional; a mapping is named (:name, or psycopg2's %(name)s). SQLite's
// driver binds names itself; for PostgreSQL, whose protocol knows only $n,
// the names (and psycopg2's %s) are rewritten to $n.
func bindParams(d dialect, query string, params any) (string, []any, error) {
	switch p := params.(type) {
	case []any:
		if d == postgres && strings.Contains(query, "%s") {
			q, _, err := rewritePG(query, nil)
			return q, p, err
		}
		return query, p, nil
	case map[string]any:
		if d == postgres {
			q, names, err := rewritePG(query, p)
			if err != nil {
				return "", nil, err
			}
			args := make([]any, len(names))
			for i, n := range names {
				args[i] = p[n]
			}
			return q, args, nil
		}
		keys := make([]string, 0, len(p))
		for k := range p {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		args := make([]any, len(keys))
		for i, k := range keys {
			args[i] = dbsql.Named(k, p[k])
		}
		return query, args, nil
	}
	return query, nil, nil
}

// rewritePG replaces :name and %(name)s (when named is non-nil) or %s
// (when it is nil) with $1, $2, … outside quoted text and :: casts, and
// returns the names in $ order.
func rewritePG(query string, named map[string]any) (string, []string, error) {
	var b strings.Builder
	var names []string
	index := map[string]int{}
	bind := func(name string) error {
		if _, ok := named[name]; !ok {
			return fmt.Errorf("the query uses parameter '%s', which load_args.params does not give", name)
		}
		if _, ok := index[name]; !ok {
			names = append(names, name)
			index[name] = len(names)
		}
		fmt.Fprintf(&b, "$%d", index[name])
		return nil
	}
	positional := 0
	for i := 0; i < len(query); i++ {
		c := query[i]
		switch {
		case c == '\'' || c == '"':
			end := strings.IndexByte(query[i+1:], c)
			if end < 0 {
				b.WriteString(query[i:])
				return b.String(), names, nil
			}
			b.WriteString(query[i : i+end+2])
			i += end + 1
		case c == ':' && i+1 < len(query) && query[i+1] == ':':
			b.WriteString("::")
			i++
		case c == ':' && named != nil && i+1 < len(query) && isIdentStart(query[i+1]):
			j := i + 1
			for j < len(query) && isIdent(query[j]) {
				j++
			}
			if err := bind(query[i+1 : j]); err != nil {
				return "", nil, err
			}
			i = j - 1
		case c == '%' && strings.HasPrefix(query[i:], "%%"):
			b.WriteByte('%')
			i++
		case c == '%' && named != nil && strings.HasPrefix(query[i:], "%("):
			end := strings.Index(query[i:], ")s")
			if end < 0 {
				return "", nil, fmt.Errorf("unterminated %%(name)s parameter in the query")
			}
			if err := bind(query[i+2 : i+end]); err != nil {
				return "", nil, err
			}
			i += end + 1
		case c == '%' && named == nil && strings.HasPrefix(query[i:], "%s"):
			positional++
			fmt.Fprintf(&b, "$%d", positional)
			i++
		default:
			b.WriteByte(c)
		}
	}
	return b.String(), names, nil
}

func isIdentStart(c byte) bool {
	return c == '_' || (c|0x20) >= 'a' && (c|0x20) <= 'z'
}

func isIdent(c byte) bool { return isIdentStart(c) || c >= '0' && c <= '9' }
