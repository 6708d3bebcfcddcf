package revocation

import (
	"certinspect/core/certid"
	"crypto"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	encasn1 "encoding/asn1"
	"encoding/pem"
	"fmt"
	"math/big"
	mrand "math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"golang.org/x/crypto/cryptobyte"
	"golang.org/x/crypto/cryptobyte/asn1"

	"certinspect/core/report"
)

// bigCRLDir caches generated large CRLs between runs (they are never committed).
var bigCRLDir = filepath.Join(os.TempDir(), "certinspect-crl-bench")

// bigCRL returns a CRL of the fixture intermediate with n entries (16-byte
// random serials from a fixed seed, a reason code on every fourth), listing
// revoked (if not nil) as the last entry, in DER and PEM. Files are cached
// under os.TempDir().
func bigCRL(tb testing.TB, n int, revoked *big.Int) (der, pemData []byte, pemPath string) {
	tb.Helper()
	tag := "none"
	if revoked != nil {
		tag = revoked.Text(16)
	}
	base := filepath.Join(bigCRLDir, fmt.Sprintf("crl-v1-%d-%s", n, tag))
	if d, err := os.ReadFile(base + ".der"); err == nil {
		if p, err := os.ReadFile(base + ".pem"); err == nil {
			return d, p, base + ".pem"
		}
	}
	issuer := certsIn(tb, "intermediate-only-ca.pem")[0]
	key := loadKey(tb, "keys/intermediate.key")
	rng := mrand.New(mrand.NewChaCha8([32]byte{'c', 'e', 'r', 't', 'i', 'n', 's', 'p', 'e', 'c', 't'}))
	this := time.Date(2026, 5, 25, 0, 0, 0, 0, time.UTC)
	next := time.Date(2026, 6, 8, 0, 0, 0, 0, time.UTC)
	revAt := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	algID := []byte{0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b, 0x05, 0x00}

	b := cryptobyte.NewBuilder(make([]byte, 0, n*45+4096))
	b.AddASN1(asn1.SEQUENCE, func(b *cryptobyte.Builder) {
		b.AddASN1Int64(1)
		b.AddBytes(algID)
		b.AddBytes(issuer.RawSubject)
		b.AddASN1UTCTime(this)
		b.AddASN1UTCTime(next)
		b.AddASN1(asn1.SEQUENCE, func(b *cryptobyte.Builder) {
			var serial [16]byte
			for i := 0; i < n; i++ {
				b.AddASN1(asn1.SEQUENCE, func(b *cryptobyte.Builder) {
					if i == n-1 && revoked != nil {
						b.AddASN1BigInt(revoked)
					} else {
						for j := 0; j < 16; j += 8 {
							v := rng.Uint64()
							for k := 0; k < 8; k++ {
								serial[j+k] = byte(v >> (8 * k))
							}
						}
						serial[0] = serial[0]&0x7f | 0x40
						b.AddASN1(asn1.INTEGER, func(b *cryptobyte.Builder) { b.AddBytes(serial[:]) })
					}
					b.AddASN1UTCTime(revAt.Add(time.Duration(i) * time.Second))
					if i%4 == 0 {
						b.AddASN1(asn1.SEQUENCE, func(b *cryptobyte.Builder) {
							b.AddASN1(asn1.SEQUENCE, func(b *cryptobyte.Builder) {
								b.AddASN1ObjectIdentifier(encasn1.ObjectIdentifier{2, 5, 29, 21})
								b.AddASN1(asn1.OCTET_STRING, func(b *cryptobyte.Builder) {
									b.AddBytes([]byte{0x0a, 0x01, byte(i/4%5 + 1)})
								})
							})
						})
					}
				})
			}
		})
		b.AddASN1(asn1.Tag(0).Constructed().ContextSpecific(), func(b *cryptobyte.Builder) {
			b.AddASN1(asn1.SEQUENCE, func(b *cryptobyte.Builder) {
				b.AddASN1(asn1.SEQUENCE, func(b *cryptobyte.Builder) {
					b.AddASN1ObjectIdentifier(encasn1.ObjectIdentifier{2, 5, 29, 35})
					b.AddASN1(asn1.OCTET_STRING, func(b *cryptobyte.Builder) {
						b.AddASN1(asn1.SEQUENCE, func(b *cryptobyte.Builder) {
							b.AddASN1(asn1.Tag(0).ContextSpecific(), func(b *cryptobyte.Builder) { b.AddBytes(issuer.SubjectKeyId) })
						})
					})
				})
				b.AddASN1(asn1.SEQUENCE, func(b *cryptobyte.Builder) {
					b.AddASN1ObjectIdentifier(encasn1.ObjectIdentifier{2, 5, 29, 20})
					b.AddASN1(asn1.OCTET_STRING, func(b *cryptobyte.Builder) { b.AddASN1Int64(int64(n)) })
				})
			})
		})
	})
	tbs, err := b.Bytes()
	if err != nil {
		tb.Fatal(err)
	}
	h := sha256.Sum256(tbs)
	sig, err := key.Sign(rand.Reader, h[:], crypto.SHA256)
	if err != nil {
		tb.Fatal(err)
	}
	out := cryptobyte.NewBuilder(make([]byte, 0, len(tbs)+len(sig)+64))
	out.AddASN1(asn1.SEQUENCE, func(b *cryptobyte.Builder) {
		b.AddBytes(tbs)
		b.AddBytes(algID)
		b.AddASN1BitString(sig)
	})
	der = out.BytesOrPanic()
	pemData = pem.EncodeToMemory(&pem.Block{Type: "X509 CRL", Bytes: der})
	if err := os.MkdirAll(bigCRLDir, 0o755); err == nil {
		os.WriteFile(base+".der", der, 0o644)
		os.WriteFile(base+".pem", pemData, 0o644)
	}
	return der, pemData, base + ".pem"
}

