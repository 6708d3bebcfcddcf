// Package repair reads certificates Go's crypto/x509 refuses for a defect
// OpenSSL reads and then judges in a known way: it returns a repaired copy
// (the defect removed, so crypto/x509 parses it) that keeps the bytes as found
// (Raw, RawTBSCertificate, Signature: fingerprints and signature checks see
// the real certificate), and says what the defect was. What OpenSSL then does
// is modelled by its users: core's path evaluation adds OpenSSL's error in
// OpenSSL's order (core/defect.go, checked with openssl verify on
// testdata/pki/defect), core/keyfile reads a client certificate PyMongo loads.
//
// Defect kinds:
//   - "invalid": OpenSSL marks the certificate invalid (EXFLAG_INVALID: an
//     extension twice, a subjectAltName that does not decode), so no issuer
//     is ever found for it: "unable to get local issuer certificate".
//   - "criticalExt": an authority or subject key identifier or an authority
//     information access extension marked critical; OpenSSL does not handle
//     them as critical: "unhandled critical extension" (check_extensions).
//   - "sigAlgMismatch": the signature algorithm outside the TBS differs from
//     the one inside: "certificate signature failure" (internal_verify).
//   - "explicitCurve": an elliptic-curve key with the curve's parameters
//     written out instead of its name (P-256, P-384 or P-521; the copy names
//     the curve): "Certificate public key has explicit ECC parameters"
//     (check_extensions, between the CA and the purpose checks).
//   - "sanEntry": subjectAltName entries Go refuses (a URI it cannot parse,
//     an IP address of neither 4 nor 16 bytes, a non-ASCII URI, email
//     address or DNS name). OpenSSL reads them and never matches a host name
//     against them (a host is ASCII: a non-ASCII DNS name matches none), so
//     the copy leaves them out, remembering that a DNS name was there (then
//     OpenSSL does not fall back to the subject CN); but it does check them against name
//     constraints, so under a CA with name constraints the verdict is
//     undecided unless an earlier problem decides it.
package repair

import (
	"bytes"
	"crypto/elliptic"
	"crypto/x509"
	"encoding/asn1"
	"fmt"
	"math/big"
	"net"
	"net/url"
	"strconv"
	"strings"

	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"
)

// Defect is what made Go refuse a certificate.
type Defect struct {
	// Kind is one of the kinds above.
	Kind string
	// Reason is Go's parse error.
	Reason string
	// Ext names the extension concerned ("authorityKeyIdentifier"), or the
	// curve for "explicitCurve".
	Ext string
	// Dropped lists the subjectAltName entries left out ("sanEntry"), as
	// text; DNSDropped the DNS names among them, as found.
	Dropped    []string
	DNSDropped []string
}

var (
	oidExtAKI = asn1.ObjectIdentifier{2, 5, 29, 35}
	oidExtSKI = asn1.ObjectIdentifier{2, 5, 29, 14}
	oidExtAIA = asn1.ObjectIdentifier{1, 3, 6, 1, 5, 5, 7, 1, 1}
	oidExtSAN = asn1.ObjectIdentifier{2, 5, 29, 17}
)

// rawExtension is one Extension of a TBS, as found.
type rawExtension struct {
	oid      asn1.ObjectIdentifier
	critical bool
	value    []byte // the extnValue OCTET STRING's contents
}

// MongodRefuses is the error OpenSSL gives (x509err name) for a defect when
// mongod verifies a client certificate that has it (sanEntry: none); core
// and core/keyfile say so about the client certificate of a key file.
var MongodRefuses = map[string]string{
	"invalid":        "X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
	"criticalExt":    "X509_V_ERR_UNHANDLED_CRITICAL_EXTENSION",
	"sigAlgMismatch": "X509_V_ERR_CERT_SIGNATURE_FAILURE",
	"explicitCurve":  "X509_V_ERR_EC_KEY_EXPLICIT_PARAMS",
}

