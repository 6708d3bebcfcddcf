package core

import (
	"crypto/dsa" //nolint:staticcheck // only to name DSA keys found in the wild
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rsa"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/x509"
	"encoding/asn1"
	"encoding/hex"
	"fmt"
	"time"

	"certinspect/core/certid"
	"certinspect/core/i18n"
	"certinspect/core/keyfile"
	"certinspect/core/lint"
	"certinspect/core/report"
)

var (
	oidTLSFeature = asn1.ObjectIdentifier{1, 3, 6, 1, 5, 5, 7, 1, 24}
	oidCommonName = asn1.ObjectIdentifier{2, 5, 4, 3}
)

// daysBetween counts whole days from a to b (negative when b is before a).
func daysBetween(a, b time.Time) int {
	return int(b.Sub(a).Hours() / 24)
}

func describeKey(pub any) report.PublicKey {
	switch k := pub.(type) {
	case *rsa.PublicKey:
		return report.PublicKey{Algorithm: "RSA", Bits: k.N.BitLen()}
	case *ecdsa.PublicKey:
		return report.PublicKey{Algorithm: "ECDSA", Bits: k.Curve.Params().BitSize, Curve: k.Curve.Params().Name}
	case ed25519.PublicKey:
		return report.PublicKey{Algorithm: "Ed25519", Bits: 256}
	case *dsa.PublicKey:
		return report.PublicKey{Algorithm: "DSA", Bits: k.P.BitLen()}
	default:
		return report.PublicKey{Algorithm: "unknown"}
	}
}

var keyUsageNames = []struct {
	bit  x509.KeyUsage
	name string
}{
	{x509.KeyUsageDigitalSignature, "digitalSignature"},
	{x509.KeyUsageContentCommitment, "contentCommitment"},
	{x509.KeyUsageKeyEncipherment, "keyEncipherment"},
	{x509.KeyUsageDataEncipherment, "dataEncipherment"},
	{x509.KeyUsageKeyAgreement, "keyAgreement"},
	{x509.KeyUsageCertSign, "keyCertSign"},
	{x509.KeyUsageCRLSign, "cRLSign"},
	{x509.KeyUsageEncipherOnly, "encipherOnly"},
	{x509.KeyUsageDecipherOnly, "decipherOnly"},
}

func keyUsageList(ku x509.KeyUsage) []string {
	var out []string
	for _, k := range keyUsageNames {
		if ku&k.bit != 0 {
			out = append(out, k.name)
		}
	}
	return out
}

func extKeyUsageList(c *x509.Certificate) []string {
	var out []string
	for _, e := range c.ExtKeyUsage {
		out = append(out, certid.ExtKeyUsageName(e))
	}
	for _, o := range c.UnknownExtKeyUsage {
		out = append(out, o.String())
	}
	return out
}

func hasMustStaple(c *x509.Certificate) bool {
	for _, e := range c.Extensions {
		if !e.Id.Equal(oidTLSFeature) {
			continue
		}
		var features []int
		if _, err := asn1.Unmarshal(e.Value, &features); err == nil {
			for _, f := range features {
				if f == 5 { // status_request
					return true
				}
			}
		}
	}
	return false
}

func isSelfSigned(c *x509.Certificate) bool {
	if !bytesEqual(c.RawIssuer, c.RawSubject) {
		return false
	}
	return signedBy(c, c) == nil // as OpenSSL verifies: SHA-1, MD5 and DSA too
}

func bytesEqual(a, b []byte) bool { return string(a) == string(b) }

func stringsOf[T fmt.Stringer](xs []T) []string {
	var out []string
	for _, x := range xs {
		out = append(out, x.String())
	}
	return out
}

// validityText says where At falls in a certificate's validity window.
func validityText(c *x509.Certificate, at time.Time, p *i18n.Printer) (text, state string, daysLeft int) {
	switch {
	case at.Before(c.NotBefore):
		d := daysBetween(at, c.NotBefore)
		return p.T("cert.validity.notYet", "not valid for {days} more days (from {date})", i18n.Args{"days": d, "date": fmtTime(c.NotBefore)}), "notYetValid", daysBetween(at, c.NotAfter)
	case !at.Before(c.NotAfter): // OpenSSL: expired from the very second of notAfter
		d := daysBetween(c.NotAfter, at)
		return p.T("cert.validity.expired", "expired {days} days ago (on {date})", i18n.Args{"days": d, "date": fmtTime(c.NotAfter)}), "expired", -d
	default:
		d := daysBetween(at, c.NotAfter)
		return p.T("cert.validity.expiresIn", "expires in {days} days (on {date})", i18n.Args{"days": d, "date": fmtTime(c.NotAfter)}), "valid", d
	}
}

