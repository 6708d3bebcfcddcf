# certinspect — build, serve, test, bench.
# `make serve` and `make test` are the two commands the README promises work on a
# fresh machine: they install what they need.

GO        ?= go
GOROOT    := $(shell $(GO) env GOROOT)
VERSION   ?= $(shell git describe --always --dirty 2>/dev/null || echo dev)
LDFLAGS   := -s -w -X certinspect/core.Version=$(VERSION)
# The wasm builds compile certinspect's own packages without inlining: 80 kB
# less brotli for the page (4 %), no change in speed that make bench can see
# (the hot loops are in the standard library and crypto, which keep theirs).
# bench/run.mjs builds its name-section copy with the same flag.
WASM_GCFLAGS := -gcflags=certinspect/...=-l
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
	GOOS=js GOARCH=wasm $(GO) vet ./core/... ./wasm/... ./worker/... ./internal/...

test-go:
	$(GO) test -count=1 $(PKGS)

## --- web: the wasm bridge, the static page, real-browser tests -------------
.PHONY: wasm dist serve test-e2e deps-e2e
WEB_BUILD := build/web

## wasm: the js/wasm bridge (wasm/) over core
wasm:
	@mkdir -p $(WEB_BUILD)
	GOOS=js GOARCH=wasm $(GO) build -trimpath $(WASM_GCFLAGS) -ldflags '$(LDFLAGS)' -o $(WEB_BUILD)/certinspect.wasm ./wasm

## dist: the deployable page (hashed names, .br/.gz twins, _headers with the CSP)
dist: wasm
	node scripts/build-dist.mjs --web web --wasm $(WEB_BUILD)/certinspect.wasm --wasm-exec "$(GOROOT)/lib/wasm/wasm_exec.js" --out dist

## serve: build dist/ and serve it on http://127.0.0.1:8080 (application/wasm, CSP)
serve: dist
	node scripts/serve.mjs --dir dist --host 127.0.0.1 --port 8080

## test-wasm: core and the bridge compiled to js/wasm, run under Node
test-wasm:
	GOOS=js GOARCH=wasm $(GO) test -count=1 -exec="$(GOROOT)/lib/wasm/go_js_wasm_exec" ./wasm/... ./core/... ./internal/...
	$(MAKE) --no-print-directory wasm && node --test --test-concurrency=1 wasm/

