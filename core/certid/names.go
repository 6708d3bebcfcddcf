package certid

import (
	"crypto/x509/pkix"
	"encoding/asn1"
	"fmt"
	"math/big"
	"strings"

	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"
)

// CanonicalName renders a DER-encoded Name the way OpenSSL compares names:
// attribute types kept, string values lower-cased with runs of white space
// collapsed and trimmed, whatever ASN.1 string type they used. Two names are
// the same for OpenSSL when their canonical forms are equal.
func CanonicalName(raw []byte) string {
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

// AKIDIssuerSerial reads authorityCertIssuer (its first directoryName, as a
// CanonicalName) and authorityCertSerialNumber (as SerialHex) from a DER
// AuthorityKeyIdentifier, "" for what it does not give: X509_check_akid
// requires them of the issuer, for certificates and CRLs alike.
func AKIDIssuerSerial(der []byte) (issuer, serial string) {
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
				issuer = CanonicalName(name)
			}
			break
		}
	}
	if hasNum {
		v := new(big.Int).SetBytes(num)
		if len(num) > 0 && num[0]&0x80 != 0 { // a negative serial
			v.Sub(v, new(big.Int).Lsh(big.NewInt(1), uint(8*len(num))))
		}
		serial = SerialHex(v)
	}
	return issuer, serial
}

// X509Time reports whether a time element of this tag and content is
// written as OpenSSL requires of X.509 times: UTCTime YYMMDDHHMMSSZ,
// GeneralizedTime YYYYMMDDHHMMSSZ. Go also reads one without seconds or with
// an offset; OpenSSL's X509_cmp_time fails on it.
func X509Time(tag cbasn1.Tag, v []byte) bool {
	switch tag {
	case cbasn1.UTCTime:
		return len(v) == 13 && v[12] == 'Z'
	case cbasn1.GeneralizedTime:
		return len(v) == 15 && v[14] == 'Z'
	}
	return false
}
