package session

import (
	"fmt"
	"slices"
	"strings"

	"github.com/kedrogo/kedrogo/internal/suggest"
)

// maxListed is how many existing names an "unknown name" message lists
// before it gives only a count (DESIGN.md's CLI contract).
const maxListed = 10

// listNames joins names, at most maxListed of them, then "and N more".
func listNames(names []string) string {
	if len(names) == 0 {
		return "none"
	}
	if len(names) <= maxListed {
		return strings.Join(names, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(names[:maxListed], ", "), len(names)-maxListed)
}

// pyList renders names as Python's list repr, as Kedro's messages do:
// ['a', 'b'].
func pyList(names []string) string {
	return "[" + strings.Join(suggest.Quoted(names), ", ") + "]"
}

// quoteOr renders ['a','b','c'] as 'a', 'b' or 'c'.
func quoteOr(names []string) string {
	q := suggest.Quoted(names)
	if len(q) == 1 {
		return q[0]
	}
	return strings.Join(q[:len(q)-1], ", ") + " or " + q[len(q)-1]
}

// unknownNames is one kind of name a run asked for that does not exist.
type unknownNames struct {
	// head is the message's first sentence, without the final full stop,
	// e.g. "Pipeline does not contain nodes named ['X']".
	head string
	// asked are the unknown names, in the order asked.
	asked []string
	// existing are the names that do exist, sorted.
	existing []string
	// what names the existing names in the list ("nodes", "tags").
	what string
	// extra suggestions per asked name, placed before the edit-distance
	// ones (e.g. a namespaced node whose last segment is the name).
	extra map[string][]string
	// elsewhere notes, per asked name, where else it exists.
	elsewhere map[string]string
}

func (u unknownNames) Error() string {
	var b strings.Builder
	b.WriteString(u.head)
	b.WriteString(".")
	for _, name := range u.asked {
		near := append([]string(nil), u.extra[name]...)
		for _, s := range suggest.Suggest(name, u.existing) {
			if !slices.Contains(near, s) {
				near = append(near, s)
			}
		}
		if len(near) > suggest.MaxSuggestions {
			near = near[:suggest.MaxSuggestions]
		}
		if len(near) > 0 {
			if len(u.asked) == 1 {
				fmt.Fprintf(&b, " Did you mean %s?", quoteOr(near))
			} else {
				fmt.Fprintf(&b, " For '%s', did you mean %s?", name, quoteOr(near))
			}
		}
		if where := u.elsewhere[name]; where != "" {
			fmt.Fprintf(&b, " '%s' %s.", name, where)
		}
	}
	if len(u.existing) == 0 {
		fmt.Fprintf(&b, " The pipeline has no %s.", u.what)
	} else {
		fmt.Fprintf(&b, " Existing %s (%d): %s.", u.what, len(u.existing), listNames(u.existing))
	}
	return b.String()
}

// dedupe returns xs without repeats, keeping first occurrences in order.
func dedupe(xs []string) []string {
	seen := make(map[string]bool, len(xs))
	out := xs[:0:0]
	for _, x := range xs {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}
