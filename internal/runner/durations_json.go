package runner

import (
	"bytes"
	"encoding/json"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// encodeDurations writes durations.json as json.MarshalIndent(d, "", "  ")
// does, byte for byte, without reflection: the file holds every node of
// every run, and MarshalIndent cost microseconds per node on each run.
// Values that JSON cannot hold (NaN, ±Inf) are left out.
func encodeDurations(d map[string]float64) []byte {
	type entry struct {
		name string
		secs float64
	}
	entries := make([]entry, 0, len(d))
	for name, v := range d {
		if !math.IsNaN(v) && !math.IsInf(v, 0) {
			entries = append(entries, entry{name, v})
		}
	}
	slices.SortFunc(entries, func(a, b entry) int { return strings.Compare(a.name, b.name) })
	b := make([]byte, 0, 32*len(entries)+4)
	b = append(b, '{')
	for i, e := range entries {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, "\n  "...)
		b = appendJSONString(b, e.name)
		b = append(b, ": "...)
		b = appendJSONFloat(b, e.secs)
	}
	if len(entries) > 0 {
		b = append(b, '\n')
	}
	return append(b, '}')
}

// appendJSONString quotes s as encoding/json does (HTML characters
// escaped); names of plain characters, the usual case, are copied as is.
func appendJSONString(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			q, _ := json.Marshal(s) // a string always encodes
			return append(b, q...)
		}
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}

// appendJSONFloat formats v as encoding/json formats a float64.
func appendJSONFloat(b []byte, v float64) []byte {
	format := byte('f')
	if abs := math.Abs(v); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, v, format, -1, 64)
	if format == 'e' {
		// 1e-07 -> 1e-7, as encoding/json writes it
		if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b
}

// decodeDurations reads durations.json in the form encodeDurations writes
// (any whitespace), without reflection: every run reads the file twice,
// and json.Unmarshal cost microseconds per node. Anything else — escaped
// names, a stray token, invalid JSON — returns ok false, and the caller
// decodes with encoding/json, which also words the error.
func decodeDurations(data []byte) (d map[string]float64, ok bool) {
	p := durationsParser{data: data}
	if !p.byte('{') {
		return nil, false
	}
	d = make(map[string]float64, bytes.Count(data, []byte{':'}))
	if p.byte('}') {
		return d, p.end()
	}
	for {
		name, ok := p.name()
		if !ok || !p.byte(':') {
			return nil, false
		}
		v, ok := p.number()
		if !ok {
			return nil, false
		}
		d[name] = v
		if p.byte('}') {
			return d, p.end()
		}
		if !p.byte(',') {
			return nil, false
		}
	}
}

type durationsParser struct {
	data []byte
	i    int
}

func (p *durationsParser) space() {
	for p.i < len(p.data) {
		switch p.data[p.i] {
		case ' ', '\t', '\n', '\r':
			p.i++
		default:
			return
		}
	}
}

// byte consumes c, after any whitespace, if it is next.
func (p *durationsParser) byte(c byte) bool {
	p.space()
	if p.i < len(p.data) && p.data[p.i] == c {
		p.i++
		return true
	}
	return false
}

func (p *durationsParser) end() bool {
	p.space()
	return p.i == len(p.data)
}

// name reads a string of plain characters (no escapes, valid UTF-8).
func (p *durationsParser) name() (string, bool) {
	if !p.byte('"') {
		return "", false
	}
	start := p.i
	for p.i < len(p.data) {
		switch c := p.data[p.i]; {
		case c == '"':
			s := string(p.data[start:p.i])
			p.i++
			return s, utf8.ValidString(s)
		case c == '\\' || c < 0x20:
			return "", false
		}
		p.i++
	}
	return "", false
}

// number reads a JSON number.
func (p *durationsParser) number() (float64, bool) {
	p.space()
	start := p.i
	for p.i < len(p.data) {
		c := p.data[p.i]
		if !('0' <= c && c <= '9' || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E') {
			break
		}
		p.i++
	}
	s := p.data[start:p.i]
	if !jsonNumber(s) {
		return 0, false
	}
	v, err := strconv.ParseFloat(string(s), 64)
	return v, err == nil
}

// jsonNumber reports whether s is a number in JSON's grammar, which is
// stricter than ParseFloat's (no "+1", ".5", "1.", "01", "Inf").
func jsonNumber(s []byte) bool {
	i := 0
	if i < len(s) && s[i] == '-' {
		i++
	}
	digits := func() int {
		n := 0
		for i < len(s) && '0' <= s[i] && s[i] <= '9' {
			i++
			n++
		}
		return n
	}
	switch {
	case i < len(s) && s[i] == '0':
		i++
	case digits() == 0:
		return false
	}
	if i < len(s) && s[i] == '.' {
		i++
		if digits() == 0 {
			return false
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		if digits() == 0 {
			return false
		}
	}
	return i == len(s)
}
