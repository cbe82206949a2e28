package pipeline

import "slices"

// csr is a compressed list of lists: list i is items[start[i]:start[i+1]].
type csr struct {
	start []int
	items []int
}

func (c csr) at(i int) []int { return c.items[c.start[i]:c.start[i+1]:c.start[i+1]] }

// permute returns the lists reordered so that new list k is old list perm[k].
func (c csr) permute(perm []int) csr {
	out := csr{start: make([]int, 1, len(perm)+1), items: make([]int, 0, len(c.items))}
	for _, old := range perm {
		out.items = append(out.items, c.at(old)...)
		out.start = append(out.start, len(out.items))
	}
	return out
}

// renumber maps the items through newPos, keeping each list sorted.
func (c csr) renumber(newPos []int) {
	for k, old := range c.items {
		c.items[k] = newPos[old]
	}
	for id := 0; id+1 < len(c.start); id++ {
		if seg := c.items[c.start[id]:c.start[id+1]]; len(seg) > 1 {
			slices.Sort(seg)
		}
	}
}
