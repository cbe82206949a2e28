package parquet_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/kedrogo/kedrogo"
	"github.com/kedrogo/kedrogo/datasets/parquet"
)

type Trade struct {
	Symbol string  `parquet:"symbol"`
	Price  float64 `parquet:"price"`
}

// The type is registered like any custom type — kedrogo.WithDatasetType
// for Main and Execute, RunOptions.DatasetTypes for Run — so only projects
// that use Parquet link parquet-go.
func Example() {
	project, err := os.MkdirTemp("", "parquet-example")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(project)
	conf := filepath.Join(project, "conf")
	os.MkdirAll(filepath.Join(conf, "local"), 0o755)
	os.MkdirAll(filepath.Join(conf, "base"), 0o755)
	os.WriteFile(filepath.Join(conf, "base", "catalog.yml"), []byte(`
trades:
  type: parquet.ParquetDataset
  filepath: data/trades.parquet
`), 0o644)

	parquet.Register[Trade]() // optional: parquet-go's faster generic path
	p := kedrogo.NewPipeline(
		kedrogo.NewNode(func() []Trade { return []Trade{{"ACME", 12.5}, {"INIT", 3}} }, nil, "trades", kedrogo.Name("fetch")),
		kedrogo.NewNode(func(ts []Trade) float64 {
			total := 0.0
			for _, t := range ts {
				total += t.Price
			}
			return total
		}, "trades", "total", kedrogo.Name("sum")),
	)
	res, err := kedrogo.Run(context.Background(), p, kedrogo.RunOptions{
		ProjectDir:   project,
		DatasetTypes: map[string]kedrogo.DatasetFactory{parquet.TypeName: parquet.Factory},
	})
	if err != nil {
		panic(err)
	}
	_, statErr := os.Stat(filepath.Join(project, "data", "trades.parquet"))
	fmt.Println("total:", res.Outputs["total"], "file written:", statErr == nil)
	// Output: total: 15.5 file written: true
}
