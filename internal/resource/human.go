package resource

import "strconv"

// Human formats q for people: the exact form when it is short ("64Gi",
// "500m", "90%"), else an approximation with the largest binary suffix
// that keeps a leading digit ("~23.5Gi" for a detected 24684092Ki), since
// detected memory is rarely a round number.
func (q Quantity) Human() string {
	exact := q.String()
	if q.Percent || len(exact) <= 7 || q.Milli < 1024*1000 {
		return exact
	}
	v := float64(q.Milli) / 1000
	n := -1
	for v >= 1024 && n+1 < len(binarySuffixes) {
		v /= 1024
		n++
	}
	return "~" + strconv.FormatFloat(v, 'f', 1, 64) + binarySuffixes[n]
}
