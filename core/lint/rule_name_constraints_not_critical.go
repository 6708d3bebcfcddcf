package lint

import (
	"certinspect/core/certid"
	"crypto/x509"

	"certinspect/core/i18n"
	"certinspect/core/report"
)

// ruleNameConstraintsNotCritical: conforming CAs must mark nameConstraints
// critical. OpenSSL and Go apply the constraints either way.
var ruleNameConstraintsNotCritical = Rule{
	ID:          "lint.nameConstraintsNotCritical",
	Citation:    "RFC 5280 4.2.1.10",
	Description: "The nameConstraints extension is not critical.",
	Check: func(c *x509.Certificate, pos Position, p *i18n.Printer) *Finding {
		e := ext(c, oidNameConstraints)
		if e == nil || e.Critical {
			return nil
		}
		return &Finding{
			Status: report.Warn,
			Title:  p.T("lint.nameConstraintsNotCritical.title", "Name constraints not critical", nil),
			Detail: p.T("lint.nameConstraintsNotCritical.detail",
				"The {role} \"{cert}\" has a nameConstraints extension that is not marked critical, as RFC 5280 requires. OpenSSL and Go still apply the constraints, but a client that does not implement them could ignore them.",
				i18n.Args{"role": role(pos, p), "cert": certid.Label(c)}),
			Fix: p.T("lint.nameConstraintsNotCritical.fix",
				"When the CA is reissued, mark the extension critical (nameConstraints=critical,permitted;DNS:...).", nil),
		}
	},
}
