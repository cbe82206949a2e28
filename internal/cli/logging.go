package cli

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/rs/zerolog"

	"github.com/kedrogo/kedrogo/internal/logfield"
)

// logSetup is how a command logs: the logger, and whether output is for a
// human (console) and can carry a live status line (a terminal).
type logSetup struct {
	logger   zerolog.Logger
	console  bool
	level    zerolog.Level
	terminal *statusTerm // nil unless console logs go to a terminal
	errOut   io.Writer   // stderr, through the terminal when there is one
	writer   io.Writer   // what logger writes to (console or JSON)
}

// say writes a message for people outside the run's log: a line of its
// own on the console, a warning event with JSON logs.
func (s *logSetup) say(msg string) {
	if !s.console {
		s.logger.Warn().Msg(msg)
		return
	}
	fmt.Fprintf(s.errOut, "\n%s\n", msg)
}

// newLogSetup builds the zerolog logger on stderr. --log-format auto is
// the console format: coloured, with a live status line, on a terminal;
// plain (no colour, no status line) otherwise. json gives one JSON object
// per line, for log collectors.
func newLogSetup(g *globalOptions, streams IOStreams) (*logSetup, error) {
	level := zerolog.InfoLevel
	switch g.logLevel {
	case "debug":
		level = zerolog.DebugLevel
	case "", "info":
	case "warn", "warning":
		level = zerolog.WarnLevel
	case "error":
		level = zerolog.ErrorLevel
	default:
		return nil, usageErrorf("--log-level must be debug, info, warn or error, got %q", g.logLevel)
	}
	if g.verbose {
		level = zerolog.DebugLevel
	}
	s := &logSetup{level: level, errOut: streams.ErrOut}
	var w io.Writer
	switch g.logFormat {
	case "", "auto", "console":
		s.console = true
		out := streams.ErrOut
		if streams.ErrTTY {
			s.terminal = &statusTerm{w: streams.ErrOut}
			out, s.errOut = s.terminal, s.terminal
		}
		w = consoleWriter(out, streams.ErrTTY)
	case "json":
		w = streams.ErrOut
	default:
		return nil, usageErrorf("--log-format must be auto, console or json, got %q", g.logFormat)
	}
	s.writer = w
	s.logger = s.newLogger(w)
	return s, nil
}

// newLogger logs to w at the setup's level, each event stamped to the
// millisecond (several events a second is the rule in a run).
func (s *logSetup) newLogger(w io.Writer) zerolog.Logger {
	return zerolog.New(zerolog.SyncWriter(w)).Level(s.level).Hook(millisecondTime{})
}

// jsonTimeFormat is RFC 3339 with milliseconds, as JSON logs write "time".
const jsonTimeFormat = "2006-01-02T15:04:05.000Z07:00"

// millisecondTime stamps each JSON event with the time in milliseconds
// (zerolog's Timestamp has a process-wide format, seconds by default).
type millisecondTime struct{}

func (millisecondTime) Run(e *zerolog.Event, _ zerolog.Level, _ string) {
	e.Str(zerolog.TimestampFieldName, time.Now().Format(jsonTimeFormat))
}

const (
	ansiBold  = "\x1b[1m"
	ansiCyan  = "\x1b[36m"
	ansiReset = "\x1b[0m"
)

// consoleWriter is zerolog's console format with node and dataset right
// after the message; on a terminal their names stand out (Kedro's rich
// handler colours dataset names too).
func consoleWriter(out io.Writer, colour bool) zerolog.ConsoleWriter {
	names := []string{logfield.Node, logfield.Dataset}
	return zerolog.ConsoleWriter{
		Out:           out,
		NoColor:       !colour,
		TimeFormat:    time.TimeOnly,
		PartsOrder:    append([]string{zerolog.TimestampFieldName, zerolog.LevelFieldName, zerolog.MessageFieldName}, names...),
		FieldsExclude: names,
		// The message of a node's failure already says the error, which
		// the event also carries as a field for JSON logs: say it once.
		FormatPrepare: func(evt map[string]any) error {
			if e, ok := evt[zerolog.ErrorFieldName].(string); ok {
				if m, _ := evt[zerolog.MessageFieldName].(string); strings.Contains(m, e) {
					delete(evt, zerolog.ErrorFieldName)
				}
			}
			return nil
		},
		FormatPartValueByName: func(v any, name string) string {
			if v == nil {
				return ""
			}
			if !colour {
				return fmt.Sprintf("%s=%v", name, v)
			}
			return fmt.Sprintf("%s%s=%s%s%s%v%s", ansiCyan, name, ansiReset, ansiBold, ansiCyan, v, ansiReset)
		},
	}
}
