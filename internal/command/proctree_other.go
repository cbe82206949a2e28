//go:build unix && !linux

package command

// procTree measures nothing where there is no Linux /proc.
type procTree struct{}

func (procTree) rss(int) int64 { return 0 }
