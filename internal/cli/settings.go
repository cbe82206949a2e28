package cli

import (
	"fmt"
	"os"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/spf13/pflag"
	"github.com/spf13/viper"
	"go.yaml.in/yaml/v3"

	"github.com/kedrogo/kedrogo/internal/config"
)

// settingKeys are kedrogo's own settings: flags that may also come from
// KEDROGO_* environment variables and conf/<env>/kedrogo.yml. Selection
// flags are deliberately absent, so a stray variable never filters a run.
var settingKeys = []string{"env", "conf-source", "runner", "max-workers", "resources", "async", "log-format", "log-level", "keep-runs"}

// configKeys are kedrogo.yml keys the config package reads itself.
var configKeys = []string{"merge_strategy", "config_patterns"}

// locatingKeys find kedrogo.yml. The conf source cannot come from a file
// inside it; the env can come from conf/base/kedrogo.yml only, which is
// read whatever the env.
var locatingKeys = []string{"env", "conf-source"}

// applySettings fills the settings flags that the command line (and
// --config) left unset: from KEDROGO_* variables first, then from
// conf/base/kedrogo.yml and conf/<env>/kedrogo.yml (env wins over base).
// Flags the command does not have are ignored.
func applySettings(fs *pflag.FlagSet, lookupEnv func(string) (string, bool)) error {
	v := viper.New() // one per invocation: no global state between Execute calls
	for _, k := range settingKeys {
		envName := "KEDROGO_" + strings.ToUpper(strings.ReplaceAll(k, "-", "_"))
		if val, ok := lookupEnv(envName); ok && val != "" {
			v.Set(k, val) // viper reads the real environment; lookupEnv keeps tests hermetic
		}
	}
	for _, k := range locatingKeys {
		if err := setFromViper(fs, v, k, lookupEnv); err != nil {
			return err
		}
	}
	// Base's file first: it may name the env whose file comes next.
	confSource := flagString(fs, "conf-source")
	files := settingsFiles(confSource, config.BaseEnv)
	for _, file := range files {
		if err := readSettingsFile(v, file, true); err != nil {
			return err
		}
	}
	if err := setFromViper(fs, v, "env", lookupEnv); err != nil {
		return err
	}
	if env := flagString(fs, "env"); env != config.BaseEnv {
		for _, file := range settingsFiles(confSource, env) {
			if slices.Contains(files, file) {
				continue
			}
			if err := readSettingsFile(v, file, false); err != nil {
				return err
			}
		}
	}
	for _, k := range settingKeys {
		if err := setFromViper(fs, v, k, lookupEnv); err != nil {
			return err
		}
	}
	return nil
}

// originAnnotation marks a flag set from a KEDROGO_* variable, naming it,
// so a later error can say where the value came from.
const originAnnotation = "kedrogo-origin"

// settingOrigin is the variable that set flag name ("KEDROGO_ENV"), or ""
// when the command line or kedrogo.yml did.
func settingOrigin(fs *pflag.FlagSet, name string) string {
	if f := fs.Lookup(name); f != nil && len(f.Annotations[originAnnotation]) > 0 {
		return f.Annotations[originAnnotation][0]
	}
	return ""
}

func setFromViper(fs *pflag.FlagSet, v *viper.Viper, key string, lookupEnv func(string) (string, bool)) error {
	f := fs.Lookup(key)
	if f == nil || f.Changed || !v.IsSet(key) || givenOtherwise(fs, key) {
		return nil
	}
	val := settingString(v.Get(key))
	envName := "KEDROGO_" + strings.ToUpper(strings.ReplaceAll(key, "-", "_"))
	fromEnv := false
	if x, ok := lookupEnv(envName); ok && x != "" {
		fromEnv = true
		_ = fs.SetAnnotation(key, originAnnotation, []string{envName})
	}
	if err := fs.Set(key, val); err != nil {
		if fromEnv {
			return usageErrorf("%s=%q (environment variable): %v", envName, val, plainValueError(err))
		}
		return usageErrorf("%s: %q (from conf/<env>/kedrogo.yml): %v", key, val, plainValueError(err))
	}
	return nil
}

// valueErrorRE is pflag's message for a value its flag cannot parse.
var valueErrorRE = regexp.MustCompile(`^invalid argument "(.*)" for "-*([^"]*)" flag: (.*)$`)

