package decode

import (
	"golang.org/x/crypto/cryptobyte"
	"golang.org/x/crypto/cryptobyte/asn1"
)

// Unreadable is a certificate crypto/x509 refused to parse.
type Unreadable struct {
	// Location is where it is in the file ("block 2 at line 15").
	Location string
	// Reason is the parser's error.
	Reason string
	// Subject is the DER of its subject Name (as x509.Certificate.RawSubject),
	// or nil when even the outline of the certificate cannot be read.
	Subject []byte
	// DER is the certificate as found.
	DER []byte
	// Index is its place among the file's certificates, readable or not
	// (0: the first).
	Index int
}

// rawSubject reads only the outline of a certificate, as far as its subject:
// SEQUENCE { tbsCertificate SEQUENCE { [0] version OPTIONAL, serialNumber,
// signature, issuer, validity, subject, ... }, ... } (RFC 5280 4.1), so that a
// certificate Go refuses for a detail (an empty name constraints extension, a
// negative serial) can still be matched to the certificate it issued.
func rawSubject(der []byte) []byte {
	in := cryptobyte.String(der)
	var cert, tbs, subject cryptobyte.String
	if !in.ReadASN1(&cert, asn1.SEQUENCE) || !cert.ReadASN1(&tbs, asn1.SEQUENCE) ||
		!tbs.SkipOptionalASN1(asn1.Tag(0).Constructed().ContextSpecific()) ||
		!tbs.SkipASN1(asn1.INTEGER) || // serialNumber (any sign)
		!tbs.SkipASN1(asn1.SEQUENCE) || // signature
		!tbs.SkipASN1(asn1.SEQUENCE) || // issuer
		!tbs.SkipASN1(asn1.SEQUENCE) || // validity
		!tbs.ReadASN1Element(&subject, asn1.SEQUENCE) {
		return nil
	}
	return []byte(subject)
}
