package decode

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"encoding/pem"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/crypto/ocsp"

	"certinspect/core/i18n"
	"certinspect/core/report"
)

// fixedTime is the notBefore of every generated certificate; tests never
// read the wall clock.
var fixedTime = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// testPKI is a root and a leaf made once per test binary.
type testPKI struct {
	rootKey *ecdsa.PrivateKey
	root    []byte // DER
	leafKey *ecdsa.PrivateKey
	leaf    []byte // DER
	rsaKey  *rsa.PrivateKey
	crl     []byte // DER, issued by root
	ocsp    []byte // DER, about leaf, signed by root
}

var (
	pkiOnce sync.Once
	pki     testPKI
)

func getPKI(t testing.TB) *testPKI {
	t.Helper()
	pkiOnce.Do(func() {
		var err error
		must := func(e error) {
			if e != nil && err == nil {
				err = e
			}
		}
		pki.rootKey, _ = ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		pki.leafKey, _ = ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		pki.rsaKey, _ = rsa.GenerateKey(rand.Reader, 2048)
		rootTmpl := &x509.Certificate{
			SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "Decode Test Root"},
			NotBefore: fixedTime, NotAfter: fixedTime.AddDate(10, 0, 0),
			IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign | x509.KeyUsageCRLSign,
		}
		pki.root, err = x509.CreateCertificate(rand.Reader, rootTmpl, rootTmpl, &pki.rootKey.PublicKey, pki.rootKey)
		rootCert, e := x509.ParseCertificate(pki.root)
		must(e)
		leafTmpl := &x509.Certificate{
			SerialNumber: big.NewInt(2), Subject: pkix.Name{CommonName: "db0.example.net"},
			NotBefore: fixedTime, NotAfter: fixedTime.AddDate(1, 0, 0), DNSNames: []string{"db0.example.net"},
			ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}, KeyUsage: x509.KeyUsageDigitalSignature,
		}
		pki.leaf, e = x509.CreateCertificate(rand.Reader, leafTmpl, rootCert, &pki.leafKey.PublicKey, pki.rootKey)
		must(e)
		pki.crl, e = x509.CreateRevocationList(rand.Reader, &x509.RevocationList{
			Number: big.NewInt(7), ThisUpdate: fixedTime, NextUpdate: fixedTime.AddDate(0, 1, 0),
			RevokedCertificateEntries: []x509.RevocationListEntry{{SerialNumber: big.NewInt(9), RevocationTime: fixedTime}},
		}, rootCert, pki.rootKey)
		must(e)
		leafCert, e := x509.ParseCertificate(pki.leaf)
		must(e)
		pki.ocsp, e = ocsp.CreateResponse(rootCert, rootCert, ocsp.Response{
			Status: ocsp.Good, SerialNumber: leafCert.SerialNumber, ThisUpdate: fixedTime, NextUpdate: fixedTime.AddDate(0, 0, 7),
		}, pki.rootKey)
		must(e)
		if err != nil {
			panic(err)
		}
	})
	return &pki
}

func pemOf(typ string, der []byte) string {
	return string(pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: der}))
}

func fixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "decode", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// badVersionCert is the leaf with its version field changed from 2 (v3) to
// 5, which Go's x509 parser refuses. The signature no longer matches, which
// does not matter to parsing.
func badVersionCert(t testing.TB) []byte {
	der := append([]byte{}, getPKI(t).leaf...)
	// version [0] { INTEGER 2 }, serial INTEGER 2
	i := bytes.Index(der, []byte{0xa0, 0x03, 0x02, 0x01, 0x02, 0x02, 0x01, 0x02})
	if i < 0 {
		t.Fatal("version not found")
	}
	der[i+4] = 0x05
	return der
}

func marshalKeys(t testing.TB) (pkcs8, pkcs1, sec1 []byte) {
	p := getPKI(t)
	var err error
	if pkcs8, err = x509.MarshalPKCS8PrivateKey(p.leafKey); err != nil {
		t.Fatal(err)
	}
	pkcs1 = x509.MarshalPKCS1PrivateKey(p.rsaKey)
	if sec1, err = x509.MarshalECPrivateKey(p.leafKey); err != nil {
		t.Fatal(err)
	}
	return
}

