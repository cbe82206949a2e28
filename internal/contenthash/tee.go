package contenthash

import (
	"hash"
	"io"
	"sync"
)

const (
	// inlineMax is the largest first write a Tee hashes on the caller's
	// goroutine: below it, starting the hashing goroutine costs more than
	// hashing (a small file's whole save is usually one such write).
	inlineMax = 64 << 10
	// chunkSize is the size of the buffers handed to the hashing
	// goroutine, and nChunks how many one Tee may hold: what it copies
	// is bounded to nChunks*chunkSize (1 MiB), however large the file.
	chunkSize = 256 << 10
	nChunks   = 4
)

var chunks = sync.Pool{New: func() any { return new([chunkSize]byte) }}

// Tee writes to w and hashes the same bytes on a second goroutine, so the
// hash runs while the caller encodes, writes and fsyncs instead of after
// each write: a save's wall time grows only when hashing is the slower
// side (or there is one free core for both). The CPU time is the hash's
// plus a copy of the bytes either way.
//
// Each write is copied into reusable chunks handed to the hashing
// goroutine through a pipeline of at most nChunks: a chunk goes back to
// the writer only after it is hashed, so the writer never changes bytes
// the hasher still reads, and the caller may reuse its slice as soon as
// Write returns. Close (or Sum) must be called, also after an error, to
// end the goroutine; it returns only once the goroutine has exited, so
// the hash is final.
type Tee struct {
	w      io.Writer
	h      hash.Hash
	full   chan filled           // to hash, in order; closed by Close
	free   chan *[chunkSize]byte // hashed, back to the writer
	held   int                   // chunks taken from the pool
	done   chan struct{}         // closed when the hashing goroutine exits
	closed bool
}

// filled is a chunk whose first n bytes are to be hashed.
type filled struct {
	c *[chunkSize]byte
	n int
}

// NewTee returns a Tee writing to w and hashing with New.
func NewTee(w io.Writer) *Tee {
	return &Tee{w: w, h: New()}
}

// Write writes p to the underlying writer and adds it to the hash. After
// an error the hash no longer matches what was written.
func (t *Tee) Write(p []byte) (int, error) {
	if t.closed || (t.full == nil && len(p) < inlineMax) {
		t.h.Write(p)
		return t.w.Write(p)
	}
	if t.full == nil {
		t.full = make(chan filled, nChunks)
		t.free = make(chan *[chunkSize]byte, nChunks) // never blocks the hasher
		t.done = make(chan struct{})
		go t.run()
	}
	for rest := p; len(rest) > 0; {
		c := t.chunk()
		n := copy(c[:], rest)
		rest = rest[n:]
		t.full <- filled{c, n}
	}
	return t.w.Write(p)
}

// chunk returns a chunk the hasher does not hold: a new one while fewer
// than nChunks are out, else the next one hashed.
func (t *Tee) chunk() *[chunkSize]byte {
	select {
	case c := <-t.free:
		return c
	default:
	}
	if t.held < nChunks {
		t.held++
		return chunks.Get().(*[chunkSize]byte)
	}
	return <-t.free
}

func (t *Tee) run() {
	defer close(t.done)
	for f := range t.full {
		t.h.Write(f.c[:f.n])
		t.free <- f.c
	}
}

// Close ends the hashing goroutine, if one was started, after it has
// hashed what was written, and waits until it has exited. It is
// idempotent and never fails.
func (t *Tee) Close() error {
	if t.closed {
		return nil
	}
	t.closed = true
	if t.full != nil {
		close(t.full)
		<-t.done
		for range len(t.free) { // every chunk, unless a Write panicked
			chunks.Put(<-t.free)
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
