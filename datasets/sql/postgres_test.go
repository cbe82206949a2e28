package sql

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
)

const pgPassword = "pg-test-secret"

// TestPostgreSQL runs the shared behaviour against a real PostgreSQL
// server that the test starts on a unix socket.
func TestPostgreSQL(t *testing.T) {
	sock := startPostgres(t)
	con := fmt.Sprintf("postgresql+psycopg2://kedro:%s@/postgres?host=%s", pgPassword, sock)
	exercise(t, t.TempDir(), con, "%s")

	t.Run("schema", func(t *testing.T) {
		ctx := context.Background()
		c := newCatalog(t, t.TempDir(), con, `
s: {type: pandas.SQLTableDataset, credentials: db, table_name: shuttles, load_args: {schema: dw}, save_args: {schema: dw}}`)
		db, err := dataset(t, c, "s").(*TableDataset).con.open(false)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.ExecContext(ctx, "CREATE SCHEMA dw"); err != nil {
			t.Fatal(err)
		}
		mustSave(t, dataset(t, c, "s"), shuttles(4))
		var got []shuttle
		if err := dataset(t, c, "s").Load(ctx, &got); err != nil {
			t.Fatal(err)
		}
		sameShuttles(t, got, shuttles(4))
	})
	t.Run("wrong password", func(t *testing.T) {
		wrong := fmt.Sprintf("postgresql://kedro:not-%s@/postgres?host=%s", pgPassword, sock)
		c := newCatalog(t, t.TempDir(), wrong, `shuttles: {type: pandas.SQLTableDataset, credentials: db, table_name: shuttles}`)
		var got []shuttle
		err := dataset(t, c, "shuttles").Load(context.Background(), &got)
		wantErr(t, err, "shuttles: ", "password authentication failed")
		if strings.Contains(err.Error(), pgPassword) {
			t.Errorf("the error prints the password: %v", err)
		}
	})
}

// startPostgres starts a throw-away server (initdb into a temp folder,
// listening only on a unix socket there) and returns the socket folder.
// PostgreSQL refuses to run as root, so as root it runs as the postgres
// user. Without PostgreSQL installed the test skips, except under CI.
func startPostgres(t *testing.T) string {
	t.Helper()
	bin := postgresBin()
	if bin == "" {
		msg := "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb); install it with apt-get install postgresql"
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	// Not t.TempDir: its parents are private to root, and the server runs
	// as postgres.
	dir, err := os.MkdirTemp("", "kedrogo-pg-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	var asUser []string
	if os.Geteuid() == 0 {
		if err := chownTo(dir, "postgres"); err != nil {
			t.Fatal(err)
		}
		asUser = []string{"runuser", "-u", "postgres", "--"}
	}
	run := func(args ...string) {
		t.Helper()
		args = append(asUser, args...)
		out, err := exec.Command(args[0], args[1:]...).CombinedOutput()
		if err != nil {
			t.Fatalf("%s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	pwfile := filepath.Join(dir, "pw")
	if err := os.WriteFile(pwfile, []byte(pgPassword+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if os.Geteuid() == 0 {
		if err := chownTo(pwfile, "postgres"); err != nil {
			t.Fatal(err)
		}
	}
	data := filepath.Join(dir, "data")
	run(filepath.Join(bin, "initdb"), "-D", data, "-U", "kedro", "--pwfile", pwfile,
		"--auth", "scram-sha-256", "-E", "UTF8", "--no-sync")
	run(filepath.Join(bin, "pg_ctl"), "-D", data, "-l", filepath.Join(dir, "log"), "-w", "-t", "120", "start",
		"-o", fmt.Sprintf("-k %s -c listen_addresses='' -c fsync=off", dir))
	t.Cleanup(func() {
		args := append(asUser, filepath.Join(bin, "pg_ctl"), "-D", data, "-m", "immediate", "stop")
		exec.Command(args[0], args[1:]...).Run()
	})
	return dir
}

// postgresBin finds the newest installed server's bin folder.
func postgresBin() string {
	found, _ := filepath.Glob("/usr/lib/postgresql/*/bin/initdb")
	sort.Slice(found, func(i, j int) bool { return versionOf(found[i]) < versionOf(found[j]) })
	if len(found) == 0 {
		return ""
	}
	return filepath.Dir(found[len(found)-1])
}

func versionOf(initdb string) int {
	v, _ := strconv.Atoi(filepath.Base(filepath.Dir(filepath.Dir(initdb))))
	return v
}

func chownTo(path, name string) error {
	u, err := user.Lookup(name)
	if err != nil {
		return err
	}
	uid, _ := strconv.Atoi(u.Uid)
	gid, _ := strconv.Atoi(u.Gid)
	return os.Chown(path, uid, gid)
}
