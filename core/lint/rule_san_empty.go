package lint

import (
	"certinspect/core/certid"
	"crypto/x509"

	"certinspect/core/i18n"
	"certinspect/core/report"
)

// ruleSANEmpty: a subjectAltName extension must contain at least one name.
// OpenSSL checks it only in strict mode.
var ruleSANEmpty = Rule{
	ID:          "lint.sanEmpty",
	Citation:    "RFC 5280 4.2.1.6",
	Description: "The subjectAltName extension is present but holds no name.",
	Check: func(c *x509.Certificate, pos Position, p *i18n.Printer) *Finding {
		if ext(c, oidSAN) == nil {
			return nil
		}
		if sanEntries(c) != 0 {
			return nil
		}
		return &Finding{
			Status: report.Warn,
			Title:  p.T("lint.sanEmpty.title", "Subject alternative name extension is empty", nil),
			Detail: p.T("lint.sanEmpty.detail",
				"The {role} \"{cert}\" has a subjectAltName extension with no name in it; RFC 5280 requires at least one. OpenSSL rejects this only in strict mode; for the host name it falls back to the subject CN.",
				i18n.Args{"role": role(pos, p), "cert": certid.Label(c)}),
			Fix: p.T("lint.sanEmpty.fix",
				"Reissue the certificate with the host names in subjectAltName, e.g. -addext \"subjectAltName=DNS:db0.example.net\".", nil),
			Others: []string{p.T("lint.others.python313Rejects", "Python 3.13+ ssl.create_default_context (strict mode) rejects it", nil)},
		}
	},
}
