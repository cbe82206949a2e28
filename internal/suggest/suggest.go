package suggest

import (
	"sort"
	"strings"
)

// Cutoff is the least similarity (0..1) a candidate needs to be suggested,
// the default of Python's difflib.get_close_matches that Kedro uses.
const Cutoff = 0.6

// MaxSuggestions is the most names Suggest returns.
const MaxSuggestions = 3

// Suggest returns up to MaxSuggestions candidates closest to name, best
// first (ties by name). Case is ignored ("c" finds "C"), and a candidate
// is close when it is at least Cutoff similar, with similarity 1 -
// distance/longer length over the Levenshtein distance, so a transposition
// or one wrong letter in a long name still matches. A ratio alone never
// suggests anything for a short name (one edit in "Cc" is half of it), so
// a candidate one edit away that shares a letter with name is close too:
// "Cc" finds "C", but "x" does not find "A".
func Suggest(name string, candidates []string) []string {
	type scored struct {
		name  string
		score float64
	}
	var hits []scored
	seen := make(map[string]bool, len(candidates))
	for _, c := range candidates {
		if c == name || seen[c] {
			continue
		}
		seen[c] = true
		if s, ok := closeness(name, c); ok {
			hits = append(hits, scored{c, s})
		}
	}
	sort.Slice(hits, func(i, j int) bool {
		if hits[i].score != hits[j].score {
			return hits[i].score > hits[j].score
		}
		return hits[i].name < hits[j].name
	})
	if len(hits) > MaxSuggestions {
		hits = hits[:MaxSuggestions]
	}
	out := make([]string, len(hits))
	for i, h := range hits {
		out[i] = h.name
	}
	return out
}

// closeness scores candidate c for name: the similarity of their
// case-folded forms, a hair less when only case differs from an exact
// match's, so a candidate of the same case ranks first.
func closeness(name, c string) (float64, bool) {
	fn, fc := []rune(strings.ToLower(name)), []rune(strings.ToLower(c))
	longer := max(len(fn), len(fc))
	if longer == 0 {
		return 0, false
	}
	d := levenshtein(fn, fc)
	s := 1 - float64(d)/float64(longer)
	if d > 0 && s < Cutoff && !(d == 1 && longer > 1) {
		return 0, false
	}
	if name != c && strings.EqualFold(name, c) {
		s -= 1e-9
	}
	return s, true
}

// Similarity returns 1 - Levenshtein(a, b)/max(len(a), len(b)) over runes:
// 1 for equal strings, 0 for nothing in common.
func Similarity(a, b string) float64 {
	ra, rb := []rune(a), []rune(b)
	longer := max(len(ra), len(rb))
	if longer == 0 {
		return 1
	}
	return 1 - float64(levenshtein(ra, rb))/float64(longer)
}

// Distance is the Levenshtein edit distance between a and b, in runes.
func Distance(a, b string) int { return levenshtein([]rune(a), []rune(b)) }

func levenshtein(a, b []rune) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// Quoted returns names, each in single quotes, as Kedro's messages (Python
// reprs) show them: 'a'.
func Quoted(names []string) []string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = "'" + n + "'"
	}
	return q
}
