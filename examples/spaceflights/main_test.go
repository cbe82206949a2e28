package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kedrogo/kedrogo"
)

// The way a project tests its pipelines: kedrogo.Run with in-memory
// inputs, no conf/ folder, no files.
func TestDataProcessing(t *testing.T) {
	res, err := kedrogo.Run(context.Background(), dataProcessing(), kedrogo.RunOptions{
		Inputs: map[string]any{
			"companies_raw": []Company{{ID: 1, Rating: "90%", IATAApproved: "t"}, {ID: 2, Rating: "50%", IATAApproved: "f"}},
			"shuttles_raw": []Shuttle{
				{ID: 10, CompanyID: 1, Engines: 2, PassengerCapacity: 4, Crew: 2, DCheckComplete: "f", Price: "$1,325.0"},
				{ID: 11, CompanyID: 3, Engines: 1, PassengerCapacity: 2, Crew: 1, DCheckComplete: "t", Price: "$900.0"},
			},
			"reviews_raw": []Review{{ShuttleID: 10, Score: 88}},
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	rows, ok := res.Outputs["model_input_table"].([]ModelRow)
	if !ok || len(rows) != 1 {
		t.Fatalf("model_input_table = %#v, want one joined row (shuttle 11's company is unknown)", res.Outputs["model_input_table"])
	}
	want := ModelRow{ShuttleID: 10, Engines: 2, PassengerCapacity: 4, Crew: 2, CompanyRating: 0.9,
		IATAApproved: true, ReviewScore: 88, Price: 1325}
	if rows[0] != want {
		t.Errorf("row = %+v, want %+v", rows[0], want)
	}
}

func TestBadPriceFailsTheNode(t *testing.T) {
	_, err := kedrogo.Run(context.Background(), dataProcessing(), kedrogo.RunOptions{
		Inputs: map[string]any{
			"companies_raw": []Company{},
			"shuttles_raw":  []Shuttle{{ID: 7, Price: "cheap"}},
			"reviews_raw":   []Review{},
		},
	})
	if err == nil || !strings.Contains(err.Error(), `shuttle 7: price "cheap"`) {
		t.Errorf("err = %v", err)
	}
}

func TestSignedReport(t *testing.T) {
	c := markdownCodec{key: []byte("k")}
	var buf bytes.Buffer
	if err := c.Encode(&buf, "# hi\n"); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, content string
		codec         markdownCodec
		wantErr       string
	}{
		{"intact", buf.String(), c, ""},
		{"tampered", strings.Replace(buf.String(), "hi", "ho", 1), c, "does not match"},
		{"another key", buf.String(), markdownCodec{key: []byte("other")}, "does not match"},
		{"unsigned", "# hi\n", c, "no signature"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "r.md")
			if err := os.WriteFile(path, []byte(tt.content), 0o644); err != nil {
				t.Fatal(err)
			}
			f, err := os.Open(path)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			var body string
			err = tt.codec.Decode(f, &body)
			switch {
			case tt.wantErr == "" && (err != nil || body != "# hi\n"):
				t.Errorf("body %q, err %v", body, err)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Errorf("err = %v, want %q", err, tt.wantErr)
			}
		})
	}
}

// TestProjectRun runs the whole project as its binary would, twice, in a
// copy: versioned outputs get one folder per run.
func TestProjectRun(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(filepath.Join(dir, "conf"), os.DirFS("conf")); err != nil {
		t.Fatal(err)
	}
	if err := os.CopyFS(filepath.Join(dir, "data", "01_raw"), os.DirFS(filepath.Join("data", "01_raw"))); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	t.Setenv("SPACEFLIGHTS_SIGNING_KEY", "test-key")
	run := func(args ...string) {
		t.Helper()
		var out, errOut bytes.Buffer
		status := kedrogo.Execute(append([]string{"run"}, args...), pipelines(),
			kedrogo.WithDatasetType("report.SignedMarkdownDataset", newSignedMarkdown),
			kedrogo.WithStreams(nil, &out, &errOut))
		if status != 0 {
			t.Fatalf("run %v: status %d\n%s", args, status, errOut.String())
		}
	}
	run("--parallel")
	run("--pipeline", "data_science", "--params", "candidate_modelling.model_options.test_size=0.3")

	versions, err := os.ReadDir(filepath.Join("data", "06_models", "candidate_modelling", "regressor.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(versions) != 2 {
		t.Errorf("%d regressor versions, want one per run", len(versions))
	}
	report, err := os.ReadFile(filepath.Join("data", "08_reporting", "model_report.md"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(report), "| candidate |") || !strings.Contains(string(report), "signature: ") {
		t.Errorf("report:\n%s", report)
	}
}

func TestPipelinesAreValid(t *testing.T) {
	for name, p := range pipelines() {
		if err := p.Validate(); err != nil {
			t.Errorf("pipeline %s: %v", name, err)
		}
	}
}
