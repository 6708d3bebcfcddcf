package lint

import (
	"crypto/x509"
	"encoding/pem"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"
)

// TestParserRejects proves each ParserRejects entry: a certificate breaking
// the rule, built and signed here, is refused by x509.ParseCertificate with
// the listed error.
func TestParserRejects(t *testing.T) {
	ecdsaSHA384 := []byte{0x30, 0x0a, 0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x03}
	builders := map[string]func(k pki) []byte{
		"duplicate extension": func(k pki) []byte {
			return resignDER(t, k.leaf, interKey, func(r *rawTBS) { r.Exts = append(r.Exts, r.Exts[len(r.Exts)-1]) }, nil)
		},
		"inner and outer signature algorithm identifiers don't match": func(k pki) []byte {
			return resignDER(t, k.leaf, interKey, func(r *rawTBS) {}, ecdsaSHA384)
		},
		"authority key identifier incorrectly marked critical": func(k pki) []byte {
			return resignDER(t, k.leaf, interKey, func(r *rawTBS) { r.setCritical(oidAKI, true) }, nil)
		},
		"subject key identifier incorrectly marked critical": func(k pki) []byte {
			return resignDER(t, k.inter, rootKey, func(r *rawTBS) { r.setCritical(oidSKI, true) }, nil)
		},
		"x509:": func(k pki) []byte {
			// Replace the namedCurve OID with explicit P-256 parameters.
			return resignDER(t, k.leaf, interKey, func(r *rawTBS) { r.SPKI = explicitP256SPKI(t, r.SPKI) }, nil)
		},
	}
	k := build(t, mods{})
	for _, rule := range ParserRejects {
		t.Run(rule.Description, func(t *testing.T) {
			b, ok := builders[rule.ParserError]
			if !ok {
				t.Fatalf("no builder for %q", rule.ParserError)
			}
			der := b(k)
			_, err := x509.ParseCertificate(der)
			if err == nil || !strings.Contains(err.Error(), rule.ParserError) {
				t.Fatalf("ParseCertificate error = %v, want one containing %q", err, rule.ParserError)
			}
			if dir := os.Getenv("LINT_DUMP_DIR"); dir != "" {
				d := filepath.Join(dir, "parser__"+strings.ReplaceAll(rule.Description, " ", "_"))
				os.MkdirAll(d, 0o755)
				os.WriteFile(filepath.Join(d, "leaf.pem"), pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o644)
				inter, root := k.inter.Raw, k.root.Raw
				if strings.Contains(rule.ParserError, "subject key") {
					inter = der
					der = k.leaf.Raw
					os.WriteFile(filepath.Join(d, "leaf.pem"), pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o644)
				}
				os.WriteFile(filepath.Join(d, "untrusted.pem"), pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: inter}), 0o644)
				os.WriteFile(filepath.Join(d, "trusted.pem"), pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: root}), 0o644)
				os.WriteFile(filepath.Join(d, "meta"), []byte("want=parser\nhost=db0.example.net\nat=2025-04-01T00:00:00Z\n"), 0o644)
			}
		})
	}
}

// explicitP256SPKI rewrites an ecPublicKey SubjectPublicKeyInfo on P-256 to
// carry the curve's explicit parameters (RFC 3279 ECParameters).
func explicitP256SPKI(t testing.TB, spki []byte) []byte {
	t.Helper()
	s := cryptobyte.String(spki)
	var seq, alg cryptobyte.String
	var key cryptobyte.String
	if !s.ReadASN1(&seq, cbasn1.SEQUENCE) || !seq.ReadASN1Element(&alg, cbasn1.SEQUENCE) || !seq.ReadASN1Element(&key, cbasn1.BIT_STRING) {
		t.Fatal("bad SPKI")
	}
	hexInt := func(h string) []byte {
		b := make([]byte, 0, len(h)/2)
		for i := 0; i+1 < len(h); i += 2 {
			var v byte
			for _, c := range h[i : i+2] {
				v <<= 4
				switch {
				case c >= '0' && c <= '9':
					v |= byte(c - '0')
				default:
					v |= byte(c-'a') + 10
				}
			}
			b = append(b, v)
		}
		return b
	}
	p := hexInt("ffffffff00000001000000000000000000000000ffffffffffffffffffffffff")
	a := hexInt("ffffffff00000001000000000000000000000000fffffffffffffffffffffffc")
	bb := hexInt("5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b")
	g := hexInt("046b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c2964fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5")
	n := hexInt("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551")
	var b cryptobyte.Builder
	b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
		b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
			b.AddASN1ObjectIdentifier([]int{1, 2, 840, 10045, 2, 1})
			b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
				b.AddASN1Int64(1)
				b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
					b.AddASN1ObjectIdentifier([]int{1, 2, 840, 10045, 1, 1})
					b.AddASN1(cbasn1.INTEGER, func(b *cryptobyte.Builder) { b.AddUint8(0); b.AddBytes(p) })
				})
				b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
					b.AddASN1OctetString(a)
					b.AddASN1OctetString(bb)
				})
				b.AddASN1OctetString(g)
				b.AddASN1(cbasn1.INTEGER, func(b *cryptobyte.Builder) { b.AddUint8(0); b.AddBytes(n) })
				b.AddASN1Int64(1)
			})
		})
		b.AddBytes(key)
	})
	return b.BytesOrPanic()
}
