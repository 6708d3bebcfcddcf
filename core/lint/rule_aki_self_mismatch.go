package lint

import (
	"bytes"
	"certinspect/core/certid"
	"crypto/x509"
	"math/big"

	"certinspect/core/i18n"
	"certinspect/core/report"
)

// akiNamesOtherCert reports whether a self-issued certificate's
// authorityKeyIdentifier points at another certificate: a keyIdentifier other
// than its own subjectKeyIdentifier, an authorityCertSerialNumber other than
// its own serial, or an authorityCertIssuer directory name other than its own
// issuer. OpenSSL's X509_check_akid then says the certificate is not
// self-signed.
func akiNamesOtherCert(c *x509.Certificate) bool {
	a := authorityKeyID(c)
	if !a.OK {
		return false
	}
	if a.HasKeyID && len(c.SubjectKeyId) > 0 && !bytes.Equal(a.KeyID, c.SubjectKeyId) {
		return true
	}
	if a.HasSerial && c.SerialNumber != nil {
		if len(a.Serial) == 0 || a.Serial[0]&0x80 != 0 || new(big.Int).SetBytes(a.Serial).Cmp(c.SerialNumber) != 0 {
			return true
		}
	}
	if len(a.IssuerDirNames) > 0 && !bytes.Equal(a.IssuerDirNames[0], c.RawIssuer) {
		return true
	}
	return false
}

// ruleAKISelfMismatch: a root (the self-issued certificate ending the path) whose
// authorityKeyIdentifier names another certificate is not self-signed for
// OpenSSL, so it is no trust anchor: OpenSSL looks for its issuer and fails
// with "unable to get issuer certificate" although the root is in the CA file.
var ruleAKISelfMismatch = Rule{
	ID:          "lint.akiSelfMismatch",
	Citation:    "RFC 5280 4.2.1.1",
	Description: "A self-issued CA certificate's authorityKeyIdentifier names another key, serial or issuer, so OpenSSL does not treat it as self-signed.",
	Applies:     func(c *x509.Certificate, pos Position) bool { return pos.IsRoot },
	Check: func(c *x509.Certificate, pos Position, p *i18n.Printer) *Finding {
		if !akiNamesOtherCert(c) {
			return nil
		}
		return &Finding{
			Status: report.Fail,
			Title:  p.T("lint.akiSelfMismatch.title", "Root's authority key identifier points at another certificate", nil),
			Detail: p.T("lint.akiSelfMismatch.detail",
				"The {role} \"{cert}\" has the same subject and issuer, but its authorityKeyIdentifier names a different key, serial number or issuer. OpenSSL therefore does not consider it self-signed, will not use it as a trust anchor, and looks for its issuer in vain (\"unable to get issuer certificate\").",
				i18n.Args{"role": role(pos, p), "cert": certid.Label(c)}),
			Fix: p.T("lint.akiSelfMismatch.fix",
				"Reissue the root without authorityKeyIdentifier, or with authorityKeyIdentifier=keyid only (equal to its own subjectKeyIdentifier), and distribute the new root in the tlsCAFile.", nil),
			OpenSSLError: opensslErr("X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT"),
			Others:       []string{p.T("lint.others.goAccepts", "Go crypto/x509 accepts it", nil)},
		}
	},
}
