package resource

import (
	"fmt"
	"math/big"
	"strings"
)

// grammarHint ends every "what is wrong" message with what is accepted.
const grammarHint = "want a number with an optional unit (k, M, Gi, m, ...) or a percentage, e.g. 12GiB, 500m, 90%"

// unitFactors maps a unit to its size in milli-units. A trailing "B" is
// accepted after every unit but milli (and alone: "100B" is 100).
var unitFactors = map[string]*big.Int{
	"":  big.NewInt(1000),
	"m": big.NewInt(1),
}

func init() {
	dec, bin := big.NewInt(1000), big.NewInt(1000)
	for i := range decimalSuffixes {
		dec = new(big.Int).Mul(dec, big.NewInt(1000))
		bin = new(big.Int).Mul(bin, big.NewInt(1024))
		unitFactors[decimalSuffixes[i]] = dec
		unitFactors[binarySuffixes[i]] = bin
	}
}

// Parse reads DESIGN.md's grammar: a number, then optionally k M G T P E
// (powers of 1000) or Ki Mi Gi Ti Pi Ei (powers of 1024), either with an
// optional trailing B; m is milli; or a percentage like "90%".
//
// The number is decimal with an optional fraction and exponent ("1.5Gi",
// "1e9", as YAML writes floats). It is converted exactly, with integer
// arithmetic; an amount finer than a thousandth of a unit is rounded up to
// the next thousandth. Negative amounts, percentages over 100% and amounts
// beyond int64 milli-units (about 8Pi) are errors.
func Parse(s string) (Quantity, error) {
	text := strings.TrimSpace(s)
	bad := func(why string) error { return fmt.Errorf("invalid quantity %q: %s", s, why) }
	if strings.HasPrefix(text, "-") {
		return Quantity{}, bad("a quantity cannot be negative")
	}
	num, rest, ok := splitNumber(text)
	if !ok {
		return Quantity{}, bad(grammarHint)
	}
	percent := rest == "%"
	var factor *big.Int
	if percent {
		factor = unitFactors[""]
	} else {
		unit := rest
		if trimmed, ok := strings.CutSuffix(unit, "B"); ok && trimmed != "m" {
			unit = trimmed
		}
		if factor, ok = unitFactors[unit]; !ok {
			return Quantity{}, bad(fmt.Sprintf("unknown unit %q: %s", rest, grammarHint))
		}
	}
	milli, ok := num.scale(factor)
	if !ok {
		return Quantity{}, bad("too large: at most 9223372036854775807m (about 8Pi)")
	}
	if percent && milli > hundredPercent {
		return Quantity{}, bad("a percentage cannot exceed 100%")
	}
	return Quantity{Milli: milli, Percent: percent}, nil
}

// number is digits × 10^exp, digits without leading zeros.
type number struct {
	digits string
	exp    int
}

// splitNumber reads [digits][.digits][(e|E)[+-]digits] from the front of s
// and returns it with the rest. An "E" not followed by digits is left for
// the unit (exa).
func splitNumber(s string) (number, string, bool) {
	i := 0
	digitsRun := func() string {
		start := i
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		return s[start:i]
	}
	whole := digitsRun()
	var frac string
	if i < len(s) && s[i] == '.' {
		i++
		frac = digitsRun()
	}
	if whole == "" && frac == "" {
		return number{}, "", false
	}
	exp := 0
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		j := i + 1
		if j < len(s) && (s[j] == '+' || s[j] == '-') {
			j++
		}
		if j < len(s) && s[j] >= '0' && s[j] <= '9' {
			neg := s[i+1] == '-'
			i = j
			exp = clampedInt(digitsRun(), neg)
		} else if s[i] == 'e' {
			return number{}, "", false
		}
	}
	digits := strings.TrimLeft(whole+frac, "0")
	return number{digits: digits, exp: exp - len(frac)}, s[i:], true
}

// clampedInt parses a run of digits, saturating far beyond any exponent
// that could still produce a representable quantity.
func clampedInt(digits string, neg bool) int {
	const limit = 1_000_000
	v := 0
	for _, c := range digits {
		v = v*10 + int(c-'0')
		if v > limit {
			v = limit
			break
		}
	}
	if neg {
		return -v
	}
	return v
}

// scale returns ceil(n × factor) if it fits in an int64.
func (n number) scale(factor *big.Int) (int64, bool) {
	if n.digits == "" {
		return 0, true
	}
	// Cheap bounds first, so a huge exponent never builds a huge integer:
	// factor < 10^22, int64 < 10^19.
	magnitude := len(n.digits) + n.exp // n >= 10^(magnitude-1)
	if magnitude > 20 {
		return 0, false
	}
	if magnitude < -30 {
		return 1, true // positive but far below a thousandth: round up
	}
	v, _ := new(big.Int).SetString(n.digits, 10)
	v.Mul(v, factor)
	ten := big.NewInt(10)
	if n.exp >= 0 {
		v.Mul(v, new(big.Int).Exp(ten, big.NewInt(int64(n.exp)), nil))
	} else {
		den := new(big.Int).Exp(ten, big.NewInt(int64(-n.exp)), nil)
		var rem big.Int
		v.QuoRem(v, den, &rem)
		if rem.Sign() != 0 {
			v.Add(v, big.NewInt(1))
		}
	}
	if !v.IsInt64() {
		return 0, false
	}
	return v.Int64(), true
}
