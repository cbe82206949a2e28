package cli

import (
	"maps"
	"strings"

	"github.com/kedrogo/kedrogo/internal/export/argo"
	"github.com/kedrogo/kedrogo/internal/resource"
)

// parsedExportFlags are export argo's KEY=VALUE flags, parsed.
type parsedExportFlags struct {
	nodeCapacity map[string]resource.Quantity
	labels       map[string]string
	env          []argo.EnvVar
	resourceMap  map[string]string
	nodeSelector map[string]string
	tolerations  []argo.Toleration
}

// parseExportFlags reads the KEY=VALUE flags; each error names the flag
// and shows the form it takes.
func parseExportFlags(o *exportArgoOptions) (parsedExportFlags, error) {
	var p parsedExportFlags
	for _, raw := range o.NodeCapacity {
		r, err := resource.ParseList(raw)
		if err != nil {
			return p, usageErrorf("--node-capacity: %v", err)
		}
		if len(r) == 0 {
			return p, usageErrorf("--node-capacity: the list is empty; give NAME=QUANTITY items, such as --node-capacity memory=64GiB,cpu=16")
		}
		if p.nodeCapacity == nil {
			p.nodeCapacity = map[string]resource.Quantity{}
		}
		maps.Copy(p.nodeCapacity, r)
	}
	var err error
	if p.labels, err = keyValues("label", "team=forecasting", o.Labels); err != nil {
		return p, err
	}
	if p.resourceMap, err = keyValues("resource-map", "gpu=nvidia.com/gpu", o.ResourceMap); err != nil {
		return p, err
	}
	if p.nodeSelector, err = keyValues("node-selector", "pool=gpu", o.NodeSelector); err != nil {
		return p, err
	}
	for _, raw := range o.PodEnv { // one per flag: a value may hold commas
		k, v, ok := strings.Cut(raw, "=")
		if !ok || strings.TrimSpace(k) == "" {
			return p, usageErrorf("--pod-env %q: want NAME=VALUE, e.g. --pod-env LOG_LEVEL=info", raw)
		}
		p.env = append(p.env, argo.EnvVar{Name: strings.TrimSpace(k), Value: v})
	}
	for _, raw := range o.Tolerations {
		for _, item := range splitString(raw) {
			t, ok := parseToleration(item)
			if !ok {
				return p, usageErrorf("--toleration %q: want KEY=VALUE:EFFECT or KEY:EFFECT, e.g. nvidia.com/gpu=present:NoSchedule", item)
			}
			p.tolerations = append(p.tolerations, t)
		}
	}
	return p, nil
}

// keyValues parses repeated comma-separated KEY=VALUE lists; a later key
// wins.
func keyValues(flag, example string, raws []string) (map[string]string, error) {
	if len(raws) == 0 {
		return nil, nil
	}
	out := map[string]string{}
	for _, raw := range raws {
		items := splitString(raw)
		if len(items) == 0 {
			return nil, usageErrorf("--%s: the list is empty; give KEY=VALUE items, such as --%s %s", flag, flag, example)
		}
		for _, item := range items {
			k, v, ok := strings.Cut(item, "=")
			if !ok || strings.TrimSpace(k) == "" {
				return nil, usageErrorf("--%s %q: want KEY=VALUE, e.g. --%s %s", flag, item, flag, example)
			}
			out[strings.TrimSpace(k)] = strings.TrimSpace(v)
		}
	}
	return out, nil
}

// parseToleration reads KEY=VALUE:EFFECT (operator Equal) or KEY:EFFECT
// (operator Exists, any value); the effect may be left out (all effects).
func parseToleration(s string) (argo.Toleration, bool) {
	keyValue, effect, _ := strings.Cut(s, ":")
	key, value, hasValue := strings.Cut(keyValue, "=")
	if strings.TrimSpace(key) == "" {
		return argo.Toleration{}, false
	}
	t := argo.Toleration{Key: key, Operator: "Exists", Effect: effect}
	if hasValue {
		t.Operator, t.Value = "Equal", value
	}
	return t, true
}
