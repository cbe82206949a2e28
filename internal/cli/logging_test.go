package cli

import (
	"bytes"
	"strings"
	"testing"

	"github.com/rs/zerolog"
)

func TestConsoleHighlightsNamesOnATerminal(t *testing.T) {
	for _, colour := range []bool{false, true} {
		var out bytes.Buffer
		log := zerolog.New(consoleWriter(&out, colour))
		log.Info().Str("node", "train").Str("dataset", "model").Str("other", "x").Msg("Saving data")
		got := out.String()
		highlighted := strings.Contains(got, ansiBold+ansiCyan+"train"+ansiReset) &&
			strings.Contains(got, ansiBold+ansiCyan+"model"+ansiReset)
		if !colour && !strings.HasSuffix(got, "INF Saving data node=train dataset=model other=x\n") {
			t.Errorf("plain line %q: want node and dataset right after the message", got)
		}
		if highlighted != colour {
			t.Errorf("colour=%v: names highlighted = %v in %q", colour, highlighted, got)
		}
		if !colour && strings.Contains(got, "\x1b[") {
			t.Errorf("escape codes without a terminal: %q", got)
		}
		if strings.Contains(got, ansiCyan+"x") {
			t.Errorf("a field other than node and dataset was highlighted: %q", got)
		}
	}
}

func TestLogSetup(t *testing.T) {
	tests := []struct {
		g                    globalOptions
		tty                  bool
		wantLevel            zerolog.Level
		wantConsole, wantTTY bool
		wantErr              string
	}{
		{g: globalOptions{logFormat: "auto", logLevel: "info"}, wantLevel: zerolog.InfoLevel, wantConsole: true},
		{g: globalOptions{logFormat: "auto", logLevel: "info"}, tty: true, wantLevel: zerolog.InfoLevel, wantConsole: true, wantTTY: true},
		{g: globalOptions{logFormat: "json", logLevel: "warn"}, tty: true, wantLevel: zerolog.WarnLevel},
		{g: globalOptions{logFormat: "console", logLevel: "error", verbose: true}, wantLevel: zerolog.DebugLevel, wantConsole: true},
		{g: globalOptions{logFormat: "xml"}, wantErr: "--log-format must be auto, console or json"},
		{g: globalOptions{logLevel: "loud"}, wantErr: "--log-level must be debug, info, warn or error"},
	}
	for _, tt := range tests {
		streams, _, _ := Test()
		streams.ErrTTY = tt.tty
		s, err := newLogSetup(&tt.g, streams)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) || exitCode(err) != ExitUsage {
				t.Errorf("%+v: error %v, want %q (exit 2)", tt.g, err, tt.wantErr)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%+v: %v", tt.g, err)
		}
		if s.level != tt.wantLevel || s.console != tt.wantConsole || (s.terminal != nil) != tt.wantTTY {
			t.Errorf("%+v tty=%v: level %v console %v status line %v", tt.g, tt.tty, s.level, s.console, s.terminal != nil)
		}
	}
}
