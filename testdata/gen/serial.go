package main

import (
	"crypto"
	"crypto/rand"
	"crypto/x509"
	"math/big"

	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"
)

// genNegativeSerial writes certificates with negative serial numbers, which
// old or hand-rolled CAs issue: OpenSSL (and so PyMongo) accepts them, Go
// 1.23+ refuses to parse them (the Go driver cannot connect).
//
//   - negative-serial-chain.pem: a server certificate with serial -<n> and the
//     intermediate, under ca.pem.
//   - negative-serial-root-ca.pem: the root CA re-signed with a negative serial
//     (same key and names, so every chain under ca.pem verifies against it).
func genNegativeSerial(p *PKI) {
	leaf, _ := p.Leaf("server-rsa", RSA2048, p.Intermediate, nil)
	writeCerts("negative-serial-chain.pem", negateSerial(leaf, p.Intermediate.Key), p.Intermediate.Cert)
	writeCerts("negative-serial-root-ca.pem", negateSerial(p.Root.Cert, p.Root.Key))
}

// negateSerial re-signs c with signer after replacing its serial number with
// the negative of it (x509.CreateCertificate refuses negative serials).
func negateSerial(c *x509.Certificate, signer crypto.Signer) *x509.Certificate {
	neg := new(big.Int).Neg(c.SerialNumber)
	tbs := cryptobyte.String(c.RawTBSCertificate)
	var body cryptobyte.String
	if !tbs.ReadASN1(&body, cbasn1.SEQUENCE) {
		panic("bad TBS")
	}
	var version, serial cryptobyte.String
	var hasVersion bool
	if !body.ReadOptionalASN1(&version, &hasVersion, cbasn1.Tag(0).Constructed().ContextSpecific()) || !body.ReadASN1Element(&serial, cbasn1.INTEGER) {
		panic("bad TBS version or serial")
	}
	var b cryptobyte.Builder
	b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
		if hasVersion {
			b.AddASN1(cbasn1.Tag(0).Constructed().ContextSpecific(), func(b *cryptobyte.Builder) { b.AddBytes(version) })
		}
		b.AddASN1BigInt(neg)
		b.AddBytes(body) // signature algorithm, names, validity, key, extensions
	})
	newTBS := b.BytesOrPanic()
	h := crypto.SHA256
	if c.SignatureAlgorithm != x509.SHA256WithRSA && c.SignatureAlgorithm != x509.ECDSAWithSHA256 {
		panic("negateSerial: unexpected signature algorithm " + c.SignatureAlgorithm.String())
	}
	d := h.New()
	d.Write(newTBS)
	sig, err := signer.Sign(rand.Reader, d.Sum(nil), h)
	must(err)
	outer := cryptobyte.String(c.Raw)
	var cert, oldTBS, sigAlg cryptobyte.String
	if !outer.ReadASN1(&cert, cbasn1.SEQUENCE) || !cert.ReadASN1Element(&oldTBS, cbasn1.SEQUENCE) || !cert.ReadASN1Element(&sigAlg, cbasn1.SEQUENCE) {
		panic("bad certificate")
	}
	var o cryptobyte.Builder
	o.AddASN1(cbasn1.SEQUENCE, func(o *cryptobyte.Builder) {
		o.AddBytes(newTBS)
		o.AddBytes(sigAlg)
		o.AddASN1BitString(sig)
	})
	out, err := x509.ParseCertificate(o.BytesOrPanic()) // GODEBUG x509negativeserial=1 (go.mod)
	must(err)
	return out
}
