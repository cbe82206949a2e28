package catalog

import (
	"bufio"
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/kedrogo/kedrogo/internal/config"
)

// BenchmarkResolve builds a catalog of n explicit entries plus patterns and
// resolves n dataset names (half explicit, half pattern-matched): the cost
// per name must stay flat from 1k to 10k.
func BenchmarkResolve(b *testing.B) {
	for _, n := range []int{1_000, 10_000} {
		var sb strings.Builder
		sb.WriteString("'{layer}.{name}_features': {type: yaml.YAMLDataset, filepath: 'data/{layer}/{name}.yml'}\n")
		sb.WriteString("'{name}_model': {type: gob.GobDataset, filepath: 'data/models/{name}.gob', versioned: true}\n")
		sb.WriteString("'{name}': {type: json.JSONDataset, filepath: 'data/{name}.json'}\n")
		names := make([]string, 0, n)
		for i := range n / 2 {
			fmt.Fprintf(&sb, "ds_%d: {type: csv.CSVDataset, filepath: data/ds_%d.csv, load_args: {sep: ';'}}\n", i, i)
			names = append(names, fmt.Sprintf("ds_%d", i))
		}
		for i := range n - n/2 {
			switch i % 3 {
			case 0:
				names = append(names, fmt.Sprintf("raw.x%d_features", i))
			case 1:
				names = append(names, fmt.Sprintf("m%d_model", i))
			default:
				names = append(names, fmt.Sprintf("other_%d", i))
			}
		}
		entries, err := parseEntries(sb.String())
		if err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("entries=%d", n), func(b *testing.B) {
			cpu0 := cpuTime()
			for b.Loop() {
				resolveAll(b, entries, names)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/name")
			// CPU time too: on a shared machine the wall clock also counts
			// other processes' turns.
			b.ReportMetric(float64((cpuTime()-cpu0).Nanoseconds())/float64(b.N)/float64(n), "cpu-ns/name")
		})
	}
}

func resolveAll(b *testing.B, entries []config.Entry, names []string) {
	c, err := FromConfig(entries, nil, Options{ProjectDir: "/p", SaveVersion: "v"})
	if err != nil {
		b.Fatal(err)
	}
	for _, name := range names {
		if !c.Declared(name) {
			b.Fatalf("%s not declared", name)
		}
		if _, err := c.Dataset(name); err != nil {
			b.Fatal(err)
		}
	}
}

// benchRow is a realistic CSV row: 8 columns of mixed kinds.
type benchRow struct {
	ID       int64   `csv:"id"`
	Name     string  `csv:"name"`
	City     string  `csv:"city"`
	Age      int     `csv:"age"`
	Score    float64 `csv:"score"`
	Active   bool    `csv:"active"`
	Balance  float64 `csv:"balance"`
	Category string  `csv:"category"`
}

// benchRows keeps `make bench` short: 200,000 rows, about 13 MB of CSV.
// KEDROGO_BENCH_ROWS=1500000 gives the 100 MB file.
var benchRows = envInt("KEDROGO_BENCH_ROWS", 200_000)

// envInt reads a positive integer from the environment, else def.
func envInt(name string, def int) int {
	if n, err := strconv.Atoi(os.Getenv(name)); err == nil && n > 0 {
		return n
	}
	return def
}

func makeBenchRows() []benchRow {
	rows := make([]benchRow, benchRows)
	cities := []string{"Lisbon", "Osaka", "Quito", "Tromsø, North"}
	for i := range rows {
		rows[i] = benchRow{int64(i), "name " + strconv.Itoa(i), cities[i%len(cities)], 20 + i%60,
			float64(i%1000) / 7, i%2 == 0, float64(i) * 1.25, "cat" + strconv.Itoa(i%17)}
	}
	return rows
}

func toRecords(rows []benchRow) [][]string {
	recs := [][]string{{"id", "name", "city", "age", "score", "active", "balance", "category"}}
	for _, r := range rows {
		recs = append(recs, formatRow(r))
	}
	return recs
}

func formatRow(r benchRow) []string {
	return []string{strconv.FormatInt(r.ID, 10), r.Name, r.City, strconv.Itoa(r.Age),
		strconv.FormatFloat(r.Score, 'g', -1, 64), strconv.FormatBool(r.Active),
		strconv.FormatFloat(r.Balance, 'g', -1, 64), r.Category}
}

