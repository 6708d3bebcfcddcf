// Command gen writes certinspect's test PKI into testdata/ with fixed dates.
//
//	go run ./testdata/gen            (from the repository root)
//
// Keys are kept in testdata/pki/keys/ and reused when present, and CA
// signatures use RSA PKCS#1 v1.5 (deterministic), so regenerating changes as
// little as possible; verdicts never change. Every scenario is evaluated by the
// tests at At = 2026-06-01T00:00:00Z, inside every window below except where a
// scenario is about validity.
package main

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha1"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/pem"
	"fmt"
	"log"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"time"
)

// Fixed dates of the fixture PKI.
var (
	At          = time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	rootFrom    = time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	rootTo      = time.Date(2040, 1, 1, 0, 0, 0, 0, time.UTC)
	interFrom   = time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC)
	interTo     = time.Date(2036, 1, 1, 0, 0, 0, 0, time.UTC)
	leafFrom    = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	leafTo      = time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)
	expiredTo   = time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	notYetFrom  = time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC)
	soonTo      = time.Date(2026, 6, 15, 0, 0, 0, 0, time.UTC)
	serverHosts = []string{"db0.example.net", "db1.example.net"}
	serverIP    = net.ParseIP("192.0.2.10")
)

// Out is the output directory (testdata/pki), relative to the repository root.
var Out = filepath.Join("testdata", "pki")

// Issuer is a CA that can sign: its certificate and key.
type Issuer struct {
	Cert *x509.Certificate
	Key  crypto.Signer
}

// PKI holds the CAs every scenario file builds on, so that the revocation and
// client-certificate generators (crl.go, client.go) can sign with them too.
type PKI struct {
	Root         Issuer
	Intermediate Issuer
	OtherRoot    Issuer // an unrelated CA: the "wrong CA file"
	serial       int64
}

func main() {
	if _, err := os.Stat("go.mod"); err != nil {
		log.Fatal("run from the repository root: go run ./testdata/gen")
	}
	must(os.MkdirAll(filepath.Join(Out, "keys"), 0o755))
	p := &PKI{serial: 0x1000}
	p.Root = p.selfSignedCA("root", "certinspect Test Root CA", nil)
	p.OtherRoot = p.selfSignedCA("other-root", "Other Test Root CA", nil)
	p.Intermediate = p.ca("intermediate", "certinspect Test Intermediate CA", p.Root, nil)
	writeCerts("ca.pem", p.Root.Cert)
	writeCerts("other-ca.pem", p.OtherRoot.Cert)
	writeCerts("intermediate-only-ca.pem", p.Intermediate.Cert)
	writeCerts("root-and-intermediate-ca.pem", p.Root.Cert, p.Intermediate.Cert)
	genServers(p)
	genRevocation(p)
	genClients(p)
	genTrust(p)
	genNegativeSerial(p)
	genDefects(p)
	genOpenSSLDetails(p)
	fmt.Println("wrote", Out)
}

// nextSerial gives every certificate a distinct, stable serial number.
func (p *PKI) nextSerial() *big.Int {
	p.serial++
	return big.NewInt(p.serial)
}

// Key kinds.
const (
	RSA2048 = "rsa2048"
	RSA1024 = "rsa1024"
	P256    = "p256"
	P384    = "p384"
	Ed25519 = "ed25519"
)

// Key loads testdata/pki/keys/<name>.key, or generates it of the given kind.
func Key(name, kind string) crypto.Signer {
	path := filepath.Join(Out, "keys", name+".key")
	if data, err := os.ReadFile(path); err == nil {
		b, _ := pem.Decode(data)
		if b != nil {
			k, err := x509.ParsePKCS8PrivateKey(b.Bytes)
			must(err)
			return k.(crypto.Signer)
		}
	}
	var k crypto.Signer
	var err error
	switch kind {
	case RSA2048:
		k, err = rsa.GenerateKey(rand.Reader, 2048)
	case RSA1024:
		k, err = rsa.GenerateKey(rand.Reader, 1024)
	case P256:
		k, err = ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	case P384:
		k, err = ecdsa.GenerateKey(elliptic.P384(), rand.Reader)
	case Ed25519:
		_, k, err = ed25519.GenerateKey(rand.Reader)
	default:
		log.Fatalf("unknown key kind %q", kind)
	}
	must(err)
	der, err := x509.MarshalPKCS8PrivateKey(k)
	must(err)
	must(os.WriteFile(path, pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}), 0o644))
	return k
}

