# certinspect — build, serve, test, bench.
# `make serve` and `make test` are the two commands the README promises work on a
# fresh machine: they install what they need.

GO        ?= go
GOROOT    := $(shell $(GO) env GOROOT)
VERSION   ?= $(shell git describe --always --dirty 2>/dev/null || echo dev)
LDFLAGS   := -s -w -X certinspect/core.Version=$(VERSION)
PKGS      := ./...

.PHONY: all build test test-go test-wasm gofmt-check vet fixtures limbo-doc

all: build

## build: the native CLI in bin/
build:
	$(GO) build -trimpath -ldflags '$(LDFLAGS)' -o bin/certinspect ./cmd/certinspect

## fixtures: regenerate the test PKI (verdict-stable)
fixtures:
	$(GO) run ./testdata/gen

gofmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

vet:
	$(GO) vet $(PKGS)
	GOOS=js GOARCH=wasm $(GO) vet ./core/... ./wasm/...

test-go:
	$(GO) test -count=1 $(PKGS)

## test: everything CI runs
test: gofmt-check vet test-go
