// Package buildinfo holds what the build recorded about itself: the
// kedrogo version and, for a development build made by `make build`, the
// source checkout (so `kedrogo new` can point a new project at it).
package buildinfo

import "runtime/debug"

// Set by -ldflags "-X github.com/kedrogo/kedrogo/internal/buildinfo.SourceDir=..."
var (
	Version   = ""
	SourceDir = ""
)

// KedrogoVersion returns the version of the kedrogo module in this binary:
// the linker-set Version, else the module version recorded by the Go
// toolchain ("(devel)" for a build inside the kedrogo checkout).
func KedrogoVersion() string {
	if Version != "" {
		return Version
	}
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "(devel)"
	}
	if bi.Main.Path == "github.com/kedrogo/kedrogo" {
		return bi.Main.Version
	}
	for _, d := range bi.Deps {
		if d.Path == "github.com/kedrogo/kedrogo" {
			return d.Version
		}
	}
	return "(devel)"
}
