package schedule

import "slices"

// readyQueue holds the ready tasks sorted by key, smallest (most urgent)
// first. Next scans it in order and keeps what it did not start, so a
// sorted slice beats a heap: the scan is sequential, the compaction a copy.
// Keys are distinct, so the order is total and deterministic.
type readyQueue struct {
	tasks []int
	key   []int // shared with the Scheduler
}

func (q *readyQueue) len() int { return len(q.tasks) }

func (q *readyQueue) push(t int) {
	k := q.key[t]
	i, _ := slices.BinarySearchFunc(q.tasks, k, func(x, k int) int { return q.key[x] - k })
	q.tasks = slices.Insert(q.tasks, i, t)
}

// keep removes every task for which drop is true, keeping the order.
func (q *readyQueue) keep(drop func(t int) bool) {
	q.tasks = slices.DeleteFunc(q.tasks, drop)
}
