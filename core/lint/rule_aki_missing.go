package lint

import (
	"certinspect/core/certid"
	"crypto/x509"

	"certinspect/core/i18n"
	"certinspect/core/report"
)

// ruleMissingAKI: every certificate except a self-signed one must carry an
// authorityKeyIdentifier with a keyIdentifier. Path builders use it to pick
// the right issuer when several CAs share a name (after a CA key rollover).
var ruleMissingAKI = Rule{
	ID:          "lint.akiMissing",
	Citation:    "RFC 5280 4.2.1.1",
	Description: "A certificate that is not self-signed has no authorityKeyIdentifier keyIdentifier.",
	Applies:     func(c *x509.Certificate, pos Position) bool { return !selfIssued(c) },
	Check: func(c *x509.Certificate, pos Position, p *i18n.Printer) *Finding {
		if len(c.AuthorityKeyId) > 0 {
			return nil
		}
		return &Finding{
			Status: report.Warn,
			Title:  p.T("lint.akiMissing.title", "No authority key identifier", nil),
			Detail: p.T("lint.akiMissing.detail",
				"The {role} \"{cert}\" has no authorityKeyIdentifier naming its issuer's key. Clients then find the issuer by name only, which picks the wrong CA certificate when an old and a renewed CA share the same name.",
				i18n.Args{"role": role(pos, p), "cert": certid.Label(c)}),
			Fix: p.T("lint.akiMissing.fix",
				"When reissuing, add authorityKeyIdentifier=keyid:always to the extensions (openssl x509 -req ... -extfile ext.cnf).", nil),
		}
	},
}
