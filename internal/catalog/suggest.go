package catalog

import (
	"strings"

	"github.com/kedrogo/kedrogo/internal/suggest"
)

// didYouMean renders suggestions as "; did you mean 'a'?" or "".
func didYouMean(name string, candidates []string) string {
	s := suggest.Suggest(name, candidates)
	if len(s) == 0 {
		return ""
	}
	return "; did you mean " + strings.Join(suggest.Quoted(s), " or ") + "?"
}
