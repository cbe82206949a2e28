package main

import (
	"strings"
	"testing"
)

const sample = `goos: linux
BenchmarkSequential/chain/1000-2         	     100	   1800000 ns/op	      1800 ns/node	  813665 B/op
BenchmarkSequential/chain/10000-2        	      10	  19000000 ns/op	      1900 ns/node
BenchmarkSequential/chain/100000-2       	       1	 200000000 ns/op	      2000 ns/node
BenchmarkBinary/seq/chain/console/1000-2 	       2	  10000000 ns/op	 2.0 cpu-us/node	 4.0 list-ms	 30 peak-RSS-MiB	 3.0 us/node
BenchmarkBinary/seq/chain/console/10000-2	       2	  40000000 ns/op	 2.5 cpu-us/node	 5.0 list-ms	 40 peak-RSS-MiB	 3.5 us/node
BenchmarkBinary/seq/chain/console/100000-2	       2	 400000000 ns/op	 2.6 cpu-us/node	 20 list-ms	 95 peak-RSS-MiB	 3.85 us/node
BenchmarkExecute/seq/chain/json/10000-2  	       2	  40000000 ns/op	 7.0 cpu-us/node	 1.0 list-ms	 8.0 us/node
PASS
`

func TestTable(t *testing.T) {
	results, order, err := parse(strings.NewReader(sample))
	if err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	if err := write(&out, results, order); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"seq   chain  engine only  -        1.8        1.9        2.0        10.5",
		"seq   chain  in process   json     -          8.0 (7.0)  -          -",
		"seq   chain  binary       console  3.0 (2.0)  3.5 (2.5)  3.9 (2.6)  11.0, 10.4  95 MiB",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("table lacks %q:\n%s", want, out.String())
		}
	}
}

func TestTableWithoutResults(t *testing.T) {
	results, order, err := parse(strings.NewReader("PASS\nok  \tx\t0.1s\n"))
	if err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	if err := write(&out, results, order); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "no end-to-end or engine benchmark lines") {
		t.Errorf("output %q", out.String())
	}
}
