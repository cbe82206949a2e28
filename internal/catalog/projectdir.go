package catalog

import "os"

// ProjectDir is the project root the entry's relative paths are anchored
// at, for a factory that resolves paths inside other keys (e.g. a SQLite
// connection string, sqlite:///data/app.db).
func (c Config) ProjectDir() string {
	if c.catalog != nil && c.catalog.projectDir != "" {
		return c.catalog.projectDir
	}
	wd, _ := os.Getwd()
	return wd
}
