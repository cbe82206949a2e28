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
	return "; did you mean " + strings.Join(suggestpkg.Quoted(s), " or ") + "?"
}