// BenchmarkCSV compares a CSV dataset's save+load with the plain
// encoding/csv loop a user would write by hand, on the same file system.
// The dataset's save also fsyncs and renames (atomic, durable); the plain
// loop does neither.
func BenchmarkCSV(b *testing.B) {
	rows := makeBenchRows()
	recs := toRecords(rows)
	dir := b.TempDir()
	ctx := context.Background()
	c := newCatalog(b, dir, "rows: {type: csv.CSVDataset, filepath: rows.csv}\n", Options{})
	path := filepath.Join(dir, "plain.csv")
	b.Run("rows/dataset", func(b *testing.B) {
		for b.Loop() {
			if err := c.Save(ctx, "rows", recs); err != nil {
				b.Fatal(err)
			}
			var got [][]string
			if err := c.Load(ctx, "rows", &got); err != nil || len(got) != len(recs) {
				b.Fatal(err)
			}
		}
	})
	b.Run("rows/plain", func(b *testing.B) {
		for b.Loop() {
			plainWrite(b, path, func(w *csv.Writer) { w.WriteAll(recs) })
			got := plainRead(b, path, func(r *csv.Reader) int { all, _ := r.ReadAll(); return len(all) })
			if got != len(recs) {
				b.Fatal(got)
			}
		}
	})
	b.Run("typed/dataset", func(b *testing.B) {
		for b.Loop() {
			if err := c.Save(ctx, "rows", rows); err != nil {
				b.Fatal(err)
			}
			var got []benchRow
			if err := c.Load(ctx, "rows", &got); err != nil || len(got) != len(rows) {
				b.Fatal(err)
			}
		}
	})
	b.Run("typed/hand-written", func(b *testing.B) {
		for b.Loop() {
			plainWrite(b, path, func(w *csv.Writer) {
				w.Write(recs[0])
				for _, r := range rows {
					w.Write(formatRow(r))
				}
			})
			got := plainRead(b, path, handParse)
			if got != len(rows) {
				b.Fatal(got)
			}
		}
	})
}

func plainWrite(b *testing.B, path string, write func(*csv.Writer)) {
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	bw := bufio.NewWriter(f)
	w := csv.NewWriter(bw)
	write(w)
	w.Flush()
	if err := bw.Flush(); err != nil {
		b.Fatal(err)
	}
	f.Close()
}

func plainRead(b *testing.B, path string, read func(*csv.Reader) int) int {
	f, err := os.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	return read(csv.NewReader(bufio.NewReader(f)))
}

// handParse is the mapping a user would write for benchRow.
func handParse(r *csv.Reader) int {
	r.ReuseRecord = true
	r.Read() // header
	var out []benchRow
	for {
		rec, err := r.Read()
		if err != nil {
			break
		}
		var row benchRow
		row.ID, _ = strconv.ParseInt(rec[0], 10, 64)
		row.Name, row.City = rec[1], rec[2]
		row.Age, _ = strconv.Atoi(rec[3])
		row.Score, _ = strconv.ParseFloat(rec[4], 64)
		row.Active, _ = strconv.ParseBool(rec[5])
		row.Balance, _ = strconv.ParseFloat(rec[6], 64)
		row.Category = rec[7]
		out = append(out, row)
	}
	return len(out)
}

// BenchmarkLoadCatalog is the user's path to a big catalog: read conf/
// (config.Load: YAML, merge, interpolation) and build the lazy catalog
// (shapes only). 20,000 entries keep `make bench` short;
// KEDROGO_BENCH_ENTRIES=200000 gives the size.
func BenchmarkLoadCatalog(b *testing.B) {
	n := envInt("KEDROGO_BENCH_ENTRIES", 20_000)
	dir := b.TempDir()
	for _, d := range []string{"conf/base", "conf/local"} {
		if err := os.MkdirAll(filepath.Join(dir, d), 0o755); err != nil {
			b.Fatal(err)
		}
	}
	var sb strings.Builder
	for i := range n {
		fmt.Fprintf(&sb, "ds_%d:\n  type: pandas.CSVDataset\n  filepath: data/01_raw/ds_%d.csv\n  load_args: {sep: ','}\n", i, i)
	}
	if err := os.WriteFile(filepath.Join(dir, "conf/base/catalog.yml"), []byte(sb.String()), 0o644); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	cpu0 := cpuTime()
	for b.Loop() {
		cfg, err := config.Load(config.Options{ConfSource: filepath.Join(dir, "conf")})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := FromConfig(cfg.Catalog, cfg.Credentials, Options{ProjectDir: dir}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/entry")
	b.ReportMetric(float64((cpuTime()-cpu0).Nanoseconds())/float64(b.N)/1e9, "cpu-s/op")
}

// cpuTime is this process's user and system time so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
