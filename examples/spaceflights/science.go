package main

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"github.com/kedrogo/kedrogo"
)

// ModelOptions are params:model_options (one set per namespace).
type ModelOptions struct {
	TestSize    float64  `yaml:"test_size"`
	RandomState uint64   `yaml:"random_state"`
	Features    []string `yaml:"features"`
	// Ridge is the L2 penalty that keeps the normal equations solvable.
	Ridge float64 `yaml:"ridge"`
}

// Model is a linear price model: price = Intercept + Σ Weights[f]·f.
type Model struct {
	Features  []string  `json:"features"`
	Weights   []float64 `json:"weights"`
	Intercept float64   `json:"intercept"`
}

// Metrics is how well a model predicts prices it did not see.
type Metrics struct {
	R2       float64 `json:"r2"`
	MAE      float64 `json:"mae"`
	Rows     int     `json:"rows"`
	Features int     `json:"features"`
}

var features = map[string]func(ModelRow) float64{
	"engines":              func(r ModelRow) float64 { return r.Engines },
	"passenger_capacity":   func(r ModelRow) float64 { return r.PassengerCapacity },
	"crew":                 func(r ModelRow) float64 { return r.Crew },
	"d_check_complete":     func(r ModelRow) float64 { return boolFloat(r.DCheckComplete) },
	"company_rating":       func(r ModelRow) float64 { return r.CompanyRating },
	"iata_approved":        func(r ModelRow) float64 { return boolFloat(r.IATAApproved) },
	"review_scores_rating": func(r ModelRow) float64 { return r.ReviewScore },
}

func boolFloat(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// splitData shuffles the rows with a seeded generator and holds out
// test_size of them.
func splitData(rows []ModelRow, opts ModelOptions) (train, test []ModelRow, err error) {
	if opts.TestSize <= 0 || opts.TestSize >= 1 {
		return nil, nil, fmt.Errorf("model_options.test_size must be between 0 and 1, got %v", opts.TestSize)
	}
	shuffled := slices.Clone(rows)
	rng := rand.New(rand.NewPCG(opts.RandomState, 0))
	rng.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	nTest := int(math.Ceil(opts.TestSize * float64(len(shuffled))))
	return shuffled[nTest:], shuffled[:nTest], nil
}

// trainModel fits ordinary least squares (with a small ridge) by solving
// the normal equations.
func trainModel(train []ModelRow, opts ModelOptions) (Model, error) {
	k := len(opts.Features) + 1 // + intercept
	for _, f := range opts.Features {
		if features[f] == nil {
			return Model{}, fmt.Errorf("unknown feature %q in model_options.features", f)
		}
	}
	a := make([][]float64, k)
	for i := range a {
		a[i] = make([]float64, k+1) // augmented with Xᵀy
	}
	for _, r := range train {
		x := row(r, opts.Features)
		for i := range k {
			for j := range k {
				a[i][j] += x[i] * x[j]
			}
			a[i][k] += x[i] * r.Price
		}
	}
	for i := 1; i < k; i++ {
		a[i][i] += opts.Ridge
	}
	w, err := solve(a)
	if err != nil {
		return Model{}, err
	}
	return Model{Features: opts.Features, Intercept: w[0], Weights: w[1:]}, nil
}

func row(r ModelRow, names []string) []float64 {
	x := make([]float64, len(names)+1)
	x[0] = 1
	for i, f := range names {
		x[i+1] = features[f](r)
	}
	return x
}

// solve runs Gaussian elimination with partial pivoting on an augmented
// k×(k+1) matrix.
func solve(a [][]float64) ([]float64, error) {
	k := len(a)
	for col := range k {
		pivot := col
		for r := col + 1; r < k; r++ {
			if math.Abs(a[r][col]) > math.Abs(a[pivot][col]) {
				pivot = r
			}
		}
		if math.Abs(a[pivot][col]) < 1e-12 {
			return nil, fmt.Errorf("the features are collinear; raise model_options.ridge")
		}
		a[col], a[pivot] = a[pivot], a[col]
		for r := range k {
			if r == col {
				continue
			}
			f := a[r][col] / a[col][col]
			for c := col; c <= k; c++ {
				a[r][c] -= f * a[col][c]
			}
		}
	}
	w := make([]float64, k)
	for i := range k {
		w[i] = a[i][k] / a[i][i]
	}
	return w, nil
}

func evaluateModel(m Model, test []ModelRow) Metrics {
	var mean float64
	for _, r := range test {
		mean += r.Price
	}
	mean /= float64(max(len(test), 1))
	var ssRes, ssTot, absErr float64
	for _, r := range test {
		x := row(r, m.Features)
		pred := m.Intercept
		for i, w := range m.Weights {
			pred += w * x[i+1]
		}
		ssRes += (r.Price - pred) * (r.Price - pred)
		ssTot += (r.Price - mean) * (r.Price - mean)
		absErr += math.Abs(r.Price - pred)
	}
	r2 := 0.0
	if ssTot > 0 {
		r2 = 1 - ssRes/ssTot
	}
	return Metrics{R2: r2, MAE: absErr / float64(max(len(test), 1)), Rows: len(test), Features: len(m.Features)}
}

// modelling is the template both namespaces instantiate.
func modelling() *kedrogo.Pipeline {
	return kedrogo.NewPipeline(
		kedrogo.NewNode(splitData, []string{"model_input_table", "params:model_options"},
			[]string{"train_set", "test_set"}, kedrogo.Name("split_data")),
		kedrogo.NewNode(trainModel, []string{"train_set", "params:model_options"}, "regressor",
			kedrogo.Name("train_model"), kedrogo.Tags("training")),
		kedrogo.NewNode(evaluateModel, []string{"regressor", "test_set"}, "metrics",
			kedrogo.Name("evaluate_model")),
	)
}

// dataScience is two copies of the template: each namespace prefixes its
// nodes, its datasets (active_modelling.regressor) and its parameters
// (params:active_modelling.model_options); model_input_table is shared.
func dataScience() *kedrogo.Pipeline {
	shared := map[string]string{"model_input_table": "model_input_table"}
	active := kedrogo.Modular(modelling(), kedrogo.ModularOptions{Namespace: "active_modelling", Inputs: shared})
	candidate := kedrogo.Modular(modelling(), kedrogo.ModularOptions{Namespace: "candidate_modelling", Inputs: shared})
	return active.Add(candidate)
}
