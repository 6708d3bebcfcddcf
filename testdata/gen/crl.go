package main

import (
	"crypto"
	"crypto/rand"
	"crypto/sha1"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/base64"
	"math/big"
	"strings"
	"time"

	"golang.org/x/crypto/ocsp"
)

// Fixed dates of the revocation fixtures (At = 2026-06-01 is inside every
// "fresh" window).
var (
	crlThis        = time.Date(2026, 5, 25, 0, 0, 0, 0, time.UTC)
	crlNext        = time.Date(2026, 6, 8, 0, 0, 0, 0, time.UTC)
	crlStaleThis   = time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC)
	crlStaleNext   = time.Date(2026, 4, 8, 0, 0, 0, 0, time.UTC)
	crlFutureThis  = time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC)
	crlFutureNext  = time.Date(2026, 7, 8, 0, 0, 0, 0, time.UTC)
	revokedAt      = time.Date(2026, 3, 15, 10, 30, 0, 0, time.UTC)
	ocspProduced   = time.Date(2026, 5, 31, 12, 0, 0, 0, time.UTC)
	ocspThis       = time.Date(2026, 5, 31, 12, 0, 0, 0, time.UTC)
	ocspNext       = time.Date(2026, 6, 7, 12, 0, 0, 0, time.UTC)
	ocspStaleThis  = time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC)
	ocspStaleNext  = time.Date(2026, 5, 8, 0, 0, 0, 0, time.UTC)
	ocspFutureThis = time.Date(2026, 6, 10, 0, 0, 0, 0, time.UTC)
	ocspFutureNext = time.Date(2026, 6, 17, 0, 0, 0, 0, time.UTC)
)

var (
	oidTLSFeature    = asn1.ObjectIdentifier{1, 3, 6, 1, 5, 5, 7, 1, 24}
	oidOCSPNoCheck   = asn1.ObjectIdentifier{1, 3, 6, 1, 5, 5, 7, 48, 1, 5}
	oidOCSPNonce     = asn1.ObjectIdentifier{1, 3, 6, 1, 5, 5, 7, 48, 1, 2}
	oidOCSPBasic     = asn1.ObjectIdentifier{1, 3, 6, 1, 5, 5, 7, 48, 1, 1}
	oidDeltaCRL      = asn1.ObjectIdentifier{2, 5, 29, 27}
	oidIDP           = asn1.ObjectIdentifier{2, 5, 29, 28}
	oidSHA1          = asn1.ObjectIdentifier{1, 3, 14, 3, 2, 26}
	oidSHA256WithRSA = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 1, 11}
)

