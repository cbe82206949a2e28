# kedrogo — build, test, bench, demo.
GO      ?= go
BIN     := bin
SRC_DIR := $(CURDIR)
# bash with pipefail: a failing benchmark piped through tee fails the target.
SHELL       := bash
.SHELLFLAGS := -o pipefail -c
LDFLAGS := -X github.com/kedrogo/kedrogo/internal/buildinfo.SourceDir=$(SRC_DIR)

.PHONY: all build test bench bench-e2e demo lint fuzz golden clean

all: build

build:
	$(GO) build -ldflags '$(LDFLAGS)' -o $(BIN)/kedrogo ./cmd/kedrogo

test:
	$(GO) vet ./...
	$(GO) test -race -timeout 40m ./...

# Every benchmark, then the end-to-end table (internal/benchproj: the
# command line in process and a built project binary, per trivial node)
# beside the runner's engine-only figures. bench-e2e runs only those.
bench:
	@mkdir -p $(BIN)
	$(GO) test -run '^$$' -bench . -benchmem -timeout 60m ./... | tee $(BIN)/bench.txt
	$(GO) run ./internal/benchproj/cmd/benchtable < $(BIN)/bench.txt

E2E_BENCH ?= .
bench-e2e:
	@mkdir -p $(BIN)
	$(GO) test -run '^$$' -bench '^Benchmark(Sequential|Parallel)$$' ./internal/runner | tee $(BIN)/bench-e2e.txt
	$(GO) test -run '^$$' -bench '$(E2E_BENCH)' -timeout 60m ./internal/benchproj | tee -a $(BIN)/bench-e2e.txt
	$(GO) run ./internal/benchproj/cmd/benchtable < $(BIN)/bench-e2e.txt

# The founding scenario: A, B and C together, D alone (runner.yml), one run.
demo:
	cd examples/seed && $(GO) build -o ../../$(BIN)/seed . && ../../$(BIN)/seed run --pipeline foo --parallel

# Refresh the golden sections of the CLI scripts (testdata/script), then
# read the diff before committing.
golden:
	$(GO) test ./internal/cli -run TestScripts -update

# A short fuzzing pass over every fuzz target, FUZZTIME each.
FUZZTIME ?= 10s
fuzz:
	@for pkg in $$($(GO) list ./...); do \
	  for t in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz'); do \
	    echo "$$pkg $$t"; \
	    $(GO) test -run '^$$' -fuzz "^$$t$$" -fuzztime $(FUZZTIME) $$pkg || exit 1; \
	  done; \
	done

lint:
	gofmt -l . | tee /dev/stderr | (! read)
	$(GO) vet ./...
	$(GO) mod tidy -diff

clean:
	rm -rf $(BIN)
