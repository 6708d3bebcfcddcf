package signature

import (
	"crypto"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// chain reads a fixture chain: the server certificate and its issuer.
func chain(t *testing.T, name string) (leaf, issuer *x509.Certificate) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "testdata", "pki", name))
	if err != nil {
		t.Fatal(err)
	}
	var certs []*x509.Certificate
	for {
		var b *pem.Block
		b, data = pem.Decode(data)
		if b == nil {
			break
		}
		c, err := x509.ParseCertificate(b.Bytes)
		if err != nil {
			t.Fatal(err)
		}
		certs = append(certs, c)
	}
	return certs[0], certs[1]
}

// The fixtures testdata/gen writes with algorithms crypto/x509 does not
// verify (openssl verify accepts each: TestOpenSSLAgrees) verify here, and
// fail once the signed part is altered.
func TestVerifyWhatCryptoX509DoesNot(t *testing.T) {
	for _, tc := range []struct {
		file, name string
		hash       crypto.Hash
		pss        bool
		salt       int
	}{
		{"sha224-chain.pem", "RSA-SHA224", crypto.SHA224, false, 0},
		{"sha3-chain.pem", "RSA-SHA3-256", crypto.SHA3_256, false, 0},
		{"pss-max-salt-chain.pem", "rsassaPss", crypto.SHA256, true, 222},
	} {
		leaf, issuer := chain(t, tc.file)
		if err := issuer.CheckSignature(leaf.SignatureAlgorithm, leaf.RawTBSCertificate, leaf.Signature); err == nil {
			t.Errorf("%s: crypto/x509 verifies it: the fixture tests nothing", tc.file)
		}
		signed, alg, sig, ok := Signed(leaf.Raw)
		if !ok {
			t.Fatalf("%s: not a signed structure", tc.file)
		}
		a, ok := Parse(alg)
		if !ok || !a.Known() || a.Name != tc.name || a.Hash != tc.hash || a.PSS != tc.pss || tc.pss && a.SaltLength != tc.salt {
			t.Fatalf("%s: parsed %+v", tc.file, a)
		}
		if err := Verify(issuer.PublicKey, a, signed, sig); err != nil {
			t.Errorf("%s: %v", tc.file, err)
		}
		altered := append([]byte(nil), signed...)
		altered[len(altered)-1] ^= 1
		if err := Verify(issuer.PublicKey, a, altered, sig); err == nil || errors.Is(err, ErrUnknown) {
			t.Errorf("%s: an altered certificate gives %v", tc.file, err)
		}
		if err := Verify(leaf.PublicKey, a, signed, sig); err == nil {
			t.Errorf("%s: verifies with the wrong key", tc.file)
		}
	}
}

func TestParse(t *testing.T) {
	for _, tc := range []struct {
		name  string
		der   []byte
		known bool
		want  Algorithm
	}{
		// RSASSA-PSS with every parameter at its default: SHA-1, salt 20.
		{"pss defaults", []byte{0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0a, 0x30, 0x00}, true,
			Algorithm{Name: "rsassaPss", Key: "RSA", Hash: crypto.SHA1, PSS: true, SaltLength: 20}},
		// SHA-256 for the message, MGF1 with SHA-1 (the default): crypto/rsa
		// masks with the message digest, so this one is not checked here.
		{"pss mixed digests", []byte{0x30, 0x1c, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0a, 0x30, 0x0f,
			0xa0, 0x0d, 0x30, 0x0b, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01}, false,
			Algorithm{Name: "rsassaPss", Hash: crypto.SHA256, PSS: true, SaltLength: 20}},
		{"ed448", []byte{0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x71}, false, Algorithm{Name: "ED448"}},
		{"ecdsa sha224", []byte{0x30, 0x0a, 0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x01}, true,
			Algorithm{Name: "ecdsa-with-SHA224", Key: "ECDSA", Hash: crypto.SHA224}},
	} {
		a, ok := Parse(tc.der)
		if !ok || a.Known() != tc.known || a != tc.want {
			t.Errorf("%s: %+v (ok %v)", tc.name, a, ok)
		}
	}
	if _, ok := Parse([]byte{0x30, 0x03, 0x02, 0x01, 0x00}); ok {
		t.Error("an INTEGER read as an algorithm")
	}
	leaf, issuer := chain(t, "sha224-chain.pem")
	signed, _, sig, _ := Signed(leaf.Raw)
	ed448, _ := Parse([]byte{0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x71})
	if err := Verify(issuer.PublicKey, ed448, signed, sig); !errors.Is(err, ErrUnknown) {
		t.Errorf("Ed448: %v", err)
	}
	ecdsa, _ := Parse([]byte{0x30, 0x0a, 0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x01})
	if err := Verify(issuer.PublicKey, ecdsa, signed, sig); !errors.Is(err, ErrUnknown) {
		t.Errorf("ECDSA algorithm with an RSA key: %v", err)
	}
}
