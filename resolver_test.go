package kedrogo_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kedrogo/kedrogo"
)

func writeProject(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// A resolver registered from Go is used as ${name:...} in parameters, by
// Run and by the command line alike; its error names the expression.
func TestWithResolver(t *testing.T) {
	double := func(args ...any) (any, error) {
		n, ok := args[0].(int)
		if !ok {
			return nil, errors.New("double takes an integer")
		}
		return 2 * n, nil
	}
	dir := writeProject(t, map[string]string{
		"conf/base/parameters.yml": "factor: ${double:${base}}\nbase: 2\n",
		"conf/local/.gitkeep":      "",
	})
	ctx := context.Background()
	res, err := kedrogo.Run(ctx, scaleAndSum(), kedrogo.RunOptions{
		ProjectDir: dir,
		Inputs:     map[string]any{"xs": []int{1, 1}},
		Resolvers:  map[string]func(args ...any) (any, error){"double": double},
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := res.Outputs["total"]; got != 8 {
		t.Errorf("total = %v, want 8 (factor ${double:${base}} = 4)", got)
	}

	bad := writeProject(t, map[string]string{
		"conf/base/parameters.yml": "factor: ${double:two}\n",
		"conf/local/.gitkeep":      "",
	})
	var out, errOut bytes.Buffer
	t.Chdir(bad)
	status := kedrogo.Execute([]string{"run"}, map[string]*kedrogo.Pipeline{"__default__": scaleAndSum()},
		kedrogo.WithResolver("double", double), kedrogo.WithStreams(nil, &out, &errOut))
	if status != 2 || !strings.Contains(errOut.String(), "parameters.yml:1: resolver double failed in ${double:two}: double takes an integer") {
		t.Errorf("status %d, stderr:\n%s", status, errOut.String())
	}
}
