package revocation

import (
	"bytes"
	"crypto"
	"crypto/sha1"
	"crypto/x509"
	encasn1 "encoding/asn1"
	"encoding/base64"
	"encoding/hex"
	"encoding/pem"
	"errors"
	"fmt"
	"math/big"
	"strings"
	"time"

	"certinspect/core/certid"
	"certinspect/core/signature"

	"golang.org/x/crypto/cryptobyte"
	"golang.org/x/crypto/cryptobyte/asn1"
	"golang.org/x/crypto/ocsp"
)

var (
	oidOCSPBasic   = encasn1.ObjectIdentifier{1, 3, 6, 1, 5, 5, 7, 48, 1, 1}
	oidOCSPNonce   = encasn1.ObjectIdentifier{1, 3, 6, 1, 5, 5, 7, 48, 1, 2}
	oidOCSPNoCheck = encasn1.ObjectIdentifier{1, 3, 6, 1, 5, 5, 7, 48, 1, 5}
	oidTLSFeature  = encasn1.ObjectIdentifier{1, 3, 6, 1, 5, 5, 7, 1, 24}
)

var ocspHashes = map[string]struct {
	name string
	h    crypto.Hash
}{
	"1.3.14.3.2.26":          {"SHA-1", crypto.SHA1},
	"2.16.840.1.101.3.4.2.1": {"SHA-256", crypto.SHA256},
	"2.16.840.1.101.3.4.2.2": {"SHA-384", crypto.SHA384},
	"2.16.840.1.101.3.4.2.3": {"SHA-512", crypto.SHA512},
	"1.2.840.113549.2.5":     {"MD5", 0},
}

// MaxOCSPFileSize bounds an OCSP response file.
const MaxOCSPFileSize = 1 << 20

// Limit names, as reported in report.LimitHit.Limit.
const (
	LimitCRLEntries    = "crl.entries"
	LimitOCSPResponses = "ocsp.responses"
	LimitOCSPFileBytes = "ocsp.fileBytes"
)

// errTooManySingles is returned when a response holds more than
// MaxOCSPResponses single responses; Check reports it as a limit.
var errTooManySingles = fmt.Errorf("more than %d single responses", MaxOCSPResponses)

// ParseOCSPFile reads an OCSP response file: DER, PEM ("OCSP RESPONSE"
// blocks, several allowed) or base64 (as browser tools and some scripts give).
func ParseOCSPFile(name string, data []byte) ([]OCSPInput, error) {
	if len(data) > MaxOCSPFileSize {
		return nil, fmt.Errorf("%s: %d bytes is larger than an OCSP response can be (limit %d)", name, len(data), MaxOCSPFileSize)
	}
	if len(data) > 0 && data[0] == 0x30 {
		return []OCSPInput{{Name: name, DER: data}}, nil
	}
	if bytes.Contains(data, []byte("-----BEGIN ")) {
		var out []OCSPInput
		var types []string
		rest := data
		for len(rest) > 0 {
			var b *pem.Block
			b, rest = pem.Decode(rest)
			if b == nil {
				break
			}
			if b.Type == "OCSP RESPONSE" {
				out = append(out, OCSPInput{Name: name, DER: b.Bytes})
			} else {
				types = append(types, b.Type)
			}
		}
		if len(out) == 0 {
			return nil, fmt.Errorf("%s: no 'OCSP RESPONSE' PEM block (found: %s)", name, strings.Join(types, ", "))
		}
		if len(out) > 1 {
			for i := range out {
				out[i].Name = fmt.Sprintf("%s #%d", name, i+1)
			}
		}
		return out, nil
	}
	clean := strings.Map(func(r rune) rune {
		if r == ' ' || r == '\n' || r == '\r' || r == '\t' {
			return -1
		}
		return r
	}, string(data))
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding, base64.URLEncoding, base64.RawURLEncoding} {
		if der, err := enc.DecodeString(clean); err == nil && len(der) > 0 && der[0] == 0x30 {
			return []OCSPInput{{Name: name, DER: der}}, nil
		}
	}
	return nil, fmt.Errorf("%s: not an OCSP response (neither DER, PEM nor base64)", name)
}

