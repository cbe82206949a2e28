// Command spaceflights is a Go take on Kedro's spaceflights tutorial: it
// cleans raw company, shuttle and review tables, joins them, and trains and
// evaluates a price model twice — an "active" and a "candidate" variant of
// one modular pipeline, each with its own parameters — then writes a
// signed comparison report.
//
// It shows, in one small project: dataset factories (the raw and
// intermediate tables), parameters (with --params overrides), modular
// pipelines with namespaced parameters, versioned datasets (the models and
// metrics), credentials (the report's signing key), a custom dataset type,
// and runner.yml resources.
//
//	go build -o spaceflights . && ./spaceflights run --parallel
package main

import "github.com/kedrogo/kedrogo"

func pipelines() map[string]*kedrogo.Pipeline {
	processing := dataProcessing()
	science := dataScience()
	reporting := kedrogo.NewPipeline(
		kedrogo.NewNode(compareModels,
			map[string]string{"Active": "active_modelling.metrics", "Candidate": "candidate_modelling.metrics"},
			"model_report", kedrogo.Name("compare_models"), kedrogo.Tags("reporting")),
	)
	all := processing.Add(science, reporting)
	return map[string]*kedrogo.Pipeline{
		"__default__":     all,
		"data_processing": processing,
		"data_science":    science,
		"reporting":       reporting,
	}
}

func main() {
	kedrogo.Main(pipelines(), kedrogo.WithDatasetType("report.SignedMarkdownDataset", newSignedMarkdown))
}
