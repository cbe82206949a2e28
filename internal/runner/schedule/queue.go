package schedule

// readyQueue is a binary min-heap of task indices ordered by key (smaller
// first). Keys are distinct, so the order is total and deterministic.
type readyQueue struct {
	heap []int
	key  []int // shared with the Scheduler
}

func (q *readyQueue) len() int { return len(q.heap) }

func (q *readyQueue) less(i, j int) bool { return q.key[q.heap[i]] < q.key[q.heap[j]] }

func (q *readyQueue) push(t int) {
	q.heap = append(q.heap, t)
	q.up(len(q.heap) - 1)
}

func (q *readyQueue) pop() int {
	return q.removeAt(0)
}

// remove deletes task t (linear search: used only on an idle machine).
func (q *readyQueue) remove(t int) {
	for i, x := range q.heap {
		if x == t {
			q.removeAt(i)
			return
		}
	}
}

func (q *readyQueue) removeAt(i int) int {
	t := q.heap[i]
	last := len(q.heap) - 1
	q.heap[i] = q.heap[last]
	q.heap = q.heap[:last]
	if i < last {
		q.down(i)
		q.up(i)
	}
	return t
}

func (q *readyQueue) up(i int) {
	for i > 0 {
		parent := (i - 1) / 2
		if !q.less(i, parent) {
			return
		}
		q.heap[i], q.heap[parent] = q.heap[parent], q.heap[i]
		i = parent
	}
}

func (q *readyQueue) down(i int) {
	n := len(q.heap)
	for {
		small := i
		if l := 2*i + 1; l < n && q.less(l, small) {
			small = l
		}
		if r := 2*i + 2; r < n && q.less(r, small) {
			small = r
		}
		if small == i {
			return
		}
		q.heap[i], q.heap[small] = q.heap[small], q.heap[i]
		i = small
	}
}
