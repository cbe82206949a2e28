package runner

import (
	"strconv"
	"strings"
	"sync"

	"github.com/rs/zerolog"

	"github.com/kedrogo/kedrogo/internal/logfield"
	"github.com/kedrogo/kedrogo/internal/pipeline"
)

// Stream is the log field that says which of a command's streams a line
// came from ("stdout" or "stderr").
const Stream = "stream"

// groupLimit bounds what --output group keeps of one node's output.
const groupLimit = 1 << 20

// nodeOutput turns a command's output lines into log lines prefixed with
// the node's name, or, grouped, into one log entry when the node ends so
// that parallel nodes' output does not interleave.
type nodeOutput struct {
	log     zerolog.Logger
	node    string
	group   bool
	mu      sync.Mutex
	buf     strings.Builder
	dropped int
}

func (r *runner) output(n *pipeline.Node) *nodeOutput {
	return &nodeOutput{log: r.log, node: n.Name(), group: r.outputGroup}
}

func (o *nodeOutput) stdout(line []byte) { o.line("stdout", line) }
func (o *nodeOutput) stderr(line []byte) { o.line("stderr", line) }

func (o *nodeOutput) line(stream string, line []byte) {
	if o.group {
		o.mu.Lock()
		if o.buf.Len()+len(line) > groupLimit {
			o.dropped++
		} else {
			o.buf.WriteString("\n[")
			o.buf.WriteString(o.node)
			o.buf.WriteString("] ")
			o.buf.Write(line)
		}
		o.mu.Unlock()
		return
	}
	if e := o.log.Info(); e.Enabled() {
		e.Str(logfield.Node, o.node).Str(Stream, stream).Msg("[" + o.node + "] " + string(line))
	}
}

// flush logs a grouped node's output as one entry.
func (o *nodeOutput) flush() {
	if !o.group {
		return
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.buf.Len() == 0 {
		return
	}
	msg := "Output of node " + o.node + ":" + o.buf.String()
	if o.dropped > 0 {
		msg += "\n[" + o.node + "] ... " + strconv.Itoa(o.dropped) + " more line(s) dropped"
	}
	if e := o.log.Info(); e.Enabled() {
		e.Str(logfield.Node, o.node).Msg(msg)
	}
}
