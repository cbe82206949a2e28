package cli

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/rs/zerolog"

	"github.com/kedrogo/kedrogo/internal/pipeline"
	"github.com/kedrogo/kedrogo/internal/runner"
)

// summaryRows is how many nodes the summary table lists (slowest first).
const summaryRows = 15

type nodeRow struct {
	name     string
	status   string
	duration time.Duration
	ran      bool
}

// writeSummary prints the end-of-run summary for people: each node's
// status and duration, slowest first; the critical path of the run; on
// failure the first failure, the nodes not run and how to resume.
func writeSummary(w io.Writer, p *pipeline.Pipeline, res *runner.Result, t *tracker, resume string) {
	if res == nil {
		return
	}
	rows := summaryTable(p, res, t)
	counts := map[string]int{}
	for _, r := range rows {
		counts[r.status]++
	}
	fmt.Fprintf(w, "\nRun summary: %s in %s", countOf(len(rows), "node"), formatSeconds(res.Elapsed.Seconds()))
	for _, s := range []string{"completed", "failed", "interrupted", "not run", "up to date"} {
		if counts[s] > 0 {
			fmt.Fprintf(w, ", %d %s", counts[s], s)
		}
	}
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	if countRan(rows) > 0 {
		fmt.Fprintln(tw, "  NODE\tSTATUS\tDURATION")
	}
	shown := 0
	for _, r := range rows {
		if !r.ran {
			continue
		}
		if shown == summaryRows {
			break
		}
		shown++
		fmt.Fprintf(tw, "  %s\t%s\t%s\n", r.name, r.status, formatSeconds(r.duration.Seconds()))
	}
	tw.Flush()
	if ran := countRan(rows); ran > shown {
		fmt.Fprintf(w, "  … and %d faster nodes\n", ran-shown)
	}
	if spans := completedSpans(t, rows); len(spans) > 1 {
		path, total := criticalChain(spans)
		// Not a chain of data edges: what each node waited for (inputs, a
		// worker, a resource, an exclusive node), so say so.
		fmt.Fprintf(w, "Critical path (as run): %s (%s)\n", formatPath(path), formatSeconds(total))
	}
	if res.FirstFailure != "" {
		fmt.Fprintf(w, "First failure: node %s", res.FirstFailure)
		if t != nil && t.firstErr != nil {
			fmt.Fprintf(w, ": %v", t.firstErr)
		}
		fmt.Fprintln(w)
	}
	if notRun := notRunNames(rows); len(notRun) > 0 {
		fmt.Fprintf(w, "Not run: %s\n", joinLimited(notRun, 10))
	}
	if resume != "" {
		// The runner's warning above gives Kedro's wording, the argument to
		// add; this is the same advice as a command ready to paste.
		fmt.Fprintf(w, "Resume command (the hint above, in full): %s\n", resume)
	}
}

// summaryTable lists every node of the run with its status, those that
// ran first, slowest first, then by name.
func summaryTable(p *pipeline.Pipeline, res *runner.Result, t *tracker) []nodeRow {
	status := map[string]string{}
	for _, n := range res.Completed {
		status[n] = "completed"
	}
	for _, n := range res.Failed {
		status[n] = "failed"
	}
	for _, n := range res.Interrupted {
		status[n] = "interrupted"
	}
	for _, n := range res.Skipped {
		status[n] = "not run"
	}
	var rows []nodeRow
	for _, n := range p.Nodes() {
		name := n.Name()
		r := nodeRow{name: name, status: status[name]}
		if r.status == "" {
			// Neither run nor skipped for a failure: --only-missing-outputs
			// found its outputs already there.
			r.status = "up to date"
		}
		r.duration, r.ran = res.Durations[name]
		if t != nil {
			if d, ok := t.durations[name]; ok {
				r.duration, r.ran = d, true
			}
		}
		if r.status == "interrupted" {
			r.ran = true
		}
		rows = append(rows, r)
	}
	slices.SortStableFunc(rows, func(a, b nodeRow) int {
		switch {
		case a.ran != b.ran:
			if a.ran {
				return -1
			}
			return 1
		case a.duration != b.duration:
			if a.duration > b.duration {
				return -1
			}
			return 1
		}
		return strings.Compare(a.name, b.name)
	})
	return rows
}

