package config

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

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
	files := make([]map[string][]string, len(envs))
	for i, e := range envs {
		f, err := envFiles(filepath.Join(dir, e))
		if err != nil {
			return nil, err
		}
		files[i] = f
	}
	strategy, err := mergeStrategies(opts.MergeStrategy, SettingsFiles(dir, env))
	if err != nil {
		return nil, err
	}
	l := newLoader()
	if opts.Getenv != nil {
		l.getenv = opts.Getenv
	}
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
		file := l.fileOf[v]
		if file == "" {
			file = l.fileOf[k]
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
	runner, err := ld.load(typeRunner)
	if err != nil {
		return nil, err
	}
	if cfg.Runner, err = l.parseRunner(runner); err != nil {
		return nil, err
	}
	return cfg, nil
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

func (l *loader) setFile(n *yaml.Node, file string) {
	l.fileOf[n] = file
	for _, c := range n.Content {
		l.setFile(c, file)
	}
}

// mergeStrategies validates the merge strategies given, or else reads
// merge_strategy from the settings files (the env's wins over base's).
func mergeStrategies(given map[string]string, settings []string) (map[string]string, error) {
	strategy := given
	if strategy == nil {
		strategy = map[string]string{}
		for _, f := range settings {
			found, err := readMergeStrategy(f)
			if err != nil {
				return nil, err
			}
			for k, v := range found {
				strategy[k] = v
			}
		}
	}
	types := make([]string, 0, len(strategy))
	for t := range strategy {
		types = append(types, t)
	}
	sort.Strings(types)
	for _, t := range types {
		if s := strategy[t]; s != Soft && s != Destructive {
			return nil, &Error{Msg: fmt.Sprintf("Merging strategy %s not supported. The accepted merging strategies are ['soft', 'destructive']. (merge_strategy.%s)", s, t)}
		}
	}
	return strategy, nil
}

// readMergeStrategy reads the merge_strategy mapping of a kedrogo.yml, if
// the file exists.
func readMergeStrategy(path string) (map[string]string, error) {
	data, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return nil, nil
	}
	if err != nil {
		return nil, &Error{File: path, Msg: fmt.Sprintf("cannot read the file: %v", err)}
	}
	root, err := newLoader().parse(path, data)
	if err != nil {
		return nil, err
	}
	v := valueOf(root, "merge_strategy")
	if v == nil {
		return nil, nil
	}
	if v.Kind != yaml.MappingNode {
		return nil, errorf(path, v.Line, "merge_strategy must be a mapping of config type to soft or destructive, e.g. {parameters: soft}")
	}
	out := map[string]string{}
	for i := 0; i+1 < len(v.Content); i += 2 {
		out[v.Content[i].Value] = strings.TrimSpace(v.Content[i+1].Value)
	}
	return out, nil
}
