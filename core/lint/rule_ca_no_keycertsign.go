package lint

import (
	"certinspect/core/certid"
	"crypto/x509"

	"certinspect/core/i18n"
	"certinspect/core/report"
)

// ruleCANoKeyCertSign: a CA certificate whose keyUsage is present must assert
// keyCertSign to sign certificates. OpenSSL refuses such a CA as an issuer
// (X509_check_ca returns 0); Go ignores key usage on CA certificates.
var ruleCANoKeyCertSign = Rule{
	ID:          "lint.caNoKeyCertSign",
	Citation:    "RFC 5280 4.2.1.3",
	Description: "A CA certificate has a keyUsage extension without keyCertSign.",
	Applies:     func(c *x509.Certificate, pos Position) bool { return c.IsCA && keyUsagePresent(c) },
	Check: func(c *x509.Certificate, pos Position, p *i18n.Printer) *Finding {
		if c.KeyUsage&x509.KeyUsageCertSign != 0 {
			return nil
		}
		f := &Finding{
			Status: report.Warn,
			Title:  p.T("lint.caNoKeyCertSign.title", "CA certificate may not sign certificates (keyUsage lacks keyCertSign)", nil),
			Detail: p.T("lint.caNoKeyCertSign.detail",
				"The {role} \"{cert}\" says CA:TRUE but its keyUsage does not include keyCertSign, so it is not allowed to sign certificates.",
				i18n.Args{"role": role(pos, p), "cert": certid.Label(c)}),
			Fix: p.T("lint.caNoKeyCertSign.fix",
				"Reissue the CA certificate with keyUsage=critical,keyCertSign,cRLSign, then put the new CA certificate in the tlsCAFile (root) or the server's chain (intermediate).", nil),
		}
		if !pos.IsLeaf {
			// Used as an issuer: OpenSSL rejects it.
			f.Status = report.Fail
			f.OpenSSLError = opensslErr("X509_V_ERR_INVALID_CA")
			f.Others = []string{p.T("lint.others.goAccepts", "Go crypto/x509 accepts it", nil)}
		}
		return f
	},
}
