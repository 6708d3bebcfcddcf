// Package hostcrypto lets the program that runs core lend it faster forms of
// the two primitives whose pure-Go code is slow in WebAssembly: PBKDF2 (an
// encrypted key file costs thousands of HMACs) and hashing large inputs (a
// 1M-entry CRL is 40 MB to hash for its signature). Natively nothing is lent
// and Go's crypto runs, with SHA-NI and assembly; in the browser, in Node and
// in the Worker the bridge lends the engine's WebCrypto (crypto.subtle).
//
// A host only ever makes core faster: the results are the same bytes, a host
// may decline any call (ok false) and core then computes the value itself.
// Nothing about the host reaches the report.
package hostcrypto

import (
	"crypto"
	"sync/atomic"
)

// Host is what an adapter may lend core. Its methods may block (the wasm
// bridge waits on a Promise) and are called from one goroutine at a time per
// Inspect; they must be safe for concurrent use across requests.
type Host interface {
	// PBKDF2 returns keyLen bytes of PBKDF2 (RFC 8018) with HMAC over h, or
	// ok false when the host cannot derive it.
	PBKDF2(h crypto.Hash, password, salt []byte, iter, keyLen int) (key []byte, ok bool)
	// Digest returns h(data), or ok false when the host cannot hash it.
	Digest(h crypto.Hash, data []byte) (sum []byte, ok bool)
}

// MinDigestBytes is the smallest input handed to Host.Digest: below it a call
// across to the host (a Promise and a copy) costs more than hashing in Go.
const MinDigestBytes = 256 << 10

var host atomic.Pointer[Host]

// Use lends core h (nil: none). Adapters call it once, before the first
// Inspect.
func Use(h Host) {
	if h == nil {
		host.Store(nil)
		return
	}
	host.Store(&h)
}

func current() Host {
	if p := host.Load(); p != nil {
		return *p
	}
	return nil
}