func ski(pub crypto.PublicKey) []byte {
	der, err := x509.MarshalPKIXPublicKey(pub)
	must(err)
	var spki struct {
		Alg asn1.RawValue
		Key asn1.BitString
	}
	_, err = asn1.Unmarshal(der, &spki)
	must(err)
	h := sha1.Sum(spki.Key.Bytes)
	return h[:]
}

func (p *PKI) selfSignedCA(keyName, cn string, edit func(*x509.Certificate)) Issuer {
	key := Key(keyName, RSA2048)
	t := &x509.Certificate{
		SerialNumber:          p.nextSerial(),
		Subject:               pkix.Name{CommonName: cn, Organization: []string{"certinspect tests"}, Country: []string{"US"}},
		NotBefore:             rootFrom,
		NotAfter:              rootTo,
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageCRLSign,
		BasicConstraintsValid: true,
		IsCA:                  true,
		SubjectKeyId:          ski(key.Public()),
	}
	if edit != nil {
		edit(t)
	}
	der, err := x509.CreateCertificate(rand.Reader, t, t, key.Public(), key)
	must(err)
	c, err := x509.ParseCertificate(der)
	must(err)
	return Issuer{Cert: c, Key: key}
}

// CA issues an intermediate CA certificate under parent.
func (p *PKI) ca(keyName, cn string, parent Issuer, edit func(*x509.Certificate)) Issuer {
	key := Key(keyName, RSA2048)
	t := &x509.Certificate{
		SerialNumber:          p.nextSerial(),
		Subject:               pkix.Name{CommonName: cn, Organization: []string{"certinspect tests"}, Country: []string{"US"}},
		NotBefore:             interFrom,
		NotAfter:              interTo,
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageCRLSign | x509.KeyUsageDigitalSignature,
		BasicConstraintsValid: true,
		IsCA:                  true,
		SubjectKeyId:          ski(key.Public()),
	}
	if edit != nil {
		edit(t)
	}
	return Issuer{Cert: p.sign(t, key.Public(), parent), Key: key}
}

// Leaf issues a server certificate (serverAuth) under parent. edit may change
// any field before signing.
func (p *PKI) Leaf(keyName, kind string, parent Issuer, edit func(*x509.Certificate)) (*x509.Certificate, crypto.Signer) {
	key := Key(keyName, kind)
	ku := x509.KeyUsageDigitalSignature
	if _, ok := key.(*rsa.PrivateKey); ok {
		ku |= x509.KeyUsageKeyEncipherment
	}
	t := &x509.Certificate{
		SerialNumber:          p.nextSerial(),
		Subject:               pkix.Name{CommonName: serverHosts[0], Organization: []string{"certinspect tests"}},
		NotBefore:             leafFrom,
		NotAfter:              leafTo,
		KeyUsage:              ku,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		DNSNames:              append([]string(nil), serverHosts...),
		IPAddresses:           []net.IP{serverIP},
		SubjectKeyId:          ski(key.Public()),
		OCSPServer:            []string{"http://ocsp.example.net"},
		IssuingCertificateURL: []string{"http://ca.example.net/intermediate.crt"},
		CRLDistributionPoints: []string{"http://ca.example.net/intermediate.crl"},
	}
	if edit != nil {
		edit(t)
	}
	return p.sign(t, key.Public(), parent), key
}

func (p *PKI) sign(t *x509.Certificate, pub crypto.PublicKey, parent Issuer) *x509.Certificate {
	der, err := x509.CreateCertificate(rand.Reader, t, parent.Cert, pub, parent.Key)
	must(err)
	c, err := x509.ParseCertificate(der)
	must(err)
	return c
}

// writeCerts writes certificates as one PEM file under Out.
func writeCerts(name string, certs ...*x509.Certificate) {
	var out []byte
	for _, c := range certs {
		out = append(out, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: c.Raw})...)
	}
	WriteFile(name, out)
}

// WriteFile writes data to Out/name, creating directories.
func WriteFile(name string, data []byte) {
	path := filepath.Join(Out, name)
	must(os.MkdirAll(filepath.Dir(path), 0o755))
	must(os.WriteFile(path, data, 0o644))
}

// WriteKey writes a private key as unencrypted PKCS#8 PEM under Out.
func WriteKey(name string, key crypto.Signer) {
	der, err := x509.MarshalPKCS8PrivateKey(key)
	must(err)
	WriteFile(name, pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}))
}

func must(err error) {
	if err != nil {
		log.Fatal(err)
	}
}