## deps-e2e: playwright-core and axe-core (npm ci, lockfile) and Debian's chromium, when missing
deps-e2e:
	@if [ ! -f node_modules/playwright-core/package.json ] || [ ! -f node_modules/axe-core/axe.min.js ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then npm ci --no-audit --no-fund; fi
	@if [ ! -x /usr/bin/chromium ]; then apt-get update && apt-get install -y chromium; fi

## test-e2e: the page and <cert-inspector> in headless chromium, axe-core, label catalogue (screenshots in e2e/screenshots/)
test-e2e: deps-e2e dist
	node --test --test-concurrency=1 e2e/

## test: everything CI runs
test: gofmt-check vet test-go test-fuzz test-wasm test-e2e test-worker

## limbo-doc: rewrite docs/limbo.md from the x509-limbo run
limbo-doc:
	$(GO) test -count=1 -run '^TestLimbo$$' ./core -args -write-doc

## limbo-openssl: re-run `openssl verify` on every limbo case (needs openssl 3.0; not part of make test)
limbo-openssl:
	$(GO) run ./testdata/limbo/opensslverdicts

## --- Cloudflare Worker: the API (worker/, Go on syumai/workers) and dist/ ---
.PHONY: worker worker-dev deploy test-worker deps-worker bench-worker
# workers-assets-gen empties its output directory, so the Worker gets its own.
WORKER_BUILD := build/worker
# wrangler fully offline: no metrics, no error reports, no Request.cf fetch.
WRANGLER_ENV := WRANGLER_SEND_METRICS=false WRANGLER_SEND_ERROR_REPORTS=false CI=true WRANGLER_HIDE_BANNER=true CLOUDFLARE_CF_FETCH_ENABLED=false

## worker: build/worker/{worker.mjs,runtime.mjs,wasm_exec.js,app.wasm}
worker:
	$(GO) run github.com/syumai/workers/cmd/workers-assets-gen -mode=go -o $(WORKER_BUILD)
	GOOS=js GOARCH=wasm $(GO) build -trimpath $(WASM_GCFLAGS) -ldflags '$(LDFLAGS)' -o $(WORKER_BUILD)/app.wasm ./worker/app

## deps-worker: wrangler 4.86.0 from package-lock.json (npm ci), when missing
deps-worker:
	@if [ ! -f node_modules/wrangler/package.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then npm ci --no-audit --no-fund; fi

## worker-dev: the site and the API on workerd, http://127.0.0.1:8787, offline
worker-dev: deps-worker worker dist
	$(WRANGLER_ENV) npx wrangler dev --ip 127.0.0.1 --port 8787 --inspector-port 9230

## deploy: publish to your Cloudflare account (run `npx wrangler login` once, or set CLOUDFLARE_API_TOKEN)
deploy: deps-worker worker dist
	WRANGLER_SEND_METRICS=false npx wrangler deploy

## test-worker: the API and the site on a real local workerd (wrangler dev), and wrangler deploy --dry-run
test-worker: deps-worker worker dist
	node --test --test-concurrency=1 worker/integration/

## bench-worker: request latency on the local workerd
bench-worker: deps-worker worker dist
	WORKER_BENCH=1 node --test --test-concurrency=1 --test-name-pattern=latency worker/integration/

## --- bench: weight, start-up and speed next to OpenSSL, with budgets (not part of make test) ---
.PHONY: bench deps-bench
# BENCH_FLAGS: --quick (fewer runs), --no-worker (skip the wrangler dev row).
BENCH_FLAGS ?=

## deps-bench: playwright-core and chromium (deps-e2e), hyperfine, binaryen (wasm-opt), openssl via apt-get when missing
deps-bench: deps-e2e
	@missing=""; for p in hyperfine:hyperfine wasm-opt:binaryen openssl:openssl; do \
	  command -v $${p%%:*} >/dev/null 2>&1 || missing="$$missing $${p#*:}"; done; \
	if [ -n "$$missing" ]; then (apt-get update && apt-get install -y $$missing) || \
	  echo "bench: could not install$$missing; the rows that need them say so"; fi

## bench: one table (weight, ready time, typical ticket, root store, large CRLs, whole job vs openssl), bench/latest.json
bench: deps-bench dist build
	node bench/run.mjs $(BENCH_FLAGS)

## --- fuzz: every FuzzXxx target, one after another ----------------------------
.PHONY: fuzz test-fuzz
# FUZZTIME: how long `make fuzz` runs each target (a duration, or a count
# such as 100000x). make test runs each target for the count after its name
# instead (about 3 s each here): counts, not durations, because a -fuzztime
# duration can end in a bare "context deadline exceeded" failure at its
# deadline (golang/go#75804, not fixed in Go 1.26), which made make test flaky.
FUZZTIME ?= 1m
FUZZ_TARGETS := \
	./core:FuzzInspect:3000x ./core:FuzzRepairDefect:20000x \
	./core/decode:FuzzDecode:50000x ./core/decode:FuzzFastPEM:30000x ./core/pemfile:FuzzRead:100000x \
	./core/mongouri:FuzzParse:50000x ./core/mongouri:FuzzDNSAnswer:60000x \
	./core/revocation:FuzzCRL:50000x ./core/revocation:FuzzOCSP:50000x ./core/revocation:FuzzScan:80000x \
	./core/keyfile:FuzzKeyFile:10000x ./core/keyfile:FuzzRFC2253:100000x \
	./core/explain:FuzzExplain:20000x \
	./core/sclient:FuzzParse:20000x \
	./core/lint:FuzzRun:30000x \
	./worker:FuzzInspect:40000x

## fuzz: run each fuzz target for FUZZTIME, or for its own count when FUZZTIME
## is empty (findings land in the package's testdata/fuzz/)
fuzz:
	@set -e; for t in $(FUZZ_TARGETS); do \
	  pkg=$${t%%:*}; rest=$${t#*:}; fn=$${rest%%:*}; n="$(FUZZTIME)"; n=$${n:-$${rest#*:}}; \
	  echo "fuzz $$pkg $$fn for $$n"; \
	  $(GO) test -run='^$$' -fuzz="^$$fn$$" -fuzztime=$$n $$pkg; done

## test-fuzz: each fuzz target for its count (part of make test)
test-fuzz:
	@$(MAKE) --no-print-directory fuzz FUZZTIME=
