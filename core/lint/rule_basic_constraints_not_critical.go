package lint

import (
	"certinspect/core/certid"
	"crypto/x509"

	"certinspect/core/i18n"
	"certinspect/core/report"
)

// ruleBasicConstraintsNotCritical: in a CA certificate basicConstraints must be
// critical. OpenSSL checks this only with X509_V_FLAG_X509_STRICT, which
// PyMongo does not set (Python 3.13's ssl.create_default_context does).
var ruleBasicConstraintsNotCritical = Rule{
	ID:          "lint.basicConstraintsNotCritical",
	Citation:    "RFC 5280 4.2.1.9",
	Description: "A CA certificate's basicConstraints extension is not critical.",
	Check: func(c *x509.Certificate, pos Position, p *i18n.Printer) *Finding {
		bc := basicConstraints(c)
		if !bc.Present || !bc.CA || bc.Critical {
			return nil
		}
		return &Finding{
			Status: report.Warn,
			Title:  p.T("lint.basicConstraintsNotCritical.title", "CA basic constraints not critical", nil),
			Detail: p.T("lint.basicConstraintsNotCritical.detail",
				"The {role} \"{cert}\" is a CA whose basicConstraints extension is not marked critical, as RFC 5280 requires. OpenSSL rejects this only in strict mode (X509_V_FLAG_X509_STRICT, set by Python 3.13's ssl.create_default_context but not by PyMongo).",
				i18n.Args{"role": role(pos, p), "cert": certid.Label(c)}),
			Fix: p.T("lint.basicConstraintsNotCritical.fix",
				"When the CA is reissued, use basicConstraints=critical,CA:TRUE.", nil),
			Others: []string{p.T("lint.others.python313Rejects", "Python 3.13+ ssl.create_default_context (strict mode) rejects it", nil)},
		}
	},
}
