package core

import (
	"crypto/x509"

	"certinspect/core/certid"

	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"
)

// badTimes reports whether a certificate's notBefore and notAfter are
// written otherwise than OpenSSL requires of X.509 times (UTCTime
// YYMMDDHHMMSSZ, GeneralizedTime YYYYMMDDHHMMSSZ). Go also reads a time
// without seconds or with an offset; OpenSSL's X509_cmp_time fails on it,
// and check_cert_time reports "format error in certificate's notBefore
// field" (13) or notAfter (14).
func badTimes(c *x509.Certificate) (before, after bool) {
	tbs := cryptobyte.String(c.RawTBSCertificate)
	var body, validity cryptobyte.String
	if !tbs.ReadASN1(&body, cbasn1.SEQUENCE) ||
		!body.SkipOptionalASN1(cbasn1.Tag(0).Constructed().ContextSpecific()) ||
		!body.SkipASN1(cbasn1.INTEGER) || !body.SkipASN1(cbasn1.SEQUENCE) || !body.SkipASN1(cbasn1.SEQUENCE) ||
		!body.ReadASN1(&validity, cbasn1.SEQUENCE) {
		return false, false
	}
	before = !strictTime(&validity)
	after = !strictTime(&validity)
	return before, after
}

// strictTime reads one time and reports whether OpenSSL accepts its form.
func strictTime(s *cryptobyte.String) bool {
	var v cryptobyte.String
	var tag cbasn1.Tag
	return s.ReadAnyASN1(&v, &tag) && certid.X509Time(tag, v)
}
