// Command gen writes certinspect's hostile corpus into testdata/hostile/.
//
//	go run ./testdata/hostile/gen      (from the repository root)
//
// Every file is something a customer might send, or someone testing the tool
// might craft: empty and binary junk, broken DER, certificates whose names
// carry markup and control characters, loops of cross-signed CAs, name
// constraint explosions, a CRL with a broken signature, an OCSP response for
// another certificate, a 100 KB connection string. core/hostile_test.go runs
// each through core.Inspect in every role.
//
// Keys are Ed25519 from fixed seeds (Ed25519 signatures are deterministic),
// so regenerating writes the same bytes; only the OCSP files, signed with
// ECDSA because golang.org/x/crypto/ocsp cannot sign with Ed25519, change.
// The large inputs (10,000 certificates, 64 MiB of random bytes, truncations
// at every tag boundary) are made by the test itself into t.TempDir().
package main

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/pem"
	"fmt"
	"log"
	"math/big"
	"math/rand/v2"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf16"

	"golang.org/x/crypto/ocsp"
)

// Fixed dates: the corpus is evaluated at 2026-06-01, like testdata/pki.
var (
	caFrom   = time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	caTo     = time.Date(2040, 1, 1, 0, 0, 0, 0, time.UTC)
	leafFrom = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	leafTo   = time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)
	crlThis  = time.Date(2026, 5, 25, 0, 0, 0, 0, time.UTC)
	crlNext  = time.Date(2026, 6, 8, 0, 0, 0, 0, time.UTC)
)

var out = filepath.Join("testdata", "hostile")

