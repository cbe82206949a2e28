package runner

import (
	"sync"
	"time"
)

// emitter delivers events to one callback, in the order they were emitted,
// from a single goroutine, so a slow consumer never blocks a node and the
// callback never runs concurrently with itself. A nil emitter (no
// callback) costs one comparison per event.
type emitter struct {
	fn     func(Event)
	mu     sync.Mutex
	queue  []Event
	closed bool
	wake   chan struct{}
	done   chan struct{}
}

func newEmitter(fn func(Event)) *emitter {
	if fn == nil {
		return nil
	}
	e := &emitter{fn: fn, wake: make(chan struct{}, 1), done: make(chan struct{})}
	go e.deliver()
	return e
}

// emit queues ev, stamping its time. Events after close are dropped (an
// abandoned node may still be running).
func (e *emitter) emit(ev Event) {
	if e == nil {
		return
	}
	ev.Time = time.Now()
	e.mu.Lock()
	if e.closed {
		e.mu.Unlock()
		return
	}
	e.queue = append(e.queue, ev)
	e.mu.Unlock()
	select {
	case e.wake <- struct{}{}:
	default:
	}
}

func (e *emitter) deliver() {
	defer close(e.done)
	var batch []Event
	for range e.wake {
		e.mu.Lock()
		batch, e.queue = e.queue, batch[:0]
		closed := e.closed
		e.mu.Unlock()
		for _, ev := range batch {
			e.fn(ev)
		}
		clear(batch)
		if closed {
			return
		}
	}
}

// close delivers what is queued and waits for the callback to return.
func (e *emitter) close() {
	if e == nil {
		return
	}
	e.mu.Lock()
	e.closed = true
	e.mu.Unlock()
	select {
	case e.wake <- struct{}{}:
	default:
	}
	<-e.done
}
