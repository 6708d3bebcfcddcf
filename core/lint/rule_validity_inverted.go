package lint

import (
	"certinspect/core/certid"
	"crypto/x509"
	"time"

	"certinspect/core/i18n"
	"certinspect/core/report"
)

// ruleValidityInverted: a certificate whose notBefore is after its notAfter is
// valid at no time at all; OpenSSL reports it as not yet valid or expired,
// whatever the date.
var ruleValidityInverted = Rule{
	ID:          "lint.validityInverted",
	Citation:    "RFC 5280 4.1.2.5",
	Description: "notBefore is after notAfter: the certificate is never valid.",
	Check: func(c *x509.Certificate, pos Position, p *i18n.Printer) *Finding {
		if !c.NotBefore.After(c.NotAfter) {
			return nil
		}
		return &Finding{
			Status: report.Fail,
			Title:  p.T("lint.validityInverted.title", "Validity period is inverted", nil),
			Detail: p.T("lint.validityInverted.detail",
				"The {role} \"{cert}\" is valid from {notBefore} until {notAfter}: its start is after its end, so it is valid at no time. OpenSSL reports \"certificate is not yet valid\" before the start date and \"certificate has expired\" after it.",
				i18n.Args{"role": role(pos, p), "cert": certid.Label(c),
					"notBefore": c.NotBefore.UTC().Format(time.RFC3339), "notAfter": c.NotAfter.UTC().Format(time.RFC3339)}),
			Fix: p.T("lint.validityInverted.fix",
				"Reissue the certificate with a start date before its end date (openssl x509 -req -days 365 ... sets both from the current time).", nil),
		}
	},
}
