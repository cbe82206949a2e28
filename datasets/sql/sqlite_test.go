package sql

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSQLite(t *testing.T) {
	dir := t.TempDir()
	exercise(t, dir, "sqlite:///data/app.db", "?")
	if _, err := os.Stat(filepath.Join(dir, "data", "app.db")); err != nil {
		t.Fatalf("sqlite:///data/app.db is not relative to the project root: %v", err)
	}
}

func TestSQLiteAbsolutePathAndDriverSuffix(t *testing.T) {
	abs := filepath.Join(t.TempDir(), "abs.db")
	c := newCatalog(t, t.TempDir(), "sqlite+pysqlite:///"+abs, `t: {type: pandas.SQLTableDataset, credentials: db, table_name: t}`)
	mustSave(t, dataset(t, c, "t"), shuttles(3))
	if _, err := os.Stat(abs); err != nil {
		t.Fatalf("sqlite:////abs/path did not write %s: %v", abs, err)
	}
}

func TestSQLiteInMemory(t *testing.T) {
	c := newCatalog(t, t.TempDir(), "sqlite://", `t: {type: pandas.SQLTableDataset, credentials: db, table_name: mem_t}`)
	mustSave(t, dataset(t, c, "t"), shuttles(3))
	var got []shuttle
	if err := dataset(t, c, "t").Load(context.Background(), &got); err != nil {
		t.Fatal(err)
	}
	sameShuttles(t, got, shuttles(3))
}

func TestSQLiteMissingFile(t *testing.T) {
	dir := t.TempDir()
	c := newCatalog(t, dir, "sqlite:///data/none.db", `t: {type: pandas.SQLTableDataset, credentials: db, table_name: t}`)
	var got []shuttle
	wantErr(t, dataset(t, c, "t").Load(context.Background(), &got), "t: ", "data/none.db does not exist")
	if _, err := os.Stat(filepath.Join(dir, "data", "none.db")); err == nil {
		t.Fatal("a load created the database file")
	}
	if ok, err := dataset(t, c, "t").Exists(context.Background()); ok || err != nil {
		t.Fatalf("Exists = %v, %v", ok, err)
	}
}

// TestConfigErrors: each bad entry is a configuration error naming the
// dataset and its file:line, found when the dataset is instantiated.
func TestConfigErrors(t *testing.T) {
	tests := []struct {
		name, con, entry string
		want             []string
	}{
		{"no scheme", "data/app.db", `{type: pandas.SQLTableDataset, credentials: db, table_name: t}`,
			[]string{"not a connection string", "sqlite:///data/app.db"}},
		{"unknown database", "mysql://u:hunter2@h/db", `{type: pandas.SQLTableDataset, credentials: db, table_name: t}`,
			[]string{`uses database "mysql"`, "sqlite and postgresql"}},
		{"sqlite with a host", "sqlite://data/app.db", `{type: pandas.SQLTableDataset, credentials: db, table_name: t}`,
			[]string{"names a host", "sqlite:///data/app.db"}},
		{"bad postgres url", "postgresql://u:hun%zzter2@h/db", `{type: pandas.SQLTableDataset, credentials: db, table_name: t}`,
			[]string{"not a valid postgresql URL", "percent-encode"}},
		{"no credentials", "", `{type: pandas.SQLTableDataset, table_name: t}`,
			[]string{"credentials with a 'con'", "db_credentials"}},
		{"misspelt credentials key", "", `{type: pandas.SQLTableDataset, table_name: t, credentials: {conn: "sqlite://"}}`,
			[]string{"conn", "did you mean 'con'"}},
		{"no table_name", "sqlite://", `{type: pandas.SQLTableDataset, credentials: db}`,
			[]string{"'table_name' is missing"}},
		{"bad if_exists", "sqlite://", `{type: pandas.SQLTableDataset, credentials: db, table_name: t, save_args: {if_exists: overwrite}}`,
			[]string{"if_exists 'overwrite' is not one of fail, replace, append"}},
		{"misspelt load arg", "sqlite://", `{type: pandas.SQLTableDataset, credentials: db, table_name: t, load_args: {colums: [a]}}`,
			[]string{"colums", "did you mean 'columns'"}},
		{"sql and filepath", "sqlite://", `{type: pandas.SQLQueryDataset, credentials: db, sql: SELECT 1, filepath: q.sql}`,
			[]string{"cannot both be provided"}},
		{"neither sql nor filepath", "sqlite://", `{type: pandas.SQLQueryDataset, credentials: db}`,
			[]string{"cannot both be empty"}},
		{"remote query file", "sqlite://", `{type: pandas.SQLQueryDataset, credentials: db, filepath: "s3://b/q.sql"}`,
			[]string{"remote storage is not yet supported"}},
		{"pandas-only arguments are accepted", "sqlite://", `{type: pandas.SQLTableDataset, credentials: db, table_name: t, load_args: {index_col: id, parse_dates: [d], colums: [a]}}`,
			[]string{"colums", "did you mean 'columns'"}},
		{"params not a list or map", "sqlite://", `{type: pandas.SQLQueryDataset, credentials: db, sql: SELECT 1, load_args: {params: 3}}`,
			[]string{"params must be a list"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := buildCatalog(t.TempDir(), tt.con, "ds: "+tt.entry)
			if err == nil {
				_, err = c.Dataset("ds")
			}
			wantErr(t, err, append([]string{"catalog.yml:1", "ds"}, tt.want...)...)
			if strings.Contains(err.Error(), "hunter2") || strings.Contains(err.Error(), "zzter2") {
				t.Errorf("the error prints the password: %v", err)
			}
		})
	}
}

