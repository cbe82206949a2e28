package pipelinefile

import (
	"fmt"
	"slices"
	"strings"

	"github.com/kedrogo/kedrogo/internal/pipeline"
	"github.com/kedrogo/kedrogo/internal/suggest"
)

// builder turns definitions into pipelines, each once, following includes.
type builder struct {
	*reader
	others map[string]*pipeline.Pipeline
	built  map[string]*pipeline.Pipeline
	busy   map[string]bool // being built: an include back to one is a cycle
	stack  []string
}

func (b *builder) build(name string) (*pipeline.Pipeline, error) {
	if p, ok := b.built[name]; ok {
		return p, nil
	}
	d := b.defs[name]
	b.busy[name] = true
	b.stack = append(b.stack, name)
	defer func() { b.busy[name] = false; b.stack = b.stack[:len(b.stack)-1] }()
	parts := []*pipeline.Pipeline{pipeline.NewPipeline(d.nodes...)}
	var errs []error
	for _, inc := range d.includes {
		p, err := b.resolve(inc)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if inc.modular != nil {
			p = pipeline.Modular(p, *inc.modular)
		}
		parts = append(parts, p)
	}
	if err := joinErrs(errs); err != nil {
		return nil, err
	}
	p := parts[0].Add(parts[1:]...)
	b.built[name] = p
	return p, nil
}

func (b *builder) resolve(inc *include) (*pipeline.Pipeline, error) {
	if b.busy[inc.name] {
		i := slices.Index(b.stack, inc.name)
		return nil, &Error{File: inc.file, Line: inc.line, Msg: fmt.Sprintf(
			"pipelines include each other in a circle: %s -> %s", strings.Join(b.stack[i:], " -> "), inc.name)}
	}
	if _, ok := b.defs[inc.name]; ok {
		return b.build(inc.name)
	}
	if p, ok := b.others[inc.name]; ok && p != nil {
		return p, nil
	}
	known := slices.Clone(b.order)
	for name := range b.others {
		known = append(known, name)
	}
	slices.Sort(known)
	hint := ""
	if near := suggest.Suggest(inc.name, known); len(near) > 0 {
		hint = fmt.Sprintf(" (did you mean %s?)", strings.Join(near, " or "))
	}
	return nil, &Error{File: inc.file, Line: inc.line, Msg: fmt.Sprintf(
		"no pipeline %q to include%s; declared: %s", inc.name, hint, strings.Join(known, ", "))}
}
