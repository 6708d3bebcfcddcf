//go:build !(js && wasm)

// Natively the Worker's handler runs as a plain local server, for debugging
// without workerd: go run ./worker/app -addr 127.0.0.1:8787
// (syumai's native workers.Serve would listen on every interface.)
package main

import (
	"flag"
	"fmt"
	"log"
	"net/http"
	"os"

	"certinspect/worker"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:8787", "listen address")
	origins := flag.String("cors", os.Getenv("CORS_ALLOWED_ORIGINS"), "comma-separated origins allowed by CORS (default: $CORS_ALLOWED_ORIGINS; empty: off)")
	flag.Parse()
	h := worker.New(worker.Options{AllowedOrigins: worker.ParseOrigins(*origins), Logf: log.Printf})
	fmt.Fprintf(os.Stderr, "certinspect API on http://%s/api/v1/health\n", *addr)
	log.Fatal(http.ListenAndServe(*addr, h))
}