func fmtTime(t time.Time) string { return t.UTC().Format("2006-01-02 15:04:05 UTC") }

// Describe turns a certificate into the report's description of it.
func Describe(c *x509.Certificate, at time.Time, p *i18n.Printer) report.Certificate {
	sha1sum := sha1.Sum(c.Raw)
	spki := sha256.Sum256(c.RawSubjectPublicKeyInfo)
	text, state, days := validityText(c, at, p)
	d := report.Certificate{
		ID:                     certid.Fingerprint(c),
		Label:                  certid.Label(c),
		Subject:                nameString(c.RawSubject),
		Issuer:                 nameString(c.RawIssuer),
		SubjectRFC2253:         keyfile.RFC2253(c.RawSubject), // exactly OpenSSL's -nameopt RFC2253
		Serial:                 certid.SerialHex(c.SerialNumber),
		NotBefore:              c.NotBefore.UTC(),
		NotAfter:               c.NotAfter.UTC(),
		ValidityText:           text,
		ValidityState:          state,
		DaysLeft:               days,
		DNSNames:               c.DNSNames,
		EmailAddresses:         c.EmailAddresses,
		PublicKey:              describeKey(c.PublicKey),
		SignatureAlgorithm:     c.SignatureAlgorithm.String(),
		KeyUsage:               keyUsageList(c.KeyUsage),
		ExtKeyUsage:            extKeyUsageList(c),
		IsCA:                   c.IsCA,
		BasicConstraintsValid:  c.BasicConstraintsValid,
		OCSPServers:            c.OCSPServer,
		IssuingCertificateURLs: c.IssuingCertificateURL,
		CRLDistributionPoints:  c.CRLDistributionPoints,
		MustStaple:             hasMustStaple(c),
		FingerprintSHA256:      certid.ColonHex(mustSum256(c.Raw)),
		FingerprintSHA1:        certid.ColonHex(sha1sum[:]),
		SPKISHA256:             hex.EncodeToString(spki[:]),
		SelfSigned:             isSelfSigned(c),
		Version:                c.Version,
	}
	for _, ip := range c.IPAddresses {
		d.IPAddresses = append(d.IPAddresses, ip.String())
	}
	d.URIs = stringsOf(c.URIs)
	if c.BasicConstraintsValid && c.IsCA && (c.MaxPathLen > 0 || c.MaxPathLenZero) {
		n := c.MaxPathLen
		d.MaxPathLen = &n
	}
	if len(c.SubjectKeyId) > 0 {
		d.SubjectKeyID = certid.ColonHex(c.SubjectKeyId)
	}
	if len(c.AuthorityKeyId) > 0 {
		d.AuthorityKeyID = certid.ColonHex(c.AuthorityKeyId)
	}
	if nc := nameConstraints(c); nc != nil {
		d.NameConstraints = nc
	}
	for _, e := range c.Extensions {
		if e.Critical && !lint.OpenSSLSupported(e.Id.String()) { // OpenSSL's list, not Go's
			d.UnknownCriticalExtensions = append(d.UnknownCriticalExtensions, e.Id.String())
		}
	}
	return d
}

func mustSum256(b []byte) []byte { h := sha256.Sum256(b); return h[:] }

func nameConstraints(c *x509.Certificate) *report.NameConstraints {
	nc := &report.NameConstraints{
		Critical:       c.PermittedDNSDomainsCritical,
		PermittedDNS:   c.PermittedDNSDomains,
		ExcludedDNS:    c.ExcludedDNSDomains,
		PermittedEmail: c.PermittedEmailAddresses,
		ExcludedEmail:  c.ExcludedEmailAddresses,
		PermittedURI:   c.PermittedURIDomains,
		ExcludedURI:    c.ExcludedURIDomains,
	}
	for _, n := range c.PermittedIPRanges {
		nc.PermittedIP = append(nc.PermittedIP, n.String())
	}
	for _, n := range c.ExcludedIPRanges {
		nc.ExcludedIP = append(nc.ExcludedIP, n.String())
	}
	if len(nc.PermittedDNS)+len(nc.ExcludedDNS)+len(nc.PermittedEmail)+len(nc.ExcludedEmail)+
		len(nc.PermittedURI)+len(nc.ExcludedURI)+len(nc.PermittedIP)+len(nc.ExcludedIP) == 0 {
		return nil
	}
	return nc
}

func parseCert(der []byte) (*x509.Certificate, error) { return x509.ParseCertificate(der) }
