//go:build js && wasm

package main

import (
	"bytes"
	"crypto"
	"crypto/rand"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"math/big"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"certinspect/core"
	"certinspect/core/hostcrypto"
	"certinspect/internal/webcrypto"
)

// countingHost is the bridge's WebCrypto host, counting what core asks of it.
type countingHost struct {
	*webcrypto.Host
	digests atomic.Int32
}

func (c *countingHost) Digest(h crypto.Hash, data []byte) ([]byte, bool) {
	c.digests.Add(1)
	return c.Host.Digest(h, data)
}

func pkiFile(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "testdata", "pki", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// bigCRL is a CRL of the fixture intermediate with n entries, signed with its
// key (testdata/pki/keys/intermediate.key), in PEM.
func bigCRL(t *testing.T, n int) []byte {
	t.Helper()
	ca, _ := pem.Decode(pkiFile(t, "intermediate-only-ca.pem"))
	issuer, err := x509.ParseCertificate(ca.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	kb, _ := pem.Decode(pkiFile(t, "keys/intermediate.key"))
	key, err := x509.ParsePKCS8PrivateKey(kb.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	entries := make([]x509.RevocationListEntry, n)
	for i := range entries {
		entries[i] = x509.RevocationListEntry{
			SerialNumber:   new(big.Int).Lsh(big.NewInt(int64(i)+1), 100),
			RevocationTime: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC),
		}
	}
	der, err := x509.CreateRevocationList(rand.Reader, &x509.RevocationList{
		Number:                    big.NewInt(7),
		ThisUpdate:                time.Date(2026, 5, 25, 0, 0, 0, 0, time.UTC),
		NextUpdate:                time.Date(2026, 6, 8, 0, 0, 0, 0, time.UTC),
		RevokedCertificateEntries: entries,
	}, issuer, key.(crypto.Signer))
	if err != nil {
		t.Fatal(err)
	}
	return pem.EncodeToMemory(&pem.Block{Type: "X509 CRL", Bytes: der})
}

// TestWebCryptoHashesBigCRLsWithTheSameReport: with the engine's WebCrypto
// lent, a CRL bigger than hostcrypto.MinDigestBytes is hashed by it, and the
// report is byte for byte the report Go alone writes, for a good signature
// and for a broken one.
func TestWebCryptoHashesBigCRLsWithTheSameReport(t *testing.T) {
	wc := webcrypto.New()
	if wc == nil {
		t.Fatal("no crypto.subtle in this engine")
	}
	crl := bigCRL(t, 9000)
	if len(crl)*3/4 < hostcrypto.MinDigestBytes {
		t.Fatalf("the CRL is %d bytes, too small to be handed over", len(crl))
	}
	broken := bytes.Clone(crl)
	broken[len(broken)-40] ^= 'A' ^ 'B' // a base64 letter of the signature
	if broken[len(broken)-40] == crl[len(crl)-40] {
		t.Fatal("tampering did nothing")
	}
	for _, tc := range []struct {
		name  string
		crl   []byte
		valid bool
	}{{"good signature", crl, true}, {"broken signature", broken, false}} {
		t.Run(tc.name, func(t *testing.T) {
			req := core.Request{
				Files: []core.File{
					{Name: "server-chain.pem", Role: core.RoleServerChain, Data: pkiFile(t, "revocation/good-leaf-chain.pem")},
					{Name: "ca.pem", Role: core.RoleCAFile, Data: pkiFile(t, "ca.pem")},
					{Name: "big.crl", Role: core.RoleCRLFile, Data: tc.crl},
				},
				Hosts: []string{"db0.example.net"},
				At:    time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC),
			}
			hostcrypto.Use(nil)
			want, err := json.Marshal(core.Inspect(req))
			if err != nil {
				t.Fatal(err)
			}
			h := &countingHost{Host: wc}
			hostcrypto.Use(h)
			defer hostcrypto.Use(nil)
			rep := core.Inspect(req)
			got, err := json.Marshal(rep)
			if err != nil {
				t.Fatal(err)
			}
			if h.digests.Load() == 0 {
				t.Fatal("the big CRL was not handed to WebCrypto")
			}
			if !bytes.Equal(got, want) {
				t.Fatalf("the report differs with WebCrypto:\n%s\nwithout:\n%s", got, want)
			}
			if len(rep.Revocation.CRLs) != 1 || rep.Revocation.CRLs[0].SignatureValid != tc.valid {
				t.Fatalf("CRLs %+v, want one with signatureValid %v", rep.Revocation.CRLs, tc.valid)
			}
		})
	}
}
