package lint

import (
	"certinspect/core/certid"
	"crypto/x509"

	"certinspect/core/i18n"
	"certinspect/core/report"
)

// ruleEmptyIssuer: the issuer field must contain a non-empty distinguished name.
var ruleEmptyIssuer = Rule{
	ID:          "lint.issuerEmpty",
	Citation:    "RFC 5280 4.1.2.4",
	Description: "The issuer name is empty.",
	Check: func(c *x509.Certificate, pos Position, p *i18n.Printer) *Finding {
		if len(c.Issuer.Names) > 0 || len(c.RawIssuer) > 2 {
			return nil
		}
		return &Finding{
			Status: report.Warn,
			Title:  p.T("lint.issuerEmpty.title", "Issuer name is empty", nil),
			Detail: p.T("lint.issuerEmpty.detail",
				"The {role} \"{cert}\" has an empty issuer name. RFC 5280 requires a non-empty issuer; an empty name cannot tell the issuing CA apart from any other CA with an empty name.",
				i18n.Args{"role": role(pos, p), "cert": certid.Label(c)}),
			Fix: p.T("lint.issuerEmpty.fix",
				"Give the issuing CA a subject name (for example -subj \"/CN=Example Internal CA\") and reissue the CA and this certificate.", nil),
		}
	},
}
