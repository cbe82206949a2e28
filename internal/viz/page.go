package viz

import (
	_ "embed"
	"encoding/json"
	"html"
	"io"
	"strings"
)

var (
	//go:embed assets/page.html
	pageHTML string
	//go:embed assets/page.css
	pageCSS string
	//go:embed assets/page.js
	pageJS string
)

// page is the model as the page's script reads it.
type page struct {
	*Model
	Serve bool `json:"serve,omitempty"` // poll /version and reload on a new run
}

// WritePage writes the self-contained HTML page for m. serve makes the
// page reload itself when the server says a new run was recorded.
func WritePage(w io.Writer, m *Model, serve bool) error {
	data, err := json.Marshal(page{Model: m, Serve: serve}) // escapes <, > and &: safe inside <script>
	if err != nil {
		return err
	}
	title := m.Title
	if title == "" {
		title = "kedrogo pipeline"
	}
	r := strings.NewReplacer("{{TITLE}}", html.EscapeString(title), "{{CSS}}", pageCSS, "{{MODEL}}", string(data), "{{JS}}", pageJS)
	_, err = r.WriteString(w, pageHTML)
	return err
}

// WriteJSON writes the model, indented.
func WriteJSON(w io.Writer, m *Model) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(m)
}
