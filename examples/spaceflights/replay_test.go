package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/rogpeppe/go-internal/testscript"
	"go.yaml.in/yaml/v3"
)

// manifest is the part of an exported Argo Workflow a replay needs.
type manifest struct {
	Spec struct {
		Entrypoint string `yaml:"entrypoint"`
		Templates  []struct {
			Name string `yaml:"name"`
			DAG  *struct {
				Tasks []task `yaml:"tasks"`
			} `yaml:"dag"`
			Container *struct {
				Command []string `yaml:"command"`
				Args    []string `yaml:"args"`
			} `yaml:"container"`
		} `yaml:"templates"`
	} `yaml:"spec"`
}

type task struct {
	Name      string `yaml:"name"`
	Template  string `yaml:"template"`
	Depends   string `yaml:"depends"`
	Arguments struct {
		Parameters []struct{ Name, Value string } `yaml:"parameters"`
	} `yaml:"arguments"`
}

var dependsName = regexp.MustCompile(`[A-Za-z0-9][A-Za-z0-9-]*`)

// replayCmd is the script command "replay MANIFEST PROJECT": it runs the
// exported workflow's tasks as pods would, one process per task in
// depends order, each in its own fresh copy of the project folder PROJECT
// (conf/ and raw data; nothing a previous task left on disk). Tasks run
// one at a time, so the mutex holds trivially.
func replayCmd(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: replay MANIFEST PROJECT")
	}
	var m manifest
	if err := yaml.Unmarshal([]byte(ts.ReadFile(args[0])), &m); err != nil {
		ts.Fatalf("%s: %v", args[0], err)
	}
	templates := map[string][]string{}
	var tasks []task
	for _, t := range m.Spec.Templates {
		if t.Container != nil {
			templates[t.Name] = append(append([]string(nil), t.Container.Command...), t.Container.Args...)
		}
		if t.Name == m.Spec.Entrypoint && t.DAG != nil {
			tasks = t.DAG.Tasks
		}
	}
	if len(tasks) == 0 {
		ts.Fatalf("%s: no DAG tasks in the entrypoint", args[0])
	}
	done := map[string]bool{}
	for n := 1; len(done) < len(tasks); n++ {
		var ready []task
		for _, t := range tasks {
			if done[t.Name] {
				continue
			}
			ok := true
			for _, d := range dependsName.FindAllString(t.Depends, -1) {
				if d != "Succeeded" && !done[d] {
					ok = false
				}
			}
			if ok {
				ready = append(ready, t)
			}
		}
		if len(ready) == 0 {
			ts.Fatalf("the depends of the remaining tasks form a cycle or name unknown tasks")
		}
		sort.Slice(ready, func(i, j int) bool { return ready[i].Name < ready[j].Name })
		for _, t := range ready {
			argv, ok := templates[t.Template]
			if !ok {
				ts.Fatalf("task %s: no container template %s", t.Name, t.Template)
			}
			pod := ts.MkAbs(fmt.Sprintf("pod-%02d-%s", len(done), t.Name))
			if err := os.CopyFS(pod, os.DirFS(ts.MkAbs(args[1]))); err != nil {
				ts.Fatalf("%v", err)
			}
			cmd := make([]string, len(argv))
			for i, a := range argv {
				for _, p := range t.Arguments.Parameters {
					a = strings.ReplaceAll(a, "{{inputs.parameters."+p.Name+"}}", p.Value)
				}
				cmd[i] = "'" + strings.ReplaceAll(a, "'", `'\''`) + "'"
			}
			cmd[0] = "spaceflights" // the image's binary, on the script's PATH
			ts.Logf("pod %s: %s", filepath.Base(pod), strings.Join(cmd, " "))
			if err := ts.Exec("sh", "-c", "cd '"+pod+"' && exec "+strings.Join(cmd, " ")); err != nil {
				ts.Fatalf("task %s failed: %v", t.Name, err)
			}
			done[t.Name] = true
		}
	}
}
