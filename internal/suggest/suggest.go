package suggest

import "sort"

// Cutoff is the least similarity (0..1) a candidate needs to be suggested,
// the default of Python's difflib.get_close_matches that Kedro uses.
const Cutoff = 0.6

// MaxSuggestions is the most names Suggest returns.
const MaxSuggestions = 3

// Suggest returns up to MaxSuggestions candidates closest to name, best
// first (ties by name), among those at least Cutoff similar. Similarity is
// 1 - distance/longer length, with the Levenshtein distance, so a
// transposition or one wrong letter in a long name still matches.
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
		if s := Similarity(name, c); s >= Cutoff {
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
