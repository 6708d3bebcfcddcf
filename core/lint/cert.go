package lint

import (
	"bytes"
	"crypto/x509"
	"encoding/asn1"
	"fmt"
	"strings"

	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"

	"certinspect/core/i18n"
	"certinspect/core/report"
	"certinspect/core/x509err"
)

// Extension OIDs the rules look at.
var (
	oidSKI              = asn1.ObjectIdentifier{2, 5, 29, 14}
	oidKeyUsage         = asn1.ObjectIdentifier{2, 5, 29, 15}
	oidSAN              = asn1.ObjectIdentifier{2, 5, 29, 17}
	oidBasicConstraints = asn1.ObjectIdentifier{2, 5, 29, 19}
	oidNameConstraints  = asn1.ObjectIdentifier{2, 5, 29, 30}
	oidAKI              = asn1.ObjectIdentifier{2, 5, 29, 35}
	oidEKU              = asn1.ObjectIdentifier{2, 5, 29, 37}
	oidEmailAddress     = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 1}
)

// ext returns the extension with the given OID, or nil.
func ext(c *x509.Certificate, oid asn1.ObjectIdentifier) *ExtensionRef {
	for i := range c.Extensions {
		if c.Extensions[i].Id.Equal(oid) {
			e := c.Extensions[i]
			return &ExtensionRef{Critical: e.Critical, Value: e.Value}
		}
	}
	return nil
}

// ExtensionRef is the part of an extension the rules need.
type ExtensionRef struct {
	Critical bool
	Value    []byte
}

// selfIssued reports whether subject and issuer are the same name.
func selfIssued(c *x509.Certificate) bool {
	return bytes.Equal(c.RawSubject, c.RawIssuer)
}

// selfSigned reports whether c is self-issued and its signature verifies with
// its own key.
func selfSigned(c *x509.Certificate) bool {
	return selfIssued(c) && c.CheckSignatureFrom(c) == nil
}

// role names the position for texts: "server certificate", "intermediate CA
// certificate", "root CA certificate".
func role(pos Position, p *i18n.Printer) string {
	switch {
	case pos.IsLeaf:
		return p.T("lint.role.leaf", "server certificate", nil)
	case pos.IsRoot:
		return p.T("lint.role.root", "root CA certificate", nil)
	default:
		return p.T("lint.role.intermediate", "intermediate CA certificate", nil)
	}
}

func opensslErr(name string) *report.OpenSSLError {
	return x509err.Must(name).Report()
}

// keyUsagePresent reports whether the keyUsage extension is present (Go's
// KeyUsage field is 0 both when it is absent and when it is empty).
func keyUsagePresent(c *x509.Certificate) bool { return ext(c, oidKeyUsage) != nil }

// basicConstraints reads the raw extension: whether it is present, critical,
// its cA flag and whether a pathLenConstraint is present.
type bcInfo struct {
	Present, Critical, CA, HasPathLen bool
}

func basicConstraints(c *x509.Certificate) bcInfo {
	e := ext(c, oidBasicConstraints)
	if e == nil {
		return bcInfo{}
	}
	info := bcInfo{Present: true, Critical: e.Critical}
	s := cryptobyte.String(e.Value)
	var seq cryptobyte.String
	if !s.ReadASN1(&seq, cbasn1.SEQUENCE) {
		return info
	}
	if seq.PeekASN1Tag(cbasn1.BOOLEAN) {
		var b bool
		if seq.ReadASN1Boolean(&b) {
			info.CA = b
		}
	}
	info.HasPathLen = seq.PeekASN1Tag(cbasn1.INTEGER)
	return info
}

// tbsInfo is what the rules need from the raw TBSCertificate that Go's parsed
// certificate does not keep: the encoded serial, unique identifiers, and
// whether an extensions field exists (Go ignores it in v1/v2 certificates).
type tbsInfo struct {
	OK             bool
	Version        int // encoded version + 1 (1, 2, 3)
	SerialOctets   int
	IssuerUID      bool
	SubjectUID     bool
	HasExtensions  bool
	ExtensionCount int
}

