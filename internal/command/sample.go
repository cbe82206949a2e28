package command

import (
	"sync/atomic"
	"time"
)

// SampleInterval is how often the process tree's memory is sampled when
// no cgroup reports its peak.
const SampleInterval = 25 * time.Millisecond

// sampler keeps the highest summed resident memory of a process tree,
// read from /proc every SampleInterval. (wait4's ru_maxrss would be one
// process's high-water mark, and on Linux never below the spawner's:
// golang/go#32054.)
type sampler struct {
	root  int
	peak  atomic.Int64
	quit  chan struct{}
	done  chan struct{}
	stats treeReader
}

func startSampler(pid int) *sampler {
	s := &sampler{root: pid, quit: make(chan struct{}), done: make(chan struct{}), stats: procTree{}}
	s.take()
	go s.loop()
	return s
}

func (s *sampler) take() {
	if v := s.stats.rss(s.root); v > s.peak.Load() {
		s.peak.Store(v)
	}
	if testSampled != nil {
		testSampled()
	}
}

// testSampled, when set by a test, is called after each sample.
var testSampled func()

func (s *sampler) loop() {
	defer close(s.done)
	t := time.NewTicker(SampleInterval)
	defer t.Stop()
	for {
		select {
		case <-s.quit:
			return
		case <-t.C:
			s.take()
		}
	}
}

// stop ends the sampling and returns the peak in bytes.
func (s *sampler) stop() int64 {
	close(s.quit)
	<-s.done
	return s.peak.Load()
}

// treeReader sums the resident memory of a process and its descendants.
type treeReader interface{ rss(root int) int64 }
