package runrec

import (
	"bytes"
	"encoding/json"
	"io"
	"maps"
	"slices"
	"strconv"
	"time"
)

// encodeRecord is run.json's bytes: the header through encoding/json, the
// nodes by hand. A 10,000-node record is written at the start and the end
// of a run, and reflection over every node would cost more than the rest
// of the record together.
func encodeRecord(w io.Writer, rec *Record) error {
	header := *rec
	header.Nodes = nil
	data, err := json.Marshal(&header)
	if err != nil {
		return err
	}
	// Nodes is the last field, so the last "nodes":null is the header's
	// own (inside a JSON string a quote is always escaped).
	const null = `"nodes":null}`
	if !bytes.HasSuffix(data, []byte(null)) {
		panic("runrec: Record.Nodes must be its last field")
	}
	// Nodes are appended to one buffer written whenever it passes 64 KiB:
	// no buffer the size of the record, and no second copy through a
	// bufio.Writer.
	const flushAt = 64 << 10
	b := make([]byte, 0, flushAt+4<<10)
	b = append(b, data[:len(data)-len(null)]...)
	b = append(b, `"nodes":[`...)
	var tc timeCache
	for i := range rec.Nodes {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, "\n "...)
		b = appendNode(b, &rec.Nodes[i], &tc)
		if len(b) >= flushAt {
			if _, err := w.Write(b); err != nil {
				return err
			}
			b = b[:0]
		}
	}
	b = append(b, "]}\n"...)
	_, err = w.Write(b)
	return err
}

func appendNode(b []byte, n *Node, tc *timeCache) []byte {
	b = append(b, `{"name":`...)
	b = appendString(b, n.Name)
	if n.Namespace != "" {
		b = append(b, `,"namespace":`...)
		b = appendString(b, n.Namespace)
	}
	b = append(b, `,"status":`...)
	b = appendString(b, n.Status)
	if n.Exclusive {
		b = append(b, `,"exclusive":true`...)
	}
	if len(n.Requests) > 0 {
		b = append(b, `,"requests":{`...)
		for i, k := range slices.Sorted(maps.Keys(n.Requests)) {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendString(b, k)
			b = append(b, ':')
			b = strconv.AppendInt(b, n.Requests[k], 10)
		}
		b = append(b, '}')
	}
	if len(n.Attempts) > 0 {
		b = append(b, `,"attempts":[`...)
		for i := range n.Attempts {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendAttempt(b, &n.Attempts[i], tc)
		}
		b = append(b, ']')
	}
	b = append(b, `,"slot":`...)
	b = strconv.AppendInt(b, int64(n.Slot), 10)
	b = appendDatasets(b, `,"loaded":[`, n.Loaded)
	b = appendDatasets(b, `,"saved":[`, n.Saved)
	b = appendFloat(b, `,"seconds":`, n.Seconds)
	if n.PeakMemory != 0 {
		b = append(b, `,"peak_memory":`...)
		b = strconv.AppendInt(b, n.PeakMemory, 10)
	}
	b = appendFloat(b, `,"cpu_seconds":`, n.CPUSeconds)
	if n.Error != "" {
		b = append(b, `,"error":`...)
		b = appendString(b, n.Error)
	}
	return append(b, '}')
}

func appendAttempt(b []byte, a *Attempt, tc *timeCache) []byte {
	b = append(b, `{"start":`...)
	b = tc.append(b, a.Start)
	if !a.End.IsZero() {
		b = append(b, `,"end":`...)
		b = tc.append(b, a.End)
	}
	b = append(b, `,"start_s":`...)
	b = strconv.AppendFloat(b, a.StartS, 'f', -1, 64)
	b = appendFloat(b, `,"end_s":`, a.EndS)
	b = append(b, `,"slot":`...)
	b = strconv.AppendInt(b, int64(a.Slot), 10)
	if a.Error != "" {
		b = append(b, `,"error":`...)
		b = appendString(b, a.Error)
	}
	return append(b, '}')
}

func appendDatasets(b []byte, key string, ds []DatasetIO) []byte {
	if len(ds) == 0 {
		return b
	}
	b = append(b, key...)
	for i, d := range ds {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"name":`...)
		b = appendString(b, d.Name)
		if d.Version != "" {
			b = append(b, `,"version":`...)
			b = appendString(b, d.Version)
		}
		if d.Size != 0 {
			b = append(b, `,"size":`...)
			b = strconv.AppendInt(b, d.Size, 10)
		}
		b = append(b, '}')
	}
	return append(b, ']')
}

// appendFloat appends key and f unless f is 0 (omitempty).
func appendFloat(b []byte, key string, f float64) []byte {
	if f == 0 {
		return b
	}
	b = append(b, key...)
	return strconv.AppendFloat(b, f, 'f', -1, 64)
}

// timeCache formats times as RFC 3339 with nanoseconds, exactly as
// time.RFC3339Nano does, reusing the date, clock and zone of the last
// second it formatted: a record's 10,000 attempts fall in a few seconds,
// and Time.AppendFormat costs more than the rest of a node's line.
type timeCache struct {
	sec    int64
	loc    *time.Location
	prefix []byte // "2006-01-02T15:04:05"
	zone   []byte // "Z" or "-07:00"
}

func (c *timeCache) append(b []byte, t time.Time) []byte {
	b = append(b, '"')
	sec, loc, ns := t.Unix(), t.Location(), t.Nanosecond()
	if c.prefix == nil || sec != c.sec || loc != c.loc {
		whole := t.Add(-time.Duration(ns)).AppendFormat(nil, time.RFC3339)
		cut := len(whole) - 1 // "Z"
		if whole[cut] != 'Z' {
			cut = len(whole) - len("-07:00")
		}
		c.sec, c.loc, c.prefix, c.zone = sec, loc, whole[:cut], whole[cut:]
	}
	b = append(b, c.prefix...)
	if ns != 0 {
		var frac [10]byte
		frac[0] = '.'
		for i := 9; i >= 1; i-- {
			frac[i] = byte('0' + ns%10)
			ns /= 10
		}
		end := 10
		for frac[end-1] == '0' {
			end--
		}
		b = append(b, frac[:end]...)
	}
	b = append(b, c.zone...)
	return append(b, '"')
}