func main() {
	if _, err := os.Stat(filepath.Join("testdata", "pki", "server.pem")); err != nil {
		log.Fatal("run from the repository root (testdata/pki/server.pem not found)")
	}
	serverPEM := must(os.ReadFile(filepath.Join("testdata", "pki", "server-chain.pem")))
	blk, _ := pem.Decode(serverPEM)
	leafDER := blk.Bytes

	// --- empty, whitespace, NUL, encodings --------------------------------
	write("empty.pem", nil)
	write("whitespace-only.pem", []byte(" \t\r\n\n   \n\t\v\f\r\n"))
	write("nul-bytes.bin", make([]byte, 4096))
	nulPEM := append([]byte("\x00\x00\x00"), serverPEM...)
	nulPEM = bytes.Replace(nulPEM, []byte("\nMII"), []byte("\nM\x00II"), 1)
	write("nul-in-pem.pem", nulPEM)
	write("utf16le-bom.pem", utf16Bytes(string(serverPEM), false, true))
	write("utf16be-bom.pem", utf16Bytes(string(serverPEM), true, true))
	write("utf16le-no-bom.pem", utf16Bytes(string(serverPEM), false, false))
	write("random-4k.bin", randomBytes(4096, 1))
	write("invalid-utf8.txt", []byte("certificate verify failed \xff\xfe\xc3\x28 \xed\xa0\x80 <script>alert(1)</script>\n"))

	// --- broken DER --------------------------------------------------------
	// The outer SEQUENCE claims 1000 bytes more than there are.
	write("wrong-length-long.der", withOuterLength(leafDER, len(leafDER)+1000))
	// The outer SEQUENCE claims 10 bytes fewer: trailing data.
	write("wrong-length-short.der", withOuterLength(leafDER, len(contentOf(leafDER))-10))
	// A length of 2^32-1 in a 4-byte long form.
	write("length-overflow.der", append([]byte{0x30, 0x84, 0xff, 0xff, 0xff, 0xff}, contentOf(leafDER)...))
	// A length in 127 bytes (the longest long form).
	write("length-127-bytes.der", append(append([]byte{0x30, 0xff}, bytes.Repeat([]byte{0xff}, 127)...), contentOf(leafDER)...))
	// BER indefinite lengths, which DER forbids.
	write("indefinite-length.der", indefinite(leafDER))
	write("indefinite-length.pem", pemOf("CERTIFICATE", indefinite(leafDER)))
	write("indefinite-length-crl.pem", pemOf("X509 CRL", indefinite(leafDER)))
	nested := nestedSeq(100)
	write("nested-100.der", nested)
	write("nested-100.pem", pemOf("CERTIFICATE", nested))
	write("nested-100-crl.pem", pemOf("X509 CRL", nested))
	write("nested-100-key.pem", pemOf("PRIVATE KEY", nested))
	write("nested-100-pkcs7.pem", pemOf("PKCS7", nested))
	write("pem-bad-base64.pem", []byte("-----BEGIN CERTIFICATE-----\nMIIB!!!!not base64 at all????\n-----END CERTIFICATE-----\n"))
	write("pem-no-end.pem", serverPEM[:len(serverPEM)/3])
	write("pem-begin-only.pem", bytes.Repeat([]byte("-----BEGIN CERTIFICATE-----\n"), 2000))
	write("pem-nested-begin.pem", []byte("-----BEGIN CERTIFICATE-----\n-----BEGIN CERTIFICATE-----\n-----BEGIN X509 CRL-----\n-----END CERTIFICATE-----\n-----END X509 CRL-----\n"))
	write("pem-html-type.pem", pemOf("<SCRIPT>ALERT(1)</SCRIPT>", leafDER))

	// --- a small hostile PKI ------------------------------------------------
	root := newCA("Hostile Root", nil)
	write("hostile-ca.pem", pemOf("CERTIFICATE", root.der))

	// Names that are markup, URLs that run script, control characters,
	// bidirectional overrides and very long strings.
	long := strings.Repeat("A", 16000)
	nasty := leafTemplate(2, "<img src=x onerror=alert(1)>")
	nasty.Subject.Organization = []string{"<script>alert(document.cookie)</script>"}
	nasty.Subject.OrganizationalUnit = []string{"ctrl:\x00\x07\x08\x1b[2J\x1b]0;pwned\x07\r\nInjected: line", "bidi:\u202egnp.exe\u202c \u2066x\u2069 \u200f"}
	nasty.Subject.Locality = []string{"\"'`${7*7}{{7*7}}%s%n&lt;&#x3c;"}
	nasty.DNSNames = []string{"<b>x</b>.example.com", "javascript:alert(1)", "db0.example.net\x00.evil.com", "\x1b[2Jdb0.example.net", "*.*.example.net", strings.Repeat("a", 250) + ".example.net"}
	nasty.EmailAddresses = []string{"\"><svg/onload=alert(1)>@example.com"}
	nasty.URIs = []*url.URL{mustURL("javascript:alert(document.domain)"), mustURL("data:text/html,<script>alert(1)</script>"), mustURL("https://example.com/\"><script>alert(1)</script>")}
	nastyDER := root.sign(nasty, keyFor("nasty"))
	write("names-html-js-control-bidi-chain.pem", pemOf("CERTIFICATE", nastyDER, root.der))
	longLeaf := leafTemplate(3, long)
	longLeaf.Subject.Organization = []string{long}
	longLeaf.DNSNames = []string{strings.Repeat("x", 16000) + ".example.net"}
	write("names-very-long-chain.pem", pemOf("CERTIFICATE", root.sign(longLeaf, keyFor("long")), root.der))
	// An issuer whose own name is markup.
	evilCA := newCA("</td></tr><script>alert('issuer')</script>", nil)
	write("names-html-issuer-chain.pem", pemOf("CERTIFICATE", evilCA.sign(leafTemplate(4, "db0.example.net"), keyFor("evil-leaf")), evilCA.der))

	// Serials OpenSSL reads and Go's parser may not: negative, 40 bytes, zero.
	base := root.sign(leafTemplate(5, "db0.example.net"), keyFor("serial"))
	write("serial-negative-chain.pem", pemOf("CERTIFICATE", patchSerial(base, []byte{0x80, 0x01, 0x02}, root.key), root.der))
	write("serial-40-bytes-chain.pem", pemOf("CERTIFICATE", patchSerial(base, append([]byte{0x7f}, bytes.Repeat([]byte{0xab}, 39)...), root.key), root.der))
	write("serial-zero-chain.pem", pemOf("CERTIFICATE", patchSerial(base, []byte{0x00}, root.key), root.der))
	write("serial-empty-chain.pem", pemOf("CERTIFICATE", patchSerial(base, []byte{}, root.key), root.der))

	// An unknown critical extension on the leaf and on the CA.
	crit := leafTemplate(6, "db0.example.net")
	crit.ExtraExtensions = []pkix.Extension{{Id: asn1.ObjectIdentifier{1, 3, 6, 1, 4, 1, 99999, 1}, Critical: true, Value: []byte{0x05, 0x00}}}
	critCA := newCA("Hostile Critical CA", func(t *x509.Certificate) {
		t.ExtraExtensions = []pkix.Extension{{Id: asn1.ObjectIdentifier{1, 3, 6, 1, 4, 1, 99999, 2}, Critical: true, Value: nestedSeq(100)}}
	})
	write("unknown-critical-ext-chain.pem", pemOf("CERTIFICATE", root.sign(crit, keyFor("crit")), root.der))
	write("unknown-critical-ext-ca-chain.pem", pemOf("CERTIFICATE", critCA.sign(leafTemplate(7, "db0.example.net"), keyFor("crit2")), critCA.der))

	// Cross-signed loops: A is signed by B, B by C, C by A; the leaf by A.
	// No certificate is self-signed, so no path can end.
	loopNames := []string{"Loop CA A", "Loop CA B", "Loop CA C"}
	var loop [][]byte
	for i, n := range loopNames {
		issuer := loopNames[(i+1)%len(loopNames)]
		loop = append(loop, crossSign(n, issuer, int64(100+i)))
	}
	loopLeaf := signBy("Loop CA A", leafTemplate(8, "db0.example.net"), keyFor("loop-leaf"))
	write("cross-signed-loop-chain.pem", pemOf("CERTIFICATE", append([][]byte{loopLeaf}, loop...)...))
	write("cross-signed-loop-ca.pem", pemOf("CERTIFICATE", loop...))
	// A full mesh: 8 CAs, each cross-signed by every other (56 certificates).
	var mesh [][]byte
	meshName := func(i int) string { return fmt.Sprintf("Mesh CA %02d", i) }
	for i := 0; i < 8; i++ {
		for j := 0; j < 8; j++ {
			if i != j {
				mesh = append(mesh, crossSign(meshName(i), meshName(j), int64(1000+i*8+j)))
			}
		}
	}
	meshLeaf := signBy(meshName(0), leafTemplate(9, "db0.example.net"), keyFor("mesh-leaf"))
	write("cross-signed-mesh-chain.pem", pemOf("CERTIFICATE", append([][]byte{meshLeaf}, mesh...)...))
	// The same mesh with one self-signed anchor as the CA file.
	write("cross-signed-mesh-ca.pem", pemOf("CERTIFICATE", newCA(meshName(7), nil).der))

	// Name-constraint explosion: an intermediate with 300 permitted and
	// 300 excluded DNS subtrees above a leaf with 500 DNS names
	// (300,000 comparisons, over the 65,536 budget).
	ncCA := newCA("Hostile NC Intermediate", func(t *x509.Certificate) {
		for i := 0; i < 300; i++ {
			t.PermittedDNSDomains = append(t.PermittedDNSDomains, fmt.Sprintf("p%d.example.net", i))
			t.ExcludedDNSDomains = append(t.ExcludedDNSDomains, fmt.Sprintf("x%d.example.org", i))
		}
	})
	ncInter := root.sign(ncCA.tmpl, ncCA.key)
	ncLeafT := leafTemplate(10, "h0.p299.example.net")
	for i := 0; i < 500; i++ {
		ncLeafT.DNSNames = append(ncLeafT.DNSNames, fmt.Sprintf("h%d.p299.example.net", i))
	}
	write("nc-explosion-chain.pem", pemOf("CERTIFICATE", ncCA.sign(ncLeafT, keyFor("nc-leaf")), ncInter))

	// A CRL with a broken signature, revoking the leaf it comes with.
	crlLeafT := leafTemplate(11, "db0.example.net")
	crlLeafT.CRLDistributionPoints = []string{"http://crl.example.net/hostile.crl"}
	write("crl-leaf-chain.pem", pemOf("CERTIFICATE", root.sign(crlLeafT, keyFor("crl-leaf")), root.der))
	crl := must(x509.CreateRevocationList(nil, &x509.RevocationList{
		Number: big.NewInt(1), ThisUpdate: crlThis, NextUpdate: crlNext,
		RevokedCertificateEntries: []x509.RevocationListEntry{{SerialNumber: big.NewInt(11), RevocationTime: crlThis}},
	}, root.cert, root.key))
	broken := bytes.Clone(crl)
	broken[len(broken)-1] ^= 0xff
	broken[len(broken)-20] ^= 0x01
	write("crl-broken-signature.pem", pemOf("X509 CRL", broken))
	write("crl-broken-signature.der", broken)
	// The same CRL cut short and with a wrong outer length.
	write("crl-truncated.der", crl[:len(crl)/2])
	write("crl-html-issuer.pem", pemOf("X509 CRL", must(x509.CreateRevocationList(nil, &x509.RevocationList{
		Number: big.NewInt(1), ThisUpdate: crlThis, NextUpdate: crlNext,
	}, evilCA.cert, evilCA.key))))

	// An OCSP response for another certificate than the server's.
	ocspKey := must(ecdsa.ParseRawPrivateKey(elliptic.P256(), seed("ocsp-ca")))
	ocspCA := newCAWithKey("Hostile OCSP CA", ocspKey, nil)
	other := must(x509.ParseCertificate(ocspCA.sign(leafTemplate(20, "other.example.net"), keyFor("ocsp-other"))))
	served := ocspCA.sign(leafTemplate(21, "db0.example.net"), keyFor("ocsp-served"))
	resp := must(ocsp.CreateResponse(ocspCA.cert, ocspCA.cert, ocsp.Response{
		Status: ocsp.Good, SerialNumber: other.SerialNumber, ThisUpdate: crlThis, NextUpdate: crlNext,
	}, ocspKey))
	write("ocsp-ca.pem", pemOf("CERTIFICATE", ocspCA.der))
	write("ocsp-served-chain.pem", pemOf("CERTIFICATE", served, ocspCA.der))
	write("ocsp-for-other-cert.der", resp)
	write("ocsp-truncated.der", resp[:len(resp)/2])

	// A connection string of 100 KB (over the 64 KiB limit) and one just
	// under it with hostile content.
	var uri strings.Builder
	uri.WriteString("mongodb://user:s3cret-pass@db0.example.net:27017/?tls=true")
	for uri.Len() < 100*1024 {
		fmt.Fprintf(&uri, "&appName=%%3Cscript%%3Ealert(%d)%%3C%%2Fscript%%3E", uri.Len())
	}
	write("uri-100k.txt", []byte(uri.String()))
	write("uri-hostile.txt", []byte("mongodb://%3Cscript%3E:p%40ss%00word@<img src=x onerror=alert(1)>:27017,\u202edb0.example.net/?tls=true&tlsCAFile=../../etc/passwd&tlsCertificateKeyFile=%3Cb%3E.pem&appName=\x1b[2J"))
	write("error-html.txt", []byte("pymongo.errors.ServerSelectionTimeoutError: <script>alert(1)</script>:27017: [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: unable to get local issuer certificate (_ssl.c:1006) \u202e javascript:alert(1)\n"))
	write("sclient-hostile.txt", []byte("CONNECTED(00000003)\ndepth=0 CN = <script>alert(1)</script>\nverify error:num=20:unable to get local issuer certificate\n---\nCertificate chain\n 0 s:CN = <img src=x onerror=alert(1)>\n   i:CN = \u202eevil\n-----BEGIN CERTIFICATE-----\nMIIB\x00garbage\n-----END CERTIFICATE-----\n---\nServer certificate\nsubject=CN = \x1b[2J\n---\nAcceptable client certificate CA names\nCN = <b>bold</b>\n---\nSSL handshake has read 1 bytes\nNew, TLSv1.3, Cipher is <script>\nVerify return code: 20 (unable to get local issuer certificate)\n"))
}

