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

// dropFrom removes the tasks for which drop is true among the first n,
// keeping the order. The kept ones slide towards the rest, so the cost is
// that of the scanned prefix, not of the whole queue.
func (q *readyQueue) dropFrom(n int, drop func(t int) bool) {
	w := n
	for r := n - 1; r >= 0; r-- {
		if t := q.tasks[r]; !drop(t) {
			w--
			q.tasks[w] = t
		}
	}
	q.tasks = q.tasks[w:]
}
