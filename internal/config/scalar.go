package config

import (
	"math"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Kedro reads YAML with PyYAML (YAML 1.1) plus OmegaConf's float rule, so
// "yes" is a bool, "1e-2" a float and "017" an octal int. yaml.v3 follows
// YAML 1.2; plainScalar re-types plain (unquoted, untagged) scalars the way
// Kedro would, for parameters, credentials and --params.
var (
	yaml11Int   = regexp.MustCompile(`^[-+]?(0b[01_]+|0[0-7_]+|0|[1-9][0-9_]*|0x[0-9a-fA-F_]+)$`)
	omegaFloat  = regexp.MustCompile(`^([-+]?[0-9][0-9_]*\.[0-9_]*([eE][-+]?[0-9]+)?|[-+]?[0-9][0-9_]*[eE][-+]?[0-9]+|\.[0-9_]+([eE][-+][0-9]+)?|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))$`)
	yaml11Bools = map[string]bool{
		"yes": true, "Yes": true, "YES": true, "true": true, "True": true, "TRUE": true, "on": true, "On": true, "ON": true,
		"no": false, "No": false, "NO": false, "false": false, "False": false, "FALSE": false, "off": false, "Off": false, "OFF": false,
	}
)

// plainScalar types the text of a plain YAML scalar: nil, bool, int,
// float64, else the string itself. (Sexagesimal numbers like 1:30 stay
// strings.)
func plainScalar(s string) any {
	switch s {
	case "", "~", "null", "Null", "NULL":
		return nil
	}
	if b, ok := yaml11Bools[s]; ok {
		return b
	}
	if yaml11Int.MatchString(s) {
		if v, ok := parseYAML11Int(s); ok {
			return v
		}
		return s
	}
	if omegaFloat.MatchString(s) {
		return parseOmegaFloat(s)
	}
	return s
}

func parseYAML11Int(s string) (int, bool) {
	digits := strings.ReplaceAll(s, "_", "")
	neg := strings.HasPrefix(digits, "-")
	digits = strings.TrimLeft(digits, "+-")
	base := 10
	switch {
	case strings.HasPrefix(digits, "0b"):
		base, digits = 2, digits[2:]
	case strings.HasPrefix(digits, "0x"):
		base, digits = 16, digits[2:]
	case len(digits) > 1 && digits[0] == '0':
		base = 8
	}
	if neg {
		digits = "-" + digits
	}
	v, err := strconv.ParseInt(digits, base, strconv.IntSize)
	return int(v), err == nil
}

func parseOmegaFloat(s string) float64 {
	lower := strings.ToLower(s)
	switch {
	case strings.HasSuffix(lower, ".nan"):
		return math.NaN()
	case strings.HasSuffix(lower, ".inf"):
		if strings.HasPrefix(s, "-") {
			return math.Inf(-1)
		}
		return math.Inf(1)
	}
	v, _ := strconv.ParseFloat(strings.ReplaceAll(s, "_", ""), 64)
	return v // the regexp admits only what ParseFloat reads; huge values become ±Inf
}

// isPlain reports whether n is a scalar written without quotes or an
// explicit tag, whose type YAML infers from its text.
func isPlain(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.Style&(yaml.TaggedStyle|yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle|yaml.LiteralStyle|yaml.FoldedStyle) == 0
}

// isString reports whether a scalar holds a string (after Kedro's typing).
func isString(n *yaml.Node) bool {
	if n.Kind != yaml.ScalarNode {
		return false
	}
	if isPlain(n) {
		_, ok := plainScalar(n.Value).(string)
		return ok
	}
	return n.ShortTag() == "!!str"
}
