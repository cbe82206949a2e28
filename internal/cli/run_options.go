package cli

import (
	"fmt"
	"maps"
	"os"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/kedrogo/kedrogo/internal/config"
	"github.com/kedrogo/kedrogo/internal/pipeline"
	"github.com/kedrogo/kedrogo/internal/resource"
	"github.com/kedrogo/kedrogo/internal/runner"
	"github.com/kedrogo/kedrogo/internal/session"
	"github.com/kedrogo/kedrogo/internal/suggest"
)

// runListFlags are the list flags that must not end up empty, with the
// alias that fills the same list.
var runListFlags = [][]string{
	{"pipelines"}, {"pipeline"}, {"nodes", "node"}, {"tags"}, {"from-nodes"}, {"to-nodes"},
	{"from-inputs"}, {"to-outputs"}, {"namespaces", "namespace"}, {"load-versions"},
}

var runnerNames = []string{"SequentialRunner", "ParallelRunner", "ThreadRunner"}

// finish completes the options after parsing: --config, then settings
// (environment, kedrogo.yml), then the checks every flag needs.
func (o *RunOptions) finish(cmd *cobra.Command) error {
	fs := cmd.Flags()
	if o.ConfigFile != "" {
		if err := applyRunConfig(fs, o); err != nil {
			return err
		}
	}
	o.maxWorkersGiven = fs.Changed("max-workers")
	if err := applySettings(fs, o.Global.lookupEnv); err != nil {
		return err
	}
	o.envFrom = settingOrigin(fs, "env")
	return o.validate(fs)
}

func (o *RunOptions) validate(fs *pflag.FlagSet) error {
	for _, names := range runListFlags {
		if changedAny(fs, names...) && fs.Lookup(names[0]).Value.String() == "" {
			example := "a,b"
			if names[0] == "load-versions" {
				example = "cars:2024-01-01T00.00.00.000Z"
			}
			return usageErrorf("--%s: the list is empty; give comma-separated names, such as --%s %s", names[0], names[0], example)
		}
	}
	if fs.Changed("pipeline") && fs.Changed("pipelines") {
		return usageErrorf("Options '--pipeline' and '--pipelines' cannot be used together")
	}
	o.Pipelines = append(o.Pipelines, o.pipelineFlag...)
	o.pipelineFlag = nil

	if o.Runner != "" {
		name := strings.TrimPrefix(o.Runner, "kedro.runner.")
		switch name {
		case "SequentialRunner":
			if o.Parallel {
				return usageErrorf("--parallel and --runner SequentialRunner contradict each other; give one")
			}
		case "ParallelRunner", "ThreadRunner":
			o.Parallel = true
		default:
			return usageErrorf("unknown runner %q%s; kedrogo has SequentialRunner, and ParallelRunner or ThreadRunner (both = --parallel)",
				o.Runner, didYouMean(name, runnerNames))
		}
	}
	if fs.Changed("max-workers") && o.MaxWorkers < 1 {
		return usageErrorf("--max-workers must be at least 1, got %d (leave it out for runner.yml's max_workers, else the usable cores)", o.MaxWorkers)
	}
	if err := o.applyRunnerParams(fs); err != nil {
		return err
	}
	switch o.Format {
	case "", "text", "json":
	default:
		return usageErrorf("--format must be text or json, got %q", o.Format)
	}
	switch o.Output {
	case "", "prefixed", "group":
	default:
		return usageErrorf("--output must be prefixed or group, got %q%s", o.Output, didYouMean(o.Output, []string{"prefixed", "group"}))
	}
	if o.Incremental && o.OnlyMissingOutputs {
		return usageErrorf("%v", session.ErrIncrementalWithMissing)
	}
	if len(o.ForceNodes) > 0 && !o.Incremental {
		return usageErrorf("--force-nodes applies to --incremental runs only; without --incremental every node runs")
	}
	if o.Format != "" && !o.DryRun {
		return usageErrorf("--format %s applies to --dry-run only", o.Format)
	}
	if fs.Lookup("keep-runs") != nil && o.KeepRuns < 1 {
		return usageErrorf("--keep-runs must be at least 1, got %d", o.KeepRuns)
	}
	if o.ConfSource != "" {
		if _, err := os.Stat(o.ConfSource); err != nil {
			return usageErrorf("Invalid value for '--conf-source': Path '%s' does not exist.", o.ConfSource)
		}
	}
	return nil
}