type ocspDoc struct {
	info          OCSPInfo
	tbs           []byte
	sigAlg        []byte
	sig           []byte
	responderName []byte
	responderKey  []byte
	certs         []*x509.Certificate
	singles       []single
}

type single struct {
	hashOID   string
	hash      crypto.Hash
	nameHash  []byte
	keyHash   []byte
	serial    *big.Int
	status    int // ocsp.Good, ocsp.Revoked, ocsp.Unknown
	revokedAt time.Time
	reason    int
	this      time.Time
	next      time.Time
	hasNext   bool
	forCert   *x509.Certificate
}

func statusName(n int) string {
	switch n {
	case 0:
		return "successful"
	case 1:
		return "malformedRequest"
	case 2:
		return "internalError"
	case 3:
		return "tryLater"
	case 5:
		return "sigRequired"
	case 6:
		return "unauthorized"
	}
	return fmt.Sprintf("status %d", n)
}

// parseOCSP reads an OCSPResponse completely (x/crypto/ocsp keeps only one
// single response and not the CertID hashes that tell which certificate a
// response is for).
func parseOCSP(der []byte) (*ocspDoc, error) {
	d := &ocspDoc{}
	in := cryptobyte.String(der)
	var resp cryptobyte.String
	if !in.ReadASN1(&resp, asn1.SEQUENCE) {
		return nil, errors.New("not an OCSP response (no ASN.1 SEQUENCE)")
	}
	if !in.Empty() {
		return nil, errors.New("trailing data after the OCSP response")
	}
	var status int
	if !resp.ReadASN1Enum(&status) {
		return nil, errors.New("not an OCSP response (no response status)")
	}
	d.info.ResponseStatusCode = int(status)
	d.info.ResponseStatus = statusName(int(status))
	if status != int(ocsp.Success) {
		return d, nil
	}
	var rbWrap, rb cryptobyte.String
	var rtype encasn1.ObjectIdentifier
	var basicDER cryptobyte.String
	if !resp.ReadASN1(&rbWrap, asn1.Tag(0).Constructed().ContextSpecific()) || !rbWrap.ReadASN1(&rb, asn1.SEQUENCE) ||
		!rb.ReadASN1ObjectIdentifier(&rtype) || !rb.ReadASN1(&basicDER, asn1.OCTET_STRING) {
		return nil, errors.New("successful OCSP response without response bytes")
	}
	d.info.ResponseType = rtype.String()
	if !rtype.Equal(oidOCSPBasic) {
		return nil, fmt.Errorf("unsupported OCSP response type %s (only id-pkix-ocsp-basic exists in practice)", rtype)
	}
	d.info.ResponseType = "basic"
	var basic, tbsElem, alg, sigBits cryptobyte.String
	if !basicDER.ReadASN1(&basic, asn1.SEQUENCE) || !basic.ReadASN1Element(&tbsElem, asn1.SEQUENCE) ||
		!basic.ReadASN1Element(&alg, asn1.SEQUENCE) || !basic.ReadASN1(&sigBits, asn1.BIT_STRING) || len(sigBits) < 1 || sigBits[0] != 0 {
		return nil, errors.New("malformed BasicOCSPResponse")
	}
	d.tbs, d.sigAlg, d.sig = tbsElem, alg, sigBits[1:]
	d.info.SignatureAlgorithm = sigAlgName(alg)
	if basic.PeekASN1Tag(asn1.Tag(0).Constructed().ContextSpecific()) {
		var wrap, certs cryptobyte.String
		if !basic.ReadASN1(&wrap, asn1.Tag(0).Constructed().ContextSpecific()) || !wrap.ReadASN1(&certs, asn1.SEQUENCE) {
			return nil, errors.New("malformed certificates in the OCSP response")
		}
		for !certs.Empty() {
			var c cryptobyte.String
			if !certs.ReadASN1Element(&c, asn1.SEQUENCE) {
				return nil, errors.New("malformed certificate in the OCSP response")
			}
			if len(d.certs) >= MaxOCSPCerts {
				return nil, fmt.Errorf("more than %d certificates in the OCSP response", MaxOCSPCerts)
			}
			cert, err := x509.ParseCertificate(c)
			if err != nil {
				return nil, fmt.Errorf("embedded responder certificate: %v", err)
			}
			d.certs = append(d.certs, cert)
			d.info.Certificates = append(d.info.Certificates, certid.Fingerprint(cert))
		}
	}
	tbsS := cryptobyte.String(tbsElem)
	var tbs cryptobyte.String
	if !tbsS.ReadASN1(&tbs, asn1.SEQUENCE) {
		return nil, errors.New("malformed ResponseData")
	}
	if tbs.PeekASN1Tag(asn1.Tag(0).Constructed().ContextSpecific()) {
		var v cryptobyte.String
		tbs.ReadASN1(&v, asn1.Tag(0).Constructed().ContextSpecific())
	}
	switch {
	case tbs.PeekASN1Tag(asn1.Tag(1).Constructed().ContextSpecific()):
		var w, name cryptobyte.String
		if !tbs.ReadASN1(&w, asn1.Tag(1).Constructed().ContextSpecific()) || !w.ReadASN1Element(&name, asn1.SEQUENCE) {
			return nil, errors.New("malformed responder name")
		}
		d.responderName = name
		d.info.ResponderName = nameString(name)
	case tbs.PeekASN1Tag(asn1.Tag(2).Constructed().ContextSpecific()):
		var w, kh cryptobyte.String
		if !tbs.ReadASN1(&w, asn1.Tag(2).Constructed().ContextSpecific()) || !w.ReadASN1(&kh, asn1.OCTET_STRING) {
			return nil, errors.New("malformed responder key hash")
		}
		d.responderKey = kh
		d.info.ResponderKeyHash = hex.EncodeToString(kh)
	default:
		return nil, errors.New("missing responder ID")
	}
	produced, err := readTime(&tbs)
	if err != nil {
		return nil, fmt.Errorf("producedAt: %v", err)
	}
	d.info.ProducedAt = &produced
	var list cryptobyte.String
	if !tbs.ReadASN1(&list, asn1.SEQUENCE) {
		return nil, errors.New("malformed responses")
	}
	for !list.Empty() {
		if len(d.singles) >= MaxOCSPResponses {
			return nil, errTooManySingles
		}
		s, err := readSingle(&list)
		if err != nil {
			return nil, err
		}
		d.singles = append(d.singles, s)
	}
	if len(d.singles) == 0 {
		return nil, errors.New("the response contains no certificate status")
	}
	if tbs.PeekASN1Tag(asn1.Tag(1).Constructed().ContextSpecific()) {
		var w, exts cryptobyte.String
		if !tbs.ReadASN1(&w, asn1.Tag(1).Constructed().ContextSpecific()) || !w.ReadASN1(&exts, asn1.SEQUENCE) {
			return nil, errors.New("malformed response extensions")
		}
		for !exts.Empty() {
			var ext, val cryptobyte.String
			var oid encasn1.ObjectIdentifier
			var crit bool
			if !exts.ReadASN1(&ext, asn1.SEQUENCE) || !ext.ReadASN1ObjectIdentifier(&oid) {
				return nil, errors.New("malformed response extension")
			}
			if ext.PeekASN1Tag(asn1.BOOLEAN) {
				ext.ReadASN1Boolean(&crit)
			}
			if !ext.ReadASN1(&val, asn1.OCTET_STRING) {
				return nil, errors.New("malformed response extension")
			}
			if oid.Equal(oidOCSPNonce) {
				var inner cryptobyte.String
				v := val
				if v.ReadASN1(&inner, asn1.OCTET_STRING) && v.Empty() {
					d.info.Nonce = hex.EncodeToString(inner)
				} else {
					d.info.Nonce = hex.EncodeToString(val)
				}
			}
		}
	}
	return d, nil
}

