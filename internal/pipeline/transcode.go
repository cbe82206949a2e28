package pipeline

import "strings"

// transcodeSep separates a dataset's name from its transcoding variant:
// "B@pandas" and "B@spark" are one dataset, B, read two ways.
const transcodeSep = "@"

// StripTranscoding returns the dataset a name refers to: "B@pandas" -> "B".
func StripTranscoding(name string) string {
	if i := strings.IndexByte(name, '@'); i >= 0 {
		return name[:i]
	}
	return name
}

func isTranscoded(name string) bool { return strings.IndexByte(name, '@') >= 0 }
