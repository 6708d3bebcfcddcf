package decode

import (
	"bytes"
	"encoding/asn1"
)

// This file holds a small, lenient ASN.1 header reader used to sniff what a
// DER object is and to explain why one is unreadable (truncated, trailing
// data, indefinite length). It never recurses: every sniff looks at a fixed
// number of levels (at most three) and a fixed number of children, so nesting
// depth and work are bounded by construction.

// ASN.1 tags (first identifier octet) that the sniffer looks at.
const (
	tagInteger     = 0x02
	tagBitString   = 0x03
	tagOctetString = 0x04
	tagNull        = 0x05
	tagOID         = 0x06
	tagEnumerated  = 0x0a
	tagUTCTime     = 0x17
	tagGenTime     = 0x18
	tagSequence    = 0x30
	tagSet         = 0x31
	tagContext0    = 0xa0 // [0] constructed
	tagContext1    = 0xa1 // [1] constructed
)

// maxChildren bounds how many children of one element the sniffer reads.
const maxChildren = 12

// elem is one ASN.1 element as far as it is present in the data.
type elem struct {
	tag    int // first identifier octet (high tag numbers are reported as 0x1f|class)
	hdr    int // header length (identifier + length octets)
	length int // declared content length (-1 for indefinite)
	// body is the content that is present: shorter than length when the data
	// is cut off.
	body []byte
	// full is true when the whole content is present.
	full bool
}

// total is the declared size of the element (header + content).
func (e elem) total() int { return e.hdr + e.length }

// headerProblem says why an element header could not be read.
type headerProblem int

const (
	hdrOK headerProblem = iota
	hdrEmpty
	hdrCut        // the data ends inside the header
	hdrIndefinite // BER indefinite length (0x80)
	hdrTooLong    // length of more than 4 octets, or more than 2 GiB
	hdrBadTag     // high tag number form that does not end
)

// readElem reads the element at the start of b. The element's content may be
// cut off (full == false) but its header must be complete.
func readElem(b []byte) (elem, headerProblem) {
	if len(b) == 0 {
		return elem{}, hdrEmpty
	}
	e := elem{tag: int(b[0])}
	i := 1
	if b[0]&0x1f == 0x1f {
		// High tag number form: base-128 octets with the top bit set until the last.
		for n := 0; ; n++ {
			if i >= len(b) {
				return e, hdrCut
			}
			if n >= 4 {
				return e, hdrBadTag
			}
			c := b[i]
			i++
			if c&0x80 == 0 {
				break
			}
		}
	}
	if i >= len(b) {
		return e, hdrCut
	}
	l := int(b[i])
	i++
	if l == 0x80 {
		e.hdr = i
		e.length = -1
		return e, hdrIndefinite
	}
	if l > 0x80 {
		n := l & 0x7f
		if n > 4 {
			return e, hdrTooLong
		}
		if i+n > len(b) {
			return e, hdrCut
		}
		l = 0
		for k := 0; k < n; k++ {
			l = l<<8 | int(b[i+k])
		}
		i += n
		if l < 0 || l > 1<<31-1 {
			return e, hdrTooLong
		}
	}
	e.hdr = i
	e.length = l
	rest := b[i:]
	if len(rest) >= l {
		e.body = rest[:l]
		e.full = true
	} else {
		e.body = rest
	}
	return e, hdrOK
}

// children reads up to maxChildren elements from body, stopping at the first
// element whose header is incomplete or unreadable. The last element returned
// may be cut off.
func children(body []byte) []elem {
	var out []elem
	for len(body) > 0 && len(out) < maxChildren {
		e, prob := readElem(body)
		if prob != hdrOK {
			break
		}
		out = append(out, e)
		if !e.full {
			break
		}
		body = body[e.total():]
	}
	return out
}

// kind is what a DER object is.
type kind int

