package core

import (
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"

	"certinspect/core/certid"
)

// nameString renders a DER-encoded name in RFC 4514 order, keeping every
// attribute (Go's pkix.Name drops multi-valued RDN structure).
func nameString(raw []byte) string {
	var seq pkix.RDNSequence
	if rest, err := asn1.Unmarshal(raw, &seq); err != nil || len(rest) > 0 {
		return "(unreadable name)"
	}
	return seq.String()
}

// certNames caches the canonical subject and issuer of a certificate, and
// what its authority key identifier says of the issuing CA's own issuer and
// serial number ("" where it does not say).
type certNames struct {
	subject, issuer        string
	akidIssuer, akidSerial string
}

func namesOf(c *x509.Certificate) certNames {
	n := certNames{subject: certid.CanonicalName(c.RawSubject), issuer: certid.CanonicalName(c.RawIssuer)}
	for _, e := range c.Extensions {
		if e.Id.Equal(oidExtAKI) {
			n.akidIssuer, n.akidSerial = certid.AKIDIssuerSerial(e.Value)
		}
	}
	return n
}

var oidExtAKI = asn1.ObjectIdentifier{2, 5, 29, 35}

// akidIssuerSerialMatch is the rest of X509_check_akid: the serial number
// and issuer name the subject's authority key identifier gives, if any, are
// the issuer's.
func akidIssuerSerialMatch(issuer, subject *node) bool {
	n := subject.names
	if n.akidSerial != "" && n.akidSerial != certid.SerialHex(issuer.cert.SerialNumber) {
		return false
	}
	return n.akidIssuer == "" || n.akidIssuer == issuer.names.issuer
}
