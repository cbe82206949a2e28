package runrec

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"
)

// Logs is a run's logs.jsonl: the run's JSON log lines as zerolog writes
// them (each names its node, if it has one), buffered and flushed on a
// timer and at Close. Use it as one of the logger's writers.
type Logs struct{ *appendFile }

// CreateLogs creates dir/logs.jsonl.
func CreateLogs(dir string) (*Logs, error) {
	a, err := createAppendFile(filepath.Join(dir, LogsFile))
	if err != nil {
		return nil, err
	}
	return &Logs{a}, nil
}

// LogLine is the part of a log line `runs logs` shows.
type LogLine struct {
	Time    string `json:"time"`
	Level   string `json:"level"`
	Node    string `json:"node"`
	Message string `json:"message"`
	Error   string `json:"error"`
}

// CopyLogs writes the log lines of the run in dir — only node's when node
// is not "" — to w: as they are stored (JSON lines) when raw, else one
// readable line each. It reports how many lines it wrote.
func CopyLogs(w io.Writer, dir, node string, raw bool) (int, error) {
	f, err := os.Open(filepath.Join(dir, LogsFile))
	if err != nil {
		return 0, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64<<10), 16<<20)
	bw := bufio.NewWriter(w)
	n := 0
	for sc.Scan() {
		line := bytes.TrimSpace(sc.Bytes())
		var l LogLine
		if len(line) == 0 || json.Unmarshal(line, &l) != nil {
			continue // a torn last line
		}
		if node != "" && l.Node != node {
			continue
		}
		n++
		if raw {
			bw.Write(line)
			bw.WriteByte('\n')
			continue
		}
		ts := l.Time
		if t, err := time.Parse(time.RFC3339, l.Time); err == nil {
			ts = t.Local().Format(time.TimeOnly)
		}
		fmt.Fprintf(bw, "%s %-5s", ts, l.Level)
		if l.Node != "" {
			fmt.Fprintf(bw, " [%s]", l.Node)
		}
		fmt.Fprintf(bw, " %s", l.Message)
		if l.Error != "" {
			fmt.Fprintf(bw, " error=%q", l.Error)
		}
		bw.WriteByte('\n')
	}
	if err := bw.Flush(); err != nil {
		return n, err
	}
	return n, sc.Err()
}