func utf16le(s string, bom bool) []byte {
	var out []byte
	if bom {
		out = append(out, 0xff, 0xfe)
	}
	for _, c := range []byte(s) {
		out = append(out, c, 0)
	}
	return out
}

func utf16be(s string) []byte {
	out := []byte{0xfe, 0xff}
	for _, c := range []byte(s) {
		out = append(out, 0, c)
	}
	return out
}

type want struct {
	format              string
	certs, keys         int
	crls, ocsps         int
	items               int // -1: do not check
	errors, unsupported []string
	warnings            []string
	summary             string
	isText              bool
	locations           []string // Items' locations, in order (prefix match)
	command             string   // substring of the first unsupported/error command
}

func TestDecodeFormats(t *testing.T) {
	p := getPKI(t)
	leafPEM, rootPEM := pemOf("CERTIFICATE", p.leaf), pemOf("CERTIFICATE", p.root)
	chain := leafPEM + rootPEM
	pkcs8, pkcs1, sec1 := marshalKeys(t)
	b64 := base64.StdEncoding.EncodeToString
	wrap := func(s string, n int) string {
		var b strings.Builder
		for len(s) > n {
			b.WriteString(s[:n] + "\n")
			s = s[n:]
		}
		return b.String() + s + "\n"
	}
	quoted := func(s string) string {
		return "> " + strings.ReplaceAll(strings.TrimRight(s, "\n"), "\n", "\n> ") + "\n"
	}
	indented := func(s string) string {
		return "    " + strings.ReplaceAll(strings.TrimRight(s, "\n"), "\n", "\n    ") + "\n"
	}
	trailingSpaces := strings.ReplaceAll(chain, "\n", "   \t\n")
	singleLine := "Here is the cert: " + strings.ReplaceAll(strings.TrimRight(leafPEM, "\n"), "\n", " ") + " thanks"
	leafLines := strings.Split(leafPEM, "\n")
	truncatedPEM := strings.Join(append(leafLines[:4:4], leafLines[len(leafLines)-2:]...), "\n")
	badChar := strings.Join(leafLines[:3], "\n") + "\n" + "MII#" + leafLines[3][4:] + "\n" + strings.Join(leafLines[4:], "\n")
	trusted := append(append([]byte{}, p.root...), 0x30, 0x0c, 0x30, 0x0a, 0x06, 0x08, 0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x03, 0x01)
	k8sSecret := "apiVersion: v1\ndata:\n  ca.crt:\n    " + b64([]byte(chain)) + "\n"
	nul := append([]byte(chain), make([]byte, 64)...)
	derWithTrailing := append(append([]byte{}, p.leaf...), []byte("garbage after it")...)
	p7 := fixture(t, "chain.p7c")

	cases := []struct {
		name string
		in   []byte
		w    want
	}{
		{"pem chain", []byte(chain), want{format: "pem", certs: 2, items: 2, summary: "2 certificates", isText: true,
			locations: []string{"block 1 (CERTIFICATE) at line 1", "block 2 (CERTIFICATE) at line "}}},
		{"pem crlf", []byte(strings.ReplaceAll(chain, "\n", "\r\n")), want{format: "pem", certs: 2, items: 2, isText: true}},
		{"pem trailing spaces", []byte(trailingSpaces), want{format: "pem", certs: 2, items: 2, isText: true}},
		{"ticket comment", []byte("Hi team,\n\nthe customer's server sends:\n\n" + leafPEM + "\nand the CA is\n" + rootPEM + "\nRegards\n"),
			want{format: "pem", certs: 2, items: 2, isText: true, locations: []string{"block 1 (CERTIFICATE) at line 5"}}},
		{"email quoted", []byte("On Monday Bob wrote:\n" + quoted(quoted(chain))), want{format: "pem", certs: 2, items: 2, isText: true,
			warnings: []string{`quoted with '> ' markers`, `quoted with '> ' markers`}, locations: []string{"block 1 (CERTIFICATE) at line 2"}}},
		{"indented", []byte("server chain:\n" + indented(chain)), want{format: "pem", certs: 2, items: 2, isText: true, warnings: []string{"indented", "indented"}}},
		{"single line paste", []byte(singleLine), want{format: "pem", certs: 1, items: 1, isText: true, warnings: []string{"does not stand on a line of its own"}}},
		{"json string", []byte(`{"ca": "` + strings.ReplaceAll(strings.ReplaceAll(strings.TrimRight(rootPEM, "\n"), "/", `\/`), "\n", `\n`) + `\n", "ok": true}`),
			want{format: "pem", certs: 1, items: 1, isText: true, warnings: []string{`escaped string (a backslash and n`}}},
		{"utf8 bom", append([]byte{0xef, 0xbb, 0xbf}, chain...), want{format: "pem", certs: 2, items: 2, isText: true}},
		{"utf16le bom", utf16le(chain, true), want{format: "pem", certs: 2, items: 2, isText: true, warnings: []string{"UTF-16LE"}}},
		{"utf16le no bom", utf16le(chain, false), want{format: "pem", certs: 2, items: 2, isText: true, warnings: []string{"UTF-16LE"}}},
		{"utf16be bom", utf16be(chain), want{format: "pem", certs: 2, items: 2, isText: true, warnings: []string{"UTF-16BE"}}},
		{"nul padded", nul, want{format: "pem", certs: 2, items: 2, isText: true}},
		{"der cert", p.leaf, want{format: "der", certs: 1, items: 1, locations: []string{"whole file"}}},
		{"der two certs", append(append([]byte{}, p.leaf...), p.root...), want{format: "der", certs: 2, items: 2,
			locations: []string{"whole file", "DER object 2 at byte "}}},
		{"der trailing data", derWithTrailing, want{format: "der", certs: 1, items: 1, errors: []string{"16 bytes of trailing data after the DER object"}}},
		{"base64 one line", []byte(b64(p.leaf) + "\n"), want{format: "base64", certs: 1, items: 1, isText: true, locations: []string{"base64 text at line 1"}}},
		{"base64 wrapped", []byte(wrap(b64(p.leaf), 76)), want{format: "base64", certs: 1, items: 1, isText: true}},
		{"base64 in ticket", []byte("The CA (base64):\n\n" + wrap(b64(p.root), 64) + "\nthanks\n"), want{format: "base64", certs: 1, items: 1, isText: true,
			locations: []string{"base64 text at line 3"}}},
		{"base64 of PEM (k8s secret)", []byte(k8sSecret), want{format: "base64", certs: 2, items: 2, isText: true,
			locations: []string{"base64 text at line 4, block 1 (CERTIFICATE) at line 1"}}},
		{"pkcs7 pem", fixture(t, "chain.p7b"), want{format: "pkcs7", certs: 2, items: 3, isText: true,
			locations: []string{"block 1 (PKCS7) at line 1", "block 1 (PKCS7) at line 1, certificate 1", "block 1 (PKCS7) at line 1, certificate 2"}}},
		{"pkcs7 der", p7, want{format: "pkcs7", certs: 2, items: 3, locations: []string{"whole file", "whole file, certificate 1"}}},
		{"pkcs7 under CERTIFICATE", []byte(pemOf("CERTIFICATE", p7)), want{format: "pkcs7", certs: 2, items: 3, isText: true}},
		{"pkcs7 and a key", []byte(string(fixture(t, "chain.p7b")) + pemOf("PRIVATE KEY", pkcs8)), want{format: "pem", certs: 2, keys: 1, items: 4, isText: true}},
		{"s_client transcript", fixture(t, "sclient-showcerts.txt"), want{format: "s_client", certs: 2, items: 2, isText: true,
			locations: []string{"block 1 (CERTIFICATE) at line 15", "block 2 (CERTIFICATE) at line "}}},
		{"duplicates", []byte(leafPEM + rootPEM + leafPEM), want{format: "pem", certs: 2, items: 3, isText: true,
			summary: "2 certificates, 1 duplicate certificate"}},
		{"trusted certificate", []byte(pemOf("TRUSTED CERTIFICATE", trusted)), want{format: "pem", certs: 1, items: 1, isText: true}},
		{"cert and key", []byte(leafPEM + pemOf("PRIVATE KEY", pkcs8)), want{format: "pem", certs: 1, keys: 1, items: 2, isText: true,
			summary: "1 certificate, 1 private key"}},
		{"pem keys", []byte(pemOf("RSA PRIVATE KEY", pkcs1) + pemOf("EC PRIVATE KEY", sec1) + string(fixture(t, "pkcs8-encrypted.key"))),
			want{format: "pem", keys: 3, items: 3, isText: true, summary: "2 private keys, 1 encrypted private key"}},
		{"legacy encrypted key", fixture(t, "rsa-legacy-encrypted.key"), want{format: "pem", keys: 1, items: 1, isText: true, summary: "1 encrypted private key"}},
		{"der pkcs8", pkcs8, want{format: "der", keys: 1, items: 1}},
		{"der pkcs1", pkcs1, want{format: "der", keys: 1, items: 1}},
		{"der sec1", sec1, want{format: "der", keys: 1, items: 1}},
		{"crl pem", fixture(t, "ca.crl"), want{format: "pem", crls: 1, items: 1, isText: true, summary: "1 CRL"}},
		{"crl der", fixture(t, "ca.crl.der"), want{format: "der", crls: 1, items: 1}},
		{"crl der generated", p.crl, want{format: "der", crls: 1, items: 1}},
		{"ocsp der", p.ocsp, want{format: "der", ocsps: 1, items: 1, summary: "1 OCSP response"}},
		{"ocsp pem", []byte(pemOf("OCSP RESPONSE", p.ocsp)), want{format: "pem", ocsps: 1, items: 1, isText: true}},
		{"ocsp base64", []byte(b64(p.ocsp)), want{format: "base64", ocsps: 1, items: 1, isText: true}},
		{"ocsp tryLater base64", []byte("MAMKAQM=\n"), want{format: "base64", ocsps: 1, items: 1, isText: true}},
		{"public key", []byte(pemOf("PUBLIC KEY", mustSPKI(t))), want{format: "pem", items: 1, isText: true, summary: "1 public key"}},

		// Unreadable.
		{"empty", nil, want{format: "empty", items: 0, errors: []string{"the file is empty"}, summary: "1 unreadable item"}},
		{"whitespace", []byte(" \r\n\t\n  \n"), want{format: "empty", items: 0, errors: []string{"the file is empty: it holds only 8 bytes of white space"}}},
		{"nul only", make([]byte, 100), want{format: "empty", items: 0, errors: []string{"the file is empty"}}},
		{"truncated pem", []byte(truncatedPEM), want{format: "pem", items: 0, isText: true,
			errors: []string{"block 1 (CERTIFICATE) at line 1: truncated: expected " + itoa(len(p.leaf)) + " bytes, got 144 (a certificate)"}}},
		{"bad base64 char", []byte(badChar), want{format: "pem", items: 0, isText: true,
			errors: []string{"block 1 (CERTIFICATE) at line 1: bad base64 at line 4, column 4: '#' is not a base64 character"}}},
		{"no END", []byte(strings.Join(leafLines[:6], "\n") + "\n" + rootPEM), want{format: "pem", certs: 1, items: 1, isText: true,
			errors: []string{"block 1 (CERTIFICATE) at line 1: no -----END CERTIFICATE----- line: the next block begins at line 7 first; the block is cut off"}}},
		{"no END at eof", []byte(strings.Join(leafLines[:6], "\n")), want{format: "pem", items: 0, isText: true,
			errors: []string{"no -----END CERTIFICATE----- line: the file ends first"}}},
		{"END mismatch", []byte(strings.Replace(leafPEM, "END CERTIFICATE", "END X509 CRL", 1)), want{format: "pem", items: 0, isText: true,
			errors: []string{"the END line names X509 CRL but the BEGIN line names CERTIFICATE"}}},
		{"invalid version", []byte(pemOf("CERTIFICATE", badVersionCert(t)) + rootPEM), want{format: "pem", certs: 1, items: 1, isText: true,
			errors: []string{"block 1 (CERTIFICATE) at line 1: not a readable certificate: x509: invalid version"}, command: "openssl x509 -noout -text -in"}},
		{"type mismatch", []byte(pemOf("PRIVATE KEY", pkcs1)), want{format: "pem", items: 0, isText: true,
			errors: []string{"the block says PRIVATE KEY but holds an RSA private key (PKCS#1)"}}},
		{"cert block holding a key", []byte(pemOf("CERTIFICATE", pkcs8)), want{format: "pem", items: 0, isText: true,
			errors: []string{"the block says CERTIFICATE but holds a private key (PKCS#8)"}}},
		{"plain text", []byte("pymongo.errors.ServerSelectionTimeoutError: SSL: CERTIFICATE_VERIFY_FAILED\n"), want{format: "text", items: 0, isText: true,
			errors: []string{"no certificate, private key, CRL or OCSP response found"}}},
		{"random binary", pseudoRandom(4096, 1), want{format: "binary", items: 0, errors: []string{"binary data (4096 bytes)"}}},
		{"zip", append([]byte("PK\x03\x04"), pseudoRandom(100, 2)...), want{format: "binary", items: 0, errors: []string{"this is a ZIP archive"}}},
		{"png", append([]byte("\x89PNG\r\n\x1a\n"), pseudoRandom(100, 3)...), want{format: "binary", items: 0, errors: []string{"a PNG image"}}},
		{"truncated der", p.leaf[:200], want{format: "der", items: 0, errors: []string{"whole file: truncated: expected " + itoa(len(p.leaf)) + " bytes, got 200 (a certificate)"}}},
		{"indefinite length", []byte{0x30, 0x80, 0x02, 0x01, 0x01, 0x00, 0x00}, want{format: "der", items: 0, errors: []string{"BER indefinite-length"}}},
		{"deep nesting", nested(100), want{format: "der", items: 0, errors: []string{"DER data that is not a certificate"}}},
		{"base64 garbage", []byte("QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo=\n"), want{format: "base64", items: 0, isText: true,
			errors: []string{"base64 text that decodes to 26 bytes that are not a certificate"}}},

		// Recognised, not read.
		{"pkcs12 openssl", fixture(t, "client.p12"), want{format: "der", items: 1, unsupported: []string{"a PKCS#12 (.p12/.pfx) bundle"},
			command: "openssl pkcs12 -in x.p12 -out x.pem"}},
		{"pkcs12 keytool", fixture(t, "keystore-pkcs12.p12"), want{format: "der", items: 1, unsupported: []string{"PKCS#12"}}},
		{"jks", fixture(t, "keystore.jks"), want{format: "binary", items: 1, unsupported: []string{"a Java keystore (JKS)"},
			command: "keytool -importkeystore -srckeystore x.p12 -srcstoretype JKS"}},
		{"jceks", fixture(t, "keystore.jceks"), want{format: "binary", items: 1, unsupported: []string{"JCEKS"}, command: "-srcstoretype JCEKS"}},
		{"csr pem", fixture(t, "server.csr"), want{format: "pem", items: 1, isText: true, unsupported: []string{"certificate signing request"},
			summary: "1 certificate signing request", command: "openssl req -noout -text -in x.p12"}},
		{"csr der", fixture(t, "server.csr.der"), want{format: "der", items: 1, unsupported: []string{"certificate signing request"}, command: "openssl req -inform DER"}},
		{"ssh rsa public", fixture(t, "id_rsa.pub"), want{format: "text", items: 1, isText: true, unsupported: []string{"an SSH public key (ssh-rsa)"},
			command: "ssh-keygen -e -m PKCS8 -f x.p12"}},
		{"ssh ed25519 public", fixture(t, "id_ed25519.pub"), want{format: "text", items: 1, isText: true, unsupported: []string{"an SSH public key (ssh-ed25519)"}}},
		{"ssh2 public", fixture(t, "id_rsa.ssh2.pub"), want{format: "text", items: 1, isText: true, unsupported: []string{"RFC 4716"}, command: "ssh-keygen -i -f x.p12"}},
		{"openssh rsa private", fixture(t, "id_rsa"), want{format: "pem", items: 1, isText: true, unsupported: []string{"an OpenSSH private key (ssh-rsa)"},
			command: "ssh-keygen -p -m PEM -f x.pem"}},
		{"openssh ed25519 private", fixture(t, "id_ed25519"), want{format: "pem", items: 1, isText: true, unsupported: []string{"an OpenSSH private key (ssh-ed25519)"}}},
		{"putty", fixture(t, "putty-ed25519.ppk"), want{format: "text", items: 1, isText: true, unsupported: []string{"a PuTTY private key"},
			command: "puttygen x.p12 -O private-openssh -o x.pem"}},
		{"unknown pem type", []byte(pemOf("WIDGET", []byte{1, 2, 3})), want{format: "pem", items: 1, isText: true, unsupported: []string{"a PEM block of type WIDGET"}}},
		{"pgp", []byte(pemOf("PGP PUBLIC KEY BLOCK", []byte{1, 2, 3})), want{format: "pem", items: 1, isText: true, unsupported: []string{"OpenPGP"}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := Decode("x.p12", c.in, Limits{}, i18n.English)
			w := c.w
			check := func(what string, got, want int) {
				t.Helper()
				if got != want {
					t.Errorf("%s = %d, want %d (summary %q, errors %v, unsupported %v)", what, got, want, r.Summary, r.Errors, r.Unsupported)
				}
			}
			if r.Format != w.format {
				t.Errorf("Format = %q, want %q", r.Format, w.format)
			}
			check("certs", len(r.Certs), w.certs)
			check("keys", len(r.Keys), w.keys)
			check("crls", len(r.CRLs), w.crls)
			check("ocsp", len(r.OCSP), w.ocsps)
			if w.items >= 0 {
				check("items", len(r.Items), w.items)
			}
			if r.IsText != w.isText {
				t.Errorf("IsText = %v, want %v", r.IsText, w.isText)
			}
			if w.summary != "" && r.Summary != w.summary {
				t.Errorf("Summary = %q, want %q", r.Summary, w.summary)
			}
			matchIssues(t, "errors", r.Errors, w.errors)
			matchIssues(t, "unsupported", r.Unsupported, w.unsupported)
			matchIssues(t, "warnings", r.Warnings, w.warnings)
			for i, l := range w.locations {
				if i >= len(r.Items) || !strings.HasPrefix(r.Items[i].Location, l) {
					t.Errorf("item %d location: got %v, want prefix %q", i, r.Items, l)
				}
			}
			if w.command != "" {
				var cmds []string
				for _, is := range append(append([]issue{}, r.Unsupported...), r.Errors...) {
					cmds = append(cmds, is.Command)
				}
				if len(cmds) == 0 || !strings.Contains(cmds[0], w.command) {
					t.Errorf("command %q does not contain %q", cmds, w.command)
				}
			}
			for _, cert := range r.Certs {
				if cert.Cert == nil || !bytes.Equal(cert.Raw, cert.Cert.Raw) || cert.Location == "" {
					t.Errorf("bad Cert entry %+v", cert)
				}
			}
			if r.Summary == "" {
				t.Error("empty summary")
			}
		})
	}
}

