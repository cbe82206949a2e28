// Command benchtable reads `go test -bench` output on stdin and prints the
// end-to-end figures as a table, per trivial node, beside the runner's
// engine-only figures: `make bench` pipes its results through it.
//
// The end-to-end rows come from internal/benchproj (BenchmarkExecute: the
// command line in process; BenchmarkBinary: a built project binary run as
// a process), the engine rows from internal/runner (BenchmarkSequential,
// BenchmarkParallel). Each cell is wall µs per node net of `registry
// list`, with CPU µs per node in brackets; 100k/10k is how many times
// longer the 100,000-node run took than the 10,000-node one, in wall and
// in CPU time (10 is linear).
package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
)

// result is one benchmark line's metrics, unit -> value.
type result map[string]float64

func main() {
	results, order, err := parse(os.Stdin)
	if err != nil {
		fmt.Fprintln(os.Stderr, "benchtable:", err)
		os.Exit(1)
	}
	if err := write(os.Stdout, results, order); err != nil {
		fmt.Fprintln(os.Stderr, "benchtable:", err)
		os.Exit(1)
	}
}

// parse reads benchmark lines: "BenchmarkX/a/b-2  N  v1 unit1  v2 unit2 …".
// The trailing -GOMAXPROCS is dropped from names.
func parse(r io.Reader) (map[string]result, []string, error) {
	out := map[string]result{}
	var order []string
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) < 4 || !strings.HasPrefix(fields[0], "Benchmark") {
			continue
		}
		name := fields[0]
		if i := strings.LastIndexByte(name, '-'); i > 0 {
			if _, err := strconv.Atoi(name[i+1:]); err == nil {
				name = name[:i]
			}
		}
		res := result{}
		for k := 2; k+1 < len(fields); k += 2 {
			v, err := strconv.ParseFloat(fields[k], 64)
			if err != nil {
				break
			}
			res[fields[k+1]] = v
		}
		if _, seen := out[name]; !seen {
			order = append(order, name)
		}
		out[name] = res
	}
	return out, order, sc.Err()
}

var sizes = []string{"1000", "10000", "100000"}

// row is one line of the table: a path, mode, shape and logs, and the
// benchmark name of each size.
type row struct {
	path, mode, shape, logs string
	names                   []string // per size
	engine                  bool
}

func rows(results map[string]result, order []string) []row {
	var out []row
	seen := map[string]bool{}
	for _, name := range order {
		parts := strings.Split(name, "/")
		var r row
		switch {
		case (parts[0] == "BenchmarkExecute" || parts[0] == "BenchmarkBinary") && len(parts) == 5:
			path := "in process"
			if parts[0] == "BenchmarkBinary" {
				path = "binary"
			}
			r = row{path: path, mode: parts[1], shape: parts[2], logs: parts[3]}
		case (parts[0] == "BenchmarkSequential" || parts[0] == "BenchmarkParallel") && len(parts) == 3 &&
			slices.Contains(sizes, parts[2]) && results[name]["ns/node"] > 0:
			mode := "seq"
			if parts[0] == "BenchmarkParallel" {
				mode = "parallel"
			}
			r = row{path: "engine only", mode: mode, shape: parts[1], logs: "-", engine: true}
		default:
			continue
		}
		prefix := strings.Join(parts[:len(parts)-1], "/")
		if seen[prefix] {
			continue
		}
		seen[prefix] = true
		for _, n := range sizes {
			r.names = append(r.names, prefix+"/"+n)
		}
		out = append(out, r)
	}
	rank := map[string]int{"engine only": 0, "in process": 1, "binary": 2}
	slices.SortStableFunc(out, func(a, b row) int {
		if a.mode != b.mode {
			return strings.Compare(b.mode, a.mode) // seq first
		}
		if a.shape != b.shape {
			return strings.Compare(a.shape, b.shape)
		}
		return rank[a.path] - rank[b.path]
	})
	return out
}

func write(w io.Writer, results map[string]result, order []string) error {
	table := rows(results, order)
	if len(table) == 0 {
		_, err := fmt.Fprintln(w, "benchtable: no end-to-end or engine benchmark lines on stdin")
		return err
	}
	fmt.Fprintln(w, "\nPer trivial node: wall µs net of `registry list` (CPU µs); 100k/10k = run-time ratio (wall, CPU), 10 is linear.")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "mode\tshape\tpath\tlogs\t1,000\t10,000\t100,000\t100k/10k\tpeak RSS 100k")
	for _, r := range table {
		cells := []string{r.mode, r.shape, r.path, r.logs}
		for _, name := range r.names {
			cells = append(cells, cell(results[name], r.engine))
		}
		cells = append(cells, ratios(results[r.names[1]], results[r.names[2]], r.engine))
		rss := ""
		if v := results[r.names[2]]["peak-RSS-MiB"]; v > 0 {
			rss = fmt.Sprintf("%.0f MiB", v)
		}
		fmt.Fprintln(tw, strings.Join(append(cells, rss), "\t"))
	}
	return tw.Flush()
}

func cell(res result, engine bool) string {
	if res == nil {
		return "-"
	}
	if engine {
		return fmt.Sprintf("%.1f", res["ns/node"]/1e3)
	}
	return fmt.Sprintf("%.1f (%.1f)", res["us/node"], res["cpu-us/node"])
}

// ratios are the 100k run's time over the 10k run's, from the per-node
// figures (net of registry list): wall, and CPU for the end-to-end rows.
func ratios(r10k, r100k result, engine bool) string {
	if r10k == nil || r100k == nil {
		return "-"
	}
	ratio := func(unit string) string {
		if r10k[unit] <= 0 {
			return "-"
		}
		return fmt.Sprintf("%.1f", 10*r100k[unit]/r10k[unit])
	}
	if engine {
		return ratio("ns/node")
	}
	return ratio("us/node") + ", " + ratio("cpu-us/node")
}
