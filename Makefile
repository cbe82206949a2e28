# kedrogo — build, test, bench, demo.
GO      ?= go
BIN     := bin
SRC_DIR := $(CURDIR)
LDFLAGS := -X github.com/kedrogo/kedrogo/internal/buildinfo.SourceDir=$(SRC_DIR)

.PHONY: all build test bench demo lint fuzz golden clean

all: build

build:
	$(GO) build -ldflags '$(LDFLAGS)' -o $(BIN)/kedrogo ./cmd/kedrogo

test:
	$(GO) vet ./...
	$(GO) test -race ./...

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

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