func parseTBS(raw []byte) tbsInfo {
	var info tbsInfo
	s := cryptobyte.String(raw)
	var tbs cryptobyte.String
	if !s.ReadASN1(&tbs, cbasn1.SEQUENCE) {
		return info
	}
	info.Version = 1
	if tbs.PeekASN1Tag(cbasn1.Tag(0).Constructed().ContextSpecific()) {
		var v cryptobyte.String
		var n int
		if !tbs.ReadASN1(&v, cbasn1.Tag(0).Constructed().ContextSpecific()) || !v.ReadASN1Integer(&n) {
			return info
		}
		info.Version = n + 1
	}
	var serial cryptobyte.String
	if !tbs.ReadASN1(&serial, cbasn1.INTEGER) {
		return info
	}
	info.SerialOctets = len(serial)
	// signature, issuer, validity, subject, subjectPublicKeyInfo
	for i := 0; i < 5; i++ {
		if !tbs.SkipASN1(cbasn1.SEQUENCE) {
			return info
		}
	}
	for !tbs.Empty() {
		var tag cbasn1.Tag
		var body cryptobyte.String
		if !tbs.ReadAnyASN1(&body, &tag) {
			return info
		}
		switch tag {
		case cbasn1.Tag(1).ContextSpecific(), cbasn1.Tag(1).ContextSpecific().Constructed():
			info.IssuerUID = true
		case cbasn1.Tag(2).ContextSpecific(), cbasn1.Tag(2).ContextSpecific().Constructed():
			info.SubjectUID = true
		case cbasn1.Tag(3).ContextSpecific().Constructed():
			info.HasExtensions = true
			var exts cryptobyte.String
			if body.ReadASN1(&exts, cbasn1.SEQUENCE) {
				for !exts.Empty() && exts.SkipASN1(cbasn1.SEQUENCE) {
					info.ExtensionCount++
				}
			}
		}
	}
	info.OK = true
	return info
}

// quoteList renders names for a message: "a.example", "b.example".
func quoteList(names []string) string {
	const max = 5
	q := make([]string, 0, len(names))
	for i, n := range names {
		if i == max {
			q = append(q, fmt.Sprintf("(+%d more)", len(names)-max))
			break
		}
		q = append(q, fmt.Sprintf("%q", n))
	}
	return strings.Join(q, ", ")
}

// sanEntries counts the GeneralNames in the subjectAltName extension (-1 when
// it is absent or unreadable).
func sanEntries(c *x509.Certificate) int {
	e := ext(c, oidSAN)
	if e == nil {
		return -1
	}
	s := cryptobyte.String(e.Value)
	var seq cryptobyte.String
	if !s.ReadASN1(&seq, cbasn1.SEQUENCE) {
		return -1
	}
	n := 0
	for !seq.Empty() {
		var tag cbasn1.Tag
		var body cryptobyte.String
		if !seq.ReadAnyASN1(&body, &tag) {
			return -1
		}
		n++
	}
	return n
}

// Extension OIDs used by the later rules.
var (
	oidPolicyConstraints = asn1.ObjectIdentifier{2, 5, 29, 36}
	oidSmtpUTF8Mailbox   = asn1.ObjectIdentifier{1, 3, 6, 1, 5, 5, 7, 8, 9}
)

// akiInfo is the parsed authorityKeyIdentifier extension.
type akiInfo struct {
	Present, OK                    bool
	KeyID                          []byte
	HasKeyID, HasIssuer, HasSerial bool
	IssuerDirNames                 [][]byte // raw Name TLVs of directoryName entries
	Serial                         []byte   // INTEGER content
}