const (
	kindUnknown kind = iota
	kindCertificate
	kindCRL
	kindOCSPResponse
	kindPKCS7
	kindPKCS7Other // a CMS/PKCS#7 content type other than signedData
	kindPKCS12
	kindPKCS8        // PrivateKeyInfo
	kindEncryptedKey // EncryptedPrivateKeyInfo
	kindPKCS1        // RSAPrivateKey
	kindDSAKey       // OpenSSL's DSA private key
	kindSEC1         // ECPrivateKey
	kindPublicKey    // SubjectPublicKeyInfo
	kindCSR          // PKCS#10
)

var (
	oidData       = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 7, 1}
	oidSignedData = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 7, 2}
	oidPKCS7      = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 7}
	oidCMSAuth    = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 16, 1}
)

// pkcs7TypeNames names the other PKCS#7 content types.
var pkcs7TypeNames = map[int]string{
	1: "data", 3: "envelopedData", 4: "signedAndEnvelopedData", 5: "digestedData", 6: "encryptedData",
}

// oidOf decodes the OID in e's body, or nil.
func oidOf(e elem) asn1.ObjectIdentifier {
	if e.tag != tagOID || !e.full || len(e.body) == 0 || len(e.body) > 64 {
		return nil
	}
	full := make([]byte, 0, e.hdr+len(e.body))
	full = append(full, byte(tagOID), byte(len(e.body)))
	full = append(full, e.body...)
	var oid asn1.ObjectIdentifier
	if rest, err := asn1.Unmarshal(full, &oid); err != nil || len(rest) != 0 {
		return nil
	}
	return oid
}

// smallInt returns the value of a short non-negative INTEGER, or -1.
func smallInt(e elem) int {
	if e.tag != tagInteger || !e.full || len(e.body) == 0 || len(e.body) > 2 || e.body[0]&0x80 != 0 {
		return -1
	}
	v := 0
	for _, c := range e.body {
		v = v<<8 | int(c)
	}
	return v
}

func isTime(tag int) bool { return tag == tagUTCTime || tag == tagGenTime }

