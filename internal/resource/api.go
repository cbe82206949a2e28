package resource

// CONTRACT FILE — the resource helper implements these; names and
// signatures stay.

// Quantity is a parsed amount. Milli holds the value in thousandths of a
// unit ("1" = 1000, "500m" = 500, "1Ki" = 1024000). When Percent is true,
// Milli holds thousandths of a percent ("90%" = 90000) and the amount is
// relative to a capacity; see Of.
type Quantity struct {
	Milli   int64
	Percent bool
}

// Parse reads DESIGN.md's grammar: a number, then optionally k M G T P E
// (powers of 1000) or Ki Mi Gi Ti Pi Ei (powers of 1024), either with an
// optional trailing B; m is milli; or a percentage like "90%".
func Parse(s string) (Quantity, error) { return Quantity{}, nil }

// Of resolves q against total (milli-units): a percentage of total rounded
// up, or q itself.
func (q Quantity) Of(total int64) int64 { return q.Milli }

// String formats q in the grammar Parse reads.
func (q Quantity) String() string { return "" }

// Capacity is resource name -> amount in milli-units.
type Capacity map[string]int64

// Detect returns the machine's capacities: "cpu" = GOMAXPROCS(0) cores,
// "memory" = cgroup v2 memory.max if set, else MemTotal, in bytes.
func Detect() Capacity { return Capacity{} }

// ParseList parses "memory=32GiB,gpu=1" (the --resources flag).
func ParseList(s string) (map[string]Quantity, error) { return nil, nil }