// genRevocation writes the CRL and OCSP fixtures under testdata/pki/revocation/
// (see the README it writes there). Its certificates use their own serial
// range (0x5000...) so that adding a fixture here never renumbers the
// certificates of the other generators.
func genRevocation(p *PKI) {
	saved := p.serial
	p.serial = 0x5000
	defer func() { p.serial = saved }()

	in := p.Intermediate
	good, _ := p.Leaf("server-rsa", RSA2048, in, nil)
	revoked, _ := p.Leaf("server-rsa", RSA2048, in, nil)
	mustStaple, _ := p.Leaf("server-rsa", RSA2048, in, func(c *x509.Certificate) {
		v, err := asn1.Marshal([]int{5}) // status_request
		must(err)
		c.ExtraExtensions = append(c.ExtraExtensions, pkix.Extension{Id: oidTLSFeature, Value: v})
	})
	noCRLDP, _ := p.Leaf("server-rsa", RSA2048, in, func(c *x509.Certificate) { c.CRLDistributionPoints = nil })
	writeCerts("revocation/good-leaf-chain.pem", good, in.Cert)
	writeCerts("revocation/revoked-leaf-chain.pem", revoked, in.Cert)
	writeCerts("revocation/must-staple-leaf-chain.pem", mustStaple, in.Cert)
	writeCerts("revocation/no-crldp-leaf-chain.pem", noCRLDP, in.Cert)

	// A CA whose key usage lacks cRLSign, with a leaf and a CRL of its own.
	noSign := p.ca("revocation-no-crlsign", "certinspect No cRLSign CA", p.Root, func(c *x509.Certificate) {
		c.KeyUsage = x509.KeyUsageCertSign | x509.KeyUsageDigitalSignature
	})
	noSignLeaf, _ := p.Leaf("server-rsa", RSA2048, noSign, nil)
	writeCerts("revocation/no-crlsign-leaf-chain.pem", noSignLeaf, noSign.Cert)

	// Delegated OCSP responders issued by the intermediate.
	responder := p.ca("revocation-ocsp-responder", "certinspect OCSP Responder", in, func(c *x509.Certificate) {
		c.IsCA = false
		c.NotBefore, c.NotAfter = leafFrom, leafTo
		c.KeyUsage = x509.KeyUsageDigitalSignature
		c.ExtKeyUsage = []x509.ExtKeyUsage{x509.ExtKeyUsageOCSPSigning}
		c.ExtraExtensions = []pkix.Extension{{Id: oidOCSPNoCheck, Value: []byte{0x05, 0x00}}}
	})
	responderNoEKU := p.ca("revocation-ocsp-responder", "certinspect OCSP Responder Without OCSPSigning", in, func(c *x509.Certificate) {
		c.IsCA = false
		c.NotBefore, c.NotAfter = leafFrom, leafTo
		c.KeyUsage = x509.KeyUsageDigitalSignature
		c.ExtKeyUsage = []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}
	})
	writeCerts("revocation/ocsp-responder.pem", responder.Cert)
	writeCerts("revocation/ocsp-responder-no-eku.pem", responderNoEKU.Cert)

	// CRLs.
	others := []x509.RevocationListEntry{
		{SerialNumber: big.NewInt(0x99999), RevocationTime: revokedAt, ReasonCode: 4},
		{SerialNumber: big.NewInt(0x4fff), RevocationTime: revokedAt},
	}
	revEntry := x509.RevocationListEntry{SerialNumber: revoked.SerialNumber, RevocationTime: revokedAt, ReasonCode: 1}
	crl := func(name string, issuer Issuer, number int64, this, next time.Time, entries []x509.RevocationListEntry, exts ...pkix.Extension) []byte {
		der, err := x509.CreateRevocationList(rand.Reader, &x509.RevocationList{
			SignatureAlgorithm:        x509.SHA256WithRSA,
			Number:                    big.NewInt(number),
			ThisUpdate:                this,
			NextUpdate:                next,
			RevokedCertificateEntries: entries,
			ExtraExtensions:           exts,
		}, crlSigner(issuer.Cert), issuer.Key)
		must(err)
		if name != "" {
			WriteFile("revocation/"+name+".pem", pemBlock("X509 CRL", der))
		}
		return der
	}
	withRevoked := append([]x509.RevocationListEntry{others[0], revEntry}, others[1])
	revDER := crl("crl-revoked", in, 42, crlThis, crlNext, withRevoked)
	WriteFile("revocation/crl-revoked.der", revDER)
	goodDER := crl("crl-good", in, 43, crlThis, crlNext, others)
	WriteFile("revocation/crl-good.der", goodDER)
	staleDER := crl("crl-stale", in, 40, crlStaleThis, crlStaleNext, others)
	crl("crl-not-yet-valid", in, 44, crlFutureThis, crlFutureNext, others)
	crl("crl-wrong-ca", p.OtherRoot, 7, crlThis, crlNext, []x509.RevocationListEntry{revEntry, others[0]})
	// The intermediate's name and key identifier, signed with another key.
	forged := Issuer{Cert: in.Cert, Key: p.OtherRoot.Key}
	crl("crl-bad-signature", forged, 45, crlThis, crlNext, others)
	crl("crl-no-crlsign", noSign, 1, crlThis, crlNext, others)
	rootDER := crl("crl-root-revokes-intermediate", p.Root, 3, crlThis, crlNext, []x509.RevocationListEntry{
		{SerialNumber: in.Cert.SerialNumber, RevocationTime: revokedAt, ReasonCode: 2},
	})
	WriteFile("revocation/crl-root-and-good.pem", cat(pemBlock("X509 CRL", rootDER), pemBlock("X509 CRL", goodDER)))
	WriteFile("revocation/crl-stale-and-revoked.pem", cat(pemBlock("X509 CRL", staleDER), pemBlock("X509 CRL", revDER)))
	WriteFile("revocation/crl-two-der.der", cat(goodDER, rootDER))
	deltaInd, err := asn1.Marshal(big.NewInt(42))
	must(err)
	crl("crl-delta", in, 46, crlThis, crlNext, []x509.RevocationListEntry{revEntry},
		pkix.Extension{Id: oidDeltaCRL, Critical: true, Value: deltaInd})
	crl("crl-unknown-critical", in, 47, crlThis, crlNext, others,
		pkix.Extension{Id: asn1.ObjectIdentifier{1, 3, 6, 1, 4, 1, 55555, 1}, Critical: true, Value: []byte{0x05, 0x00}})
	crl("crl-idp-match", in, 48, crlThis, crlNext, withRevoked,
		pkix.Extension{Id: oidIDP, Critical: true, Value: idp("http://ca.example.net/intermediate.crl", false)})
	crl("crl-idp-other", in, 49, crlThis, crlNext, others,
		pkix.Extension{Id: oidIDP, Critical: true, Value: idp("http://ca.example.net/other.crl", false)})
	crl("crl-idp-ca-only", in, 50, crlThis, crlNext, others,
		pkix.Extension{Id: oidIDP, Critical: true, Value: idp("", true)})
	// The intermediate's name with other spacing and case in its CN (OpenSSL
	// compares names with white space folded): the CRL is the intermediate's.
	spaced := *in.Cert
	spaced.RawSubject = spacedName(in.Cert.RawSubject)
	crl("crl-revoked-issuer-spacing", Issuer{Cert: &spaced, Key: in.Key}, 52, crlThis, crlNext, withRevoked)
	// The server certificate listed twice: OpenSSL takes the first entry, so
	// removeFromCRL first means not revoked, and second means revoked.
	crl("crl-listed-twice-remove-first", in, 53, crlThis, crlNext, []x509.RevocationListEntry{
		{SerialNumber: revoked.SerialNumber, RevocationTime: revokedAt, ReasonCode: 8}, revEntry,
	})
	crl("crl-listed-twice-remove-second", in, 54, crlThis, crlNext, []x509.RevocationListEntry{
		revEntry, {SerialNumber: revoked.SerialNumber, RevocationTime: revokedAt, ReasonCode: 8},
	})
	// An issuing distribution point that does not decode, not critical:
	// OpenSSL uses the CRL as if it had none (the leaf is revoked).
	crl("crl-revoked-bad-idp", in, 55, crlThis, crlNext, withRevoked,
		pkix.Extension{Id: oidIDP, Value: []byte{0x04, 0x01, 0x00}})
	// An entry whose reason is removeFromCRL (a delta CRL's way of un-revoking).
	crl("crl-remove-from-crl", in, 51, crlThis, crlNext, []x509.RevocationListEntry{
		{SerialNumber: revoked.SerialNumber, RevocationTime: revokedAt, ReasonCode: 8},
	})

	// OCSP responses.
	type resp struct {
		name      string
		cert      *x509.Certificate
		status    int
		this      time.Time
		next      time.Time
		signer    Issuer
		byKey     bool
		embed     *x509.Certificate
		nonce     []byte
		issuerKey crypto.Signer
	}
	byIssuer := Issuer{Cert: in.Cert, Key: in.Key}
	for _, r := range []resp{
		{name: "ocsp-good", cert: good, status: ocsp.Good, this: ocspThis, next: ocspNext, signer: byIssuer},
		{name: "ocsp-good-keyhash", cert: good, status: ocsp.Good, this: ocspThis, next: ocspNext, signer: byIssuer, byKey: true},
		{name: "ocsp-revoked", cert: revoked, status: ocsp.Revoked, this: ocspThis, next: ocspNext, signer: byIssuer},
		{name: "ocsp-unknown", cert: good, status: ocsp.Unknown, this: ocspThis, next: ocspNext, signer: byIssuer},
		{name: "ocsp-delegated", cert: good, status: ocsp.Good, this: ocspThis, next: ocspNext, signer: responder, embed: responder.Cert,
			nonce: []byte("certinspect-nonce-0001")},
		{name: "ocsp-delegated-revoked", cert: revoked, status: ocsp.Revoked, this: ocspThis, next: ocspNext, signer: responder, embed: responder.Cert},
		{name: "ocsp-delegated-no-eku", cert: good, status: ocsp.Good, this: ocspThis, next: ocspNext, signer: responderNoEKU, embed: responderNoEKU.Cert},
		{name: "ocsp-delegated-not-embedded", cert: good, status: ocsp.Good, this: ocspThis, next: ocspNext, signer: responder},
		{name: "ocsp-must-staple-good", cert: mustStaple, status: ocsp.Good, this: ocspThis, next: ocspNext, signer: byIssuer},
		{name: "ocsp-stale", cert: good, status: ocsp.Good, this: ocspStaleThis, next: ocspStaleNext, signer: byIssuer},
		{name: "ocsp-not-yet-valid", cert: good, status: ocsp.Good, this: ocspFutureThis, next: ocspFutureNext, signer: byIssuer},
		{name: "ocsp-bad-signature", cert: good, status: ocsp.Good, this: ocspThis, next: ocspNext, signer: Issuer{Cert: in.Cert, Key: p.OtherRoot.Key}},
	} {
		der := ocspResponse(in.Cert, r.cert, r.status, r.this, r.next, r.signer, r.byKey, r.embed, r.nonce)
		WriteFile("revocation/"+r.name+".der", der)
	}
	goodResp := ocspResponse(in.Cert, good, ocsp.Good, ocspThis, ocspNext, byIssuer, false, nil, nil)
	WriteFile("revocation/ocsp-good.pem", pemBlock("OCSP RESPONSE", goodResp))
	WriteFile("revocation/ocsp-good.b64", []byte(wrap64(base64.StdEncoding.EncodeToString(goodResp))))
	for name, der := range map[string][]byte{
		"ocsp-malformed-request": ocsp.MalformedRequestErrorResponse,
		"ocsp-internal-error":    ocsp.InternalErrorErrorResponse,
		"ocsp-try-later":         ocsp.TryLaterErrorResponse,
		"ocsp-sig-required":      ocsp.SigRequredErrorResponse,
		"ocsp-unauthorized":      ocsp.UnauthorizedErrorResponse,
	} {
		WriteFile("revocation/"+name+".der", der)
	}
	WriteFile("revocation/README.md", []byte(revocationReadme))
}

