package session

import (
	"fmt"
	"maps"
	"runtime"
	"slices"

	"github.com/kedrogo/kedrogo/internal/resource"
)

// effectiveCapacity layers the capacities: the detected machine (or, for
// an export, the target node's stated capacity), then runner.yml's
// capacity, then --resources. A percentage in either layer is a share of
// the base value, so it needs one.
func effectiveCapacity(detected resource.Capacity, conf, flags map[string]resource.Quantity, target bool) (resource.Capacity, error) {
	out := make(resource.Capacity, len(detected)+len(conf)+len(flags))
	for name, v := range detected {
		out[name] = v
	}
	layers := []struct {
		where string
		qs    map[string]resource.Quantity
	}{
		{"runner.yml capacity", conf},
		{"--resources", flags},
	}
	for _, layer := range layers {
		for _, name := range slices.Sorted(maps.Keys(layer.qs)) {
			q := layer.qs[name]
			v := q.Milli
			if q.Percent {
				base, ok := detected[name]
				if !ok && target {
					return nil, fmt.Errorf("%s: %s for %q is a percentage of the cluster node's capacity, which is not stated; give it with --node-capacity %s=64GiB",
						layer.where, q, name, name)
				}
				if !ok {
					return nil, fmt.Errorf("%s: %s for %q is a percentage of the detected capacity, but only %s are detected; give an amount, e.g. %s=1",
						layer.where, q, name, listNames(slices.Sorted(maps.Keys(detected))), name)
				}
				v = q.Of(base)
			}
			if v < 0 {
				return nil, fmt.Errorf("%s: the capacity of %q must not be negative, got %s", layer.where, name, q)
			}
			out[name] = v
		}
	}
	return out, nil
}

// maxWorkers picks the first set value: the flag, runner.yml, the usable
// cores.
func maxWorkers(flag, conf int) (int, error) {
	switch {
	case flag < 0:
		return 0, fmt.Errorf("max workers should be positive, got %d", flag)
	case flag > 0:
		return flag, nil
	case conf < 0:
		return 0, fmt.Errorf("runner.yml: max_workers should be positive, got %d", conf)
	case conf > 0:
		return conf, nil
	}
	return runtime.GOMAXPROCS(0), nil
}
