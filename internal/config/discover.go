package config

import (
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// The config types and the file-name prefix each one's files start with.
// Kedro's patterns for a type T are T*, T*/** and **/T*: a file whose name
// starts with T at any depth, or any file under a top-level folder whose
// name starts with T.
const (
	typeCatalog     = "catalog"
	typeParameters  = "parameters"
	typeCredentials = "credentials"
	typeRunner      = "runner"
	typeGlobals     = "globals"
)

var globbedTypes = []string{typeCatalog, typeParameters, typeCredentials, typeRunner}

// globalsFile is the one file globals come from, at the top of an env.
const globalsFile = "globals.yml"

// missingEnv is Kedro's MissingConfigException text plus how to fix it.
func missingEnv(dir string) *Error {
	return &Error{Msg: "Given configuration path either does not exist or is not a valid directory: " + dir +
		" (create the folder, e.g. with an empty .gitkeep in it, or choose another environment with --env)"}
}

// envFiles lists the config files of one environment folder by type,
// sorted by path. Hidden files and folders (a name starting with ".") and
// extensions other than .yml, .yaml and .json are skipped.
// patterns replace the default globs of the types they name.
func envFiles(dir string, patterns Patterns) (map[string][]string, error) {
	if info, err := os.Stat(dir); err != nil || !info.IsDir() {
		return nil, missingEnv(dir)
	}
	out := map[string][]string{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return &Error{File: path, Msg: "cannot read: " + err.Error()}
		}
		if path != dir && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if !isConfigExt(path) || (d.IsDir() && path == dir) {
			return nil
		}
		rel, err := filepath.Rel(dir, path)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			if len(configTypes(rel, patterns)) > 0 {
				// Read as a folder, catalog.yml/ would give an empty
				// catalog: every dataset in memory, nothing saved.
				return &Error{File: path, Msg: "is a folder, but a config file of this name must be a file; " +
					"remove the folder or rename it (a folder of config files is named without an extension, e.g. catalog/)"}
			}
			return nil
		}
		for _, t := range configTypes(rel, patterns) {
			out[t] = append(out[t], path)
		}
		return nil
	})
	for _, files := range out {
		sort.Strings(files)
	}
	return out, err
}

// configTypes returns the types a file (path relative to its env folder,
// slash-separated) belongs to; a file may serve several, as in Kedro.
func configTypes(rel string, patterns Patterns) []string {
	var types []string
	if globs, ok := patterns[typeGlobals]; ok {
		if matchesAny(globs, rel) {
			types = append(types, typeGlobals)
		}
	} else if rel == globalsFile {
		types = append(types, typeGlobals)
	}
	base := rel[strings.LastIndex(rel, "/")+1:]
	first, _, nested := strings.Cut(rel, "/")
	for _, t := range globbedTypes {
		if globs, ok := patterns[t]; ok {
			if matchesAny(globs, rel) {
				types = append(types, t)
			}
		} else if rel != globalsFile && (strings.HasPrefix(base, t) || (nested && strings.HasPrefix(first, t))) {
			types = append(types, t)
		}
	}
	return types
}

func isConfigExt(path string) bool {
	switch filepath.Ext(path) {
	case ".yml", ".yaml", ".json":
		return true
	}
	return false
}

// SettingsFiles returns the kedrogo settings files for env, lowest
// precedence first: conf/base/kedrogo.yml, then conf/<env>/kedrogo.yml
// (env "" is "local"; "base" gives base's file only). The files need not
// exist.
func SettingsFiles(confDir, env string) []string {
	if confDir == "" {
		confDir = "conf"
	}
	if env == "" {
		env = DefaultEnv
	}
	files := []string{filepath.Join(confDir, BaseEnv, settingsFile)}
	if env != BaseEnv {
		files = append(files, filepath.Join(confDir, env, settingsFile))
	}
	return files
}

const settingsFile = "kedrogo.yml"

// Environment names with a meaning of their own.
const (
	BaseEnv    = "base"
	DefaultEnv = "local"
)
