package hostcrypto

import (
	"bytes"
	"crypto"
	"crypto/pbkdf2"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"crypto/x509"
	"encoding/pem"
	"hash"
	"os"
	"path/filepath"
	"sync"
	"testing"
)

// goHost lends Go's own crypto and counts what it was asked, so the tests see
// when core hands work to the host and that the answers are the same.
type goHost struct {
	mu              sync.Mutex
	digests, derive int
	decline         bool
}

func (g *goHost) PBKDF2(h crypto.Hash, password, salt []byte, iter, keyLen int) ([]byte, bool) {
	g.mu.Lock()
	g.derive++
	g.mu.Unlock()
	if g.decline {
		return nil, false
	}
	k, err := pbkdf2.Key(h.New, string(password), salt, iter, keyLen)
	return k, err == nil
}

func (g *goHost) Digest(h crypto.Hash, data []byte) ([]byte, bool) {
	g.mu.Lock()
	g.digests++
	g.mu.Unlock()
	if g.decline {
		return nil, false
	}
	d := h.New()
	d.Write(data)
	return d.Sum(nil), true
}

func lend(t *testing.T, h Host) {
	t.Helper()
	Use(h)
	t.Cleanup(func() { Use(nil) })
}

func readPEM(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "pki", path))
	if err != nil {
		t.Fatal(err)
	}
	blk, _ := pem.Decode(b)
	if blk == nil {
		t.Fatalf("%s: no PEM", path)
	}
	return blk.Bytes
}

// signer is a fixture certificate with its private key.
func signer(t *testing.T, certPath, keyPath string) (*x509.Certificate, crypto.Signer) {
	t.Helper()
	c, err := x509.ParseCertificate(readPEM(t, certPath))
	if err != nil {
		t.Fatal(err)
	}
	k, err := x509.ParsePKCS8PrivateKey(readPEM(t, keyPath))
	if err != nil {
		if k, err = x509.ParseECPrivateKey(readPEM(t, keyPath)); err != nil {
			t.Fatal(err)
		}
	}
	return c, k.(crypto.Signer)
}

func TestCheckSignatureMatchesX509(t *testing.T) {
	rsaCert, rsaKey := signer(t, "server.pem", "server.key")
	ecCert, ecKey := signer(t, "client/client-p256.pem", "keys/client-p256.key")
	big := bytes.Repeat([]byte("tbsCertList "), MinDigestBytes/12+1)
	small := []byte("a small tbsCertificate")
	cases := []struct {
		name    string
		cert    *x509.Certificate
		key     crypto.Signer
		algo    x509.SignatureAlgorithm
		hash    crypto.Hash
		pss     bool
		signed  []byte
		tamper  bool
		viaHost bool
	}{
		{"rsa sha256 large", rsaCert, rsaKey, x509.SHA256WithRSA, crypto.SHA256, false, big, false, true},
		{"rsa sha384 large tampered", rsaCert, rsaKey, x509.SHA384WithRSA, crypto.SHA384, false, big, true, true},
		{"rsa sha1 large (allowed for CRLs)", rsaCert, rsaKey, x509.SHA1WithRSA, crypto.SHA1, false, big, false, true},
		{"rsa-pss sha256 large", rsaCert, rsaKey, x509.SHA256WithRSAPSS, crypto.SHA256, true, big, false, true},
		{"rsa-pss sha512 large tampered", rsaCert, rsaKey, x509.SHA512WithRSAPSS, crypto.SHA512, true, big, true, true},
		{"ecdsa sha256 large", ecCert, ecKey, x509.ECDSAWithSHA256, crypto.SHA256, false, big, false, true},
		{"ecdsa sha384 large tampered", ecCert, ecKey, x509.ECDSAWithSHA384, crypto.SHA384, false, big, true, true},
		{"rsa sha256 small stays in Go", rsaCert, rsaKey, x509.SHA256WithRSA, crypto.SHA256, false, small, false, false},
		{"key does not fit the algorithm", ecCert, ecKey, x509.SHA256WithRSA, crypto.SHA256, false, big, false, false},
		{"md5 is refused as x509 refuses it", rsaCert, rsaKey, x509.MD5WithRSA, crypto.SHA256, false, big, false, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			d := tc.hash.New()
			d.Write(tc.signed)
			var opts crypto.SignerOpts = tc.hash
			if tc.pss {
				opts = &rsa.PSSOptions{SaltLength: rsa.PSSSaltLengthEqualsHash, Hash: tc.hash}
			}
			sig, err := tc.key.Sign(rand.Reader, d.Sum(nil), opts)
			if err != nil {
				t.Fatal(err)
			}
			if tc.tamper {
				sig[len(sig)/2] ^= 1
			}
			want := tc.cert.CheckSignature(tc.algo, tc.signed, sig)
			h := &goHost{}
			lend(t, h)
			got := CheckSignature(tc.cert, tc.algo, tc.signed, sig)
			if (got == nil) != (want == nil) || got != nil && got.Error() != want.Error() {
				t.Fatalf("CheckSignature = %v, crypto/x509 says %v", got, want)
			}
			if tc.tamper == (got == nil) && tc.algo != x509.MD5WithRSA && tc.name != "key does not fit the algorithm" {
				t.Fatalf("tampered %v but error %v", tc.tamper, got)
			}
			if (h.digests > 0) != tc.viaHost {
				t.Fatalf("host hashed %d times, want via host %v", h.digests, tc.viaHost)
			}
		})
	}
}

func TestCheckSignatureWithoutOrDecliningHost(t *testing.T) {
	rsaCert, rsaKey := signer(t, "server.pem", "server.key")
	big := bytes.Repeat([]byte{7}, MinDigestBytes)
	sum := sha256.Sum256(big)
	sig, err := rsaKey.Sign(rand.Reader, sum[:], crypto.SHA256)
	if err != nil {
		t.Fatal(err)
	}
	if err := CheckSignature(rsaCert, x509.SHA256WithRSA, big, sig); err != nil {
		t.Fatalf("no host: %v", err)
	}
	h := &goHost{decline: true}
	lend(t, h)
	if err := CheckSignature(rsaCert, x509.SHA256WithRSA, big, sig); err != nil || h.digests != 1 {
		t.Fatalf("declining host: err %v, asked %d times", err, h.digests)
	}
}

func TestPBKDF2(t *testing.T) {
	password, salt := []byte("correct horse battery staple"), []byte("0123456789abcdef")
	for _, tc := range []struct {
		h   crypto.Hash
		new func() hash.Hash
	}{{crypto.SHA1, sha1.New}, {crypto.SHA256, sha256.New}, {crypto.SHA512, sha512.New}} {
		want, err := pbkdf2.Key(tc.new, string(password), salt, 2048, 32)
		if err != nil {
			t.Fatal(err)
		}
		for _, host := range []*goHost{nil, {}, {decline: true}} {
			if host != nil {
				lend(t, host)
			} else {
				Use(nil)
			}
			got, err := PBKDF2(tc.h, tc.new, password, salt, 2048, 32)
			if err != nil || !bytes.Equal(got, want) {
				t.Fatalf("%v host %+v: %x, %v; want %x", tc.h, host, got, err, want)
			}
			if host != nil && host.derive != 1 {
				t.Fatalf("%v: host asked %d times", tc.h, host.derive)
			}
		}
	}
	if _, err := PBKDF2(crypto.SHA256, sha256.New, password, salt, 0, 32); err == nil {
		t.Fatal("iteration count 0 accepted")
	}
}
