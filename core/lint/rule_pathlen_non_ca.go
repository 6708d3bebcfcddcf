package lint

import (
	"certinspect/core/certid"
	"crypto/x509"

	"certinspect/core/i18n"
	"certinspect/core/report"
)

// rulePathLenNonCA: pathLenConstraint is only meaningful, and only allowed,
// when cA is true.
var rulePathLenNonCA = Rule{
	ID:          "lint.pathLenNonCA",
	Citation:    "RFC 5280 4.2.1.9",
	Description: "basicConstraints has a pathLenConstraint but cA is false.",
	Check: func(c *x509.Certificate, pos Position, p *i18n.Printer) *Finding {
		bc := basicConstraints(c)
		if !bc.Present || bc.CA || !bc.HasPathLen {
			return nil
		}
		return &Finding{
			Status: report.Warn,
			Title:  p.T("lint.pathLenNonCA.title", "Path length constraint on a non-CA certificate", nil),
			Detail: p.T("lint.pathLenNonCA.detail",
				"The {role} \"{cert}\" has basicConstraints with CA:FALSE and a pathlen; a path length is only allowed for CA certificates. OpenSSL rejects this only in strict mode.",
				i18n.Args{"role": role(pos, p), "cert": certid.Label(c)}),
			Fix: p.T("lint.pathLenNonCA.fix",
				"When the certificate is reissued, use basicConstraints=CA:FALSE without pathlen.", nil),
			Others: []string{p.T("lint.others.python313Rejects", "Python 3.13+ ssl.create_default_context (strict mode) rejects it", nil)},
		}
	},
}
