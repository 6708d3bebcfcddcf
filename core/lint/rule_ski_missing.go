package lint

import (
	"certinspect/core/certid"
	"crypto/x509"

	"certinspect/core/i18n"
	"certinspect/core/report"
)

// ruleMissingSKI: CA certificates must carry a subjectKeyIdentifier so that the
// certificates they issue can point at their key.
var ruleMissingSKI = Rule{
	ID:          "lint.skiMissing",
	Citation:    "RFC 5280 4.2.1.2",
	Description: "A CA certificate has no subjectKeyIdentifier.",
	Applies:     func(c *x509.Certificate, pos Position) bool { return c.IsCA },
	Check: func(c *x509.Certificate, pos Position, p *i18n.Printer) *Finding {
		if ext(c, oidSKI) != nil {
			return nil
		}
		return &Finding{
			Status: report.Warn,
			Title:  p.T("lint.skiMissing.title", "CA certificate without subject key identifier", nil),
			Detail: p.T("lint.skiMissing.detail",
				"The {role} \"{cert}\" is a CA but has no subjectKeyIdentifier, so the certificates it issues cannot identify its key and clients match issuers by name only.",
				i18n.Args{"role": role(pos, p), "cert": certid.Label(c)}),
			Fix: p.T("lint.skiMissing.fix",
				"When the CA is next reissued, add subjectKeyIdentifier=hash to its extensions.", nil),
		}
	},
}
