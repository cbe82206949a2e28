package command

import "bytes"

// MaxLine is the longest line handed over in one piece; longer lines are
// cut, so a command printing megabytes without a newline cannot grow
// kedrogo's memory.
const MaxLine = 64 << 10

// lineWriter splits a stream into lines for a callback and keeps the last
// few lines (for an error message). exec.Cmd copies each stream from one
// goroutine, so it needs no lock; its results are read after Wait.
type lineWriter struct {
	emit    func([]byte)
	buf     []byte
	keep    int
	last    []string // ring of the last keep lines
	next    int
	wrapped bool
}

func newLineWriter(emit func([]byte), keep int) *lineWriter {
	return &lineWriter{emit: emit, keep: keep}
}

func (w *lineWriter) Write(p []byte) (int, error) {
	n := len(p)
	if w.emit == nil && w.keep == 0 {
		return n, nil
	}
	for len(p) > 0 {
		i := bytes.IndexByte(p, '\n')
		if i < 0 {
			room := MaxLine - len(w.buf)
			if len(p) < room {
				w.buf = append(w.buf, p...)
				return n, nil
			}
			w.buf = append(w.buf, p[:room]...)
			p = p[room:]
			w.line(w.buf)
			w.buf = w.buf[:0]
			continue
		}
		line := p[:i]
		if len(w.buf) > 0 {
			w.buf = append(w.buf, line...)
			line = w.buf
		}
		for len(line) > MaxLine {
			w.line(line[:MaxLine])
			line = line[MaxLine:]
		}
		w.line(line)
		w.buf = w.buf[:0]
		p = p[i+1:]
	}
	return n, nil
}

func (w *lineWriter) line(l []byte) {
	l = bytes.TrimSuffix(l, []byte{'\r'})
	if w.emit != nil {
		w.emit(l)
	}
	if w.keep == 0 {
		return
	}
	if w.last == nil {
		w.last = make([]string, w.keep)
	}
	w.last[w.next] = string(l)
	w.next++
	if w.next == w.keep {
		w.next, w.wrapped = 0, true
	}
}

// flush hands over a last line without a newline.
func (w *lineWriter) flush() {
	if len(w.buf) > 0 {
		w.line(w.buf)
		w.buf = w.buf[:0]
	}
}

// tail returns the kept lines, oldest first.
func (w *lineWriter) tail() []string {
	if !w.wrapped {
		return append([]string(nil), w.last[:w.next]...)
	}
	return append(append([]string(nil), w.last[w.next:]...), w.last[:w.next]...)
}