// completedSpans are the spans of the nodes that completed, when none
// failed. A failed or interrupted node explains no run's length (two
// independent failures one after the other are not a critical path), and
// the completed nodes of a failed run do not explain its length either.
func completedSpans(t *tracker, rows []nodeRow) []span {
	if t == nil || slices.ContainsFunc(rows, func(r nodeRow) bool { return r.status == "failed" }) {
		return nil
	}
	completed := map[string]bool{}
	for _, r := range rows {
		if r.status == "completed" {
			completed[r.name] = true
		}
	}
	var out []span
	for _, s := range t.spanList() {
		if completed[s.name] {
			out = append(out, s)
		}
	}
	return out
}

func countRan(rows []nodeRow) int {
	n := 0
	for _, r := range rows {
		if r.ran {
			n++
		}
	}
	return n
}

func notRunNames(rows []nodeRow) []string {
	var out []string
	for _, r := range rows {
		if r.status == "not run" {
			out = append(out, r.name)
		}
	}
	slices.Sort(out)
	return out
}

// joinLimited joins at most limit names, then says how many more.
func joinLimited(names []string, limit int) string {
	if len(names) <= limit {
		return strings.Join(names, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(names[:limit], ", "), len(names)-limit)
}

// resumeCommand turns the runner's resume hint into the command to type:
// the command line as given, its --from-nodes replaced. It is "" when the
// hint names no nodes (the runner's own warning says what to do).
func resumeCommand(hint, program string, args []string) string {
	const flag = `--from-nodes "`
	i := strings.Index(hint, flag)
	if i < 0 {
		return ""
	}
	nodes, _, ok := strings.Cut(hint[i+len(flag):], `"`)
	if !ok || nodes == "" {
		return ""
	}
	parts := []string{program}
	for j := 0; j < len(args); j++ {
		switch a := args[j]; {
		case a == "--from-nodes":
			j++ // and its value
		case strings.HasPrefix(a, "--from-nodes="):
		default:
			parts = append(parts, shellQuote(a))
		}
	}
	return strings.Join(append(parts, "--from-nodes", shellQuote(nodes)), " ")
}

// shellQuote quotes s for a POSIX shell when it needs it.
func shellQuote(s string) string {
	if s != "" && strings.IndexFunc(s, func(r rune) bool {
		return !(r == '-' || r == '_' || r == '.' || r == ',' || r == '=' || r == ':' || r == '/' ||
			'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9')
	}) < 0 {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// countOf writes n and a noun, singular for one: "1 node", "4 nodes".
func countOf(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// logSummary is the summary as one JSON log event ("Run summary"), for
// --log-format json: the same facts as writeSummary, for machines.
func logSummary(log zerolog.Logger, p *pipeline.Pipeline, res *runner.Result, t *tracker, resume string) {
	if res == nil {
		return
	}
	rows := summaryTable(p, res, t)
	byStatus := map[string][]string{}
	durations := zerolog.Dict()
	for _, r := range rows {
		byStatus[r.status] = append(byStatus[r.status], r.name)
		if r.ran {
			durations.Int64(r.name, r.duration.Milliseconds())
		}
	}
	// As on the console, a failed run's summary shows at any log level.
	level := zerolog.InfoLevel
	if res.FirstFailure != "" {
		level = zerolog.ErrorLevel
	}
	e := log.WithLevel(level).Int("nodes", len(rows)).Int64("elapsed_ms", res.Elapsed.Milliseconds())
	for _, s := range []string{"completed", "failed", "interrupted", "not run", "up to date"} {
		if names := byStatus[s]; len(names) > 0 {
			slices.Sort(names)
			e = e.Strs(strings.ReplaceAll(s, " ", "_"), names)
		}
	}
	e = e.Dict("durations_ms", durations)
	if spans := completedSpans(t, rows); len(spans) > 1 {
		path, _ := criticalChain(spans)
		e = e.Strs("critical_path", path)
	}
	if res.FirstFailure != "" {
		e = e.Str("first_failure", res.FirstFailure)
		if t != nil && t.firstErr != nil {
			e = e.AnErr("error", t.firstErr)
		}
	}
	if resume != "" {
		e = e.Str("resume_command", resume)
	}
	e.Msg("Run summary")
}
