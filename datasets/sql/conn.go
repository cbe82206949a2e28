package sql

import (
	dbsql "database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"

	_ "github.com/jackc/pgx/v5/stdlib" // registers "pgx"
	_ "modernc.org/sqlite"             // registers "sqlite"
)

// dialect is what differs between the two databases kedrogo speaks.
type dialect int

const (
	sqlite dialect = iota
	postgres
)

func (d dialect) String() string {
	if d == postgres {
		return "postgresql"
	}
	return "sqlite"
}

// conn is a parsed connection string: the driver to open, its DSN, and a
// form of the string that is safe to print (password masked).
type conn struct {
	dialect  dialect
	driver   string // database/sql driver name
	dsn      string
	redacted string
	secret   string // the password, scrubbed from driver errors
	file     string // SQLite: the database file ("" = in memory)
}

const conExamples = "e.g. sqlite:///data/app.db (relative to the project root), sqlite:////abs/path/app.db, " +
	"or postgresql://user:password@host:5432/dbname"

// parseCon reads a connection string in SQLAlchemy's URL form. A driver
// suffix (postgresql+psycopg2://) is ignored: Go has one driver per
// database here. Relative SQLite paths are anchored at projectDir.
func parseCon(con, projectDir string) (conn, error) {
	scheme, rest, ok := strings.Cut(con, "://")
	if !ok || scheme == "" {
		return conn{}, fmt.Errorf("credentials 'con' is not a connection string (no scheme://); write %s", conExamples)
	}
	base, _, _ := strings.Cut(strings.ToLower(scheme), "+")
	switch base {
	case "sqlite":
		return parseSQLite(rest, projectDir)
	case "postgresql", "postgres":
		return parsePostgres(rest)
	}
	return conn{}, fmt.Errorf("credentials 'con' uses database %q, which kedrogo has no driver for; "+
		"kedrogo speaks sqlite and postgresql (%s)", base, conExamples)
}

// parseSQLite follows SQLAlchemy: sqlite:///rel/path, sqlite:////abs/path,
// sqlite:// or sqlite:///:memory: for an in-memory database. A query
// string is passed to the driver (e.g. ?_pragma=foreign_keys(1)).
func parseSQLite(rest, projectDir string) (conn, error) {
	path, query, _ := strings.Cut(rest, "?")
	if path != "" && !strings.HasPrefix(path, "/") {
		return conn{}, fmt.Errorf("credentials 'con' sqlite://%s names a host; SQLite has none: write sqlite:///%s for a path relative to the project root, "+
			"or sqlite:////abs/path for an absolute one", path, path)
	}
	path = strings.TrimPrefix(path, "/")
	c := conn{dialect: sqlite, driver: "sqlite", redacted: "sqlite:///" + path}
	if path == "" || path == ":memory:" {
		// One shared in-memory database per connection string, as long as
		// the process lives.
		c.dsn = "file:kedrogo-mem?mode=memory&cache=shared"
		return c, nil
	}
	if !filepath.IsAbs(path) {
		path = filepath.Join(projectDir, path)
	}
	c.file = filepath.Clean(path)
	q := url.Values{}
	if query != "" {
		var err error
		if q, err = url.ParseQuery(query); err != nil {
			return conn{}, fmt.Errorf("credentials 'con': bad query string: %v", err)
		}
	}
	// Concurrent nodes write to one file: wait for the lock instead of
	// failing at once with "database is locked".
	if !q.Has("_pragma") {
		q.Add("_pragma", "busy_timeout(10000)")
	}
	c.dsn = "file:" + c.file + "?" + q.Encode()
	return c, nil
}

// parsePostgres rewrites the URL for pgx, which reads the libpq URL form
// (including ?host=/socket/dir for a unix socket).
func parsePostgres(rest string) (conn, error) {
	u, err := url.Parse("postgres://" + rest)
	if err != nil {
		// url's message quotes the whole string, password included.
		return conn{}, errors.New("credentials 'con' is not a valid postgresql URL; write postgresql://user:password@host:5432/dbname " +
			"(percent-encode special characters in the password)")
	}
	c := conn{dialect: postgres, driver: "pgx"}
	if p, ok := u.User.Password(); ok {
		c.secret = p
	}
	c.redacted = "postgresql://" + strings.TrimPrefix(u.Redacted(), "postgres://")
	// pgx caches prepared statements by default; a table replaced by one
	// node and read by the next would fail with "cached plan must not
	// change result type". Describing each query costs one round trip.
	if q := u.Query(); !q.Has("default_query_exec_mode") {
		q.Set("default_query_exec_mode", "describe_exec")
		u.RawQuery = q.Encode()
	}
	c.dsn = u.String()
	return c, nil
}

// scrub removes the password from a driver's message, in case the driver
// echoes the connection string.
func (c conn) scrub(err error) error {
	if err == nil || c.secret == "" || !strings.Contains(err.Error(), c.secret) {
		return err
	}
	return errors.New(strings.ReplaceAll(err.Error(), c.secret, "xxxxx"))
}

// pools shares one *sql.DB per connection string across datasets, as
// Kedro shares one SQLAlchemy engine per connection string.
var pools struct {
	sync.Mutex
	m map[string]*dbsql.DB
}

// open returns the pool for c. For a SQLite file it first creates the
// folder when create is set, and otherwise refuses a missing file rather
// than letting SQLite create an empty database on a load.
func (c conn) open(create bool) (*dbsql.DB, error) {
	if c.file != "" {
		if create {
			if err := os.MkdirAll(filepath.Dir(c.file), 0o777); err != nil {
				return nil, err
			}
		} else if _, err := os.Stat(c.file); err != nil {
			if errors.Is(err, os.ErrNotExist) {
				return nil, fmt.Errorf("the SQLite database file %s does not exist; run the nodes that write it or fix credentials 'con'", c.file)
			}
			return nil, err
		}
	}
	pools.Lock()
	defer pools.Unlock()
	if db, ok := pools.m[c.dsn]; ok {
		return db, nil
	}
	db, err := dbsql.Open(c.driver, c.dsn)
	if err != nil {
		return nil, c.scrub(err)
	}
	if c.dialect == sqlite && c.file == "" {
		db.SetMaxOpenConns(1) // the shared in-memory database lives as long as a connection does
		db.SetConnMaxIdleTime(0)
	}
	if pools.m == nil {
		pools.m = map[string]*dbsql.DB{}
	}
	pools.m[c.dsn] = db
	return db, nil
}

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
