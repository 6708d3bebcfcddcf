package keyfile

import (
	"crypto/x509"
	"encoding/pem"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"
)

// FuzzRFC2253 renders arbitrary DER as a distinguished name, as it does the
// subject and issuer of a customer's certificate: no panic, valid UTF-8 out.
func FuzzRFC2253(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "pki", "client", "*.pem"))
	for _, p := range files {
		data, _ := os.ReadFile(p)
		for rest := data; ; {
			var b *pem.Block
			if b, rest = pem.Decode(rest); b == nil {
				break
			}
			if c, err := x509.ParseCertificate(b.Bytes); err == nil {
				f.Add(c.RawSubject)
				f.Add(c.RawIssuer)
			}
		}
	}
	f.Add([]byte{0x30, 0x00})
	f.Fuzz(func(t *testing.T, raw []byte) {
		if s := RFC2253(raw); !utf8.ValidString(s) {
			t.Fatalf("invalid UTF-8 %q", s)
		}
	})
}