func TestDescribeHidesPassword(t *testing.T) {
	c := newCatalog(t, t.TempDir(), "postgresql+psycopg2://kedro:hunter2@db.example:5432/app", `
t: {type: pandas.SQLTableDataset, credentials: db, table_name: t, save_args: {if_exists: append}}
q: {type: pandas.SQLQueryDataset, credentials: db, sql: SELECT 1}`)
	for _, name := range []string{"t", "q"} {
		d := dataset(t, c, name).Describe()
		if got := d["con"]; got != "postgresql://kedro:xxxxx@db.example:5432/app" {
			t.Errorf("%s: con = %v", name, got)
		}
	}
}

func TestUnreachableServerHidesPassword(t *testing.T) {
	sock := t.TempDir() // no server listens here
	c := newCatalog(t, t.TempDir(), "postgresql://kedro:hunter2@/app?host="+sock+"&connect_timeout=5",
		`shuttles: {type: pandas.SQLTableDataset, credentials: db, table_name: t}`)
	var got []shuttle
	err := dataset(t, c, "shuttles").Load(context.Background(), &got)
	wantErr(t, err, "shuttles: ", "postgresql://kedro:xxxxx@")
	if strings.Contains(err.Error(), "hunter2") {
		t.Errorf("the error prints the password: %v", err)
	}
}

func TestRewritePG(t *testing.T) {
	tests := []struct {
		query string
		named map[string]any
		want  string
		names []string
	}{
		{"SELECT * FROM t WHERE a = :a AND b = :b AND c = :a", map[string]any{"a": 1, "b": 2},
			"SELECT * FROM t WHERE a = $1 AND b = $2 AND c = $1", []string{"a", "b"}},
		{"SELECT x::text, ':a' FROM t WHERE a = %(a)s AND p LIKE 'x%' AND q = 5 %% 2", map[string]any{"a": 1},
			"SELECT x::text, ':a' FROM t WHERE a = $1 AND p LIKE 'x%' AND q = 5 % 2", []string{"a"}},
		{"SELECT * FROM t WHERE a = %s AND b = %s", nil, "SELECT * FROM t WHERE a = $1 AND b = $2", nil},
	}
	for _, tt := range tests {
		got, names, err := rewritePG(tt.query, tt.named)
		if err != nil || got != tt.want || strings.Join(names, ",") != strings.Join(tt.names, ",") {
			t.Errorf("rewritePG(%q) = %q, %v, %v; want %q, %v", tt.query, got, names, err, tt.want, tt.names)
		}
	}
	_, _, err := rewritePG("SELECT :missing", map[string]any{})
	wantErr(t, err, "parameter 'missing'", "load_args.params")
}

func TestSnake(t *testing.T) {
	for in, want := range map[string]string{"ID": "id", "CompanyID": "company_id", "ShuttleType": "shuttle_type",
		"HTTPServer": "http_server", "Engines2": "engines2", "X": "x"} {
		if got := snake(in); got != want {
			t.Errorf("snake(%q) = %q, want %q", in, got, want)
		}
	}
}