func readSingle(list *cryptobyte.String) (single, error) {
	var s single
	var sr, certID, algSeq, nameHash, keyHash cryptobyte.String
	var hashOID encasn1.ObjectIdentifier
	if !list.ReadASN1(&sr, asn1.SEQUENCE) || !sr.ReadASN1(&certID, asn1.SEQUENCE) ||
		!certID.ReadASN1(&algSeq, asn1.SEQUENCE) || !algSeq.ReadASN1ObjectIdentifier(&hashOID) ||
		!certID.ReadASN1(&nameHash, asn1.OCTET_STRING) || !certID.ReadASN1(&keyHash, asn1.OCTET_STRING) {
		return s, errors.New("malformed CertID")
	}
	s.serial = new(big.Int)
	if !certID.ReadASN1Integer(s.serial) {
		return s, errors.New("malformed CertID serial number")
	}
	s.hashOID = hashOID.String()
	s.hash = ocspHashes[s.hashOID].h
	s.nameHash, s.keyHash = nameHash, keyHash
	var st cryptobyte.String
	var tag asn1.Tag
	if !sr.ReadAnyASN1(&st, &tag) {
		return s, errors.New("malformed certificate status")
	}
	switch tag {
	case asn1.Tag(0).ContextSpecific():
		s.status = ocsp.Good
	case asn1.Tag(2).ContextSpecific():
		s.status = ocsp.Unknown
	case asn1.Tag(1).Constructed().ContextSpecific():
		s.status = ocsp.Revoked
		t, err := readTime(&st)
		if err != nil {
			return s, fmt.Errorf("revocation time: %v", err)
		}
		s.revokedAt = t
		s.reason = -1
		if st.PeekASN1Tag(asn1.Tag(0).Constructed().ContextSpecific()) {
			var w cryptobyte.String
			var r int
			if st.ReadASN1(&w, asn1.Tag(0).Constructed().ContextSpecific()) && w.ReadASN1Enum(&r) {
				s.reason = int(r)
			}
		}
	default:
		return s, errors.New("unknown certificate status")
	}
	t, err := readTime(&sr)
	if err != nil {
		return s, fmt.Errorf("thisUpdate: %v", err)
	}
	s.this = t
	if sr.PeekASN1Tag(asn1.Tag(0).Constructed().ContextSpecific()) {
		var w cryptobyte.String
		sr.ReadASN1(&w, asn1.Tag(0).Constructed().ContextSpecific())
		if s.next, err = readTime(&w); err != nil {
			return s, fmt.Errorf("nextUpdate: %v", err)
		}
		s.hasNext = true
	}
	return s, nil
}

