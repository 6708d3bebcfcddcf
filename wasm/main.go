//go:build js && wasm

// Command wasm is certinspect's WebAssembly bridge: it defines the global
// object `certinspect` with `version` and `inspect(request[, onProgress])`,
// which returns a Promise of the report (the same JSON the CLI prints with
// --json). Build: make wasm (GOOS=js GOARCH=wasm go build -trimpath
// -gcflags=certinspect/...=-l -ldflags='-s -w' ./wasm; the flags: Makefile).
//
// Every value crossing between Go and JavaScript goes through
// github.com/hack-pad/safejs, so a bad value from JavaScript becomes an error
// (a rejected promise), never a crash; a panic inside core is recovered per call.
package main

import (
	"fmt"
	"os"

	"github.com/hack-pad/safejs"

	"certinspect/core/hostcrypto"
	"certinspect/internal/webcrypto"
)

func main() {
	// PBKDF2 and the hash of a big CRL run in the engine's WebCrypto, several
	// times faster than Go's crypto compiled to wasm (same bytes either way).
	if h := webcrypto.New(); h != nil {
		hostcrypto.Use(h)
	}
	if _, err := register("certinspect"); err != nil {
		fmt.Fprintln(os.Stderr, "certinspect: cannot register the bridge:", err)
		os.Exit(1)
	}
	// Tell the host (the Web Worker, or a Node test) that the bridge is ready.
	if ready, err := safejs.Global().Get("__certinspectReady"); err == nil && ready.Type() == safejs.TypeFunction {
		_, _ = ready.Invoke()
	}
	select {}
}
