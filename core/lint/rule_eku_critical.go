package lint

import (
	"certinspect/core/certid"
	"crypto/x509"

	"certinspect/core/i18n"
	"certinspect/core/report"
)

// ruleEKUCritical: server certificates must not mark extendedKeyUsage
// critical under the Baseline Requirements. OpenSSL handles the extension
// and connects.
var ruleEKUCritical = Rule{
	ID:          "lint.ekuCritical",
	Citation:    "CA/B Forum BR 7.1.2.7.6",
	Description: "The server certificate's extendedKeyUsage extension is critical.",
	Applies:     func(c *x509.Certificate, pos Position) bool { return pos.IsLeaf },
	Check: func(c *x509.Certificate, pos Position, p *i18n.Printer) *Finding {
		e := ext(c, oidEKU)
		if e == nil || !e.Critical {
			return nil
		}
		return &Finding{
			Status: report.Warn,
			Title:  p.T("lint.ekuCritical.title", "Extended key usage marked critical", nil),
			Detail: p.T("lint.ekuCritical.detail",
				"The server certificate \"{cert}\" marks extendedKeyUsage critical; the Baseline Requirements require it to be non-critical. OpenSSL understands the extension and connects.",
				i18n.Args{"cert": certid.Label(c)}),
			Fix: p.T("lint.ekuCritical.fix",
				"Nothing to change for PyMongo. When reissuing, use extendedKeyUsage=serverAuth without critical.", nil),
		}
	},
}