func authorityKeyID(c *x509.Certificate) akiInfo {
	e := ext(c, oidAKI)
	if e == nil {
		return akiInfo{}
	}
	info := akiInfo{Present: true}
	s := cryptobyte.String(e.Value)
	var seq cryptobyte.String
	if !s.ReadASN1(&seq, cbasn1.SEQUENCE) {
		return info
	}
	for !seq.Empty() {
		var tag cbasn1.Tag
		var body cryptobyte.String
		if !seq.ReadAnyASN1(&body, &tag) {
			return info
		}
		switch tag {
		case cbasn1.Tag(0).ContextSpecific():
			info.HasKeyID, info.KeyID = true, body
		case cbasn1.Tag(1).ContextSpecific().Constructed():
			info.HasIssuer = true
			for !body.Empty() {
				var gtag cbasn1.Tag
				var g cryptobyte.String
				if !body.ReadAnyASN1(&g, &gtag) {
					return info
				}
				if gtag == cbasn1.Tag(4).ContextSpecific().Constructed() {
					info.IssuerDirNames = append(info.IssuerDirNames, g)
				}
			}
		case cbasn1.Tag(2).ContextSpecific():
			info.HasSerial, info.Serial = true, body
		}
	}
	info.OK = true
	return info
}

// generalNameTypes lists the GeneralName kinds in a GeneralNames-like list:
// "otherName:<oid>", "x400Address", "ediPartyName", "registeredID", or the
// supported kinds ("rfc822Name", "dNSName", "directoryName", "URI",
// "iPAddress").
func generalNameKind(tag cbasn1.Tag, body cryptobyte.String) string {
	switch tag {
	case cbasn1.Tag(0).ContextSpecific().Constructed():
		var oid asn1.ObjectIdentifier
		if body.ReadASN1ObjectIdentifier(&oid) {
			return "otherName:" + oid.String()
		}
		return "otherName"
	case cbasn1.Tag(1).ContextSpecific():
		return "rfc822Name"
	case cbasn1.Tag(2).ContextSpecific():
		return "dNSName"
	case cbasn1.Tag(3).ContextSpecific().Constructed():
		return "x400Address"
	case cbasn1.Tag(4).ContextSpecific().Constructed():
		return "directoryName"
	case cbasn1.Tag(5).ContextSpecific().Constructed():
		return "ediPartyName"
	case cbasn1.Tag(6).ContextSpecific():
		return "URI"
	case cbasn1.Tag(7).ContextSpecific():
		return "iPAddress"
	case cbasn1.Tag(8).ContextSpecific():
		return "registeredID"
	}
	return "unknown"
}

// sanKinds returns the kinds of the names in c's subjectAltName.
func sanKinds(c *x509.Certificate) map[string]bool {
	out := map[string]bool{}
	e := ext(c, oidSAN)
	if e == nil {
		return out
	}
	s := cryptobyte.String(e.Value)
	var seq cryptobyte.String
	if !s.ReadASN1(&seq, cbasn1.SEQUENCE) {
		return out
	}
	for !seq.Empty() {
		var tag cbasn1.Tag
		var body cryptobyte.String
		if !seq.ReadAnyASN1(&body, &tag) {
			return out
		}
		out[generalNameKind(tag, body)] = true
	}
	return out
}

// constraintKinds returns the kinds of the base names in c's nameConstraints
// (permitted and excluded).
func constraintKinds(c *x509.Certificate) map[string]bool {
	out := map[string]bool{}
	e := ext(c, oidNameConstraints)
	if e == nil {
		return out
	}
	s := cryptobyte.String(e.Value)
	var seq cryptobyte.String
	if !s.ReadASN1(&seq, cbasn1.SEQUENCE) {
		return out
	}
	for !seq.Empty() {
		var subtrees cryptobyte.String
		var tag cbasn1.Tag
		if !seq.ReadAnyASN1(&subtrees, &tag) {
			return out
		}
		for !subtrees.Empty() {
			var st cryptobyte.String
			if !subtrees.ReadASN1(&st, cbasn1.SEQUENCE) {
				return out
			}
			var gtag cbasn1.Tag
			var g cryptobyte.String
			if !st.ReadAnyASN1(&g, &gtag) {
				return out
			}
			out[generalNameKind(gtag, g)] = true
		}
	}
	return out
}
