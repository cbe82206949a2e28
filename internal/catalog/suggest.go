package catalog

import (
	"strings"

	suggestpkg "github.com/kedrogo/kedrogo/internal/suggest"
)

// suggest returns the candidates nearest to name, best first.
func suggest(name string, candidates []string) []string {
	return suggestpkg.Suggest(name, candidates)
}

// didYouMean renders suggestions as "; did you mean 'a'?" or "".
func didYouMean(name string, candidates []string) string {
	s := suggest(name, candidates)
	if len(s) == 0 {
		return ""
	}
	return "; did you mean " + quoteList(s, " or ") + "?"
}

func quoteList(names []string, sep string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = "'" + n + "'"
	}
	return strings.Join(q, sep)
}
