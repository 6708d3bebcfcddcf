package lint

import (
	"certinspect/core/certid"
	"crypto/x509"

	"certinspect/core/i18n"
	"certinspect/core/report"
)

// ruleLeafNoEKU: server certificates must carry extendedKeyUsage with
// serverAuth under the Baseline Requirements. OpenSSL and Go treat a missing
// EKU as "any purpose", so PyMongo connects.
var ruleLeafNoEKU = Rule{
	ID:          "lint.ekuMissing",
	Citation:    "CA/B Forum BR 7.1.2.3",
	Description: "The server certificate has no extendedKeyUsage extension.",
	Applies:     func(c *x509.Certificate, pos Position) bool { return pos.IsLeaf },
	Check: func(c *x509.Certificate, pos Position, p *i18n.Printer) *Finding {
		if ext(c, oidEKU) != nil {
			return nil
		}
		return &Finding{
			Status: report.Warn,
			Title:  p.T("lint.ekuMissing.title", "Server certificate without extended key usage", nil),
			Detail: p.T("lint.ekuMissing.detail",
				"The server certificate \"{cert}\" has no extendedKeyUsage extension. OpenSSL and Go then allow any purpose, but the CA/Browser Forum requires serverAuth, and some clients (Apple platforms) reject server certificates without it.",
				i18n.Args{"cert": certid.Label(c)}),
			Fix: p.T("lint.ekuMissing.fix",
				"When the certificate is reissued, add extendedKeyUsage=serverAuth (add clientAuth too if the same certificate is the member's tlsCertificateKeyFile for intra-cluster authentication).", nil),
		}
	},
}
