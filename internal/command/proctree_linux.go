package command

import (
	"bytes"
	"os"
	"strconv"
)

var pageSize = int64(os.Getpagesize())

// procTree reads the tree from /proc: a process's children are listed in
// /proc/<pid>/task/<tid>/children of each of its threads, its resident
// pages in the second field of /proc/<pid>/statm.
type procTree struct{}

func (procTree) rss(root int) int64 {
	var total int64
	stack := []int{root}
	buf := make([]byte, 0, 256)
	for len(stack) > 0 {
		pid := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		dir := "/proc/" + strconv.Itoa(pid)
		total += statmRSS(dir+"/statm", buf)
		tasks, err := os.ReadDir(dir + "/task")
		if err != nil {
			continue
		}
		for _, t := range tasks {
			data, err := os.ReadFile(dir + "/task/" + t.Name() + "/children")
			if err != nil {
				continue
			}
			for _, f := range bytes.Fields(data) {
				if c, err := strconv.Atoi(string(f)); err == nil {
					stack = append(stack, c)
				}
			}
		}
	}
	return total
}

func statmRSS(path string, buf []byte) int64 {
	f, err := os.Open(path)
	if err != nil {
		return 0
	}
	defer f.Close()
	n, _ := f.Read(buf[:cap(buf)])
	fields := bytes.Fields(buf[:n])
	if len(fields) < 2 {
		return 0
	}
	pages, err := strconv.ParseInt(string(fields[1]), 10, 64)
	if err != nil {
		return 0
	}
	return pages * pageSize
}