// plainValueError says what a flag wants in one plain sentence instead of
// pflag's "invalid argument ... strconv.ParseInt: parsing ...: invalid
// syntax"; other errors pass unchanged.
func plainValueError(err error) error {
	m := valueErrorRE.FindStringSubmatch(err.Error())
	if m == nil {
		return err
	}
	value, name, why := m[1], m[2], m[3]
	switch {
	case strings.HasPrefix(why, "strconv.ParseInt"), strings.HasPrefix(why, "strconv.ParseUint"):
		why = "a whole number, such as 4"
	case strings.HasPrefix(why, "strconv.ParseFloat"):
		why = "a number, such as 0.5"
	case strings.HasPrefix(why, "strconv.ParseBool"):
		why = "true or false"
	default:
		return fmt.Errorf("--%s %q: %s", name, value, why)
	}
	return fmt.Errorf("--%s wants %s, got %q", name, why, value)
}

// givenOtherwise reports whether the command line set what key sets under
// another flag: --parallel is a runner, --runner-params can hold
// max_workers and is_async. The command line wins there too.
func givenOtherwise(fs *pflag.FlagSet, key string) bool {
	runnerParam := func(name string) bool {
		f := fs.Lookup("runner-params")
		return f != nil && f.Changed && strings.Contains(f.Value.String(), name)
	}
	switch key {
	case "runner":
		return fs.Changed("parallel")
	case "parallel":
		return fs.Changed("runner")
	case "max-workers":
		return runnerParam("max_workers")
	case "async":
		return runnerParam("is_async")
	}
	return false
}

// settingString renders a setting's value as its flag would be typed; a
// mapping (resources: {memory: 32GiB}) becomes memory=32GiB.
func settingString(val any) string {
	switch t := val.(type) {
	case map[string]any:
		items := make([]string, 0, len(t))
		for k, x := range t {
			items = append(items, fmt.Sprintf("%s=%v", k, x))
		}
		sort.Strings(items)
		return strings.Join(items, ",")
	case []any:
		items := make([]string, len(t))
		for i, x := range t {
			items[i] = fmt.Sprint(x)
		}
		return strings.Join(items, ",")
	}
	return fmt.Sprint(val)
}

// settingsFiles are base's then the env's kedrogo.yml (those that exist).
func settingsFiles(confSource, env string) []string {
	var files []string
	for _, f := range config.SettingsFiles(confSource, env) {
		if _, err := os.Stat(f); err == nil {
			files = append(files, f)
		}
	}
	return files
}

// readSettingsFile checks file's keys (with line numbers: viper loses
// them) and stores its values as viper defaults, below the environment.
// env is a setting only in base's file.
func readSettingsFile(v *viper.Viper, file string, base bool) error {
	data, err := os.ReadFile(file)
	if err != nil {
		return asUsage(err)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return usageErrorf("%s: %v", file, err)
	}
	if len(doc.Content) == 0 {
		return nil
	}
	top := doc.Content[0]
	if top.Kind != yaml.MappingNode {
		return usageErrorf("%s:%d: expected a mapping of settings (%s)", file, top.Line, fileSettings())
	}
	for i := 0; i+1 < len(top.Content); i += 2 {
		k, val := top.Content[i], top.Content[i+1]
		key := strings.ReplaceAll(k.Value, "_", "-")
		switch {
		case slices.Contains(configKeys, k.Value):
			continue
		case key == "conf-source":
			return usageErrorf("%s:%d: conf-source cannot be set in kedrogo.yml: kedrogo.yml is read from the conf source, "+
				"so it cannot choose it; use --conf-source or KEDROGO_CONF_SOURCE", file, k.Line)
		case key == "env" && !base:
			return usageErrorf("%s:%d: env cannot be set here: this file is read because the env was chosen, so it cannot "+
				"choose it; set env in conf/base/kedrogo.yml, or use --env or KEDROGO_ENV", file, k.Line)
		case !slices.Contains(settingKeys, key):
			return usageErrorf("%s:%d: unknown setting %q%s; kedrogo.yml settings are %s",
				file, k.Line, k.Value, didYouMean(key, settingKeys), fileSettings())
		}
		var x any
		if err := val.Decode(&x); err != nil {
			return usageErrorf("%s:%d: %s: %v", file, val.Line, k.Value, err)
		}
		v.SetDefault(key, x)
	}
	return nil
}

// fileSettings lists what kedrogo.yml may hold, for messages.
func fileSettings() string {
	var keys []string
	for _, k := range settingKeys {
		switch k {
		case "conf-source":
		case "env":
			keys = append(keys, "env (in conf/base/kedrogo.yml only)")
		default:
			keys = append(keys, k)
		}
	}
	return strings.Join(append(keys, configKeys...), ", ")
}

func flagString(fs *pflag.FlagSet, name string) string {
	if f := fs.Lookup(name); f != nil {
		return f.Value.String()
	}
	return ""
}