// Certificate returns a copy of der that crypto/x509 parses, with the bytes
// as found, and the defect it had; nil when the parse error is not one of
// the defects above (OpenSSL's answer is then not known here).
func Certificate(der []byte, reason string) (*x509.Certificate, *Defect) {
	cert := cryptobyte.String(der)
	var body, tbs, sigAlg cryptobyte.String
	if !cert.ReadASN1(&body, cbasn1.SEQUENCE) || !body.ReadASN1Element(&tbs, cbasn1.SEQUENCE) || !body.ReadASN1Element(&sigAlg, cbasn1.SEQUENCE) {
		return nil, nil
	}
	rest := []byte(body) // the signature BIT STRING
	var fields [][]byte  // TBS fields before the extensions, as found
	var exts []rawExtension
	in := tbs
	var content cryptobyte.String
	if !in.ReadASN1(&content, cbasn1.SEQUENCE) {
		return nil, nil
	}
	for !content.Empty() {
		var el cryptobyte.String
		var tag cbasn1.Tag
		if !content.ReadAnyASN1Element(&el, &tag) {
			return nil, nil
		}
		if tag != cbasn1.Tag(3).Constructed().ContextSpecific() {
			fields = append(fields, el)
			continue
		}
		var wrap, seq cryptobyte.String
		if !el.ReadASN1(&wrap, tag) || !wrap.ReadASN1(&seq, cbasn1.SEQUENCE) {
			return nil, nil
		}
		for !seq.Empty() {
			var e cryptobyte.String
			var x rawExtension
			var value cryptobyte.String
			if !seq.ReadASN1(&e, cbasn1.SEQUENCE) || !e.ReadASN1ObjectIdentifier(&x.oid) ||
				e.PeekASN1Tag(cbasn1.BOOLEAN) && !e.ReadASN1Boolean(&x.critical) || !e.ReadASN1(&value, cbasn1.OCTET_STRING) {
				return nil, nil
			}
			x.value = value
			exts = append(exts, x)
		}
	}
	d := &Defect{Reason: reason}
	innerAlg := []byte(sigAlg)
	switch {
	case strings.Contains(reason, "duplicate extension"):
		d.Kind = "invalid"
		seen := map[string]bool{}
		var kept []rawExtension
		for _, x := range exts {
			if seen[x.oid.String()] {
				d.Ext = extensionName(x.oid)
				continue
			}
			seen[x.oid.String()] = true
			kept = append(kept, x)
		}
		exts = kept
	case reason == "x509: invalid subject alternative names":
		d.Kind, d.Ext = "invalid", extensionName(oidExtSAN)
		var kept []rawExtension
		for _, x := range exts {
			if !x.oid.Equal(oidExtSAN) {
				kept = append(kept, x)
			}
		}
		exts = kept
	case strings.HasSuffix(reason, "incorrectly marked critical"):
		d.Kind = "criticalExt"
		for i, x := range exts {
			if x.critical && (x.oid.Equal(oidExtAKI) || x.oid.Equal(oidExtSKI) || x.oid.Equal(oidExtAIA)) {
				exts[i].critical = false
				d.Ext = extensionName(x.oid)
			}
		}
	case strings.HasPrefix(reason, "x509: cannot parse URI") || strings.HasPrefix(reason, "x509: cannot parse IP address of length") ||
		reason == "x509: SAN uniformResourceIdentifier is malformed" || reason == "x509: SAN rfc822Name is malformed" ||
		reason == "x509: SAN dNSName is malformed":
		d.Kind, d.Ext = "sanEntry", "subjectAltName"
		for i, x := range exts {
			if x.oid.Equal(oidExtSAN) {
				v, dropped, dns := dropSANEntries(x.value)
				if v == nil {
					return nil, nil
				}
				exts[i].value, d.Dropped, d.DNSDropped = v, dropped, dns
			}
		}
	case reason == "x509: invalid ECDSA parameters":
		d.Kind = "explicitCurve"
		i := 5 // serial, signature, issuer, validity, subject, key
		if len(fields) > 0 && bytes.HasPrefix(fields[0], []byte{0xa0}) {
			i = 6
		}
		if len(fields) <= i {
			return nil, nil
		}
		spki, curve := namedCurveSPKI(fields[i])
		if spki == nil {
			return nil, nil
		}
		fields[i], d.Ext = spki, curve
	case reason == "x509: inner and outer signature algorithm identifiers don't match":
		d.Kind = "sigAlgMismatch"
		if len(fields) < 3 {
			return nil, nil
		}
		innerAlg = fields[2] // version, serial, signature
		if !bytes.HasPrefix(fields[0], []byte{0xa0}) {
			innerAlg = fields[1]
		}
	default:
		return nil, nil
	}
	var b cryptobyte.Builder
	b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
		b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
			for _, f := range fields {
				b.AddBytes(f)
			}
			if len(exts) > 0 {
				b.AddASN1(cbasn1.Tag(3).Constructed().ContextSpecific(), func(b *cryptobyte.Builder) {
					b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
						for _, x := range exts {
							b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
								b.AddASN1ObjectIdentifier(x.oid)
								if x.critical {
									b.AddASN1Boolean(true)
								}
								b.AddASN1OctetString(x.value)
							})
						}
					})
				})
			}
		})
		b.AddBytes(innerAlg)
		b.AddBytes(rest)
	})
	repaired, err := b.Bytes()
	if err != nil {
		return nil, nil
	}
	c, err := x509.ParseCertificate(repaired)
	if err != nil {
		return nil, nil // another defect as well
	}
	c.Raw = der
	c.RawTBSCertificate = []byte(tbs)
	return c, d
}

