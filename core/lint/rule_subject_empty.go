package lint

import (
	"certinspect/core/certid"
	"crypto/x509"

	"certinspect/core/i18n"
	"certinspect/core/report"
)

// ruleEmptySubject: a CA certificate must have a non-empty subject; an
// end-entity certificate may have an empty subject only when its
// subjectAltName is present and critical.
var ruleEmptySubject = Rule{
	ID:          "lint.subjectEmpty",
	Citation:    "RFC 5280 4.1.2.6",
	Description: "The subject name is empty in a CA certificate, or in a certificate whose subjectAltName is missing or not critical.",
	Check: func(c *x509.Certificate, pos Position, p *i18n.Printer) *Finding {
		if len(c.Subject.Names) > 0 || len(c.RawSubject) > 2 {
			return nil
		}
		san := ext(c, oidSAN)
		if !c.IsCA && san != nil && san.Critical {
			return nil
		}
		return &Finding{
			Status: report.Warn,
			Title:  p.T("lint.subjectEmpty.title", "Subject name is empty", nil),
			Detail: p.T("lint.subjectEmpty.detail",
				"The {role} \"{cert}\" has an empty subject name. RFC 5280 allows that only for an end-entity certificate whose subjectAltName extension is present and critical; a CA certificate needs a subject so its certificates can name it as issuer.",
				i18n.Args{"role": role(pos, p), "cert": certid.Label(c)}),
			Fix: p.T("lint.subjectEmpty.fix",
				"Reissue the certificate with a subject (for example -subj \"/CN=db0.example.net\"), or with a critical subjectAltName if it is a server certificate.", nil),
		}
	},
}
