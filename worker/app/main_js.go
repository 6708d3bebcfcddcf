//go:build js && wasm

// Command app is the Cloudflare Worker: the worker package's handler served by
// github.com/syumai/workers. `make worker` builds it to build/worker/app.wasm.
//
// Worker variables (wrangler.toml [vars] or the dashboard):
//
//	CORS_ALLOWED_ORIGINS  comma-separated origins allowed to call the API from a
//	                      browser on another site ("*" for any); empty: CORS off.
package main

import (
	"fmt"
	"os"

	"github.com/syumai/workers"
	"github.com/syumai/workers/cloudflare"

	"certinspect/core/hostcrypto"
	"certinspect/internal/webcrypto"
	"certinspect/worker"
)

func main() {
	// workerd's WebCrypto derives key-file keys and hashes big CRLs natively.
	if h := webcrypto.New(); h != nil {
		hostcrypto.Use(h)
	}
	workers.Serve(worker.New(worker.Options{
		AllowedOrigins: worker.ParseOrigins(cloudflare.Getenv("CORS_ALLOWED_ORIGINS")),
		Logf:           func(f string, a ...any) { fmt.Fprintf(os.Stderr, f+"\n", a...) },
	}))
}
