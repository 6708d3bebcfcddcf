package lint

import (
	"certinspect/core/certid"
	"crypto/x509"

	"certinspect/core/i18n"
	"certinspect/core/report"
)

// ruleEKUEmpty: an extendedKeyUsage extension must list at least one purpose.
// OpenSSL reads an empty one as "no purpose at all" and refuses the
// certificate for TLS servers; Go reads it as "no restriction".
var ruleEKUEmpty = Rule{
	ID:          "lint.ekuEmpty",
	Citation:    "RFC 5280 4.2.1.12",
	Description: "The extendedKeyUsage extension is present but lists no purpose.",
	Applies:     func(c *x509.Certificate, pos Position) bool { return ext(c, oidEKU) != nil },
	Check: func(c *x509.Certificate, pos Position, p *i18n.Printer) *Finding {
		if len(c.ExtKeyUsage)+len(c.UnknownExtKeyUsage) > 0 {
			return nil
		}
		return &Finding{
			Status: report.Fail,
			Title:  p.T("lint.ekuEmpty.title", "Extended key usage extension lists no purpose", nil),
			Detail: p.T("lint.ekuEmpty.detail",
				"The {role} \"{cert}\" has an extendedKeyUsage extension with no purpose in it. OpenSSL reads that as allowing no purpose and fails the chain with \"unsuitable certificate purpose\"; Go reads it as no restriction.",
				i18n.Args{"role": role(pos, p), "cert": certid.Label(c)}),
			Fix: p.T("lint.ekuEmpty.fix",
				"Reissue the certificate with extendedKeyUsage=serverAuth (and clientAuth if needed), or without the extension.", nil),
			OpenSSLError: opensslErr("X509_V_ERR_INVALID_PURPOSE"),
			Others:       []string{p.T("lint.others.goAccepts", "Go crypto/x509 accepts it", nil)},
		}
	},
}
