package resource

import (
	"math"
	"strconv"
	"strings"
)

// Human formats q, an amount of the named resource, for people: in plans,
// error messages and summaries (never where a program reads it back
// exactly; see String). Memory and other byte counts take
// the largest binary unit that keeps a leading digit and a B ("23.5GiB"
// for a detected 24683584Ki, "21.2GiB" for 90% of it, "512MiB"); other
// resources the largest decimal one ("2", "0.5", "1.5k"). One decimal at
// most, trailing ".0" dropped; a percentage stays a percentage. Every form
// parses back (to about the value shown).
func (q Quantity) Human(name string) string {
	if q.Percent {
		return decimal(q.Milli) + "%"
	}
	v := float64(q.Milli) / 1000
	if isBytes(name) {
		return scaled(v, 1024, binarySuffixes, "B")
	}
	return scaled(v, 1000, decimalSuffixes, "")
}

// isBytes tells the resources counted in bytes: memory and storage, as
// Kubernetes names them (memory, ephemeral-storage, hugepages-2Mi...).
func isBytes(name string) bool {
	n := strings.ToLower(name)
	return strings.Contains(n, "memory") || strings.Contains(n, "storage") ||
		strings.Contains(n, "disk") || strings.HasPrefix(n, "hugepages")
}

// scaled writes v with the largest suffix that keeps it at least 1, to
// one decimal; below base, the number alone (to three decimals, as the
// grammar's milli unit allows).
func scaled(v, base float64, suffixes []string, unit string) string {
	n := -1
	for v >= base && n+1 < len(suffixes) {
		v /= base
		n++
	}
	if n < 0 {
		return strconv.FormatFloat(math.Round(v*1000)/1000, 'f', -1, 64) + unit
	}
	s := strconv.FormatFloat(v, 'f', 1, 64)
	s = strings.TrimSuffix(s, ".0")
	return s + suffixes[n] + unit
}
