package decode

import (
	encasn1 "encoding/asn1"
	"errors"

	"golang.org/x/crypto/cryptobyte"
	"golang.org/x/crypto/cryptobyte/asn1"
)

// pkcs7Contents is what a PKCS#7 / CMS SignedData holds that matters here.
type pkcs7Contents struct {
	certs [][]byte // DER certificates, in order
	crls  [][]byte // DER CRLs, in order
	// otherCerts counts CertificateChoices that are not X.509 certificates
	// (attribute certificates, other formats); they are skipped.
	otherCerts int
	// truncatedCerts is true when maxCerts stopped the reading.
	truncatedCerts bool
}

var errBERIndefinite = errors.New("indefinite length")

// parsePKCS7 extracts the certificates and CRLs of a PKCS#7 SignedData
// (RFC 2315, RFC 5652) in DER. It reads a fixed structure, so its depth is
// bounded; it reads at most maxCerts certificates and maxCerts CRLs.
//
//	ContentInfo ::= SEQUENCE { contentType OID, content [0] EXPLICIT SignedData }
//	SignedData ::= SEQUENCE { version INTEGER, digestAlgorithms SET,
//	    encapContentInfo SEQUENCE, certificates [0] IMPLICIT SET OF CertificateChoices OPTIONAL,
//	    crls [1] IMPLICIT SET OF RevocationInfoChoice OPTIONAL, signerInfos SET }
func parsePKCS7(der []byte, maxCerts int) (*pkcs7Contents, string, error) {
	if hasIndefiniteLength(der) {
		return nil, "", errBERIndefinite
	}
	in := cryptobyte.String(der)
	var ci cryptobyte.String
	if !in.ReadASN1(&ci, asn1.SEQUENCE) {
		return nil, "", errors.New("not a DER SEQUENCE")
	}
	var oid encasn1.ObjectIdentifier
	if !ci.ReadASN1ObjectIdentifier(&oid) {
		return nil, "", errors.New("no content type")
	}
	if !oid.Equal(oidSignedData) {
		return nil, oid.String(), errors.New("not signedData")
	}
	out := &pkcs7Contents{}
	var content cryptobyte.String
	var present bool
	if !ci.ReadOptionalASN1(&content, &present, asn1.Tag(0).Constructed().ContextSpecific()) {
		return nil, "", errors.New("bad content field")
	}
	if !present {
		return out, "", nil
	}
	var sd cryptobyte.String
	if !content.ReadASN1(&sd, asn1.SEQUENCE) {
		return nil, "", errors.New("SignedData is not a SEQUENCE")
	}
	var version int64
	if !sd.ReadASN1Int64WithTag(&version, asn1.INTEGER) {
		return nil, "", errors.New("SignedData has no version")
	}
	if !sd.SkipASN1(asn1.SET) {
		return nil, "", errors.New("SignedData has no digestAlgorithms")
	}
	if !sd.SkipASN1(asn1.SEQUENCE) {
		return nil, "", errors.New("SignedData has no encapContentInfo")
	}
	var certs cryptobyte.String
	if !sd.ReadOptionalASN1(&certs, &present, asn1.Tag(0).Constructed().ContextSpecific()) {
		return nil, "", errors.New("bad certificates field")
	}
	for !certs.Empty() {
		var el cryptobyte.String
		var tag asn1.Tag
		if !certs.ReadAnyASN1Element(&el, &tag) {
			return out, "", errors.New("bad certificate in the certificates field")
		}
		if tag != asn1.SEQUENCE {
			out.otherCerts++
			continue
		}
		if len(out.certs) >= maxCerts {
			out.truncatedCerts = true
			break
		}
		out.certs = append(out.certs, []byte(el))
	}
	var crls cryptobyte.String
	if !sd.ReadOptionalASN1(&crls, &present, asn1.Tag(1).Constructed().ContextSpecific()) {
		return out, "", errors.New("bad crls field")
	}
	for !crls.Empty() && len(out.crls) < maxCerts {
		var el cryptobyte.String
		var tag asn1.Tag
		if !crls.ReadAnyASN1Element(&el, &tag) {
			return out, "", errors.New("bad CRL in the crls field")
		}
		if tag == asn1.SEQUENCE {
			out.crls = append(out.crls, []byte(el))
		}
	}
	return out, "", nil
}

// hasIndefiniteLength reports whether the first levels of der use BER's
// indefinite length (0x80), as some Windows and Java tools write PKCS#7. It
// only follows the first child at each level, to a bounded depth.
func hasIndefiniteLength(der []byte) bool {
	b := der
	for depth := 0; depth < 8 && len(b) > 0; depth++ {
		e, prob := readElem(b)
		if prob == hdrIndefinite {
			return true
		}
		if prob != hdrOK || e.tag&0x20 == 0 {
			return false
		}
		// Look at the children at this level for an indefinite one, then go
		// down into the last constructed child (the content of ContentInfo,
		// the SignedData, ...).
		body := e.body
		var next []byte
		for i := 0; i < maxChildren && len(body) > 0; i++ {
			c, p := readElem(body)
			if p == hdrIndefinite {
				return true
			}
			if p != hdrOK || !c.full {
				break
			}
			if c.tag&0x20 != 0 {
				next = body[:c.total()]
			}
			body = body[c.total():]
		}
		b = next
	}
	return false
}
