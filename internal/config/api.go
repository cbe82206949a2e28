package config

import (
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/kedrogo/kedrogo/internal/resource"
)

// Options selects what to load.
type Options struct {
	// ConfSource is the conf folder ("conf", relative to the working
	// directory, when empty).
	ConfSource string
	// Env is the run environment ("local" when empty; "base" reads base only).
	Env string
	// RuntimeParams are the parsed --params, deep-merged over parameters.
	RuntimeParams map[string]any
	// MergeStrategy maps a config type (catalog, parameters, credentials,
	// globals) to "soft" or "destructive" (the default). When nil, Load
	// reads merge_strategy from conf/base/kedrogo.yml and
	// conf/<env>/kedrogo.yml, the env's entries winning.
	MergeStrategy map[string]string
	// ConfigPatterns replace the file globs of the config types they name.
	// When nil, Load reads config_patterns from the settings files as
	// it reads merge_strategy.
	ConfigPatterns Patterns
	// Resolvers are custom OmegaConf resolvers, used as ${name:arg, ...}
	// in every config type (kedrogo.WithResolver registers them).
	Resolvers map[string]Resolver
	// Getenv looks up environment variables for ${oc.env:VAR}
	// (os.LookupEnv when nil).
	Getenv func(string) (string, bool)
}

// Resolver computes the value of ${name:arg, ...}. Arguments arrive typed
// as YAML types them (quoted text is a string; 5 an int; null nil); an
// argument that is itself an interpolation arrives resolved. The result
// takes the place of the whole interpolation, or is rendered into the
// string around it.
type Resolver func(args ...any) (any, error)

// Entry is one top-level catalog (or credentials) key after merging and
// interpolation, with where it came from.
type Entry struct {
	Name string
	Node *yaml.Node // the entry's value; Line/Column point into File
	File string
}

// Config is a loaded conf/ folder.
type Config struct {
	Dir, Env    string
	Catalog     []Entry        // in file order; keys starting with "_" dropped
	Credentials map[string]any // resolved, ${oc.env:VAR} applied
	Parameters  map[string]any // merged, runtime params applied
	// ParamSources says where each parameter's value was set, by dotted
	// key: "conf/base/parameters.yml:3", or "--params".
	ParamSources map[string]string
	Runner       *RunnerConfig // never nil; empty when no runner*.yml
}

// RunnerConfig is runner.yml after merging base and env key by key.
type RunnerConfig struct {
	MaxWorkers int // 0 when unset
	Capacity   map[string]resource.Quantity
	// Defaults are defaults.resources: the request, per resource, of
	// every node that declares none for it (in code or under nodes:).
	Defaults map[string]resource.Quantity
	Nodes    []NodeRule
	// MemoryLimit (memory_limit: true) runs each command node in a cgroup
	// whose memory.max is its memory request, where the machine allows.
	MemoryLimit bool
}

// NodeRule is one entry under nodes: — a node name, tag:NAME or namespace:NAME.
type NodeRule struct {
	Key       string
	File      string
	Line      int
	Exclusive *bool
	Resources map[string]resource.Quantity
	After     []string
	Retries   *int
	Timeout   *time.Duration
}

// NodeRef identifies a node for rule matching.
type NodeRef struct {
	Name, Namespace string
	Tags            []string
}

// NodeSettings is what the rules say about one node, merged by DESIGN.md's
// precedence (node name > namespace, deepest first > tag).
type NodeSettings struct {
	Exclusive *bool
	Resources map[string]resource.Quantity
	After     []string
	Retries   int
	Timeout   time.Duration
}
