package viz

import (
	"fmt"
	"io"
	"strings"
)

// WriteMermaid writes the DAG as a Mermaid flowchart: nodes as boxes,
// datasets as rounded, after edges dotted.
func WriteMermaid(w io.Writer, m *Model) error {
	var b strings.Builder
	b.WriteString("flowchart TB\n")
	ids := mermaidIDs(m)
	for _, n := range m.Nodes {
		fmt.Fprintf(&b, "  %s[%q]\n", ids[n.ID], n.Name)
	}
	for _, d := range m.Datasets {
		fmt.Fprintf(&b, "  %s([%q])\n", ids[d.ID], d.Name)
	}
	for _, e := range m.Edges {
		arrow := "-->"
		if e.After {
			arrow = "-.->"
		}
		fmt.Fprintf(&b, "  %s %s %s\n", ids[e.From], arrow, ids[e.To])
	}
	for _, n := range m.Nodes {
		if n.Status != "" {
			fmt.Fprintf(&b, "  class %s %s\n", ids[n.ID], strings.ReplaceAll(n.Status, " ", "_"))
		}
	}
	if m.Run != nil {
		b.WriteString("  classDef completed fill:#c8e6c9\n  classDef failed fill:#ffcdd2\n  classDef interrupted fill:#ffe0b2\n" +
			"  classDef skipped fill:#eeeeee\n  classDef not_run fill:#eeeeee\n  classDef planned fill:#bbdefb\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// mermaidIDs are n1.., d1..: Mermaid ids cannot hold every character a
// node or dataset name may.
func mermaidIDs(m *Model) map[string]string {
	ids := make(map[string]string, len(m.Nodes)+len(m.Datasets))
	for i, n := range m.Nodes {
		ids[n.ID] = fmt.Sprintf("n%d", i+1)
	}
	for i, d := range m.Datasets {
		ids[d.ID] = fmt.Sprintf("d%d", i+1)
	}
	return ids
}

// WriteDot writes the DAG in Graphviz's dot language.
func WriteDot(w io.Writer, m *Model) error {
	var b strings.Builder
	b.WriteString("digraph pipeline {\n  rankdir=TB;\n  node [fontname=\"sans-serif\"];\n")
	colours := map[string]string{"completed": "#c8e6c9", "failed": "#ffcdd2", "interrupted": "#ffe0b2", "planned": "#bbdefb"}
	for _, n := range m.Nodes {
		attr := ""
		if c, ok := colours[n.Status]; ok {
			attr = fmt.Sprintf(", style=filled, fillcolor=%q", c)
		}
		fmt.Fprintf(&b, "  %q [shape=box%s];\n", n.ID, attr+fmt.Sprintf(", label=%q", n.Name))
	}
	for _, d := range m.Datasets {
		fmt.Fprintf(&b, "  %q [shape=ellipse, label=%q];\n", d.ID, d.Name)
	}
	for _, e := range m.Edges {
		style := ""
		if e.After {
			style = " [style=dashed]"
		}
		fmt.Fprintf(&b, "  %q -> %q%s;\n", e.From, e.To, style)
	}
	b.WriteString("}\n")
	_, err := io.WriteString(w, b.String())
	return err
}