// crlSigner lets Go sign a CRL with a CA whose key usage lacks cRLSign (Go
// refuses such an issuer; OpenSSL's verdict about it is the point of a fixture).
func crlSigner(c *x509.Certificate) *x509.Certificate {
	cp := *c
	cp.KeyUsage |= x509.KeyUsageCRLSign
	return &cp
}

// idp encodes an IssuingDistributionPoint with a full-name URI and/or
// onlyContainsCACerts.
func idp(uri string, onlyCA bool) []byte {
	var body []byte
	if uri != "" {
		gn := asn1.RawValue{Class: 2, Tag: 6, Bytes: []byte(uri)}
		gnDER, err := asn1.Marshal(gn)
		must(err)
		full, err := asn1.Marshal(asn1.RawValue{Class: 2, Tag: 0, IsCompound: true, Bytes: gnDER}) // fullName [0]
		must(err)
		dp, err := asn1.Marshal(asn1.RawValue{Class: 2, Tag: 0, IsCompound: true, Bytes: full}) // distributionPoint [0]
		must(err)
		body = append(body, dp...)
	}
	if onlyCA {
		b, err := asn1.Marshal(asn1.RawValue{Class: 2, Tag: 2, Bytes: []byte{0xff}})
		must(err)
		body = append(body, b...)
	}
	out, err := asn1.Marshal(asn1.RawValue{Class: 0, Tag: 16, IsCompound: true, Bytes: body})
	must(err)
	return out
}

