package lint

import (
	"certinspect/core/certid"
	"crypto/x509"

	"certinspect/core/i18n"
	"certinspect/core/report"
)

// ruleSerialTooLong: conforming CAs must not use serial numbers longer than
// 20 octets (counted as the DER content, sign octet included).
var ruleSerialTooLong = Rule{
	ID:          "lint.serialTooLong",
	Citation:    "RFC 5280 4.1.2.2",
	Description: "The serial number is longer than 20 octets.",
	Check: func(c *x509.Certificate, pos Position, p *i18n.Printer) *Finding {
		t := parseTBS(c.RawTBSCertificate)
		if !t.OK || t.SerialOctets <= 20 {
			return nil
		}
		return &Finding{
			Status: report.Warn,
			Title:  p.T("lint.serialTooLong.title", "Serial number longer than 20 octets", nil),
			Detail: p.T("lint.serialTooLong.detail",
				"The {role} \"{cert}\" has a {octets}-octet serial number; RFC 5280 allows at most 20. Some CRL and OCSP software cannot store such serials.",
				i18n.Args{"role": role(pos, p), "cert": certid.Label(c), "octets": t.SerialOctets}),
			Fix: p.T("lint.serialTooLong.fix",
				"When the certificate is reissued, use a serial of at most 159 bits (openssl uses 159-bit random serials by default).", nil),
		}
	},
}
