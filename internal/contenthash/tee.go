package contenthash

import (
	"hash"
	"io"
)

// inlineMax is the largest write a Tee hashes on the caller's goroutine:
// below it, handing the bytes to the hashing goroutine costs more than
// hashing them.
const inlineMax = 64 << 10

// Tee writes to w and hashes the same bytes, the hash of a large write
// running on a second goroutine while w.Write copies the bytes out, so a
// save's wall time grows by the longer of the two instead of their sum
// (on one core it is the same; the CPU time is the hash's either way).
//
// No copy is made and no memory held: Write hands the caller's slice to
// the hashing goroutine and returns only when both w.Write and the hash
// are done with it, so the caller may reuse it at once. Close (or Sum)
// must be called, also after an error, to end the goroutine; it returns
// only once the goroutine has exited.
type Tee struct {
	w      io.Writer
	h      hash.Hash
	work   chan []byte   // slices to hash; closed by Close
	hashed chan struct{} // one token per slice hashed
	done   chan struct{} // closed when the hashing goroutine exits
	closed bool
}

// NewTee returns a Tee writing to w and hashing with New.
func NewTee(w io.Writer) *Tee {
	return &Tee{w: w, h: New()}
}

// Write writes p to the underlying writer and adds it to the hash. After
// an error the hash no longer matches what was written.
func (t *Tee) Write(p []byte) (int, error) {
	if len(p) < inlineMax || t.closed {
		t.h.Write(p)
		return t.w.Write(p)
	}
	if t.work == nil {
		t.work = make(chan []byte)
		t.hashed = make(chan struct{}, 1) // the goroutine never blocks on it
		t.done = make(chan struct{})
		go t.run()
	}
	t.work <- p
	n, err := t.w.Write(p)
	<-t.hashed // p is ours again: the caller may now change it
	return n, err
}

func (t *Tee) run() {
	defer close(t.done)
	for p := range t.work {
		t.h.Write(p)
		t.hashed <- struct{}{}
	}
}

// Close ends the hashing goroutine, if one was started, and waits until
// it has exited. It is idempotent and never fails.
func (t *Tee) Close() error {
	if !t.closed {
		t.closed = true
		if t.work != nil {
			close(t.work)
			<-t.done
		}
	}
	return nil
}

// Sum closes t and returns the identity ("blake3:<hex>") of the bytes
// written, meaningful only if every Write succeeded.
func (t *Tee) Sum() string {
	t.Close()
	return Format(t.h.Sum(nil))
}