// --- helpers ----------------------------------------------------------------

func must[T any](v T, err error) T {
	if err != nil {
		log.Fatal(err)
	}
	return v
}

func write(name string, data []byte) {
	if err := os.WriteFile(filepath.Join(out, name), data, 0o644); err != nil {
		log.Fatal(err)
	}
}

func seed(name string) []byte {
	s := sha256.Sum256([]byte("certinspect hostile corpus " + name))
	return s[:]
}

func keyFor(name string) ed25519.PrivateKey { return ed25519.NewKeyFromSeed(seed(name)) }

func skid(pub crypto.PublicKey) []byte {
	der := must(x509.MarshalPKIXPublicKey(pub))
	s := sha256.Sum256(der)
	return s[:20]
}

func randomBytes(n int, s uint64) []byte {
	r := rand.New(rand.NewPCG(s, s^0x9e3779b97f4a7c15))
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	return b
}

func mustURL(s string) *url.URL { return must(url.Parse(s)) }

func pemOf(typ string, ders ...[]byte) []byte {
	var b bytes.Buffer
	for _, d := range ders {
		_ = pem.Encode(&b, &pem.Block{Type: typ, Bytes: d})
	}
	return b.Bytes()
}

func utf16Bytes(s string, bigEndian, bom bool) []byte {
	u := utf16.Encode([]rune(s))
	if bom {
		u = append([]uint16{0xfeff}, u...)
	}
	b := make([]byte, 0, 2*len(u))
	for _, c := range u {
		if bigEndian {
			b = append(b, byte(c>>8), byte(c))
		} else {
			b = append(b, byte(c), byte(c>>8))
		}
	}
	return b
}