func mustSPKI(t testing.TB) []byte {
	b, err := x509.MarshalPKIXPublicKey(getPKI(t).leafKey.Public().(crypto.PublicKey))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func itoa(n int) string { return big.NewInt(int64(n)).String() }

// nested returns n SEQUENCEs inside each other around an INTEGER.
func nested(n int) []byte {
	b := []byte{0x02, 0x01, 0x05}
	for i := 0; i < n; i++ {
		l := len(b)
		switch {
		case l < 0x80:
			b = append([]byte{0x30, byte(l)}, b...)
		case l < 0x100:
			b = append([]byte{0x30, 0x81, byte(l)}, b...)
		default:
			b = append([]byte{0x30, 0x82, byte(l >> 8), byte(l)}, b...)
		}
	}
	return b
}

// pseudoRandom returns n deterministic bytes.
func pseudoRandom(n int, seed uint64) []byte {
	b := make([]byte, n)
	x := seed*0x9e3779b97f4a7c15 + 1
	for i := range b {
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
		b[i] = byte(x >> 24)
	}
	return b
}

type issue = report.Issue

// matchIssues checks that got has exactly one issue per wanted text, in
// order, each "Location: Message" containing it.
func matchIssues(t *testing.T, what string, got []issue, want []string) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s: got %d %v, want %d %q", what, len(got), got, len(want), want)
		return
	}
	for i, w := range want {
		s := got[i].Location + ": " + got[i].Message
		if !strings.Contains(s, w) {
			t.Errorf("%s[%d] = %q, want it to contain %q", what, i, s, w)
		}
		if got[i].Location == "" || got[i].Message == "" {
			t.Errorf("%s[%d] lacks location or message: %+v", what, i, got[i])
		}
	}
}