// TestBigCRL checks a 200,000-entry CRL end to end: the revoked leaf is the
// last entry, the count is exact, the signature verifies, progress advances,
// and the entry limit is reported by name.
func TestBigCRL(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	opt := optsFor(t, "revocation/revoked-leaf-chain.pem")
	const n = 200_000
	der, pemData, _ := bigCRL(t, n, opt.Leaf.SerialNumber)
	if _, err := x509.ParseRevocationList(der); err != nil {
		t.Fatalf("generated CRL does not parse in Go: %v", err)
	}
	var calls int
	var last, total int64
	opt.Progress = func(stage string, done, tot int64) {
		if stage == "crl.scan" {
			if done < last {
				t.Errorf("progress went back: %d < %d", done, last)
			}
			calls++
			last, total = done, tot
		}
	}
	res, checks := Check([]CRLInput{{Name: "big.pem", Data: pemData}}, nil, opt, en)
	c := one(t, checks, "crl.revocation", certid.Fingerprint(opt.Leaf))
	if c.Status != report.Fail || c.OpenSSLError == nil || c.OpenSSLError.Code != 23 {
		t.Fatalf("%+v", c)
	}
	info := res.CRLs[0]
	if info.Entries != n || !info.SignatureValid || info.Number != fmt.Sprint(n) || !info.EntriesComplete {
		t.Errorf("%+v", info)
	}
	if calls < n/65536 || last != total {
		t.Errorf("progress: %d calls, last %d of %d", calls, last, total)
	}

	// The limit: stop early, say so, and do not claim "not revoked".
	opt.Progress = nil
	opt.MaxCRLEntries = 1000
	res, checks = Check([]CRLInput{{Name: "big.pem", Data: pemData}}, nil, opt, en)
	c = one(t, checks, "crl.revocation", certid.Fingerprint(opt.Leaf))
	if c.Status != report.Warn || len(res.Limits) != 1 || res.Limits[0].Limit != "crl.entries" || res.CRLs[0].Entries != 1000 {
		t.Fatalf("%+v %+v", c, res.Limits)
	}
}

func benchCRL(b *testing.B, n int, format string) {
	opt := optsFor(b, "revocation/good-leaf-chain.pem")
	der, pemData, _ := bigCRL(b, n, nil)
	data := pemData
	if format == "der" {
		data = der
	}
	in := []CRLInput{{Name: "big", Data: data}}
	leafID := certid.Fingerprint(opt.Leaf)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	runtime.GC()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		res, checks := Check(in, nil, opt, en)
		if c := find(checks, "crl.revocation", leafID); res.CRLs[0].Entries != int64(n) || !res.CRLs[0].SignatureValid || len(c) != 1 || c[0].Status != report.Pass {
			b.Fatalf("%+v %+v", res.CRLs[0], checks)
		}
	}
}

func BenchmarkCRLMembership10k(b *testing.B) {
	b.Run("pem", func(b *testing.B) { benchCRL(b, 10_000, "pem") })
	b.Run("der", func(b *testing.B) { benchCRL(b, 10_000, "der") })
}

func BenchmarkCRLMembership100k(b *testing.B) {
	b.Run("pem", func(b *testing.B) { benchCRL(b, 100_000, "pem") })
	b.Run("der", func(b *testing.B) { benchCRL(b, 100_000, "der") })
}

func BenchmarkCRLMembership1M(b *testing.B) {
	b.Run("pem", func(b *testing.B) { benchCRL(b, 1_000_000, "pem") })
	b.Run("der", func(b *testing.B) { benchCRL(b, 1_000_000, "der") })
}
