package command

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"

	"golang.org/x/sys/unix"
)

// cgroupRoot is where the cgroup v2 hierarchy is mounted.
const cgroupRoot = "/sys/fs/cgroup"

// parent is the cgroup under which each command gets a child of its own,
// found once: kedrogo's own cgroup v2, if it delegates the memory
// controller to children kedrogo may create.
var parent = sync.OnceValues(func() (string, error) { return findParent(cgroupRoot, "/proc/self/cgroup") })

// CgroupAvailable reports whether commands can run in cgroups of their own
// (memory.peak measured, memory.max enforced), and if not, why.
func CgroupAvailable() error {
	_, err := parent()
	return err
}

func findParent(root, selfCgroup string) (string, error) {
	var st unix.Statfs_t
	if err := unix.Statfs(root, &st); err != nil || st.Type != unix.CGROUP2_SUPER_MAGIC {
		return "", errors.New("the machine has no cgroup v2 hierarchy at " + root + " (cgroup v1)")
	}
	data, err := os.ReadFile(selfCgroup)
	if err != nil {
		return "", err
	}
	var own string
	for _, line := range strings.Split(string(data), "\n") {
		if p, ok := strings.CutPrefix(line, "0::"); ok {
			own = filepath.Join(root, filepath.Clean("/"+strings.TrimSpace(p)))
		}
	}
	if own == "" {
		return "", errors.New("kedrogo's process is in no cgroup v2")
	}
	ctl, err := os.ReadFile(filepath.Join(own, "cgroup.subtree_control"))
	if err != nil || !bytes.Contains(ctl, []byte("memory")) {
		return "", fmt.Errorf("kedrogo's cgroup %s does not delegate the memory controller to child cgroups", own)
	}
	probe := filepath.Join(own, fmt.Sprintf("kedrogo-probe-%d", os.Getpid()))
	if err := os.Mkdir(probe, 0o755); err != nil {
		return "", fmt.Errorf("cannot create a child cgroup in %s: %w", own, err)
	}
	os.Remove(probe)
	return own, nil
}

var cgroupSeq atomic.Int64

// cgroup is one command's child cgroup.
type cgroup struct {
	dir string
	fd  int
}

// newCgroup creates a child cgroup, with memory.max when limit > 0.
func newCgroup(limit int64) (*cgroup, error) {
	p, err := parent()
	if err != nil {
		return nil, err
	}
	dir := filepath.Join(p, fmt.Sprintf("kedrogo-%d-%d", os.Getpid(), cgroupSeq.Add(1)))
	if err := os.Mkdir(dir, 0o755); err != nil {
		return nil, err
	}
	cg := &cgroup{dir: dir, fd: -1}
	if limit > 0 {
		if err := os.WriteFile(filepath.Join(dir, "memory.max"), []byte(strconv.FormatInt(limit, 10)), 0); err != nil {
			cg.remove()
			return nil, fmt.Errorf("cannot set memory.max: %w", err)
		}
	}
	fd, err := syscall.Open(dir, syscall.O_DIRECTORY|syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
	if err != nil {
		cg.remove()
		return nil, err
	}
	cg.fd = fd
	return cg, nil
}

// peak reads memory.peak, the cgroup's high-water mark in bytes.
func (cg *cgroup) peak() int64 {
	data, err := os.ReadFile(filepath.Join(cg.dir, "memory.peak"))
	if err != nil {
		return 0
	}
	v, _ := strconv.ParseInt(strings.TrimSpace(string(data)), 10, 64)
	return v
}

// oomKilled reports whether the kernel killed a process for memory.max.
func (cg *cgroup) oomKilled() bool {
	data, err := os.ReadFile(filepath.Join(cg.dir, "memory.events"))
	if err != nil {
		return false
	}
	for _, line := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(line, "oom_kill "); ok && strings.TrimSpace(v) != "0" {
			return true
		}
	}
	return false
}

// remove kills whatever is left in the cgroup, descendants that left the
// process group included, and removes it.
func (cg *cgroup) remove() {
	if cg.fd >= 0 {
		syscall.Close(cg.fd)
		cg.fd = -1
	}
	os.WriteFile(filepath.Join(cg.dir, "cgroup.kill"), []byte("1"), 0)
	for range 100 {
		if err := os.Remove(cg.dir); err == nil || errors.Is(err, os.ErrNotExist) {
			return
		}
		// EBUSY until the killed processes are gone.
		unix.Nanosleep(&unix.Timespec{Nsec: 10_000_000}, nil)
	}
}
