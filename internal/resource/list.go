package resource

import (
	"fmt"
	"strings"
)

// ParseList parses "memory=32GiB,gpu=1" (the --resources flag): a comma
// list, items trimmed, empty items dropped, each NAME=QUANTITY. A later
// item for the same resource wins. Every error names the item.
func ParseList(s string) (map[string]Quantity, error) {
	out := map[string]Quantity{}
	for _, item := range strings.Split(s, ",") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		name, value, ok := strings.Cut(item, "=")
		if !ok {
			return nil, fmt.Errorf("invalid resource %q: want NAME=QUANTITY, e.g. memory=32GiB", item)
		}
		name, value = strings.TrimSpace(name), strings.TrimSpace(value)
		if err := ValidName(name); err != nil {
			return nil, fmt.Errorf("invalid resource %q: %v", item, err)
		}
		if value == "" {
			return nil, fmt.Errorf("invalid resource %q: the quantity is empty; want NAME=QUANTITY, e.g. %s=1", item, name)
		}
		q, err := Parse(value)
		if err != nil {
			return nil, fmt.Errorf("invalid resource %q: %v", item, err)
		}
		out[name] = q
	}
	return out, nil
}

// ValidName reports whether name can name a resource: letters, digits,
// hyphens, underscores and fullstops, like node names and tags.
func ValidName(name string) error {
	if name == "" {
		return fmt.Errorf("the resource name is empty")
	}
	for _, r := range name {
		ok := r == '_' || r == '-' || r == '.' ||
			(r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || (r >= '0' && r <= '9')
		if !ok {
			return fmt.Errorf("%q is not a valid resource name: use only letters, digits, hyphens, underscores and fullstops", name)
		}
	}
	return nil
}
