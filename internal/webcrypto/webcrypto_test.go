//go:build js && wasm

package webcrypto

import (
	"bytes"
	"crypto"
	"crypto/pbkdf2"
	_ "crypto/sha1"
	_ "crypto/sha256"
	_ "crypto/sha512"
	"testing"
)

// These run under Node (make test-wasm), whose WebCrypto is OpenSSL's: every
// answer must be the byte-for-byte answer of Go's own crypto.

func host(t *testing.T) *Host {
	t.Helper()
	h := New()
	if h == nil {
		t.Fatal("no globalThis.crypto.subtle in this engine")
	}
	return h
}

func TestDigestMatchesGo(t *testing.T) {
	h := host(t)
	inputs := [][]byte{nil, []byte("abc"), bytes.Repeat([]byte{0x5a, 0, 0xff}, 300_001)}
	for _, hash := range []crypto.Hash{crypto.SHA1, crypto.SHA256, crypto.SHA384, crypto.SHA512} {
		for _, in := range inputs {
			d := hash.New()
			d.Write(in)
			want := d.Sum(nil)
			got, ok := h.Digest(hash, in)
			if !ok || !bytes.Equal(got, want) {
				t.Fatalf("%v of %d bytes: %x (ok %v), want %x", hash, len(in), got, ok, want)
			}
		}
	}
	if _, ok := h.Digest(crypto.SHA224, []byte("abc")); ok {
		t.Fatal("SHA-224 is not in WebCrypto; Digest must decline it")
	}
}

func TestPBKDF2MatchesGo(t *testing.T) {
	h := host(t)
	cases := []struct {
		hash         crypto.Hash
		password     string
		salt         []byte
		iter, keyLen int
		wantDeclined bool
	}{
		{crypto.SHA1, "password", []byte("salt"), 2, 20, false}, // RFC 6070
		{crypto.SHA256, "correct horse battery staple", []byte("0123456789abcdef"), 2048, 32, false},
		{crypto.SHA384, "p", []byte{0, 1, 2}, 7, 24, false},
		{crypto.SHA512, "päss\x00word", nil, 1000, 64, false},
		{crypto.SHA224, "password", []byte("salt"), 2, 28, true},
		{crypto.SHA256, "", []byte("salt"), 2, 32, true},
	}
	for _, tc := range cases {
		got, ok := h.PBKDF2(tc.hash, []byte(tc.password), tc.salt, tc.iter, tc.keyLen)
		if tc.wantDeclined {
			if ok {
				t.Fatalf("%v %q: derived a key, want declined", tc.hash, tc.password)
			}
			continue
		}
		want, err := pbkdf2.Key(tc.hash.New, tc.password, tc.salt, tc.iter, tc.keyLen)
		if err != nil {
			t.Fatal(err)
		}
		if !ok || !bytes.Equal(got, want) {
			t.Fatalf("%v %q iter %d: %x (ok %v), want %x", tc.hash, tc.password, tc.iter, got, ok, want)
		}
	}
}