// ocspResponse builds a basic OCSP response like ocsp.CreateResponse does, but
// with a fixed producedAt (CreateResponse stamps time.Now()), a responder ID by
// name or key hash, and an optional nonce, so that regenerating is
// reproducible. The CertID uses SHA-1 and the leaf's issuer ca.
func ocspResponse(ca, cert *x509.Certificate, status int, this, next time.Time, signer Issuer, byKey bool, embed *x509.Certificate, nonce []byte) []byte {
	type certID struct {
		HashAlgorithm pkix.AlgorithmIdentifier
		NameHash      []byte
		IssuerKeyHash []byte
		SerialNumber  *big.Int
	}
	type revokedInfo struct {
		RevocationTime time.Time       `asn1:"generalized"`
		Reason         asn1.Enumerated `asn1:"explicit,tag:0"`
	}
	nameHash := sha1.Sum(ca.RawSubject)
	keyHash := sha1.Sum(spkiBits(ca.RawSubjectPublicKeyInfo))
	id, err := asn1.Marshal(certID{
		HashAlgorithm: pkix.AlgorithmIdentifier{Algorithm: oidSHA1, Parameters: asn1.NullRawValue},
		NameHash:      nameHash[:],
		IssuerKeyHash: keyHash[:],
		SerialNumber:  cert.SerialNumber,
	})
	must(err)
	var st []byte
	switch status {
	case ocsp.Good:
		st = []byte{0x80, 0x00}
	case ocsp.Unknown:
		st = []byte{0x82, 0x00}
	default:
		ri, err := asn1.Marshal(revokedInfo{RevocationTime: revokedAt, Reason: 1})
		must(err)
		ri[0] = 0xa1 // [1] IMPLICIT RevokedInfo
		st = ri
	}
	gt := func(t time.Time) []byte {
		b, err := asn1.MarshalWithParams(t.UTC(), "generalized")
		must(err)
		return b
	}
	nextDER, err := asn1.Marshal(asn1.RawValue{Class: 2, Tag: 0, IsCompound: true, Bytes: gt(next)})
	must(err)
	single := seq(id, st, gt(this), nextDER)

	var responderID []byte
	if byKey {
		h := sha1.Sum(spkiBits(signer.Cert.RawSubjectPublicKeyInfo))
		oct, err := asn1.Marshal(h[:])
		must(err)
		responderID, err = asn1.Marshal(asn1.RawValue{Class: 2, Tag: 2, IsCompound: true, Bytes: oct})
		must(err)
	} else {
		responderID, err = asn1.Marshal(asn1.RawValue{Class: 2, Tag: 1, IsCompound: true, Bytes: signer.Cert.RawSubject})
		must(err)
	}
	parts := [][]byte{responderID, gt(ocspProduced), seq(single)}
	if nonce != nil {
		octNonce, err := asn1.Marshal(nonce)
		must(err)
		ext, err := asn1.Marshal(pkix.Extension{Id: oidOCSPNonce, Value: octNonce})
		must(err)
		exts, err := asn1.Marshal(asn1.RawValue{Class: 2, Tag: 1, IsCompound: true, Bytes: seq(ext)})
		must(err)
		parts = append(parts, exts)
	}
	tbs := seq(parts...)
	h := crypto.SHA256.New()
	h.Write(tbs)
	sig, err := signer.Key.Sign(rand.Reader, h.Sum(nil), crypto.SHA256)
	must(err)
	algID, err := asn1.Marshal(pkix.AlgorithmIdentifier{Algorithm: oidSHA256WithRSA, Parameters: asn1.NullRawValue})
	must(err)
	sigBits, err := asn1.Marshal(asn1.BitString{Bytes: sig, BitLength: 8 * len(sig)})
	must(err)
	basicParts := [][]byte{tbs, algID, sigBits}
	if embed != nil {
		certs, err := asn1.Marshal(asn1.RawValue{Class: 2, Tag: 0, IsCompound: true, Bytes: seq(embed.Raw)})
		must(err)
		basicParts = append(basicParts, certs)
	}
	basic := seq(basicParts...)
	oid, err := asn1.Marshal(oidOCSPBasic)
	must(err)
	oct, err := asn1.Marshal(basic)
	must(err)
	rb, err := asn1.Marshal(asn1.RawValue{Class: 2, Tag: 0, IsCompound: true, Bytes: seq(oid, oct)})
	must(err)
	return seq([]byte{0x0a, 0x01, 0x00}, rb)
}

