package kedrogo_test

import (
	"context"
	"fmt"
	"os"
	"strings"

	"github.com/kedrogo/kedrogo"
)

func split(text string) []string { return strings.Fields(text) }

func count(words []string) int { return len(words) }

func shout(words []string) []string {
	out := make([]string, len(words))
	for i, w := range words {
		out[i] = strings.ToUpper(w)
	}
	return out
}

func ExampleNewNode() {
	n := kedrogo.NewNode(split, "text", "words", kedrogo.Name("split"), kedrogo.Tags("prep"))
	fmt.Println(n)
	fmt.Println(n.Inputs(), n.Outputs(), n.Tags())
	// Output:
	// split: split([text]) -> [words]
	// [text] [words] [prep]
}

func ExampleRun() {
	p := kedrogo.NewPipeline(
		kedrogo.NewNode(split, "text", "words", kedrogo.Name("split")),
		kedrogo.NewNode(count, "words", "n_words", kedrogo.Name("count")),
		kedrogo.NewNode(shout, "words", "loud", kedrogo.Name("shout")),
	)
	res, err := kedrogo.Run(context.Background(), p, kedrogo.RunOptions{
		Inputs: map[string]any{"text": "the quick brown fox"},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(res.Outputs["n_words"], res.Outputs["loud"])
	// Output: 4 [THE QUICK BROWN FOX]
}

func ExamplePipeline_Filter() {
	p := kedrogo.NewPipeline(
		kedrogo.NewNode(split, "text", "words", kedrogo.Name("split")),
		kedrogo.NewNode(count, "words", "n_words", kedrogo.Name("count")),
		kedrogo.NewNode(shout, "words", "loud", kedrogo.Name("shout")),
	)
	upToCount, err := p.Filter(kedrogo.Filter{ToNodes: []string{"count"}})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, n := range upToCount.Nodes() {
		fmt.Println(n.Name())
	}
	_, err = p.Filter(kedrogo.Filter{NodeNames: []string{"cont"}})
	fmt.Println(err)
	// Output:
	// split
	// count
	// Pipeline does not contain nodes named ['cont'].
}

func ExampleModular() {
	wordCount := kedrogo.NewPipeline(
		kedrogo.NewNode(split, "text", "words", kedrogo.Name("split")),
		kedrogo.NewNode(count, "words", "n_words", kedrogo.Name("count")),
	)
	// Two copies of one pipeline side by side: each gets its own namespace,
	// so node and intermediate dataset names do not clash; "text" stays
	// shared and each copy's result is renamed.
	english := kedrogo.Modular(wordCount, kedrogo.ModularOptions{
		Namespace: "en",
		Inputs:    map[string]string{"text": "text"},
		Outputs:   map[string]string{"n_words": "n_words_en"},
	})
	french := kedrogo.Modular(wordCount, kedrogo.ModularOptions{
		Namespace: "fr",
		Inputs:    map[string]string{"text": "text"},
		Outputs:   map[string]string{"n_words": "n_words_fr"},
	})
	both := english.Add(french)
	for _, n := range both.Nodes() {
		fmt.Println(n.Name(), n.Inputs(), "->", n.Outputs())
	}
	fmt.Println("free inputs:", both.Inputs(), "free outputs:", both.Outputs())
	// Output:
	// en.split [text] -> [en.words]
	// fr.split [text] -> [fr.words]
	// en.count [en.words] -> [n_words_en]
	// fr.count [fr.words] -> [n_words_fr]
	// free inputs: [text] free outputs: [n_words_en n_words_fr]
}

// A node may take a leading context.Context: it is cancelled when the run
// is interrupted or fails, and carries the run id and a logger.
func ExampleRunID() {
	stamp := func(ctx context.Context, text string) (bool, error) {
		kedrogo.Logger(ctx).Debug().Msg("stamping")
		return kedrogo.RunID(ctx) != "", ctx.Err()
	}
	p := kedrogo.NewPipeline(kedrogo.NewNode(stamp, "text", "stamped", kedrogo.Name("stamp")))
	res, err := kedrogo.Run(context.Background(), p, kedrogo.RunOptions{Inputs: map[string]any{"text": "hi"}})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("has a run id:", res.Outputs["stamped"])
	// Output: has a run id: true
}

// Hooks see every node run; a BeforeNodeRun hook may replace inputs.
func ExampleHooks() {
	hooks := &kedrogo.Hooks{
		BeforeNodeRun: func(_ context.Context, n *kedrogo.Node, inputs map[string]any) (map[string]any, error) {
			fmt.Println("starting", n.Name())
			if n.Name() == "split" {
				return map[string]any{"text": "replaced by a hook"}, nil
			}
			return nil, nil
		},
		AfterNodeRun: func(_ context.Context, n *kedrogo.Node, _, outputs map[string]any) error {
			fmt.Println("finished", n.Name(), outputs)
			return nil
		},
	}
	p := kedrogo.NewPipeline(
		kedrogo.NewNode(split, "text", "words", kedrogo.Name("split")),
		kedrogo.NewNode(count, "words", "n_words", kedrogo.Name("count")),
	)
	_, err := kedrogo.Run(context.Background(), p, kedrogo.RunOptions{
		Inputs: map[string]any{"text": "one two"},
		Hooks:  hooks,
	})
	fmt.Println("error:", err)
	// Output:
	// starting split
	// finished split map[words:[replaced by a hook]]
	// starting count
	// finished count map[n_words:4]
	// error: <nil>
}

// Execute is Main without the os.Exit: a project's commands, run in
// process, returning the exit status (0 ok, 1 a node failed, 2 a usage,
// configuration or definition error). Results go to stdout, logs and
// errors to stderr.
func ExampleExecute() {
	words := kedrogo.NewPipeline(kedrogo.NewNode(split, "text", "words", kedrogo.Name("split")))
	broken := kedrogo.NewPipeline(kedrogo.NewNode(split, "text", "text", kedrogo.Name("loop")))
	var stderr strings.Builder
	status := kedrogo.Execute([]string{"registry", "list"},
		map[string]*kedrogo.Pipeline{"__default__": words, "words": words},
		kedrogo.WithStreams(nil, os.Stdout, &stderr))
	fmt.Println("status", status)

	status = kedrogo.Execute([]string{"registry", "list"},
		map[string]*kedrogo.Pipeline{"__default__": broken},
		kedrogo.WithStreams(nil, os.Stdout, &stderr))
	fmt.Println("status", status)
	// Output:
	// - __default__
	// - words
	// status 0
	// status 2
}
