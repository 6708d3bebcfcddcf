package lint

import (
	"certinspect/core/certid"
	"crypto/x509"

	"certinspect/core/i18n"
	"certinspect/core/report"
)

// ruleSerialZero: the serial number must be a positive integer.
var ruleSerialZero = Rule{
	ID:          "lint.serialZero",
	Citation:    "RFC 5280 4.1.2.2",
	Description: "The serial number is zero; it must be a positive integer.",
	Check: func(c *x509.Certificate, pos Position, p *i18n.Printer) *Finding {
		if c.SerialNumber == nil || c.SerialNumber.Sign() != 0 {
			return nil
		}
		return &Finding{
			Status: report.Warn,
			Title:  p.T("lint.serialZero.title", "Serial number is zero", nil),
			Detail: p.T("lint.serialZero.detail",
				"The {role} \"{cert}\" has serial number 0. RFC 5280 requires a positive serial number, unique per CA; a zero serial usually means a hand-made or test certificate, and CRLs or OCSP cannot tell such certificates apart.",
				i18n.Args{"role": role(pos, p), "cert": certid.Label(c)}),
			Fix: p.T("lint.serialZero.fix",
				"Reissue the certificate with a random positive serial (openssl x509 -req ... -CAcreateserial, or openssl req -x509 which picks a random serial).", nil),
		}
	},
}