// namedCurveSPKI rewrites an ecPublicKey SubjectPublicKeyInfo whose
// parameters are explicit ECParameters of P-256, P-384 or P-521 to name the
// curve instead; nil for anything else.
func namedCurveSPKI(spki []byte) ([]byte, string) {
	in := cryptobyte.String(spki)
	var body, alg, key, params cryptobyte.String
	var algOID asn1.ObjectIdentifier
	if !in.ReadASN1(&body, cbasn1.SEQUENCE) || !body.ReadASN1(&alg, cbasn1.SEQUENCE) || !body.ReadASN1Element(&key, cbasn1.BIT_STRING) ||
		!alg.ReadASN1ObjectIdentifier(&algOID) || !algOID.Equal(asn1.ObjectIdentifier{1, 2, 840, 10045, 2, 1}) || !alg.ReadASN1Element(&params, cbasn1.SEQUENCE) {
		return nil, ""
	}
	oid, name := NamedCurve(params)
	if oid == nil {
		return nil, ""
	}
	var b cryptobyte.Builder
	b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
		b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
			b.AddASN1ObjectIdentifier(algOID)
			b.AddASN1ObjectIdentifier(oid)
		})
		b.AddBytes(key)
	})
	out, err := b.Bytes()
	if err != nil {
		return nil, ""
	}
	return out, name
}

// NamedCurve returns the OID and name of the curve that explicit
// ECParameters (RFC 3279, the whole SEQUENCE) spell out, when it is P-256,
// P-384 or P-521 (told by the field prime and the order); nil otherwise.
// core/keyfile reads private keys with explicit parameters with it.
func NamedCurve(ecParameters []byte) (asn1.ObjectIdentifier, string) {
	in := cryptobyte.String(ecParameters)
	var params, fieldID, curve cryptobyte.String
	var version int64
	var fieldType asn1.ObjectIdentifier
	p, base, n := new(big.Int), cryptobyte.String(nil), new(big.Int)
	if !in.ReadASN1(&params, cbasn1.SEQUENCE) || !params.ReadASN1Integer(&version) ||
		!params.ReadASN1(&fieldID, cbasn1.SEQUENCE) || !fieldID.ReadASN1ObjectIdentifier(&fieldType) || !fieldID.ReadASN1Integer(p) ||
		!params.ReadASN1(&curve, cbasn1.SEQUENCE) || !params.ReadASN1(&base, cbasn1.OCTET_STRING) || !params.ReadASN1Integer(n) {
		return nil, ""
	}
	for _, c := range []struct {
		curve elliptic.Curve
		oid   asn1.ObjectIdentifier
	}{
		{elliptic.P256(), asn1.ObjectIdentifier{1, 2, 840, 10045, 3, 1, 7}},
		{elliptic.P384(), asn1.ObjectIdentifier{1, 3, 132, 0, 34}},
		{elliptic.P521(), asn1.ObjectIdentifier{1, 3, 132, 0, 35}},
	} {
		if c.curve.Params().P.Cmp(p) == 0 && c.curve.Params().N.Cmp(n) == 0 {
			return c.oid, c.curve.Params().Name
		}
	}
	return nil, ""
}

