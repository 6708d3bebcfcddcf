package lint

import (
	"certinspect/core/certid"
	"crypto/x509"

	"certinspect/core/i18n"
	"certinspect/core/report"
)

// ruleRootEKU: root CA certificates must not carry extendedKeyUsage under
// the Baseline Requirements. OpenSSL applies it to the whole chain, so a root
// EKU without serverAuth breaks TLS (purpose.server reports that); with
// serverAuth it only limits what the root can be used for.
var ruleRootEKU = Rule{
	ID:          "lint.rootEKU",
	Citation:    "CA/B Forum BR 7.1.2.1",
	Description: "The root CA certificate has an extendedKeyUsage extension.",
	Applies:     func(c *x509.Certificate, pos Position) bool { return pos.IsRoot },
	Check: func(c *x509.Certificate, pos Position, p *i18n.Printer) *Finding {
		if ext(c, oidEKU) == nil {
			return nil
		}
		return &Finding{
			Status: report.Warn,
			Title:  p.T("lint.rootEKU.title", "Root CA certificate with extended key usage", nil),
			Detail: p.T("lint.rootEKU.detail",
				"The root CA certificate \"{cert}\" has an extendedKeyUsage extension, which roots must not have. OpenSSL applies it to every certificate below the root.",
				i18n.Args{"cert": certid.Label(c)}),
			Fix: p.T("lint.rootEKU.fix",
				"Nothing to change for PyMongo while it includes serverAuth. When the root is replaced, issue it without extendedKeyUsage.", nil),
		}
	},
}