// derLen encodes a DER length.
func derLen(n int) []byte {
	if n < 0x80 {
		return []byte{byte(n)}
	}
	var b []byte
	for ; n > 0; n >>= 8 {
		b = append([]byte{byte(n)}, b...)
	}
	return append([]byte{0x80 | byte(len(b))}, b...)
}

func tlv(tag byte, content []byte) []byte {
	return append(append([]byte{tag}, derLen(len(content))...), content...)
}

// contentOf returns the content octets of a DER TLV.
func contentOf(der []byte) []byte {
	var rv asn1.RawValue
	must(asn1.Unmarshal(der, &rv))
	return rv.Bytes
}

func withOuterLength(der []byte, n int) []byte {
	return append(append([]byte{der[0]}, derLen(n)...), contentOf(der)...)
}

// indefinite re-encodes the outer SEQUENCE and its first element with BER
// indefinite lengths.
func indefinite(der []byte) []byte {
	c := contentOf(der)
	var first asn1.RawValue
	rest := must(asn1.Unmarshal(c, &first))
	inner := append(append([]byte{0x30, 0x80}, first.Bytes...), 0, 0)
	b := append([]byte{0x30, 0x80}, inner...)
	b = append(b, rest...)
	return append(b, 0, 0)
}

func nestedSeq(depth int) []byte {
	b := []byte{0x05, 0x00}
	for i := 0; i < depth; i++ {
		b = tlv(0x30, b)
	}
	return b
}

