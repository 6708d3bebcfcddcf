package pemfile

import (
	encasn1 "encoding/asn1"

	"certinspect/core/i18n"

	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"
)

// Describe says, for a person, why OpenSSL's PEM reader stopped.
func (e *Error) Describe(p *i18n.Printer) string {
	a := i18n.Args{"type": e.Type, "begin": e.BeginLine}
	switch e.Reason {
	case BadBase64:
		return p.T("pem.err.base64", "the body of the {type} block that begins at line {begin} is not valid base64 (a character outside base64, or a character missing)", a)
	case BadEndLine:
		return p.T("pem.err.endLine", "the {type} block that begins at line {begin} has no matching -----END {type}----- line where OpenSSL expects it (the file is cut off, the END line names another type, or there is a stray blank line)", a)
	case NoData:
		return p.T("pem.err.noData", "the {type} block that begins at line {begin} has no base64 body that OpenSSL can decode (a blank line just before its END line, or a body that starts with a dash)", a)
	default:
		return p.T("pem.err.longLine", "a line of the {type} block that begins at line {begin} is longer than 64 characters after a blank line", a)
	}
}

// DescribeHeader says why a certificate or CRL block with a header stops
// OpenSSL (Store.BadHeader).
func DescribeHeader(b *Block, p *i18n.Printer) string {
	return p.T("pem.err.header", "the {type} block that begins here has header lines or a blank line inside it", i18n.Args{"type": b.Type})
}

// DescribeNotCertificate says why a CERTIFICATE block whose body is not a
// whole DER structure stops OpenSSL.
func DescribeNotCertificate(b *Block, p *i18n.Printer) string {
	return p.T("pem.err.notCert", "the {type} block that begins here does not hold a whole certificate (the data is cut off or is something else)", i18n.Args{"type": b.Type})
}

// DescribeBadTrust says why a TRUSTED CERTIFICATE block whose trust
// settings (after the certificate) cannot be read stops OpenSSL.
func DescribeBadTrust(b *Block, p *i18n.Printer) string {
	return p.T("pem.err.badTrust", "the {type} block that begins here holds a certificate followed by OpenSSL trust settings that cannot be read", i18n.Args{"type": b.Type})
}

// ReasonText is OpenSSL's text for the reason ("bad base64 decode"), "" for
// the reasons OpenSSL reports without one.
func (e *Error) ReasonText() string {
	switch e.Reason {
	case BadBase64:
		return "bad base64 decode"
	case BadEndLine:
		return "bad end line"
	}
	return ""
}

// DERFramed reports whether b starts with a signed structure, SEQUENCE {
// SEQUENCE, SEQUENCE, BIT STRING }, which OpenSSL's d2i_X509 and
// d2i_X509_CRL need at the least: a block whose body is cut off, or holds
// something else than a certificate or CRL, fails there.
func DERFramed(b []byte) bool {
	s := cryptobyte.String(b)
	var seq, tbs, alg cryptobyte.String
	var sig encasn1.BitString
	return s.ReadASN1(&seq, cbasn1.SEQUENCE) && seq.ReadASN1(&tbs, cbasn1.SEQUENCE) &&
		seq.ReadASN1(&alg, cbasn1.SEQUENCE) && seq.ReadASN1BitString(&sig) && seq.Empty()
}
