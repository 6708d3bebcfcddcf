package core

import (
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"fmt"
	"math/big"
	"strings"

	"certinspect/core/certid"

	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"
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

// certNames caches the canonical subject and issuer of a certificate, and
// what its authority key identifier says of the issuing CA's own issuer and
// serial number ("" where it does not say).
type certNames struct {
	subject, issuer        string
	akidIssuer, akidSerial string
}

func namesOf(c *x509.Certificate) certNames {
	n := certNames{subject: canonicalName(c.RawSubject), issuer: canonicalName(c.RawIssuer)}
	for _, e := range c.Extensions {
		if e.Id.Equal(oidExtAKI) {
			n.akidIssuer, n.akidSerial = akidIssuerSerial(e.Value)
		}
	}
	return n
}

var oidExtAKI = asn1.ObjectIdentifier{2, 5, 29, 35}

// akidIssuerSerial reads authorityCertIssuer (its first directoryName, in
// canonical form) and authorityCertSerialNumber from an
// AuthorityKeyIdentifier, as X509_check_akid uses them.
func akidIssuerSerial(der []byte) (issuer, serial string) {
	in := cryptobyte.String(der)
	var akid cryptobyte.String
	if !in.ReadASN1(&akid, cbasn1.SEQUENCE) {
		return "", ""
	}
	var gens, num cryptobyte.String
	var hasGens, hasNum bool
	if !akid.SkipOptionalASN1(cbasn1.Tag(0).ContextSpecific()) ||
		!akid.ReadOptionalASN1(&gens, &hasGens, cbasn1.Tag(1).Constructed().ContextSpecific()) ||
		!akid.ReadOptionalASN1(&num, &hasNum, cbasn1.Tag(2).ContextSpecific()) {
		return "", ""
	}
	for hasGens && !gens.Empty() {
		var gen cryptobyte.String
		var tag cbasn1.Tag
		if !gens.ReadAnyASN1(&gen, &tag) {
			break
		}
		if tag == cbasn1.Tag(4).Constructed().ContextSpecific() {
			var name cryptobyte.String
			if gen.ReadASN1Element(&name, cbasn1.SEQUENCE) {
				issuer = canonicalName(name)
			}
			break
		}
	}
	if hasNum {
		v := new(big.Int).SetBytes(num)
		if len(num) > 0 && num[0]&0x80 != 0 { // a negative serial
			v.Sub(v, new(big.Int).Lsh(big.NewInt(1), uint(8*len(num))))
		}
		serial = certid.SerialHex(v)
	}
	return issuer, serial
}

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