type ca struct {
	tmpl *x509.Certificate
	cert *x509.Certificate
	der  []byte
	key  crypto.Signer
}

func newCA(name string, edit func(*x509.Certificate)) *ca {
	return newCAWithKey(name, keyFor("ca "+name), edit)
}

func newCAWithKey(name string, key crypto.Signer, edit func(*x509.Certificate)) *ca {
	t := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: name, Organization: []string{"certinspect hostile corpus"}},
		NotBefore: caFrom, NotAfter: caTo, IsCA: true, BasicConstraintsValid: true,
		KeyUsage:     x509.KeyUsageCertSign | x509.KeyUsageCRLSign | x509.KeyUsageDigitalSignature,
		SubjectKeyId: skid(key.Public()),
	}
	if edit != nil {
		edit(t)
	}
	der := must(x509.CreateCertificate(nil, t, t, key.Public(), key))
	return &ca{tmpl: t, cert: must(x509.ParseCertificate(der)), der: der, key: key}
}

func (c *ca) sign(t *x509.Certificate, key crypto.Signer) []byte {
	t.SubjectKeyId = skid(key.Public())
	return must(x509.CreateCertificate(nil, t, c.cert, key.Public(), c.key))
}

func leafTemplate(serial int64, cn string) *x509.Certificate {
	return &x509.Certificate{
		SerialNumber: big.NewInt(serial), Subject: pkix.Name{CommonName: cn},
		NotBefore: leafFrom, NotAfter: leafTo,
		KeyUsage:    x509.KeyUsageDigitalSignature,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		DNSNames:    []string{cn},
	}
}

