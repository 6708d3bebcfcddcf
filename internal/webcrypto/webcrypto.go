//go:build js && wasm

// Package webcrypto lends core (through core/hostcrypto) the JavaScript
// engine's WebCrypto: PBKDF2 and SHA digests run there as native code, where
// Go compiled to wasm runs them several times slower. The wasm bridge and the
// Worker install it with hostcrypto.Use(webcrypto.New()).
//
// Each call returns a Promise; the calling goroutine waits for it while the
// event loop turns, so calls must come from a goroutine, never from inside a
// JavaScript callback (the bridge runs core.Inspect in its own goroutine).
// Any failure (no crypto.subtle, an algorithm the engine lacks, a rejected
// Promise) makes the call decline, and core computes the value in Go.
package webcrypto

import (
	"crypto"
	"errors"

	"github.com/hack-pad/safejs"

	"certinspect/core/hostcrypto"
)

// Host is WebCrypto as a hostcrypto.Host.
type Host struct {
	subtle safejs.Value
}

var _ hostcrypto.Host = (*Host)(nil)

// New returns the engine's WebCrypto, or nil when globalThis.crypto.subtle is
// missing (a page served over plain http from another host, an old engine).
func New() *Host {
	c, err := safejs.Global().Get("crypto")
	if err != nil || c.Type() != safejs.TypeObject {
		return nil
	}
	s, err := c.Get("subtle")
	if err != nil || s.Type() != safejs.TypeObject {
		return nil
	}
	return &Host{subtle: s}
}

// hashNames are the WebCrypto names of the hashes it has.
var hashNames = map[crypto.Hash]string{
	crypto.SHA1:   "SHA-1",
	crypto.SHA256: "SHA-256",
	crypto.SHA384: "SHA-384",
	crypto.SHA512: "SHA-512",
}

// Digest is crypto.subtle.digest.
func (h *Host) Digest(hash crypto.Hash, data []byte) ([]byte, bool) {
	name, ok := hashNames[hash]
	if !ok {
		return nil, false
	}
	buf, err := bytesToJS(data)
	if err != nil {
		return nil, false
	}
	p, err := h.subtle.Call("digest", name, buf)
	if err != nil {
		return nil, false
	}
	sum, err := awaitBytes(p)
	return sum, err == nil
}

// PBKDF2 is crypto.subtle.importKey("raw", password, "PBKDF2") followed by
// deriveBits with HMAC over hash.
func (h *Host) PBKDF2(hash crypto.Hash, password, salt []byte, iter, keyLen int) ([]byte, bool) {
	name, ok := hashNames[hash]
	if !ok || len(password) == 0 || iter < 1 || keyLen < 1 {
		return nil, false
	}
	key, err := h.importPassword(password)
	if err != nil {
		return nil, false
	}
	params, err := object(map[string]any{"name": "PBKDF2", "hash": name, "iterations": iter})
	if err != nil {
		return nil, false
	}
	s, err := bytesToJS(salt)
	if err != nil || params.Set("salt", s) != nil {
		return nil, false
	}
	p, err := h.subtle.Call("deriveBits", params, key, keyLen*8)
	if err != nil {
		return nil, false
	}
	out, err := awaitBytes(p)
	return out, err == nil && len(out) == keyLen
}

func (h *Host) importPassword(password []byte) (safejs.Value, error) {
	pw, err := bytesToJS(password)
	if err != nil {
		return safejs.Value{}, err
	}
	usages, err := array("deriveBits")
	if err != nil {
		return safejs.Value{}, err
	}
	p, err := h.subtle.Call("importKey", "raw", pw, "PBKDF2", false, usages)
	if err != nil {
		return safejs.Value{}, err
	}
	return await(p)
}

// await waits for the Promise p to settle; the goroutine sleeps meanwhile,
// and the event loop (which settles p) keeps turning.
func await(p safejs.Value) (safejs.Value, error) {
	type result struct {
		v   safejs.Value
		err error
	}
	done := make(chan result, 1)
	onValue, err := safejs.FuncOf(func(_ safejs.Value, args []safejs.Value) any {
		v := safejs.Undefined()
		if len(args) > 0 {
			v = args[0]
		}
		done <- result{v: v}
		return nil
	})
	if err != nil {
		return safejs.Value{}, err
	}
	defer onValue.Release()
	onError, err := safejs.FuncOf(func(_ safejs.Value, _ []safejs.Value) any {
		done <- result{err: errors.New("webcrypto: the promise was rejected")}
		return nil
	})
	if err != nil {
		return safejs.Value{}, err
	}
	defer onError.Release()
	if _, err := p.Call("then", onValue.Value(), onError.Value()); err != nil {
		return safejs.Value{}, err
	}
	r := <-done
	return r.v, r.err
}

// awaitBytes waits for a Promise of an ArrayBuffer and copies it into Go.
func awaitBytes(p safejs.Value) ([]byte, error) {
	ab, err := await(p)
	if err != nil {
		return nil, err
	}
	ctor, err := safejs.Global().Get("Uint8Array")
	if err != nil {
		return nil, err
	}
	u8, err := ctor.New(ab)
	if err != nil {
		return nil, err
	}
	n, err := u8.Length()
	if err != nil {
		return nil, err
	}
	out := make([]byte, n)
	if _, err := safejs.CopyBytesToGo(out, u8); err != nil {
		return nil, err
	}
	return out, nil
}

func bytesToJS(b []byte) (safejs.Value, error) {
	ctor, err := safejs.Global().Get("Uint8Array")
	if err != nil {
		return safejs.Value{}, err
	}
	u8, err := ctor.New(len(b))
	if err != nil {
		return safejs.Value{}, err
	}
	if _, err := safejs.CopyBytesToJS(u8, b); err != nil {
		return safejs.Value{}, err
	}
	return u8, nil
}

func object(fields map[string]any) (safejs.Value, error) {
	ctor, err := safejs.Global().Get("Object")
	if err != nil {
		return safejs.Value{}, err
	}
	o, err := ctor.New()
	if err != nil {
		return safejs.Value{}, err
	}
	for k, v := range fields {
		if err := o.Set(k, v); err != nil {
			return safejs.Value{}, err
		}
	}
	return o, nil
}

func array(items ...any) (safejs.Value, error) {
	ctor, err := safejs.Global().Get("Array")
	if err != nil {
		return safejs.Value{}, err
	}
	a, err := ctor.New()
	if err != nil {
		return safejs.Value{}, err
	}
	for i, it := range items {
		if err := a.SetIndex(i, it); err != nil {
			return safejs.Value{}, err
		}
	}
	return a, nil
}
