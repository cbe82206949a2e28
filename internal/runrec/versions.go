package runrec

import (
	"runtime"
	"runtime/debug"

	"github.com/kedrogo/kedrogo/internal/buildinfo"
)

// BuildVersions reads which code is running from the binary's build info.
func BuildVersions() Versions {
	v := Versions{Go: runtime.Version(), Kedrogo: buildinfo.KedrogoVersion()}
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return v
	}
	v.Project = bi.Main.Path
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			v.VCSRevision = s.Value
		case "vcs.time":
			v.VCSTime = s.Value
		case "vcs.modified":
			v.Dirty = s.Value == "true"
		}
	}
	return v
}
