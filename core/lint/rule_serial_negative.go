package lint

import (
	"certinspect/core/certid"
	"crypto/x509"

	"certinspect/core/i18n"
	"certinspect/core/report"
)

// ruleSerialNegative: the serial number must be a positive integer. OpenSSL,
// strict mode included, reads and accepts a negative serial; Go's parser has
// refused such certificates since Go 1.23 (GODEBUG x509negativeserial=1, set
// in go.mod, lets certinspect read them to model OpenSSL), so the Go driver
// and Go tools cannot connect.
var ruleSerialNegative = Rule{
	ID:          "lint.serialNegative",
	Citation:    "RFC 5280 4.1.2.2",
	Description: "The serial number is negative; it must be a positive integer. Go 1.23 and later refuse the certificate.",
	Check: func(c *x509.Certificate, pos Position, p *i18n.Printer) *Finding {
		if c.SerialNumber == nil || c.SerialNumber.Sign() >= 0 {
			return nil
		}
		return &Finding{
			Status: report.Warn,
			Title:  p.T("lint.serialNegative.title", "Serial number is negative", nil),
			Detail: p.T("lint.serialNegative.detail",
				"The {role} \"{cert}\" has a negative serial number ({serial}). RFC 5280 requires a positive one. OpenSSL, and so PyMongo, accepts it, but Go 1.23 and later refuse to read the certificate (\"x509: negative serial number\"): the Go driver and Go-based tools cannot connect.",
				i18n.Args{"role": role(pos, p), "cert": certid.Label(c), "serial": c.SerialNumber.String()}),
			Fix: p.T("lint.serialNegative.fix",
				"Reissue the certificate with a random positive serial (openssl x509 -req ... -CAcreateserial, or openssl req -x509 which picks a random serial).", nil),
			Others: []string{p.T("lint.others.goRejectsNegativeSerial", "Go crypto/x509 (Go 1.23+, the Go driver) refuses it", nil)},
		}
	},
}
