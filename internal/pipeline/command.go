package pipeline

import (
	"path/filepath"
	"slices"
	"strings"

	"github.com/kedrogo/kedrogo/internal/command"
)

// Command is what a command node runs: an argv, or a script for sh -c,
// with {inputs.x}, {outputs.y} and {params.z} references resolved to the
// node's inputs and outputs when the node was built. It is immutable.
type Command struct {
	Argv   []string // nil for a shell script
	Script string
	Dir    string            // working directory; "" = the project root
	Env    map[string]string // added to kedrogo's environment

	// Names as written, aligned with the node's inputs and outputs at
	// construction. A modular pipeline renames the datasets, not these:
	// templates and environment variables keep working under a namespace.
	inNames, outNames []string
}

// InputNames returns, for each of the node's inputs, its name as written
// in the node's definition ("params:x" for parameters). Must not be modified.
func (c *Command) InputNames() []string { return c.inNames }

// OutputNames returns, for each output, its name as written.
func (c *Command) OutputNames() []string { return c.outNames }

// Lookup returns the index of ref among the node's inputs or outputs.
func (c *Command) Lookup(ref command.Ref) (k int, ok bool) {
	switch ref.Kind {
	case command.Output:
		k = slices.Index(c.outNames, ref.Name)
	case command.Param:
		k = slices.Index(c.inNames, "params:"+ref.Name)
	default:
		if strings.HasPrefix(ref.Name, "params:") {
			return -1, false
		}
		k = slices.Index(c.inNames, ref.Name)
	}
	return k, k >= 0
}

// Texts returns the argv, or the script, for template expansion.
func (c *Command) Texts() []string {
	if c.Argv != nil {
		return c.Argv
	}
	return []string{c.Script}
}

// Dir sets a command node's working directory (relative to the project
// root, or absolute).
func Dir(dir string) NodeOption {
	return nodeOptionFunc(func(n *Node) { n.cmdDir, n.cmdDirSet = dir, true })
}

// Env adds environment variables to a command node's process. It is itself
// a NodeOption.
type Env map[string]string

func (e Env) applyNode(n *Node) {
	if n.cmdEnv == nil {
		n.cmdEnv = map[string]string{}
	}
	for k, v := range e {
		n.cmdEnv[k] = v
	}
}

// NewCommandNode is a node that runs a program: argv[0] (found in PATH
// unless it holds a slash) with the other elements as arguments, each
// expanded: {inputs.x} and {outputs.y} become file paths, {params.z} the
// parameter's value. inputs and outputs take the forms NewNode takes; with
// a map, its keys are the names templates use and its values the datasets.
func NewCommandNode(argv []string, inputs, outputs any, opts ...NodeOption) *Node {
	return newCommandNode(&Command{Argv: append([]string{}, argv...)}, inputs, outputs, opts)
}

// NewShellNode is a node that runs script with sh -c; templates expand as
// in NewCommandNode, each value quoted for the shell.
func NewShellNode(script string, inputs, outputs any, opts ...NodeOption) *Node {
	return newCommandNode(&Command{Script: script}, inputs, outputs, opts)
}

func newCommandNode(c *Command, inputs, outputs any, opts []NodeOption) *Node {
	n := &Node{cmd: c}
	if c.Argv != nil {
		n.fullName = "command:" + strings.Join(c.Argv, "\x00")
		n.funcName = "command"
		if len(c.Argv) > 0 {
			n.funcName = identifierPart(filepath.Base(c.Argv[0]))
		}
	} else {
		n.fullName = "shell:" + c.Script
		n.funcName = "sh"
	}
	switch {
	case c.Argv != nil && (len(c.Argv) == 0 || c.Argv[0] == ""):
		n.problem("Invalid command node: the command is empty; give the program as argv[0].")
	case c.Argv == nil && strings.TrimSpace(c.Script) == "":
		n.problem("Invalid command node: the shell script is empty.")
	}
	inNames, inMap, inOK := n.parseNames("inputs", inputs)
	outNames, outMap, outOK := n.parseNames("outputs", outputs)
	n.inputs, n.outputs = inNames, outNames
	c.inNames, c.outNames = writtenNames(inNames, inMap), writtenNames(outNames, outMap)
	for _, o := range opts {
		if o != nil {
			o.applyNode(n)
		}
	}
	c.Dir, c.Env = n.cmdDir, n.cmdEnv
	n.cmdDir, n.cmdEnv, n.cmdDirSet = "", nil, false
	if inOK && outOK {
		n.resolveTemplates()
	}
	if inOK && outOK && len(n.inputs) == 0 && len(n.outputs) == 0 {
		n.problem("Invalid Node definition: it must have some 'inputs' or 'outputs'.")
	}
	n.tags = sortedUnique(n.tags)
	n.setName()
	return n
}

// writtenNames are the names templates use: the map's keys, aligned with
// the dataset list parseNames made from its values in key order.
func writtenNames(names []string, m map[string]string) []string {
	if m == nil {
		return slices.Clone(names)
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// resolveTemplates checks every reference, adds a "params:" input for each
// parameter referenced, and checks the environment variable names.
func (n *Node) resolveTemplates() {
	c := n.cmd
	for _, s := range c.Texts() {
		for _, ref := range command.Refs(s) {
			if _, ok := c.Lookup(ref); ok {
				continue
			}
			switch ref.Kind {
			case command.Param:
				n.inputs = append(n.inputs, "params:"+ref.Name)
				c.inNames = append(c.inNames, "params:"+ref.Name)
			case command.Input:
				n.problem("template %s names no input of the node; its inputs are %s", ref, pyList(plainNames(c.inNames)))
			case command.Output:
				n.problem("template %s names no output of the node; its outputs are %s", ref, pyList(c.outNames))
			}
		}
	}
	var ins, params []string
	for _, name := range c.inNames {
		if p, ok := strings.CutPrefix(name, "params:"); ok {
			params = append(params, p)
		} else {
			ins = append(ins, name)
		}
	}
	for _, clash := range []*command.EnvClash{
		command.CheckEnv(command.Input, ins), command.CheckEnv(command.Output, c.outNames), command.CheckEnv(command.Param, params),
	} {
		if clash != nil {
			n.problem("%s", clash.Error())
		}
	}
}

func plainNames(names []string) []string {
	var out []string
	for _, s := range names {
		if !strings.HasPrefix(s, "params:") {
			out = append(out, s)
		}
	}
	return out
}

// DefinedAt records where a node was declared ("pipelines.yml:12"), so
// its definition problems point there.
func DefinedAt(where string) NodeOption {
	return nodeOptionFunc(func(n *Node) { n.source = where })
}

// Source returns where the node was declared in a file, or "".
func (n *Node) Source() string { return n.source }

// Command returns what a command node runs, or nil for a Go function node.
func (n *Node) Command() *Command { return n.cmd }
