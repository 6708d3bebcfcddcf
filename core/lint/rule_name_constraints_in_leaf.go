package lint

import (
	"certinspect/core/certid"
	"crypto/x509"

	"certinspect/core/i18n"
	"certinspect/core/report"
)

// ruleNameConstraintsInLeaf: nameConstraints belongs in CA certificates only.
var ruleNameConstraintsInLeaf = Rule{
	ID:          "lint.nameConstraintsInLeaf",
	Citation:    "RFC 5280 4.2.1.10",
	Description: "A certificate that is not a CA has a nameConstraints extension.",
	Applies:     func(c *x509.Certificate, pos Position) bool { return !c.IsCA },
	Check: func(c *x509.Certificate, pos Position, p *i18n.Printer) *Finding {
		if ext(c, oidNameConstraints) == nil {
			return nil
		}
		return &Finding{
			Status: report.Warn,
			Title:  p.T("lint.nameConstraintsInLeaf.title", "Name constraints in a certificate that is not a CA", nil),
			Detail: p.T("lint.nameConstraintsInLeaf.detail",
				"The {role} \"{cert}\" is not a CA but has a nameConstraints extension, which only CA certificates may carry. OpenSSL ignores it there.",
				i18n.Args{"role": role(pos, p), "cert": certid.Label(c)}),
			Fix: p.T("lint.nameConstraintsInLeaf.fix",
				"Nothing to change for PyMongo. When reissuing, leave nameConstraints out of server certificates.", nil),
		}
	},
}
