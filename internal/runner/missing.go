package runner

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/rs/zerolog"

	"github.com/kedrogo/kedrogo/internal/catalog"
	"github.com/kedrogo/kedrogo/internal/pipeline"
)

// OnlyMissingOutputs is Kedro's --only-missing-outputs: walking the nodes
// in reverse topological order, a node is kept if it has no outputs, if
// one of its persistent outputs is missing, or if a kept node consumes one
// of its outputs that is ephemeral or missing. It logs Kedro's lines and
// returns the kept part of p (an empty pipeline when nothing is left).
func OnlyMissingOutputs(ctx context.Context, p *pipeline.Pipeline, cat *catalog.Catalog, log zerolog.Logger) (*pipeline.Pipeline, error) {
	nodes := p.Nodes()
	exists := map[string]bool{}
	missing := func(name string) (bool, error) {
		if e, ok := exists[name]; ok {
			return !e, nil
		}
		ds, err := cat.Dataset(name)
		if err != nil {
			return false, err
		}
		e, err := ds.Exists(ctx)
		if err != nil {
			return false, fmt.Errorf("checking whether %s exists: %w", name, err)
		}
		exists[name] = e
		return !e, nil
	}
	persistent := func(name string) bool { return cat.Declared(name) && !cat.Ephemeral(name) }

	kept := make([]bool, len(nodes))
	for i := len(nodes) - 1; i >= 0; i-- {
		n := nodes[i]
		if len(n.Outputs()) == 0 {
			log.Debug().Msgf("Node '%s' must run: has no outputs", n.Name())
			kept[i] = true
			continue
		}
		for _, o := range n.Outputs() {
			if !persistent(o) {
				continue
			}
			m, err := missing(o)
			if err != nil {
				return nil, err
			}
			if m {
				log.Debug().Msgf("Node '%s' must run: persistent output '%s' is missing", n.Name(), o)
				kept[i] = true
				break
			}
		}
		for _, o := range n.Outputs() {
			if kept[i] {
				break
			}
			for _, c := range p.Consumers(o) {
				if !kept[c] {
					continue
				}
				need := !persistent(o)
				if !need {
					m, err := missing(o)
					if err != nil {
						return nil, err
					}
					need = m
				}
				if need {
					log.Debug().Msgf("Node '%s' must run: output '%s' is needed by '%s'", n.Name(), o, nodes[c].Name())
					kept[i] = true
					break
				}
			}
		}
	}

	var keep, skip []string
	for i, n := range nodes {
		if kept[i] {
			keep = append(keep, n.Name())
		} else {
			skip = append(skip, n.Name())
		}
	}
	switch {
	case len(keep) == 0:
		log.Info().Msgf("Skipping all %d nodes (all persistent outputs exist)", len(nodes))
		return pipeline.NewPipeline(), nil
	case len(skip) == 0:
		return p, nil
	}
	slices.Sort(skip)
	log.Info().Msgf("Skipping %d nodes with existing outputs: %s", len(skip), strings.Join(skip, ", "))
	log.Info().Msgf("Running %d out of %d nodes", len(keep), len(nodes))
	return p.Subset(keep), nil
}
