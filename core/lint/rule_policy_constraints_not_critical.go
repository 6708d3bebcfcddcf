package lint

import (
	"certinspect/core/certid"
	"crypto/x509"

	"certinspect/core/i18n"
	"certinspect/core/report"
)

// rulePolicyConstraintsNotCritical: conforming CAs must mark policyConstraints
// critical. PyMongo does not ask OpenSSL for policy checking.
var rulePolicyConstraintsNotCritical = Rule{
	ID:          "lint.policyConstraintsNotCritical",
	Citation:    "RFC 5280 4.2.1.11",
	Description: "The policyConstraints extension is not critical.",
	Check: func(c *x509.Certificate, pos Position, p *i18n.Printer) *Finding {
		e := ext(c, oidPolicyConstraints)
		if e == nil || e.Critical {
			return nil
		}
		return &Finding{
			Status: report.Warn,
			Title:  p.T("lint.policyConstraintsNotCritical.title", "Policy constraints not critical", nil),
			Detail: p.T("lint.policyConstraintsNotCritical.detail",
				"The {role} \"{cert}\" has a policyConstraints extension that is not marked critical, as RFC 5280 requires.",
				i18n.Args{"role": role(pos, p), "cert": certid.Label(c)}),
			Fix: p.T("lint.policyConstraintsNotCritical.fix",
				"Nothing to change for PyMongo. When the CA is reissued, mark policyConstraints critical.", nil),
		}
	},
}