// dropSANEntries rewrites a subjectAltName value without the entries Go's
// parser refuses but OpenSSL never matches a host against: URIs that are not
// ASCII or do not parse as URLs (or whose host is not a domain name), IP
// addresses of neither 4 nor 16 bytes, non-ASCII email addresses and DNS
// names. It returns the new value, the entries left out, as text, and the DNS
// names among them; nil when the value does not decode.
func dropSANEntries(value []byte) (out []byte, dropped, dnsDropped []string) {
	in := cryptobyte.String(value)
	var seq cryptobyte.String
	if !in.ReadASN1(&seq, cbasn1.SEQUENCE) || !in.Empty() {
		return nil, nil, nil
	}
	var kept [][]byte
	for !seq.Empty() {
		var el, data cryptobyte.String
		var tag cbasn1.Tag
		if !seq.ReadAnyASN1Element(&el, &tag) {
			return nil, nil, nil
		}
		whole := el
		if !whole.ReadASN1(&data, tag) {
			return nil, nil, nil
		}
		switch tag {
		case cbasn1.Tag(6).ContextSpecific(): // uniformResourceIdentifier
			if !goReadsURI(string(data)) {
				dropped = append(dropped, "URI:"+Printable(data))
				continue
			}
		case cbasn1.Tag(7).ContextSpecific(): // iPAddress
			if len(data) != 4 && len(data) != 16 {
				dropped = append(dropped, fmt.Sprintf("IP Address:<%d bytes>", len(data)))
				continue
			}
		case cbasn1.Tag(2).ContextSpecific(): // dNSName
			if !ascii(data) {
				dropped, dnsDropped = append(dropped, "DNS:"+Printable(data)), append(dnsDropped, string(data))
				continue
			}
		case cbasn1.Tag(1).ContextSpecific(): // rfc822Name
			if !ascii(data) {
				dropped = append(dropped, "email:"+Printable(data))
				continue
			}
		}
		kept = append(kept, el)
	}
	var b cryptobyte.Builder
	b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
		for _, k := range kept {
			b.AddBytes(k)
		}
	})
	out, err := b.Bytes()
	if err != nil {
		return nil, nil, nil
	}
	return out, dropped, dnsDropped
}

// goReadsURI is crypto/x509's test of a URI name: ASCII, a URL, and a host
// (when there is one) that is a domain name or an IP address.
func goReadsURI(s string) bool {
	if !ascii([]byte(s)) {
		return false
	}
	u, err := url.Parse(s)
	if err != nil {
		return false
	}
	if h := u.Hostname(); h != "" && net.ParseIP(h) == nil {
		for _, label := range strings.Split(strings.TrimSuffix(h, "."), ".") {
			if label == "" {
				return false
			}
		}
	}
	return true
}

func ascii(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 {
			return false
		}
	}
	return true
}

// Printable quotes a name for a message, escaping what is not printable
// (control and bidirectional formatting characters, invalid UTF-8).
func Printable(b []byte) string {
	q := strconv.Quote(string(b))
	return q[1 : len(q)-1]
}

// extensionName names the extensions repairDefect deals with.
func extensionName(oid asn1.ObjectIdentifier) string {
	switch {
	case oid.Equal(oidExtAKI):
		return "authorityKeyIdentifier"
	case oid.Equal(oidExtSKI):
		return "subjectKeyIdentifier"
	case oid.Equal(oidExtAIA):
		return "authorityInfoAccess"
	case oid.Equal(oidExtSAN):
		return "subjectAltName"
	case oid.Equal(asn1.ObjectIdentifier{2, 5, 29, 15}):
		return "keyUsage"
	case oid.Equal(asn1.ObjectIdentifier{2, 5, 29, 19}):
		return "basicConstraints"
	}
	return oid.String()
}
