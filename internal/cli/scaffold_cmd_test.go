package cli

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/spf13/cobra"

	"github.com/kedrogo/kedrogo/internal/buildinfo"
)

func TestNewAndPipelineCreateFlags(t *testing.T) {
	streams, _, _ := Test()
	type parsed struct{ Name, Dir, Source, Env string }
	tests := []struct {
		args    []string
		want    parsed
		wantErr string
	}{
		{[]string{"new", "demo"}, parsed{Name: "demo", Dir: "demo", Source: buildinfo.SourceDir}, ""},
		{[]string{"new", "demo", "--directory", "x/y", "--kedrogo-source", "/other"}, parsed{Name: "demo", Dir: "x/y", Source: "/other"}, ""},
		{[]string{"new"}, parsed{}, "wants the project name, got 0 argument(s)"},
		{[]string{"new", "a", "b"}, parsed{}, "wants the project name, got 2 argument(s)"},
		{[]string{"pipeline", "create", "data"}, parsed{Name: "data"}, ""},
		{[]string{"pipeline", "create", "data", "-e", "local"}, parsed{Name: "data", Env: "local"}, ""},
		{[]string{"pipeline", "create"}, parsed{}, "wants the pipeline name, got 0 argument(s)"},
	}
	for _, tt := range tests {
		var got parsed
		root := &cobra.Command{Use: "testproj", SilenceErrors: true, SilenceUsage: true}
		newCmd := newCmdNew(streams, func(o *newOptions) error {
			got = parsed{Name: o.Name, Dir: o.Dir, Source: o.KedrogoSource}
			return nil
		})
		root.AddCommand(newCmd, newCmdPipeline(nil, streams, &globalOptions{}, func(o *pipelineCreateOptions) error {
			got = parsed{Name: o.Name, Env: o.Env}
			return nil
		}))
		root.SetArgs(tt.args)
		_, err := root.ExecuteC()
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) || exitCode(err) != ExitUsage {
				t.Errorf("%v: error %v, want %q (exit 2)", tt.args, err, tt.wantErr)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%v: %v", tt.args, err)
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%v (-want +got):\n%s", tt.args, diff)
		}
	}
}
