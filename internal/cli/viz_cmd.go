package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/kedrogo/kedrogo/internal/catalog"
	"github.com/kedrogo/kedrogo/internal/pipeline"
	"github.com/kedrogo/kedrogo/internal/runrec"
	"github.com/kedrogo/kedrogo/internal/session"
	"github.com/kedrogo/kedrogo/internal/viz"
)

type vizOptions struct {
	run    RunOptions
	Run    string
	Out    string
	Format string
	Serve  bool
	Addr   string
}

const vizLong = `Draw the pipeline, and a recorded run, as one self-contained HTML page
(no network: its script and style are inside the file): the DAG of nodes
and datasets, after edges dashed, namespaces collapsible, a node's function,
inputs, outputs, requests and runner.yml rules on click. The selection flags
filter it as on run.

With --run RUN_ID (or latest), nodes take the run's status colours and a
timeline shows one lane per worker slot, a bar per node attempt, and per
resource the amount held over time against the capacity, exclusive nodes'
spans marked. A --dry-run record draws the simulated schedule. Without
selection flags, --run draws that run's own pipelines and filters.

--serve serves the page (reloading when a new run is recorded); --format
mermaid, dot or json prints the graph (json: the page's model) instead.`

const vizExample = `  kedrogo viz --out pipeline.html
  kedrogo viz --run latest --out run.html
  kedrogo viz --serve --addr 127.0.0.1:4141
  kedrogo viz --pipeline foo --format mermaid`

func newCmdViz(app *App, streams IOStreams, g *globalOptions) *cobra.Command {
	o := &vizOptions{run: RunOptions{IO: streams, App: app, Global: g}}
	cmd := &cobra.Command{
		Use:     "viz",
		Short:   "Draw the pipeline and a run's timeline as an HTML page",
		Long:    vizLong,
		Example: vizExample,
		Args: func(cmd *cobra.Command, args []string) error {
			return checkNoArgs(cmd, args, g.rawArgs)
		},
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := o.run.finish(cmd); err != nil {
				return err
			}
			switch o.Format {
			case "html", "mermaid", "dot", "json":
			default:
				return usageErrorf("--format must be html, mermaid, dot or json, got %q", o.Format)
			}
			if o.Serve && o.Format != "html" {
				return usageErrorf("--serve serves the HTML page; leave out --format %s", o.Format)
			}
			return runViz(cmd.Context(), o, cmd.Flags().Changed("out"))
		},
	}
	f := cmd.Flags()
	f.SortFlags = false
	f.StringVar(&o.Run, "run", "", "draw this recorded run too: `RUN_ID` or latest (see kedrogo runs list)")
	f.StringVarP(&o.Out, "out", "o", "pipeline.html", "write the page to `FILE` (atomically)")
	f.StringVar(&o.Format, "format", "html", "html (the page), or print mermaid, dot or json (the page's model) to stdout")
	f.BoolVar(&o.Serve, "serve", false, "serve the page over HTTP instead, reloading it when a new run is recorded")
	f.StringVar(&o.Addr, "addr", "127.0.0.1:4141", "`HOST:PORT` for --serve")
	r := &o.run
	r.addSelectionFlags(f, "draw")
	f.StringVarP(&r.Env, "env", "e", "", "configuration environment (default local, or the run's)")
	f.StringVar(&r.ConfSource, "conf-source", "", "configuration `DIR` (default <project>/conf)")
	repeatedFlag(f, &r.Params, "params", "KEY=VALUE,...", "runtime parameters, as on run")
	registerRunCompletions(g, cmd, app)
	return cmd
}

func runViz(ctx context.Context, o *vizOptions, outGiven bool) error {
	logs, err := newLogSetup(o.run.Global, o.run.IO)
	if err != nil {
		return err
	}
	build := func() (*viz.Model, error) {
		m, err := o.model()
		if err == nil {
			for _, w := range m.Warnings {
				logs.logger.Warn().Msg(w)
			}
		}
		return m, err
	}
	if o.Serve {
		return serveViz(ctx, o, build, logs.say)
	}
	m, err := build()
	if err != nil {
		return err
	}
	switch o.Format {
	case "mermaid":
		return viz.WriteMermaid(o.run.IO.Out, m)
	case "dot":
		return viz.WriteDot(o.run.IO.Out, m)
	case "json":
		return viz.WriteJSON(o.run.IO.Out, m)
	}
	if o.Out == "-" {
		return viz.WritePage(o.run.IO.Out, m, false)
	}
	if err := catalog.WriteFileAtomic(o.Out, func(w io.Writer) error { return viz.WritePage(w, m, false) }); err != nil {
		return err
	}
	fmt.Fprintf(o.run.IO.ErrOut, "Wrote %s (%s, %s).\n", o.Out, countOf(len(m.Nodes), "node"), countOf(len(m.Datasets), "dataset"))
	return nil
}

