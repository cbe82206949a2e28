package resource

import (
	"bufio"
	"bytes"
	"io/fs"
	"math"
	"os"
	"path"
	"runtime"
	"strconv"
	"strings"
)

// Capacity is resource name -> amount in milli-units.
type Capacity map[string]int64

// Detect returns the machine's capacities: "cpu" = GOMAXPROCS(0) cores,
// "memory" = cgroup v2 memory.max if set, else MemTotal, in bytes.
func Detect() Capacity {
	return DetectFrom(os.DirFS("/"), runtime.GOMAXPROCS(0))
}

// DetectFrom is Detect reading the system files from root (a file system
// rooted at "/", so tests can supply their own) with procs usable cores.
//
// Memory is the smallest memory.max of the process's cgroup v2 and its
// ancestors, bounded by MemTotal from /proc/meminfo (a limit above the
// physical memory is no capacity at all). When neither file can be read,
// "memory" is absent and a memory request is reported as having no
// capacity rather than guessed.
func DetectFrom(root fs.FS, procs int) Capacity {
	c := Capacity{"cpu": int64(procs) * 1000}
	memory, ok := cgroupMemoryMax(root)
	if total, found := memTotal(root); found && (!ok || total < memory) {
		memory, ok = total, true
	}
	if ok {
		c["memory"] = toMilli(memory)
	}
	return c
}

func toMilli(units uint64) int64 {
	if units > math.MaxInt64/1000 {
		return math.MaxInt64
	}
	return int64(units) * 1000
}

// cgroupMemoryMax returns the tightest memory.max on the path from the
// process's cgroup v2 up to the root of the hierarchy.
func cgroupMemoryMax(root fs.FS) (uint64, bool) {
	dir := "/"
	if data, err := fs.ReadFile(root, "proc/self/cgroup"); err == nil {
		for _, line := range strings.Split(string(data), "\n") {
			if p, ok := strings.CutPrefix(line, "0::"); ok {
				dir = path.Clean("/" + strings.TrimSpace(p))
			}
		}
	}
	var best uint64
	found := false
	for {
		name := path.Join("sys/fs/cgroup", dir, "memory.max")
		if data, err := fs.ReadFile(root, name); err == nil {
			text := strings.TrimSpace(string(data))
			if v, err := strconv.ParseUint(text, 10, 64); err == nil && (!found || v < best) {
				best, found = v, true
			}
		}
		if dir == "/" {
			return best, found
		}
		dir = path.Dir(dir)
	}
}

// memTotal returns MemTotal from /proc/meminfo in bytes.
func memTotal(root fs.FS) (uint64, bool) {
	data, err := fs.ReadFile(root, "proc/meminfo")
	if err != nil {
		return 0, false
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		rest, ok := strings.CutPrefix(sc.Text(), "MemTotal:")
		if !ok {
			continue
		}
		fields := strings.Fields(rest)
		if len(fields) == 0 {
			return 0, false
		}
		kb, err := strconv.ParseUint(fields[0], 10, 64)
		if err != nil || kb > math.MaxUint64/1024 {
			return 0, false
		}
		return kb * 1024, true // the kernel's "kB" is KiB
	}
	return 0, false
}
