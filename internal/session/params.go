package session

import (
	"slices"
	"strings"

	"github.com/rs/zerolog"

	"github.com/kedrogo/kedrogo/internal/catalog"
	"github.com/kedrogo/kedrogo/internal/config"
	"github.com/kedrogo/kedrogo/internal/pipeline"
	"github.com/kedrogo/kedrogo/internal/suggest"
)

// warnUnreadParams warns about a --params key that no parameters file sets
// and no node of the run reads: most often a misspelt key, which Kedro
// accepts silently (new keys are allowed, so this is a warning, not an
// error). The warning names the nearest existing parameter.
func warnUnreadParams(log zerolog.Logger, given map[string]any, sources map[string]string, p *pipeline.Pipeline) {
	if len(given) == 0 {
		return
	}
	var reads []string
	for _, n := range p.Nodes() {
		for _, in := range n.Inputs() {
			if in == "parameters" {
				return // a node reads them all
			}
			if key, ok := strings.CutPrefix(in, catalog.ParamsPrefix); ok {
				reads = append(reads, key)
			}
		}
	}
	var known []string
	for k, src := range sources {
		if src != "--params" {
			known = append(known, k)
		}
	}
	slices.Sort(known)
	for _, key := range config.Keys(given) {
		if _, leaf := lookupLeaf(given, key); !leaf || sources[key] != "--params" || isRead(key, reads) {
			continue
		}
		msg := "--params " + key + ": no parameters file sets it and no node of this run reads it"
		if near := suggest.Suggest(key, known); len(near) > 0 {
			msg += "; did you mean '" + near[0] + "'?"
		}
		log.Warn().Msg(msg)
	}
}

// lookupLeaf reports whether key names a value that is not a mapping.
func lookupLeaf(params map[string]any, key string) (any, bool) {
	v, ok := config.Lookup(params, key)
	if !ok {
		return nil, false
	}
	_, isMap := v.(map[string]any)
	return v, !isMap
}

// isRead reports whether a node reads key: itself, a mapping holding it,
// or a value inside it.
func isRead(key string, reads []string) bool {
	for _, r := range reads {
		if r == key || strings.HasPrefix(key, r+".") || strings.HasPrefix(r, key+".") {
			return true
		}
	}
	return false
}
