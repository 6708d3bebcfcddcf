package keyfile

import (
	"encoding/asn1"
	"encoding/hex"
	"fmt"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// attributeNames are OpenSSL's short names (what `-nameopt RFC2253` prints).
var attributeNames = map[string]string{
	"2.5.4.3":                    "CN",
	"2.5.4.4":                    "SN",
	"2.5.4.5":                    "serialNumber",
	"2.5.4.6":                    "C",
	"2.5.4.7":                    "L",
	"2.5.4.8":                    "ST",
	"2.5.4.9":                    "street",
	"2.5.4.10":                   "O",
	"2.5.4.11":                   "OU",
	"2.5.4.12":                   "title",
	"2.5.4.13":                   "description",
	"2.5.4.15":                   "businessCategory",
	"2.5.4.17":                   "postalCode",
	"2.5.4.41":                   "name",
	"2.5.4.42":                   "GN",
	"2.5.4.43":                   "initials",
	"2.5.4.44":                   "generationQualifier",
	"2.5.4.46":                   "dnQualifier",
	"2.5.4.65":                   "pseudonym",
	"2.5.4.97":                   "organizationIdentifier",
	"0.9.2342.19200300.100.1.1":  "UID",
	"0.9.2342.19200300.100.1.25": "DC",
	"1.2.840.113549.1.9.1":       "emailAddress",
	"1.3.6.1.4.1.311.60.2.1.1":   "jurisdictionL",
	"1.3.6.1.4.1.311.60.2.1.2":   "jurisdictionST",
	"1.3.6.1.4.1.311.60.2.1.3":   "jurisdictionC",
}

type attribute struct {
	Type  asn1.ObjectIdentifier
	Value asn1.RawValue
}

// RFC2253 renders a DER-encoded Name (a certificate's RawSubject or RawIssuer)
// exactly as `openssl x509 -noout -subject -nameopt RFC2253` prints it, which
// is the form MongoDB expects for a MONGODB-X509 user: RDNs last-to-first,
// multi-valued RDNs joined by '+', OpenSSL's short attribute names, RFC 2253
// escaping, bytes above 0x7F of UTF-8 text written as \XX, and attributes
// without a short name as dotted-OID=#hex-of-DER. Go's pkix.Name.String
// differs (attribute order, DC/UID/emailAddress as OIDs). An unparsable name
// gives "".
func RFC2253(rawName []byte) string {
	rdns, err := parseRDNs(rawName)
	if err != nil {
		return ""
	}
	type entry struct {
		set  int
		text string
	}
	var entries []entry
	for i, rdn := range rdns {
		for _, a := range rdn {
			entries = append(entries, entry{i, attributeText(a)})
		}
	}
	var b strings.Builder
	for i := len(entries) - 1; i >= 0; i-- {
		if i < len(entries)-1 {
			if entries[i].set == entries[i+1].set {
				b.WriteByte('+')
			} else {
				b.WriteByte(',')
			}
		}
		b.WriteString(entries[i].text)
	}
	return b.String()
}

// parseRDNs decodes Name ::= SEQUENCE OF SET OF AttributeTypeAndValue.
func parseRDNs(der []byte) ([][]attribute, error) {
	var seq asn1.RawValue
	if rest, err := asn1.Unmarshal(der, &seq); err != nil || len(rest) != 0 || seq.Tag != asn1.TagSequence {
		return nil, fmt.Errorf("not a name")
	}
	var out [][]attribute
	in := seq.Bytes
	for len(in) > 0 {
		var set asn1.RawValue
		var err error
		in, err = asn1.Unmarshal(in, &set)
		if err != nil || set.Tag != asn1.TagSet {
			return nil, fmt.Errorf("not a name")
		}
		var rdn []attribute
		s := set.Bytes
		for len(s) > 0 {
			var a attribute
			s, err = asn1.Unmarshal(s, &a)
			if err != nil {
				return nil, err
			}
			rdn = append(rdn, a)
		}
		out = append(out, rdn)
		if len(out) > 64 {
			return nil, fmt.Errorf("name too long")
		}
	}
	return out, nil
}

func attributeText(a attribute) string {
	name, known := attributeNames[a.Type.String()]
	if !known {
		return a.Type.String() + "=#" + strings.ToUpper(hex.EncodeToString(a.Value.FullBytes))
	}
	s, ok := decodeString(a.Value)
	if !ok {
		return name + "=#" + strings.ToUpper(hex.EncodeToString(a.Value.FullBytes))
	}
	return name + "=" + escape2253(s)
}

// decodeString converts the ASN.1 string types to UTF-8.
func decodeString(v asn1.RawValue) (string, bool) {
	if v.Class != asn1.ClassUniversal {
		return "", false
	}
	switch v.Tag {
	case asn1.TagUTF8String, asn1.TagPrintableString, asn1.TagIA5String, 26 /* VisibleString */, asn1.TagNumericString:
		return string(v.Bytes), true
	case asn1.TagT61String: // read as Latin-1, as OpenSSL does
		r := make([]rune, len(v.Bytes))
		for i, c := range v.Bytes {
			r[i] = rune(c)
		}
		return string(r), true
	case asn1.TagBMPString:
		if len(v.Bytes)%2 != 0 {
			return "", false
		}
		u := make([]uint16, len(v.Bytes)/2)
		for i := range u {
			u[i] = uint16(v.Bytes[2*i])<<8 | uint16(v.Bytes[2*i+1])
		}
		return string(utf16.Decode(u)), true
	case 28: // UniversalString
		if len(v.Bytes)%4 != 0 {
			return "", false
		}
		var b strings.Builder
		for i := 0; i < len(v.Bytes); i += 4 {
			r := rune(v.Bytes[i])<<24 | rune(v.Bytes[i+1])<<16 | rune(v.Bytes[i+2])<<8 | rune(v.Bytes[i+3])
			if !utf8.ValidRune(r) {
				r = utf8.RuneError
			}
			b.WriteRune(r)
		}
		return b.String(), true
	}
	return "", false
}

// escape2253 applies OpenSSL's ASN1_STRFLGS_RFC2253 escaping to UTF-8 text.
func escape2253(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 0x80 || c < 0x20 || c == 0x7f:
			fmt.Fprintf(&b, "\\%02X", c)
		case c == ',' || c == '+' || c == '"' || c == '\\' || c == '<' || c == '>' || c == ';':
			b.WriteByte('\\')
			b.WriteByte(c)
		case (c == '#' && i == 0) || (c == ' ' && (i == 0 || i == len(s)-1)):
			b.WriteByte('\\')
			b.WriteByte(c)
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}
