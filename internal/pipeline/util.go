package pipeline

import (
	"sort"
	"unicode"
)

func sortStrings(xs []string) { sort.Strings(xs) }

func isWordRune(r rune) bool {
	return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}
