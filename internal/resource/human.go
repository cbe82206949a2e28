package resource

import (
	"math"
	"strconv"
	"strings"
)

// Human formats q, an amount of the named resource, for people: in plans,
// error messages and summaries (never where a program reads it back
// exactly; see String and Kubernetes). Memory and other byte counts take
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

// Kubernetes formats milli-units as a Kubernetes resource quantity: the
// exact form when it is short ("64Gi", "500m", "2"), else rounded up to
// one decimal of the largest binary unit ("21.2Gi" for 90% of 24683584Ki),
// so a request exported to a cluster is never smaller than the one planned
// and never a fraction of a byte no person can read.
func (q Quantity) Kubernetes() string {
	exact := q.String()
	if q.Percent || len(exact) <= 7 || q.Milli < 1024*1000 {
		return exact
	}
	v := float64(q.Milli) / 1000
	n := -1
	for v >= 1024 && n+1 < len(binarySuffixes) {
		v /= 1024
		n++
	}
	s := strconv.FormatFloat(math.Ceil(v*10)/10, 'f', -1, 64)
	return s + binarySuffixes[n]
}