// caRef is a CA known only by name: its key comes from the name's seed.
func caRef(name string) *x509.Certificate {
	key := keyFor("ca " + name)
	return &x509.Certificate{Subject: pkix.Name{CommonName: name, Organization: []string{"certinspect hostile corpus"}}, SubjectKeyId: skid(key.Public()), PublicKey: key.Public()}
}

// crossSign issues a CA certificate for subject, signed by issuer's key.
func crossSign(subject, issuer string, serial int64) []byte {
	key := keyFor("ca " + subject)
	t := &x509.Certificate{
		SerialNumber: big.NewInt(serial), Subject: pkix.Name{CommonName: subject, Organization: []string{"certinspect hostile corpus"}},
		NotBefore: caFrom, NotAfter: caTo, IsCA: true, BasicConstraintsValid: true,
		KeyUsage: x509.KeyUsageCertSign | x509.KeyUsageCRLSign, SubjectKeyId: skid(key.Public()),
	}
	return must(x509.CreateCertificate(nil, t, caRef(issuer), key.Public(), keyFor("ca "+issuer)))
}

func signBy(issuer string, t *x509.Certificate, key crypto.Signer) []byte {
	t.SubjectKeyId = skid(key.Public())
	return must(x509.CreateCertificate(nil, t, caRef(issuer), key.Public(), keyFor("ca "+issuer)))
}

// patchSerial replaces the serial number's content octets and signs again
// (Go's CreateCertificate refuses negative and over-long serials).
func patchSerial(der, serial []byte, key crypto.Signer) []byte {
	var cert struct {
		TBS    asn1.RawValue
		Alg    asn1.RawValue
		Signed asn1.BitString
	}
	must(asn1.Unmarshal(der, &cert))
	rest := cert.TBS.Bytes
	var parts [][]byte
	for len(rest) > 0 {
		var rv asn1.RawValue
		rest = must(asn1.Unmarshal(rest, &rv))
		parts = append(parts, rv.FullBytes)
	}
	parts[1] = tlv(0x02, serial) // [0] is the version
	tbs := tlv(0x30, bytes.Join(parts, nil))
	sig := must(key.Sign(nil, tbs, crypto.Hash(0)))
	return tlv(0x30, bytes.Join([][]byte{tbs, cert.Alg.FullBytes, tlv(0x03, append([]byte{0}, sig...))}, nil))
}
