package runrec

import (
	"os"
	"sync"
	"time"
)

// flushEvery is how often buffered lines reach their file: what a killed
// run can lose.
const flushEvery = 500 * time.Millisecond

// bufferLimit is how much is buffered before a write, between ticks.
const bufferLimit = 64 << 10

// appendFile is an append-only file of lines, buffered in memory and
// written when the buffer fills, on a timer and at close: one write per
// 64 KiB or per tick, whatever the rate of lines.
type appendFile struct {
	mu   sync.Mutex
	f    *os.File
	buf  []byte
	err  error     // the first write error; later lines are dropped
	last time.Time // of the last write
	stop chan struct{}
	done chan struct{}
}

// createAppendFile creates path (it must not exist) and starts its timer.
func createAppendFile(path string) (*appendFile, error) {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL|os.O_APPEND, 0o644)
	if err != nil {
		return nil, err
	}
	a := &appendFile{f: f, buf: make([]byte, 0, bufferLimit), stop: make(chan struct{}), done: make(chan struct{})}
	go a.tick()
	return a, nil
}

func (a *appendFile) tick() {
	defer close(a.done)
	t := time.NewTicker(flushEvery)
	defer t.Stop()
	for {
		select {
		case <-a.stop:
			return
		case <-t.C:
			a.mu.Lock()
			a.flushLocked()
			a.mu.Unlock()
		}
	}
}

// Write appends p, which must be whole lines (zerolog writes one line per
// call).
func (a *appendFile) Write(p []byte) (int, error) {
	a.mu.Lock()
	a.buf = append(a.buf, p...)
	if len(a.buf) >= bufferLimit {
		a.flushLocked()
	}
	a.mu.Unlock()
	return len(p), nil
}

// flushLocked writes the buffer; a.mu is held.
func (a *appendFile) flushLocked() {
	if len(a.buf) == 0 {
		return
	}
	if a.err == nil {
		_, a.err = a.f.Write(a.buf)
	}
	a.buf = a.buf[:0]
	a.last = time.Now()
}

// flushIfDue writes the buffer when it is full or, with soon > 0, when
// the last write was at least soon ago: a node's end reaches the file
// promptly in a slow run, while a fast run still writes once per tick or
// 64 KiB. a.mu is held.
func (a *appendFile) flushIfDue(soon time.Duration) {
	if len(a.buf) >= bufferLimit || soon > 0 && time.Since(a.last) >= soon {
		a.flushLocked()
	}
}

// Close writes what is buffered, stops the timer and closes the file.
func (a *appendFile) Close() error {
	close(a.stop)
	<-a.done
	a.mu.Lock()
	defer a.mu.Unlock()
	a.flushLocked()
	if err := a.f.Close(); a.err == nil {
		a.err = err
	}
	return a.err
}
