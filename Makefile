# kedrogo — build, test, bench, demo.
GO      ?= go
BIN     := bin
SRC_DIR := $(CURDIR)
LDFLAGS := -X github.com/kedrogo/kedrogo/internal/buildinfo.SourceDir=$(SRC_DIR)

.PHONY: all build test bench demo lint fuzz clean

all: build

build:
	$(GO) build -ldflags '$(LDFLAGS)' -o $(BIN)/kedrogo ./cmd/kedrogo

test:
	$(GO) vet ./...
	$(GO) test -race ./...

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

demo:
	cd examples/seed && $(GO) build -o ../../$(BIN)/seed . && ../../$(BIN)/seed run --pipeline foo --parallel

lint:
	gofmt -l . | tee /dev/stderr | (! read)
	$(GO) vet ./...

clean:
	rm -rf $(BIN)