// applyRunnerParams folds --runner-params (Kedro's max_workers and
// is_async) into the options.
func (o *RunOptions) applyRunnerParams(fs *pflag.FlagSet) error {
	for _, raw := range o.RunnerParams {
		for item := range strings.SplitSeq(raw, ",") {
			if strings.TrimSpace(item) == "" {
				continue
			}
			key, value, ok := strings.Cut(item, "=")
			if !ok {
				return usageErrorf("Invalid format of `runner_params` option: Item `%s` must contain a key and a value separated by `=`.", strings.TrimSpace(item))
			}
			key, value = strings.TrimSpace(key), strings.TrimSpace(value)
			switch key {
			case "":
				return usageErrorf("Invalid format of `runner_params` option: Parameter key cannot be an empty string.")
			case "max_workers":
				n, err := strconv.Atoi(value)
				if err != nil || n < 1 {
					return usageErrorf("--runner-params max_workers must be a whole number of at least 1, got %q", value)
				}
				if fs.Changed("max-workers") && n != o.MaxWorkers {
					return usageErrorf("--max-workers %d and --runner-params max_workers=%d disagree; give one", o.MaxWorkers, n)
				}
				o.MaxWorkers = n
			case "is_async":
				b, err := strconv.ParseBool(value)
				if err != nil {
					return usageErrorf("--runner-params is_async must be true or false, got %q", value)
				}
				if o.Async && !b {
					return usageErrorf("Options '--async' and '--runner-params=is_async=False' cannot be used together.")
				}
				o.Async = b
			default:
				return usageErrorf("unknown runner parameter %q%s; kedrogo's runner takes max_workers and is_async",
					key, didYouMean(key, []string{"max_workers", "is_async"}))
			}
		}
	}
	return nil
}

// toSession turns checked options into the session's, parsing the values
// that have a grammar of their own.
func (o *RunOptions) toSession() (session.Options, error) {
	params := maps.Clone(o.configParams)
	for _, raw := range o.Params {
		p, err := config.ParseParams(raw)
		if err != nil {
			return session.Options{}, asUsage(err)
		}
		params = mergeParams(params, p)
	}
	loadVersions, err := parseLoadVersions(o.LoadVersions)
	if err != nil {
		return session.Options{}, err
	}
	var resources map[string]resource.Quantity
	for _, raw := range o.Resources {
		r, err := resource.ParseList(raw)
		if err != nil {
			return session.Options{}, usageErrorf("--resources: %v", err)
		}
		if len(r) == 0 {
			return session.Options{}, usageErrorf("--resources: the list is empty; give NAME=QUANTITY items, such as --resources memory=32GiB,gpu=1")
		}
		if resources == nil {
			resources = map[string]resource.Quantity{}
		}
		maps.Copy(resources, r)
	}
	opts := session.Options{
		ConfSource:   o.ConfSource,
		Env:          o.Env,
		Params:       params,
		LoadVersions: loadVersions,
		Pipelines:    o.Pipelines,
		Filter: pipeline.Filter{
			Tags:       o.Tags,
			FromNodes:  o.FromNodes,
			ToNodes:    o.ToNodes,
			NodeNames:  o.Nodes,
			FromInputs: o.FromInputs,
			ToOutputs:  o.ToOutputs,
			Namespaces: o.Namespaces,
		},
		Resources:     resources,
		MaxWorkers:    o.MaxWorkers,
		SingleAttempt: o.SingleAttempt,
		Incremental:   o.Incremental,
		ForceNodes:    o.ForceNodes,
		Runner: runner.Options{
			Parallel:           o.Parallel,
			MaxWorkers:         o.MaxWorkers,
			Async:              o.Async,
			KeepGoing:          o.KeepGoing,
			OnlyMissingOutputs: o.OnlyMissingOutputs,
			OutputGroup:        o.Output == "group",
		},
	}
	if o.App != nil {
		opts.DatasetTypes = o.App.DatasetTypes
		opts.Resolvers = o.App.Resolvers
		opts.Runner.Hooks = o.App.Hooks
	}
	return opts, nil
}

// parseLoadVersions reads dataset:version items with Kedro's messages.
func parseLoadVersions(items []string) (map[string]string, error) {
	if len(items) == 0 {
		return nil, nil
	}
	lv, err := config.ParseLoadVersions(strings.Join(items, ","))
	return lv, asUsage(err)
}

// mergeParams deep-merges src over dst (a later --params wins key by key).
func mergeParams(dst, src map[string]any) map[string]any {
	if dst == nil {
		dst = map[string]any{}
	}
	for k, v := range src {
		sub, isMap := v.(map[string]any)
		prev, prevIsMap := dst[k].(map[string]any)
		if isMap && prevIsMap {
			dst[k] = mergeParams(maps.Clone(prev), sub)
			continue
		}
		dst[k] = v
	}
	return dst
}

func changedAny(fs *pflag.FlagSet, names ...string) bool {
	for _, n := range names {
		if fs.Changed(n) {
			return true
		}
	}
	return false
}

// didYouMean formats the nearest candidates as " (did you mean X?)".
func didYouMean(name string, candidates []string) string {
	near := suggest.Suggest(name, candidates)
	if len(near) == 0 {
		return ""
	}
	return fmt.Sprintf(" (did you mean %s?)", strings.Join(near, " or "))
}