func seq(parts ...[]byte) []byte {
	out, err := asn1.Marshal(asn1.RawValue{Class: 0, Tag: 16, IsCompound: true, Bytes: cat(parts...)})
	must(err)
	return out
}

// spkiBits returns the subjectPublicKey BIT STRING contents of an SPKI.
func spkiBits(spki []byte) []byte {
	var s struct {
		Alg asn1.RawValue
		Key asn1.BitString
	}
	_, err := asn1.Unmarshal(spki, &s)
	must(err)
	return s.Key.Bytes
}

func wrap64(s string) string {
	var b strings.Builder
	for len(s) > 64 {
		b.WriteString(s[:64] + "\n")
		s = s[64:]
	}
	b.WriteString(s + "\n")
	return b.String()
}

const revocationReadme = `# Revocation fixtures (written by testdata/gen/crl.go; do not edit)

Evaluated at At = 2026-06-01T00:00:00Z with ../ca.pem (the root) as tlsCAFile.
Unless said otherwise every CRL and OCSP response is issued by the fixture
intermediate CA and is fresh at At.

Certificates
- good-leaf-chain.pem: a leaf listed by no CRL, "good" in OCSP.
- revoked-leaf-chain.pem: a leaf revoked on 2026-03-15 (keyCompromise).
- must-staple-leaf-chain.pem: a leaf with the TLS feature extension (status_request).
- no-crldp-leaf-chain.pem: a leaf without CRL distribution points.
- no-crlsign-leaf-chain.pem: a leaf under a CA whose key usage lacks cRLSign.
- ocsp-responder.pem / ocsp-responder-no-eku.pem: delegated responders (the first
  has the OCSPSigning EKU and id-pkix-ocsp-nocheck, the second has serverAuth only).

CRLs (PEM unless .der)
- crl-revoked.pem/.der: lists the revoked leaf (and two unrelated serials).
- crl-good.pem/.der: lists only the unrelated serials.
- crl-stale.pem: nextUpdate 2026-04-08 (CRL has expired).
- crl-not-yet-valid.pem: thisUpdate 2026-07-01.
- crl-wrong-ca.pem: the other root's CRL (lists the revoked leaf's serial).
- crl-bad-signature.pem: the intermediate's name and key identifier, signed by another key.
- crl-no-crlsign.pem: from the CA without cRLSign.
- crl-root-revokes-intermediate.pem: the root revokes the intermediate (cACompromise).
- crl-root-and-good.pem: that root CRL followed by crl-good in one file.
- crl-stale-and-revoked.pem: crl-stale followed by crl-revoked.
- crl-two-der.der: two DER CRLs concatenated (crl-good, then the root CRL).
- crl-delta.pem: a delta CRL (critical delta CRL indicator, base 42) listing the revoked leaf.
- crl-unknown-critical.pem: an unknown critical CRL extension.
- crl-idp-match.pem / crl-idp-other.pem / crl-idp-ca-only.pem: issuing distribution
  point naming the leaf's CRL URL / another URL / onlyContainsCACerts.
- crl-remove-from-crl.pem: lists the revoked leaf with reason removeFromCRL.
- crl-revoked-issuer-spacing.pem: crl-revoked with the intermediate's CN spaced
  differently (the same name for OpenSSL).
- crl-listed-twice-remove-first.pem / -remove-second.pem: the revoked leaf listed
  twice, removeFromCRL first / second (OpenSSL takes the first entry).
- crl-revoked-pss.pem, crl-revoked-akid-serial.pem, crl-revoked-akid-other-serial.pem
  (testdata/gen/openssl.go): crl-revoked signed with RSA-PSS (longest salt); with an
  authority key identifier naming the intermediate by issuer and serial, its own
  serial / an earlier one. crl-revoked-time-no-seconds.pem: crl-revoked with its
  thisUpdate written without seconds (OpenSSL: format error, 15).
  crl-revoked-bad-idp.pem: crl-revoked with an issuing distribution point that does
  not decode, not critical (OpenSSL ignores it: revoked).
  crl-padded-serial.pem: one entry, its serial padded with a zero byte (not DER:
  OpenSSL does not load the file).

OCSP responses (DER unless said)
- ocsp-good.der (also .pem and .b64), ocsp-good-keyhash.der (responder by key hash),
  ocsp-revoked.der, ocsp-unknown.der: signed by the intermediate itself.
- ocsp-delegated.der (with a nonce), ocsp-delegated-revoked.der: by ocsp-responder.pem, embedded.
- ocsp-delegated-no-eku.der: by ocsp-responder-no-eku.pem, embedded.
- ocsp-delegated-not-embedded.der: by ocsp-responder.pem, certificate not included.
- ocsp-must-staple-good.der: good, for the must-staple leaf (a response for
  another certificate when checked against the good leaf).
- ocsp-stale.der (nextUpdate 2026-05-08), ocsp-not-yet-valid.der (thisUpdate 2026-06-10).
- ocsp-bad-signature.der: names the intermediate, signed by another key.
- ocsp-malformed-request.der, ocsp-internal-error.der, ocsp-try-later.der,
  ocsp-sig-required.der, ocsp-unauthorized.der: the non-successful statuses.
`

// spacedName re-encodes a DER name with its CN padded and its inner spaces
// doubled: the same name for OpenSSL, other bytes.
func spacedName(raw []byte) []byte {
	var seq pkix.RDNSequence
	_, err := asn1.Unmarshal(raw, &seq)
	must(err)
	for _, rdn := range seq {
		for i, atv := range rdn {
			if atv.Type.Equal(asn1.ObjectIdentifier{2, 5, 4, 3}) {
				rdn[i].Value = "  " + strings.ReplaceAll(atv.Value.(string), " ", "  ") + " "
			}
		}
	}
	out, err := asn1.Marshal(seq)
	must(err)
	return out
}