// sniff says what the DER object at the start of b is. It looks only at the
// structure that is present, so a truncated certificate is still recognised
// as a certificate. It returns the PKCS#7 content type name for kindPKCS7Other.
func sniff(b []byte) (kind, string) {
	outer, prob := readElem(b)
	if prob != hdrOK || outer.tag != tagSequence {
		return kindUnknown, ""
	}
	c := children(outer.body)
	if len(c) == 0 {
		return kindUnknown, ""
	}
	switch c[0].tag {
	case tagEnumerated:
		// OCSPResponse ::= SEQUENCE { responseStatus ENUMERATED, responseBytes [0] EXPLICIT OPTIONAL }
		if len(c[0].body) == 1 && (len(c) == 1 || c[1].tag == tagContext0) {
			return kindOCSPResponse, ""
		}
	case tagOID:
		// ContentInfo ::= SEQUENCE { contentType OID, content [0] EXPLICIT ANY }
		oid := oidOf(c[0])
		if oid == nil {
			return kindUnknown, ""
		}
		if oid.Equal(oidSignedData) {
			return kindPKCS7, ""
		}
		if len(oid) == 7 && asn1.ObjectIdentifier(oid[:6]).Equal(oidPKCS7) {
			name := pkcs7TypeNames[oid[6]]
			if name == "" {
				name = oid.String()
			}
			return kindPKCS7Other, name
		}
		if len(oid) == 9 && asn1.ObjectIdentifier(oid[:8]).Equal(oidCMSAuth) {
			return kindPKCS7Other, oid.String()
		}
	case tagInteger:
		v := smallInt(c[0])
		switch {
		case v == 3 && len(c) >= 2 && c[1].tag == tagSequence:
			// PFX ::= SEQUENCE { version INTEGER {v3(3)}, authSafe ContentInfo, macData MacData OPTIONAL }
			if cc := children(c[1].body); len(cc) >= 1 {
				if oid := oidOf(cc[0]); oid != nil && (oid.Equal(oidData) || oid.Equal(oidSignedData)) {
					return kindPKCS12, ""
				}
			}
		case (v == 0 || v == 1) && len(c) >= 3 && c[1].tag == tagSequence && c[2].tag == tagOctetString:
			// PrivateKeyInfo ::= SEQUENCE { version, privateKeyAlgorithm AlgorithmIdentifier, privateKey OCTET STRING, ... }
			return kindPKCS8, ""
		case v == 1 && len(c) >= 2 && c[1].tag == tagOctetString:
			// ECPrivateKey ::= SEQUENCE { version 1, privateKey OCTET STRING, [0] parameters, [1] publicKey }
			return kindSEC1, ""
		case v == 0 && len(c) >= 4 && c[1].tag == tagInteger && c[2].tag == tagInteger && c[3].tag == tagInteger:
			n := 0
			for _, e := range c {
				if e.tag == tagInteger {
					n++
				}
			}
			if n == 6 && len(c) == 6 && c[5].full {
				return kindDSAKey, ""
			}
			return kindPKCS1, ""
		}
	case tagSequence:
		if len(c) == 2 && c[1].tag == tagBitString {
			// SubjectPublicKeyInfo ::= SEQUENCE { algorithm AlgorithmIdentifier, subjectPublicKey BIT STRING }
			if cc := children(c[0].body); len(cc) >= 1 && cc[0].tag == tagOID {
				return kindPublicKey, ""
			}
		}
		if len(c) == 2 && c[1].tag == tagOctetString {
			// EncryptedPrivateKeyInfo ::= SEQUENCE { encryptionAlgorithm AlgorithmIdentifier, encryptedData OCTET STRING }
			if cc := children(c[0].body); len(cc) >= 1 && cc[0].tag == tagOID {
				return kindEncryptedKey, ""
			}
		}
		// A signed object: SEQUENCE { tbs SEQUENCE, signatureAlgorithm, signature BIT STRING }.
		tbs := children(c[0].body)
		if len(tbs) == 0 {
			return kindUnknown, ""
		}
		if len(c) >= 2 && c[1].tag != tagSequence {
			return kindUnknown, ""
		}
		switch tbs[0].tag {
		case tagContext0:
			// TBSCertificate starts with [0] EXPLICIT version (v2, v3).
			return kindCertificate, ""
		case tagInteger:
			// v1 certificate: serial, signature, issuer, validity(SEQUENCE)
			// PKCS#10:       version 0, subject, SPKI, [0] attributes
			// v2 CRL:        version 1, signature, issuer, thisUpdate(Time)
			if len(tbs) >= 4 {
				switch {
				case tbs[3].tag == tagSequence && tbs[1].tag == tagSequence:
					return kindCertificate, ""
				case tbs[3].tag == tagContext0 && tbs[1].tag == tagSequence:
					return kindCSR, ""
				case isTime(tbs[3].tag):
					return kindCRL, ""
				}
			}
			if len(tbs) >= 2 && tbs[1].tag == tagSequence && len(tbs) < 4 {
				// Cut off before the fourth field: a serial number followed by an
				// AlgorithmIdentifier is most likely a v1 certificate.
				if sub := children(tbs[1].body); len(sub) >= 1 && sub[0].tag == tagOID {
					return kindCertificate, ""
				}
			}
		case tagSequence:
			// v1 CRL: signature, issuer, thisUpdate
			if len(tbs) >= 3 && isTime(tbs[2].tag) {
				return kindCRL, ""
			}
		}
	}
	return kindUnknown, ""
}

// outerProblem describes what is wrong with the outer framing of a DER object.
type outerProblem struct {
	kind     headerProblem
	expected int // declared total size
	got      int // bytes present
	trailing int // bytes after the object (not counting whitespace/NUL padding)
}

// checkOuter reads the outer element of b and returns its total size. ok is
// false when the header is unreadable or the object is cut off. Trailing
// whitespace and NUL padding after the object are ignored; other trailing
// bytes are reported in trailing.
func checkOuter(b []byte) (e elem, op outerProblem, ok bool) {
	e, prob := readElem(b)
	op.got = len(b)
	if prob != hdrOK {
		op.kind = prob
		return e, op, false
	}
	op.expected = e.total()
	if !e.full {
		return e, op, false
	}
	rest := bytes.TrimRight(b[e.total():], " \t\r\n\x00")
	op.trailing = len(rest)
	return e, op, true
}