// model prepares the selection as run --dry-run would and builds the
// page's model, with the run record when --run names one.
func (o *vizOptions) model() (*viz.Model, error) {
	var rec *runrec.Record
	if o.Run != "" {
		var err error
		if rec, _, err = loadRun(o.Run); err != nil {
			return nil, err
		}
	}
	r := o.run
	selection := len(r.Pipelines)+len(r.Nodes)+len(r.Tags)+len(r.FromNodes)+len(r.ToNodes)+
		len(r.FromInputs)+len(r.ToOutputs)+len(r.Namespaces) > 0
	if rec != nil && !selection {
		r.Pipelines, r.Tags, r.Nodes = rec.Pipelines, rec.Filters.Tags, rec.Filters.Nodes
		r.FromNodes, r.ToNodes, r.FromInputs = rec.Filters.FromNodes, rec.Filters.ToNodes, rec.Filters.FromInputs
		r.ToOutputs, r.Namespaces = rec.Filters.ToOutputs, rec.Filters.Namespaces
		if r.Env == "" {
			r.Env = rec.Env
		}
		r.configParams = mergeParams(rec.Params, nil)
	}
	sopts, err := r.toSession()
	if err != nil {
		return nil, err
	}
	sopts.NoDurations = true
	sopts.NoDataCheck = true // a drawing of a slice need not be runnable
	if rec != nil && rec.Parallel() {
		sopts.Runner.Parallel = true
	}
	in := viz.Input{Pipelines: sopts.Pipelines, Filters: filtersOf(sopts), Record: rec}
	if len(in.Pipelines) == 0 {
		in.Pipelines = []string{session.DefaultPipeline}
	}
	in.Title = programName(o.run.App) + ": " + joinLimited(in.Pipelines, 5)
	sess, err := session.Prepare(o.run.App.Registry, sopts)
	if err != nil {
		if rec == nil {
			return nil, err
		}
		// The pipeline no longer prepares: draw the run as recorded.
		in.Pipeline = pipelineOfRecord(rec)
		m := viz.Build(in)
		m.Warnings = append([]string{fmt.Sprintf("the pipeline as it is now cannot be prepared (%v); drawing run %s as recorded", err, rec.ID)}, m.Warnings...)
		return m, nil
	}
	in.Pipeline, in.Plan, in.Catalog = sess.Pipeline, sess.Plan, sess.Catalog
	if sess.Config != nil && sess.Config.Runner != nil {
		in.Rules = sess.Config.Runner.Nodes
	}
	return viz.Build(in), nil
}

// pipelineOfRecord is a pipeline of the record's nodes, with no data:
// enough to draw their statuses when the project changed beyond recognition.
func pipelineOfRecord(rec *runrec.Record) *pipeline.Pipeline {
	var nodes []*pipeline.Node
	for _, n := range rec.Nodes {
		nodes = append(nodes, pipeline.NewNode(func() {}, nil, nil, pipeline.Name(n.Name)))
	}
	return pipeline.NewPipeline(nodes...)
}

// serveViz serves the page on o.Addr until interrupted; /version changes
// when a new run is recorded, and the page then reloads itself.
func serveViz(ctx context.Context, o *vizOptions, build func() (*viz.Model, error), say func(string)) error {
	ln, err := net.Listen("tcp", o.Addr)
	if err != nil {
		return usageErrorf("--addr %s: %v", o.Addr, err)
	}
	srv := &http.Server{Handler: vizHandler(build), ReadHeaderTimeout: 10 * time.Second}
	ctx, stop := withSignals(ctx, say)
	defer stop()
	go func() {
		<-ctx.Done()
		shut, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		srv.Shutdown(shut)
	}()
	fmt.Fprintf(o.run.IO.ErrOut, "Serving the pipeline page on http://%s/ (Ctrl-C stops)\n", ln.Addr())
	if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// vizHandler serves the page, built afresh per request, and /version: the
// newest run record's id and time, which the page polls.
func vizHandler(build func() (*viz.Model, error)) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, _ *http.Request) {
		m, err := build()
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		var buf bytes.Buffer
		if err := viz.WritePage(&buf, m, true); err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(buf.Bytes())
	})
	mux.HandleFunc("GET /version", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		fmt.Fprint(w, runsVersion())
	})
	return mux
}

// runsVersion names the newest record and when it was last written.
func runsVersion() string {
	root, err := runsRoot()
	if err != nil {
		return ""
	}
	id, err := runrec.Resolve(root, runrec.Latest)
	if err != nil {
		return ""
	}
	fi, err := os.Stat(filepath.Join(root, id, runrec.RecordFile))
	if err != nil {
		return id
	}
	return id + " " + fi.ModTime().UTC().Format(time.RFC3339Nano)
}