// spkiKeyBits returns the subjectPublicKey BIT STRING contents.
func spkiKeyBits(c *x509.Certificate) []byte {
	s := cryptobyte.String(c.RawSubjectPublicKeyInfo)
	var spki, alg cryptobyte.String
	var bits encasn1.BitString
	if !s.ReadASN1(&spki, asn1.SEQUENCE) || !spki.ReadASN1(&alg, asn1.SEQUENCE) || !spki.ReadASN1BitString(&bits) {
		return nil
	}
	return bits.Bytes
}

func hashOf(h crypto.Hash, b []byte) []byte {
	if h == 0 || !h.Available() {
		return nil
	}
	w := h.New()
	w.Write(b)
	return w.Sum(nil)
}

// issuerOf finds c's issuer among certs (by name and signature).
func issuerOf(c *x509.Certificate, certs []*x509.Certificate) *x509.Certificate {
	for _, cand := range certs {
		if sameName(cand.RawSubject, c.RawIssuer) && cand.CheckSignature(c.SignatureAlgorithm, c.RawTBSCertificate, c.Signature) == nil {
			return cand
		}
	}
	return nil
}

// certIDMatches says whether a CertID identifies c (issued by issuer, which may be nil).
func certIDMatches(s single, c, issuer *x509.Certificate) bool {
	if c.SerialNumber == nil || s.serial.Cmp(c.SerialNumber) != 0 {
		return false
	}
	if nh := hashOf(s.hash, c.RawIssuer); nh != nil && !bytes.Equal(nh, s.nameHash) {
		return false
	}
	if issuer != nil {
		if kh := hashOf(s.hash, spkiKeyBits(issuer)); kh != nil && !bytes.Equal(kh, s.keyHash) {
			return false
		}
	}
	return true
}

