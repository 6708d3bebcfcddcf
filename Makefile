# certinspect — build, serve, test, bench.
# `make serve` and `make test` are the two commands the README promises work on a
# fresh machine: they install what they need.

GO        ?= go
GOROOT    := $(shell $(GO) env GOROOT)
VERSION   ?= $(shell git describe --always --dirty 2>/dev/null || echo dev)
LDFLAGS   := -s -w -X certinspect/core.Version=$(VERSION)
PKGS      := ./...

.PHONY: all build test test-go test-wasm gofmt-check vet fixtures limbo-doc limbo-openssl

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

## --- web: the wasm bridge, the static page, real-browser tests -------------
.PHONY: wasm dist serve test-e2e deps-e2e
WEB_BUILD := build/web

## wasm: the js/wasm bridge (wasm/) over core
wasm:
	@mkdir -p $(WEB_BUILD)
	GOOS=js GOARCH=wasm $(GO) build -trimpath -ldflags '$(LDFLAGS)' -o $(WEB_BUILD)/certinspect.wasm ./wasm

## dist: the deployable page (hashed names, .br/.gz twins, _headers with the CSP)
dist: wasm
	node scripts/build-dist.mjs --web web --wasm $(WEB_BUILD)/certinspect.wasm --wasm-exec "$(GOROOT)/lib/wasm/wasm_exec.js" --out dist

## serve: build dist/ and serve it on http://127.0.0.1:8080 (application/wasm, CSP)
serve: dist
	node scripts/serve.mjs --dir dist --host 127.0.0.1 --port 8080

## test-wasm: core and the bridge compiled to js/wasm, run under Node
test-wasm:
	GOOS=js GOARCH=wasm $(GO) test -count=1 -exec="$(GOROOT)/lib/wasm/go_js_wasm_exec" ./wasm/... ./core/...

## deps-e2e: playwright-core (npm ci, lockfile) and Debian's chromium, when missing
deps-e2e:
	@if [ ! -f node_modules/playwright-core/package.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then npm ci --no-audit --no-fund; fi
	@if [ ! -x /usr/bin/chromium ]; then apt-get update && apt-get install -y chromium; fi

## test-e2e: the page in headless chromium (screenshots in e2e/screenshots/)
test-e2e: deps-e2e dist
	node --test --test-concurrency=1 e2e/

## test: everything CI runs
test: gofmt-check vet test-go test-wasm test-e2e

## limbo-doc: rewrite docs/limbo.md from the x509-limbo run
limbo-doc:
	$(GO) test -count=1 -run '^TestLimbo$$' ./core -args -write-doc

## limbo-openssl: re-run `openssl verify` on every limbo case (needs openssl 3.0; not part of make test)
limbo-openssl:
	$(GO) run ./testdata/limbo/opensslverdicts
