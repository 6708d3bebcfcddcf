package core

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

	"certinspect/core/certid"
	"certinspect/core/decode"
	"certinspect/core/i18n"
	"certinspect/core/report"

	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"
)

// A server certificate that Go's parser refuses is often one OpenSSL reads
// and then refuses for a reason of its own, at a known point of
// X509_verify_cert. For those defects the server certificate is read through
// a repaired copy (the defect removed, so crypto/x509 parses it), keeping the
// bytes as found (Raw, RawTBSCertificate, Signature: fingerprints and
// signature checks see the real certificate), and the path evaluation adds
// OpenSSL's error for the defect in OpenSSL's order. Checked with openssl
// verify on the fixtures of testdata/pki/defect (TestDefectiveLeafAsOpenSSL).
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
//     undecided unless an earlier problem decides it ("sanConstrained").
type defect struct {
	kind   string
	reason string // Go's parse error
	// ext names the extension concerned ("authority key identifier"), for
	// duplicate and critical extensions.
	ext string
	// dropped lists the subjectAltName entries left out ("sanEntry"), as
	// text; dnsDropped the DNS names among them, as found.
	dropped    []string
	dnsDropped []string
	// file and location say where the certificate is; leaf is set for the
	// server's own certificate.
	file, location string
	leaf           bool
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

// repairDefect returns a copy of der that crypto/x509 parses, with the bytes
// as found, and the defect it had; nil when the parse error is not one of
// the defects above (OpenSSL's answer is then not known here).
func repairDefect(der []byte, reason string) (*x509.Certificate, *defect) {
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
	d := &defect{reason: reason}
	innerAlg := []byte(sigAlg)
	switch {
	case strings.Contains(reason, "duplicate extension"):
		d.kind = "invalid"
		seen := map[string]bool{}
		var kept []rawExtension
		for _, x := range exts {
			if seen[x.oid.String()] {
				d.ext = extensionName(x.oid)
				continue
			}
			seen[x.oid.String()] = true
			kept = append(kept, x)
		}
		exts = kept
	case reason == "x509: invalid subject alternative names":
		d.kind, d.ext = "invalid", extensionName(oidExtSAN)
		var kept []rawExtension
		for _, x := range exts {
			if !x.oid.Equal(oidExtSAN) {
				kept = append(kept, x)
			}
		}
		exts = kept
	case strings.HasSuffix(reason, "incorrectly marked critical"):
		d.kind = "criticalExt"
		for i, x := range exts {
			if x.critical && (x.oid.Equal(oidExtAKI) || x.oid.Equal(oidExtSKI) || x.oid.Equal(oidExtAIA)) {
				exts[i].critical = false
				d.ext = extensionName(x.oid)
			}
		}
	case strings.HasPrefix(reason, "x509: cannot parse URI") || strings.HasPrefix(reason, "x509: cannot parse IP address of length") ||
		reason == "x509: SAN uniformResourceIdentifier is malformed" || reason == "x509: SAN rfc822Name is malformed" ||
		reason == "x509: SAN dNSName is malformed":
		d.kind, d.ext = "sanEntry", "subjectAltName"
		for i, x := range exts {
			if x.oid.Equal(oidExtSAN) {
				v, dropped, dns := dropSANEntries(x.value)
				if v == nil {
					return nil, nil
				}
				exts[i].value, d.dropped, d.dnsDropped = v, dropped, dns
			}
		}
	case reason == "x509: invalid ECDSA parameters":
		d.kind = "explicitCurve"
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
		fields[i], d.ext = spki, curve
	case reason == "x509: inner and outer signature algorithm identifiers don't match":
		d.kind = "sigAlgMismatch"
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
// parameters are explicit ECParameters (RFC 3279) of P-256, P-384 or P-521
// (told by the field prime and the order) to name the curve instead; nil
// for anything else.
func namedCurveSPKI(spki []byte) ([]byte, string) {
	in := cryptobyte.String(spki)
	var body, alg, key cryptobyte.String
	var algOID asn1.ObjectIdentifier
	if !in.ReadASN1(&body, cbasn1.SEQUENCE) || !body.ReadASN1(&alg, cbasn1.SEQUENCE) || !body.ReadASN1Element(&key, cbasn1.BIT_STRING) ||
		!alg.ReadASN1ObjectIdentifier(&algOID) || !algOID.Equal(asn1.ObjectIdentifier{1, 2, 840, 10045, 2, 1}) {
		return nil, ""
	}
	var params, fieldID, curve cryptobyte.String
	var version int64
	var fieldType asn1.ObjectIdentifier
	p, base, n := new(big.Int), cryptobyte.String(nil), new(big.Int)
	if !alg.ReadASN1(&params, cbasn1.SEQUENCE) || !params.ReadASN1Integer(&version) ||
		!params.ReadASN1(&fieldID, cbasn1.SEQUENCE) || !fieldID.ReadASN1ObjectIdentifier(&fieldType) || !fieldID.ReadASN1Integer(p) ||
		!params.ReadASN1(&curve, cbasn1.SEQUENCE) || !params.ReadASN1(&base, cbasn1.OCTET_STRING) || !params.ReadASN1Integer(n) {
		return nil, ""
	}
	var oid asn1.ObjectIdentifier
	var name string
	for _, c := range []struct {
		curve elliptic.Curve
		oid   asn1.ObjectIdentifier
	}{
		{elliptic.P256(), asn1.ObjectIdentifier{1, 2, 840, 10045, 3, 1, 7}},
		{elliptic.P384(), asn1.ObjectIdentifier{1, 3, 132, 0, 34}},
		{elliptic.P521(), asn1.ObjectIdentifier{1, 3, 132, 0, 35}},
	} {
		if c.curve.Params().P.Cmp(p) == 0 && c.curve.Params().N.Cmp(n) == 0 {
			oid, name = c.oid, c.curve.Params().Name
		}
	}
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
				dropped = append(dropped, "URI:"+printable(data))
				continue
			}
		case cbasn1.Tag(7).ContextSpecific(): // iPAddress
			if len(data) != 4 && len(data) != 16 {
				dropped = append(dropped, fmt.Sprintf("IP Address:<%d bytes>", len(data)))
				continue
			}
		case cbasn1.Tag(2).ContextSpecific(): // dNSName
			if !ascii(data) {
				dropped, dnsDropped = append(dropped, "DNS:"+printable(data)), append(dnsDropped, string(data))
				continue
			}
		case cbasn1.Tag(1).ContextSpecific(): // rfc822Name
			if !ascii(data) {
				dropped = append(dropped, "email:"+printable(data))
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

// printable quotes a name for a message, escaping what is not printable
// (control and bidirectional formatting characters, invalid UTF-8).
func printable(b []byte) string {
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
	case oid.Equal(oidKeyUsage):
		return "keyUsage"
	case oid.Equal(oidBasicConstraints):
		return "basicConstraints"
	}
	return oid.String()
}

// readDefectiveCertificates reads, through a repaired copy, the certificates
// of the server chain, the CA file and the CRL file (whose certificates join
// the trust store) that Go's parser refuses for a defect OpenSSL is known to
// handle; the copy takes the certificate's place among the file's
// certificates. The server's own certificate (the first of the server chain,
// issuing none of the others) may also lose subjectAltName entries; when it
// cannot be repaired, it is the unreadable leaf and the chain is undecided.
// A certificate that cannot be repaired otherwise stays unreadable.
func (in *inspection) readDefectiveCertificates() {
	firstChain := true
	for _, it := range in.inputs {
		switch it.role {
		case RoleServerChain, RoleCAFile, RoleCRLFile:
		default:
			continue
		}
		leafFile := it.role == RoleServerChain && firstChain
		if it.role == RoleServerChain {
			firstChain = false
		}
		if it.dec == nil || len(it.dec.Unreadable) == 0 {
			continue
		}
		var left []decode.Unreadable
		for _, u := range it.dec.Unreadable {
			leaf := leafFile && u.Index == 0 && !issuesAnother(u.Subject, it.dec.Certs)
			c, d := repairDefect(u.DER, u.Reason)
			if c != nil && !leaf && d.kind == "sanEntry" {
				c = nil // only the server's own names are matched against a host
			}
			if c == nil {
				if leaf {
					in.unreadableLeaf = &unreadableCert{file: it.file.Name, Unreadable: u}
				}
				left = append(left, u)
				continue
			}
			d.file, d.location, d.leaf = it.file.Name, u.Location, leaf
			fp := certid.Fingerprint(c)
			in.defects[fp] = d
			insertCertificate(it.dec, c, u.Location, fp, u.Index-len(left))
			it.dec.Errors = in.defectIssues(it, u.Location, d)
		}
		it.dec.Unreadable = left
		it.dec.Summary = decode.Summarize(it.dec, in.p)
	}
}

// insertCertificate puts a repaired certificate where it was in the file:
// before the idx-th certificate item (counting the items there are).
func insertCertificate(dec *decode.Result, c *x509.Certificate, loc, fp string, idx int) {
	pos, n := len(dec.Items), 0
	for i, item := range dec.Items {
		if item.Kind != "certificate" {
			continue
		}
		if n == idx {
			pos = i
			break
		}
		n++
	}
	item := report.Item{Kind: "certificate", Location: loc, PEMType: "CERTIFICATE", Ref: fp}
	dec.Items = append(dec.Items[:pos:pos], append([]report.Item{item}, dec.Items[pos:]...)...)
	// Certs: each certificate once, in the order of the items.
	byFP := map[string]decode.Cert{fp: {Cert: c, Raw: c.Raw, Location: loc, PEMType: "CERTIFICATE"}}
	for _, x := range dec.Certs {
		byFP[certid.Fingerprint(x.Cert)] = x
	}
	certs := make([]decode.Cert, 0, len(byFP))
	seen := map[string]bool{}
	for _, item := range dec.Items {
		if x, ok := byFP[item.Ref]; ok && item.Kind == "certificate" && !seen[item.Ref] {
			seen[item.Ref] = true
			certs = append(certs, x)
		}
	}
	dec.Certs = certs
}

// defectIssues rewrites the file's parse error for a repaired certificate:
// the server's own certificate is explained by the chain checks (only left-out
// subjectAltName entries stay a warning); a CA certificate keeps a warning
// saying what OpenSSL does with it.
func (in *inspection) defectIssues(it *input, loc string, d *defect) []report.Issue {
	p := in.p
	var out []report.Issue
	for _, e := range it.dec.Errors {
		switch {
		case e.Location != loc:
			out = append(out, e)
		case d.leaf && d.kind == "sanEntry":
			// Read, but not all of it.
			args := i18n.Args{"entries": strings.Join(d.dropped, ", "), "reason": d.reason}
			advice := p.T("defect.sanEntry.advice", "Have the certificate reissued without them: the Go driver and other strict clients cannot read it at all. To see them with OpenSSL:", nil)
			if len(d.dnsDropped) > 0 {
				var idna []string
				for _, n := range d.dnsDropped {
					idna = append(idna, "DNS:"+printable([]byte(idnaHost(n))))
				}
				args["idna"] = strings.Join(idna, ", ")
				advice = p.T("defect.sanEntry.adviceIDNA", "Have the certificate reissued with each DNS name in its IDNA (xn--) form, the form clients connect with ({idna}): the Go driver and other strict clients cannot read it at all as it is. To see the names with OpenSSL:", args)
			}
			out = append(out, report.Issue{Location: loc,
				Message: p.T("defect.sanEntry.message", "the server certificate's subjectAltName holds entries Go's parser refuses ({entries}: {reason}); they are left out here. OpenSSL reads the certificate, and no host name can match such entries", args),
				Advice:  advice,
				Command: "openssl x509 -noout -ext subjectAltName -in " + shellQuote(it.file.Name)})
		case !d.leaf:
			args := i18n.Args{"reason": d.reason}
			out = append(out, report.Issue{Location: loc,
				Message: p.T("defect.ca.message", "a certificate Go's parser refuses ({reason}); OpenSSL loads it but refuses any chain through it, and it is read here as OpenSSL reads it", args),
				Advice:  p.T("defect.ca.advice", "Have the certificate reissued following RFC 5280. To see it with OpenSSL:", nil),
				Command: "openssl x509 -noout -text -in " + shellQuote(it.file.Name)})
		}
	}
	return out
}

// issuesAnother reports whether a certificate with this subject issued one of
// certs (other than itself): then it is an intermediate, not the server's.
func issuesAnother(subject []byte, certs []decode.Cert) bool {
	for _, c := range certs {
		if subject != nil && bytes.Equal(c.Cert.RawIssuer, subject) && !bytes.Equal(c.Cert.RawSubject, subject) {
			return true
		}
	}
	return false
}