func hasOCSPSigning(c *x509.Certificate) bool {
	for _, e := range c.ExtKeyUsage {
		if e == x509.ExtKeyUsageOCSPSigning {
			return true
		}
	}
	return false
}

func hasExt(c *x509.Certificate, oid encasn1.ObjectIdentifier) bool {
	for _, e := range c.Extensions {
		if e.Id.Equal(oid) {
			return true
		}
	}
	return false
}

// MustStaple reports whether c has the TLS feature extension with status_request.
func MustStaple(c *x509.Certificate) bool {
	if c == nil {
		return false
	}
	for _, e := range c.Extensions {
		if !e.Id.Equal(oidTLSFeature) {
			continue
		}
		var features []int
		if _, err := encasn1.Unmarshal(e.Value, &features); err != nil {
			return false
		}
		for _, f := range features {
			if f == 5 {
				return true
			}
		}
	}
	return false
}

// ocspEval is what a response means for the leaf.
type ocspEval struct {
	doc      *ocspDoc
	used     *single
	ca       *x509.Certificate // the issuer PyMongo verifies against
	problems []string          // why PyMongo would reject it as a staple
}

// evaluate fills the info's signer, freshness and matching fields, following
// PyMongo's ocsp_support.py (_verify_response, _verify_response_signature).
func (d *ocspDoc) evaluate(opt Options, certs []*x509.Certificate, leafIssuer *x509.Certificate) *ocspEval {
	e := &ocspEval{doc: d}
	info := &d.info
	for i := range d.singles {
		s := &d.singles[i]
		for _, c := range certs {
			if certIDMatches(*s, c, issuerOf(c, certs)) {
				s.forCert = c
				break
			}
		}
		if opt.Leaf != nil && s.forCert != nil && bytes.Equal(s.forCert.Raw, opt.Leaf.Raw) {
			info.ForLeaf = true
			if e.used == nil {
				e.used = s
			}
		}
	}
	if e.used == nil {
		e.used = &d.singles[0]
	}
	for _, s := range d.singles {
		sr := SingleResponse{HashAlgorithm: ocspHashes[s.hashOID].name, IssuerNameHash: hex.EncodeToString(s.nameHash),
			IssuerKeyHash: hex.EncodeToString(s.keyHash), Serial: certid.SerialHex(s.serial), ThisUpdate: s.this}
		if sr.HashAlgorithm == "" {
			sr.HashAlgorithm = s.hashOID
		}
		switch s.status {
		case ocsp.Good:
			sr.Status = "good"
		case ocsp.Unknown:
			sr.Status = "unknown"
		default:
			sr.Status = "revoked"
			t := s.revokedAt
			sr.RevokedAt = &t
			if s.reason >= 0 {
				sr.Reason = reasonName(s.reason)
			}
		}
		if s.hasNext {
			n := s.next
			sr.NextUpdate = &n
		}
		if s.forCert != nil {
			sr.ForCert, sr.ForLabel = certid.Fingerprint(s.forCert), certid.Label(s.forCert)
		}
		info.Responses = append(info.Responses, sr)
	}
	if len(d.singles) > 1 {
		e.problems = append(e.problems, "multiple")
	}

	// The CA PyMongo checks against: the leaf's issuer; without a leaf, the
	// issuer of the certificate the response is for.
	ca := leafIssuer
	if opt.Leaf == nil && e.used.forCert != nil {
		ca = issuerOf(e.used.forCert, certs)
	}
	e.ca = ca
	algo, _ := sigAlgOf(d.sigAlg)
	verify := func(c *x509.Certificate) error {
		if ok, err := otherSignature(c, algo, d.sigAlg, d.tbs, d.sig); ok {
			return err
		}
		if algo == x509.UnknownSignatureAlgorithm {
			_, id := sigAlgOf(d.sigAlg)
			return fmt.Errorf("signature algorithm %s is not supported", id)
		}
		return c.CheckSignature(algo, d.tbs, d.sig)
	}
	if ca == nil {
		info.Signer = "unknown"
		e.problems = append(e.problems, "noIssuer")
	} else {
		byIssuer := (d.responderName != nil && sameName(d.responderName, ca.RawSubject)) ||
			(d.responderKey != nil && bytes.Equal(d.responderKey, e.used.keyHash))
		if byIssuer {
			info.Signer, info.SignerCert, info.SignerLabel = "issuer", certid.Fingerprint(ca), certid.Label(ca)
			if err := verify(ca); err != nil {
				info.SignatureError = err.Error()
				e.problems = append(e.problems, "badSignature")
			} else {
				info.SignatureValid = true
			}
		} else {
			info.Signer = "delegated"
			match := func(c *x509.Certificate) bool {
				if d.responderName != nil {
					return sameName(c.RawSubject, d.responderName)
				}
				h := sha1.Sum(spkiKeyBits(c))
				return bytes.Equal(h[:], d.responderKey)
			}
			var resp *x509.Certificate
			for _, c := range d.certs {
				if match(c) && sameName(c.RawIssuer, ca.RawSubject) {
					resp = c
					info.DelegateEmbedded = true
					break
				}
			}
			if resp == nil {
				for _, c := range certs {
					if match(c) {
						resp = c
						break
					}
				}
				if resp == nil {
					for _, c := range d.certs {
						if match(c) {
							resp = c
							break
						}
					}
				}
				e.problems = append(e.problems, "delegateNotEmbedded")
			}
			if resp == nil {
				info.Signer = "unknown"
			} else {
				info.SignerCert, info.SignerLabel = certid.Fingerprint(resp), certid.Label(resp)
				info.DelegateHasOCSPSigning = hasOCSPSigning(resp)
				info.DelegateNoCheck = hasExt(resp, oidOCSPNoCheck)
				info.DelegateIssuedByCA = sameName(resp.RawIssuer, ca.RawSubject) &&
					ca.CheckSignature(resp.SignatureAlgorithm, resp.RawTBSCertificate, resp.Signature) == nil
				if !info.DelegateHasOCSPSigning {
					e.problems = append(e.problems, "noOCSPSigning")
				}
				if !info.DelegateIssuedByCA {
					e.problems = append(e.problems, "delegateNotByCA")
				}
				if err := verify(resp); err != nil {
					info.SignatureError = err.Error()
					e.problems = append(e.problems, "badSignature")
				} else {
					info.SignatureValid = true
				}
			}
		}
	}
	if a, ok := signature.Parse(d.sigAlg); ok && a.PSS {
		e.problems = append(e.problems, "pss") // PyMongo verifies RSA as PKCS#1 v1.5 only
	}
	s := e.used
	info.NotYetValid = s.this.After(opt.At)
	info.Stale = s.hasNext && s.next.Before(opt.At)
	info.Fresh = !info.NotYetValid && !info.Stale
	if info.NotYetValid {
		e.problems = append(e.problems, "notYetValid")
	}
	if info.Stale {
		e.problems = append(e.problems, "stale")
	}
	info.ValidForPyMongo = len(e.problems) == 0
	return e
}
