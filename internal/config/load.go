package config

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"go.yaml.in/yaml/v3"
)

// Load reads the conf folder: conf/base, then conf/<env> over it.
//
// Per environment, the files of each config type are merged (a key in two
// files is an error) and their interpolations resolved; across
// environments, an env's top-level key replaces base's ("destructive"),
// unless the type's merge strategy is "soft" (a deep merge). runner.yml is
// always merged key by key. --params (opts.RuntimeParams) are merged over
// the parameters of both environments before interpolation, as in Kedro.
func Load(opts Options) (*Config, error) {
	for name := range opts.Resolvers {
		switch name {
		case "globals", "runtime_params", "oc.env":
			return nil, &Error{Msg: fmt.Sprintf("a custom resolver cannot be named %q: that resolver is built in", name)}
		}
	}
	dir := opts.ConfSource
	if dir == "" {
		dir = "conf"
	}
	env := opts.Env
	if env == "" {
		env = DefaultEnv
	}
	envs := []string{BaseEnv}
	if env != BaseEnv {
		envs = append(envs, env)
	}
	strategy, patterns, err := settings(opts, SettingsFiles(dir, env))
	if err != nil {
		return nil, err
	}
	files := make([]map[string][]string, len(envs))
	for i, e := range envs {
		f, err := envFiles(filepath.Join(dir, e), patterns)
		if err != nil {
			return nil, err
		}
		files[i] = f
	}
	l := newLoaderSized(expectedNodes(files))
	if opts.Getenv != nil {
		l.getenv = opts.Getenv
	}
	l.resolvers = opts.Resolvers
	ld := &envLoader{l: l, files: files, strategy: strategy, runtime: opts.RuntimeParams}

	if ld.globals, err = ld.load(typeGlobals); err != nil {
		return nil, err
	}
	cfg := &Config{Dir: dir, Env: env}
	catalog, err := ld.load(typeCatalog)
	if err != nil {
		return nil, err
	}
	for i := 0; i+1 < len(catalog.Content); i += 2 {
		k, v := catalog.Content[i], catalog.Content[i+1]
		file := l.file(v)
		if file == "" {
			file = l.file(k)
		}
		cfg.Catalog = append(cfg.Catalog, Entry{Name: k.Value, Node: v, File: file})
	}
	creds, err := ld.load(typeCredentials)
	if err != nil {
		return nil, err
	}
	cfg.Credentials = toValue(creds).(map[string]any)
	params, err := ld.load(typeParameters)
	if err != nil {
		return nil, err
	}
	cfg.Parameters = toValue(params).(map[string]any)
	cfg.ParamSources = l.sources(params, "", map[string]string{})
	runner, err := ld.load(typeRunner)
	if err != nil {
		return nil, err
	}
	if cfg.Runner, err = l.parseRunner(runner); err != nil {
		return nil, err
	}
	return cfg, nil
}

// expectedNodes guesses how many YAML nodes the files hold, about one per
// 8 bytes (a catalog entry of four lines is some ten nodes in 90 bytes),
// to size the loader's file map once.
func expectedNodes(files []map[string][]string) int {
	var size int64
	for _, byType := range files {
		for _, paths := range byType {
			for _, p := range paths {
				if fi, err := os.Stat(p); err == nil {
					size += fi.Size()
				}
			}
		}
	}
	return int(min(size/8, 8<<20))
}

// envLoader loads one config type from every environment and merges them.
type envLoader struct {
	l        *loader
	files    []map[string][]string // per environment, base first
	strategy map[string]string
	runtime  map[string]any
	globals  *yaml.Node
}

func (e *envLoader) load(typ string) (*yaml.Node, error) {
	var merged *yaml.Node
	for _, files := range e.files {
		root, err := e.l.mergeEnvFiles(files[typ], typ)
		if err != nil {
			return nil, err
		}
		if typ == typeParameters && len(files[typ]) > 0 {
			softMerge(root, e.runtimeNode()) // ${...} sees the --params values
		}
		globals := e.globals
		if typ == typeGlobals {
			globals = nil
		}
		if err := e.l.resolve(root, typ, globals, e.runtime); err != nil {
			return nil, err
		}
		if typ != typeParameters && typ != typeGlobals {
			dropPrivate(root)
		}
		switch {
		case merged == nil:
			merged = root
		case typ == typeRunner:
			keyByKeyMerge(merged, root)
		case e.strategy[typ] == Soft:
			softMerge(merged, root)
		default:
			destructiveMerge(merged, root)
		}
	}
	if typ == typeParameters {
		// As Kedro: an environment without parameter files is empty (its
		// merge cannot drop base's keys), and --params go over the result.
		softMerge(merged, e.runtimeNode())
	}
	return merged, nil
}

// runtimeNode is the --params as a fresh node tree.
func (e *envLoader) runtimeNode() *yaml.Node {
	rt := toNode(e.runtime, 0, 0)
	if rt.Kind != yaml.MappingNode { // nil map
		rt = &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
	}
	e.l.setFile(rt, "--params")
	return rt
}

// sources records where each key of mapping n (and of the mappings in
// it) was set: file:line of its value, or "--params".
func (l *loader) sources(n *yaml.Node, prefix string, out map[string]string) map[string]string {
	if n == nil || n.Kind != yaml.MappingNode {
		return out
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		file, line := l.file(v), v.Line
		if file == "" {
			file, line = l.file(k), k.Line
		}
		switch {
		case file == "--params" || line <= 0:
			out[prefix+k.Value] = file
		case file != "":
			out[prefix+k.Value] = fmt.Sprintf("%s:%d", file, line)
		}
		l.sources(v, prefix+k.Value+".", out)
	}
	return out
}

func (l *loader) setFile(n *yaml.Node, file string) {
	l.setFileOf(n, file)
	for _, c := range n.Content {
		l.setFile(c, file)
	}
}

// settings returns the merge strategies and config patterns: those given
// in opts, else read from the settings files (the env's entries winning
// over base's, type by type); strategies are validated.
func settings(opts Options, files []string) (map[string]string, Patterns, error) {
	strategy, patterns := opts.MergeStrategy, opts.ConfigPatterns
	readStrategy, readPatterns := strategy == nil, patterns == nil
	if readStrategy {
		strategy = map[string]string{}
	}
	if readPatterns {
		patterns = Patterns{}
	}
	for _, f := range files {
		s, p, err := readSettings(f)
		if err != nil {
			return nil, nil, err
		}
		for k, v := range s {
			if readStrategy {
				strategy[k] = v
			}
		}
		for k, v := range p {
			if readPatterns {
				patterns[k] = v
			}
		}
	}
	if err := checkStrategies(strategy); err != nil {
		return nil, nil, err
	}
	return strategy, patterns, nil
}

// checkStrategies accepts only soft and destructive.
func checkStrategies(strategy map[string]string) error {
	types := make([]string, 0, len(strategy))
	for t := range strategy {
		types = append(types, t)
	}
	sort.Strings(types)
	for _, t := range types {
		if s := strategy[t]; s != Soft && s != Destructive {
			return &Error{Msg: fmt.Sprintf("Merging strategy %s not supported. The accepted merging strategies are ['soft', 'destructive']. (merge_strategy.%s)", s, t)}
		}
	}
	return nil
}
