package resource

import (
	"fmt"
	"math"
	"math/bits"
	"strconv"
	"strings"
)

// Quantity is a parsed amount. Milli holds the value in thousandths of a
// unit ("1" = 1000, "500m" = 500, "1Ki" = 1024000). When Percent is true,
// Milli holds thousandths of a percent ("90%" = 90000) and the amount is
// relative to a capacity; see Of.
type Quantity struct {
	Milli   int64
	Percent bool
}

// hundredPercent is 100% in thousandths of a percent.
const hundredPercent = 100_000

// Of resolves q against total (milli-units): a percentage of total rounded
// up, or q itself.
func (q Quantity) Of(total int64) int64 {
	if !q.Percent {
		return q.Milli
	}
	if total <= 0 || q.Milli <= 0 {
		return 0
	}
	// total*Milli needs up to 80 bits. Parse keeps Milli <= 100000, which
	// keeps the high word below the divisor; a hand-built Quantity over
	// 100% saturates instead of overflowing Div64.
	hi, lo := bits.Mul64(uint64(total), uint64(q.Milli))
	if hi >= hundredPercent {
		return math.MaxInt64
	}
	quo, rem := bits.Div64(hi, lo, hundredPercent)
	if quo > math.MaxInt64-1 {
		return math.MaxInt64
	}
	if rem != 0 {
		quo++
	}
	return int64(quo)
}

// String formats q in the grammar Parse reads, in a canonical form: a
// percentage with the shortest decimals ("12.5%"), a milli amount when the
// value has a fraction ("1500m"), else the largest binary suffix that
// divides it exactly ("12Gi"), else the largest decimal one ("3k"), else a
// bare number.
func (q Quantity) String() string {
	if q.Percent {
		return decimal(q.Milli) + "%"
	}
	if q.Milli%1000 != 0 {
		return strconv.FormatInt(q.Milli, 10) + "m"
	}
	v := q.Milli / 1000
	if v == 0 {
		return "0"
	}
	if s, ok := withSuffix(v, binarySuffixes, 1024); ok {
		return s
	}
	if s, ok := withSuffix(v, decimalSuffixes, 1000); ok {
		return s
	}
	return strconv.FormatInt(v, 10)
}

var (
	decimalSuffixes = []string{"k", "M", "G", "T", "P", "E"}
	binarySuffixes  = []string{"Ki", "Mi", "Gi", "Ti", "Pi", "Ei"}
)

// withSuffix writes v with the largest suffix whose power of base divides
// it, if any does.
func withSuffix(v int64, suffixes []string, base int64) (string, bool) {
	n := -1
	for v%base == 0 && n+1 < len(suffixes) {
		v /= base
		n++
	}
	if n < 0 {
		return "", false
	}
	return strconv.FormatInt(v, 10) + suffixes[n], true
}

// decimal formats thousandths as a decimal number without trailing zeros.
func decimal(milli int64) string {
	s := strconv.FormatInt(milli/1000, 10)
	frac := milli % 1000
	if frac == 0 {
		return s
	}
	return s + "." + strings.TrimRight(fmt.Sprintf("%03d", frac), "0")
}
