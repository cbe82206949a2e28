package resource

import (
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	tests := []struct {
		in   string
		want Quantity
	}{
		{"0", Quantity{}},
		{"1", Quantity{Milli: 1000}},
		{" 8 ", Quantity{Milli: 8000}},
		{"500m", Quantity{Milli: 500}},
		{"1.5", Quantity{Milli: 1500}},
		{"1.", Quantity{Milli: 1000}},
		{".5", Quantity{Milli: 500}},
		{"1k", Quantity{Milli: 1_000_000}},
		{"1kB", Quantity{Milli: 1_000_000}},
		{"1Ki", Quantity{Milli: 1_024_000}},
		{"1KiB", Quantity{Milli: 1_024_000}},
		{"100B", Quantity{Milli: 100_000}},
		{"12GiB", Quantity{Milli: 12 << 30 * 1000}},
		{"1.5Gi", Quantity{Milli: 3 << 29 * 1000}},
		{"2M", Quantity{Milli: 2_000_000_000}},
		{"3T", Quantity{Milli: 3_000_000_000_000_000}},
		{"1Pi", Quantity{Milli: 1 << 50 * 1000}},
		{"1e3", Quantity{Milli: 1_000_000}},
		{"1E3", Quantity{Milli: 1_000_000}},
		{"2.5e-1", Quantity{Milli: 250}},
		{"1e-4", Quantity{Milli: 1}},   // below a thousandth: rounded up
		{"0.0001", Quantity{Milli: 1}}, // likewise
		{"1e-999999999999", Quantity{Milli: 1}},
		{"0.0", Quantity{}},
		{"0Gi", Quantity{}},
		{"90%", Quantity{Milli: 90_000, Percent: true}},
		{"12.5%", Quantity{Milli: 12_500, Percent: true}},
		{"100%", Quantity{Milli: 100_000, Percent: true}},
		{"0%", Quantity{Percent: true}},
		{"9223372036854775807m", Quantity{Milli: 9223372036854775807}},
	}
	for _, tt := range tests {
		got, err := Parse(tt.in)
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.in, err)
			continue
		}
		if got != tt.want {
			t.Errorf("Parse(%q) = %+v, want %+v", tt.in, got, tt.want)
		}
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct{ in, want string }{
		{"lots", `invalid quantity "lots": want a number with an optional unit (k, M, Gi, m, ...) or a percentage, e.g. 12GiB, 500m, 90%`},
		{"", `invalid quantity "": want a number`},
		{"-1", `invalid quantity "-1": a quantity cannot be negative`},
		{"-5%", "cannot be negative"},
		{"101%", "a percentage cannot exceed 100%"},
		{"100.001%", "a percentage cannot exceed 100%"},
		{"1gi", `unknown unit "gi"`},
		{"1K", `unknown unit "K"`},
		{"1mB", `unknown unit "mB"`},
		{"1 Gi", `unknown unit " Gi"`},
		{"1Gi%", `unknown unit "Gi%"`},
		{"1%B", `unknown unit "%B"`},
		{"1e", "want a number"},
		{".", "want a number"},
		{"1E", "too large"}, // 10^18 units is 10^21 milli-units
		{"9Pi", "too large"},
		{"99999999999999999999999", "too large"},
		{"1e999999999999", "too large"},
		{"0x10", `unknown unit "x10"`},
	}
	for _, tt := range tests {
		_, err := Parse(tt.in)
		if err == nil {
			t.Errorf("Parse(%q): no error, want %q", tt.in, tt.want)
			continue
		}
		if !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Parse(%q) error = %q, want it to contain %q", tt.in, err, tt.want)
		}
	}
}

func TestString(t *testing.T) {
	tests := []struct {
		q    Quantity
		want string
	}{
		{Quantity{}, "0"},
		{Quantity{Milli: 500}, "500m"},
		{Quantity{Milli: 1500}, "1500m"},
		{Quantity{Milli: 3000}, "3"},
		{Quantity{Milli: 1_024_000}, "1Ki"},
		{Quantity{Milli: 12 << 30 * 1000}, "12Gi"},
		{Quantity{Milli: 3 << 29 * 1000}, "1536Mi"},
		{Quantity{Milli: 5_000_000}, "5k"},
		{Quantity{Milli: 2_000_000_000}, "2M"},
		{Quantity{Milli: 1000 * 1000 * 1024}, "1000Ki"},
		{Quantity{Milli: 90_000, Percent: true}, "90%"},
		{Quantity{Milli: 12_500, Percent: true}, "12.5%"},
		{Quantity{Milli: 12_345, Percent: true}, "12.345%"},
		{Quantity{Milli: 50, Percent: true}, "0.05%"},
	}
	for _, tt := range tests {
		if got := tt.q.String(); got != tt.want {
			t.Errorf("%+v.String() = %q, want %q", tt.q, got, tt.want)
		}
		back, err := Parse(tt.want)
		if err != nil || back != tt.q {
			t.Errorf("Parse(%q) = %+v, %v; want %+v", tt.want, back, err, tt.q)
		}
	}
}

func TestOf(t *testing.T) {
	tests := []struct {
		q     Quantity
		total int64
		want  int64
	}{
		{Quantity{Milli: 7000}, 1000, 7000}, // absolute amounts ignore the total
		{Quantity{Milli: 90_000, Percent: true}, 16 << 30 * 1000, 16 << 30 * 900},
		{Quantity{Milli: 50_000, Percent: true}, 3, 2},                  // 1.5 rounds up
		{Quantity{Milli: 1, Percent: true}, 1000, 1},                    // 0.00001 of 1000 rounds up
		{Quantity{Milli: 100_000, Percent: true}, 1<<63 - 1, 1<<63 - 1}, // no overflow
		{Quantity{Milli: 99_999, Percent: true}, 1<<63 - 1, 9223279803134407260},
		{Quantity{Percent: true}, 1000, 0},
		{Quantity{Milli: 50_000, Percent: true}, 0, 0},
		{Quantity{Milli: 1 << 40, Percent: true}, 1<<63 - 1, 1<<63 - 1}, // hand-built, over 100%: saturates
	}
	for _, tt := range tests {
		if got := tt.q.Of(tt.total); got != tt.want {
			t.Errorf("%v.Of(%d) = %d, want %d", tt.q, tt.total, got, tt.want)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"12GiB", "500m", "90%", "1.5Gi", "1e3", "lots", "-1", "101%", "9Pi", "0.0001", "1E", ".5kB"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		q, err := Parse(s)
		if err != nil {
			return
		}
		if q.Milli < 0 || (q.Percent && q.Milli > hundredPercent) {
			t.Fatalf("Parse(%q) = %+v out of range", s, q)
		}
		back, err := Parse(q.String())
		if err != nil || back != q {
			t.Fatalf("Parse(%q) = %+v; String %q parses back to %+v, %v", s, q, q.String(), back, err)
		}
	})
}