// TestBlocks checks what is handed to the key, CRL and OCSP analyses: the
// PEM type (or the type DER would have had), headers and DER bytes.
func TestBlocks(t *testing.T) {
	p := getPKI(t)
	pkcs8, pkcs1, sec1 := marshalKeys(t)
	r := Decode("legacy.key", fixture(t, "rsa-legacy-encrypted.key"), Limits{}, nil)
	if len(r.Keys) != 1 || r.Keys[0].Type != "RSA PRIVATE KEY" || r.Keys[0].Headers["Proc-Type"] != "4,ENCRYPTED" ||
		!strings.HasPrefix(r.Keys[0].Headers["DEK-Info"], "AES-128-CBC,") || len(r.Keys[0].Bytes) == 0 {
		t.Fatalf("legacy key: %+v", r.Keys)
	}
	if r.Items[0].Kind != "encryptedPrivateKey" || r.Items[0].Ref != "" {
		t.Errorf("legacy key item %+v", r.Items[0])
	}
	for _, c := range []struct {
		der  []byte
		typ  string
		kind string
	}{
		{pkcs8, "PRIVATE KEY", "privateKey"}, {pkcs1, "RSA PRIVATE KEY", "privateKey"}, {sec1, "EC PRIVATE KEY", "privateKey"},
		{p.crl, "X509 CRL", "crl"}, {p.ocsp, "OCSP RESPONSE", "ocspResponse"},
	} {
		r := Decode("x.der", c.der, Limits{}, nil)
		var blocks []Block
		blocks = append(append(append(blocks, r.Keys...), r.CRLs...), r.OCSP...)
		if len(blocks) != 1 || blocks[0].Type != c.typ || !bytes.Equal(blocks[0].Bytes, c.der) || blocks[0].Location != "whole file" {
			t.Errorf("%s: %+v", c.typ, blocks)
		}
		if len(r.Items) != 1 || r.Items[0].Kind != c.kind {
			t.Errorf("%s: items %+v", c.typ, r.Items)
		}
	}
	// A CRL inside a PKCS#7 bundle is handed on too.
	r = Decode("x.p7b", p7WithCRL(t), Limits{}, nil)
	if len(r.Certs) != 1 || len(r.CRLs) != 1 || !bytes.Equal(r.CRLs[0].Bytes, p.crl) || r.CRLs[0].Location != "whole file, CRL 1" {
		t.Fatalf("p7 with CRL: certs %d crls %+v errors %v", len(r.Certs), r.CRLs, r.Errors)
	}
}

// p7WithCRL builds a degenerate SignedData holding the root and the CRL.
func p7WithCRL(t *testing.T) []byte {
	p := getPKI(t)
	tlv := func(tag byte, parts ...[]byte) []byte {
		body := bytes.Join(parts, nil)
		n := len(body)
		switch {
		case n < 0x80:
			return append([]byte{tag, byte(n)}, body...)
		case n < 0x100:
			return append([]byte{tag, 0x81, byte(n)}, body...)
		default:
			return append([]byte{tag, 0x82, byte(n >> 8), byte(n)}, body...)
		}
	}
	oidSigned := []byte{0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02}
	oidData := []byte{0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x01}
	sd := tlv(0x30, []byte{0x02, 0x01, 0x01}, tlv(0x31), tlv(0x30, oidData), tlv(0xa0, p.root), tlv(0xa1, p.crl), tlv(0x31))
	return tlv(0x30, oidSigned, tlv(0xa0, sd))
}
