package argo

import (
	"crypto/sha256"
	"encoding/hex"
	"regexp"
	"strconv"
	"strings"
)

// maxNameLen is the DNS-1123 label limit.
const maxNameLen = 63

var dns1123Label = regexp.MustCompile(`^[a-z0-9]([-a-z0-9]*[a-z0-9])?$`)

// DNSName turns s into a DNS-1123 label the way Kedro's deployment guides
// do (re.sub(r"[\W_]+", "-", name).lower()), trimming hyphens at the ends;
// a name longer than 63 characters keeps a hash of the whole to stay
// distinct. An empty result becomes fallback.
func DNSName(s, fallback string) string {
	var b strings.Builder
	dash := false
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
			dash = false
		case r >= 'A' && r <= 'Z':
			b.WriteRune(r - 'A' + 'a')
			dash = false
		default: // _, punctuation and non-ASCII letters all fold to one hyphen
			if !dash {
				b.WriteByte('-')
				dash = true
			}
		}
	}
	name := strings.Trim(b.String(), "-")
	if name == "" {
		return fallback
	}
	if len(name) > maxNameLen {
		sum := sha256.Sum256([]byte(s))
		name = strings.TrimRight(name[:maxNameLen-9], "-") + "-" + hex.EncodeToString(sum[:4])
	}
	return name
}

// namer hands out unique DNS-1123 names: the first owner of a name keeps
// it, later ones get -2, -3, ... (callers go in a stable order, so names
// are stable from one export to the next).
type namer struct{ used map[string]bool }

func newNamer(reserved ...string) *namer {
	n := &namer{used: map[string]bool{}}
	for _, r := range reserved {
		n.used[r] = true
	}
	return n
}

func (n *namer) name(base string) string {
	name := base
	for k := 2; n.used[name]; k++ {
		suffix := "-" + strconv.Itoa(k)
		name = strings.TrimRight(base[:min(len(base), maxNameLen-len(suffix))], "-") + suffix
	}
	n.used[name] = true
	return name
}

// exprWords are the lower-case keywords and built-in functions of the
// expression language Argo evaluates depends with: a task named like one
// ("split") broke the tasks that depend on it (argo-workflows#12037).
var exprWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`all none any one filter map count len abs int float string trim upper lower
		split replace repeat max min now duration date first last get keys values sort sum mean median reduce find
		round ceil floor type concat flatten uniq join reverse not and or in matches contains true false nil let if
		else timezone bitand bitor bitxor bitnand bitnot bitshl bitshr bitushr`) {
		exprWords[w] = true
	}
}

// taskName is the DNS label for a task made from label, changed where
// Argo would trip over it in a depends expression: a leading digit is
// refused when depends is used (argo-workflows#4199), and an expression
// keyword gets a -task suffix.
func taskName(label string) string {
	name := DNSName(label, "task")
	if name[0] >= '0' && name[0] <= '9' {
		name = DNSName("n"+name, "task")
	}
	if exprWords[name] {
		name += "-task"
	}
	return name
}
