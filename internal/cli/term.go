package cli

import (
	"io"
	"sync"
)

// statusTerm owns stderr on a terminal: log lines are written above one
// live status line, which is cleared before each line and redrawn after.
type statusTerm struct {
	mu   sync.Mutex
	w    io.Writer
	line string
}

const clearLine = "\r\x1b[K"

func (t *statusTerm) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.line != "" {
		io.WriteString(t.w, clearLine)
	}
	n, err := t.w.Write(p)
	if t.line != "" {
		io.WriteString(t.w, t.line)
	}
	return n, err
}

// SetStatus replaces the status line ("" removes it).
func (t *statusTerm) SetStatus(line string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.line == line {
		return
	}
	if t.line != "" {
		io.WriteString(t.w, clearLine)
	}
	t.line = line
	io.WriteString(t.w, line)
}
