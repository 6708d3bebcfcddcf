package core

import (
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"fmt"
	"strings"
)

// canonicalName renders a DER-encoded Name the way OpenSSL compares names:
// attribute types kept, string values lower-cased with runs of white space
// collapsed and trimmed, whatever ASN.1 string type they used. Two names are
// the same for path building when their canonical forms are equal.
func canonicalName(raw []byte) string {
	var seq pkix.RDNSequence
	rest, err := asn1.Unmarshal(raw, &seq)
	if err != nil || len(rest) > 0 {
		return "\x00raw:" + string(raw)
	}
	var b strings.Builder
	for _, rdn := range seq {
		b.WriteByte('/')
		for i, atv := range rdn {
			if i > 0 {
				b.WriteByte('+')
			}
			b.WriteString(atv.Type.String())
			b.WriteByte('=')
			if s, ok := atv.Value.(string); ok {
				b.WriteString(strings.Join(strings.Fields(strings.ToLower(s)), " "))
			} else {
				fmt.Fprintf(&b, "%v", atv.Value)
			}
		}
	}
	return b.String()
}

// nameString renders a DER-encoded name in RFC 4514 order, keeping every
// attribute (Go's pkix.Name drops multi-valued RDN structure).
func nameString(raw []byte) string {
	var seq pkix.RDNSequence
	if rest, err := asn1.Unmarshal(raw, &seq); err != nil || len(rest) > 0 {
		return "(unreadable name)"
	}
	return seq.String()
}

// certNames caches the canonical subject and issuer of a certificate.
type certNames struct {
	subject, issuer string
}

func namesOf(c *x509.Certificate) certNames {
	return certNames{subject: canonicalName(c.RawSubject), issuer: canonicalName(c.RawIssuer)}
}
