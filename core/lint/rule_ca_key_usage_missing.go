package lint

import (
	"certinspect/core/certid"
	"crypto/x509"

	"certinspect/core/i18n"
	"certinspect/core/report"
)

// ruleCAKeyUsageMissing: CA certificates that sign certificates must have a
// keyUsage extension. OpenSSL checks it only in strict mode.
var ruleCAKeyUsageMissing = Rule{
	ID:          "lint.caKeyUsageMissing",
	Citation:    "RFC 5280 4.2.1.3",
	Description: "A CA certificate has no keyUsage extension.",
	Applies:     func(c *x509.Certificate, pos Position) bool { return c.IsCA && !pos.IsLeaf },
	Check: func(c *x509.Certificate, pos Position, p *i18n.Printer) *Finding {
		if keyUsagePresent(c) {
			return nil
		}
		return &Finding{
			Status: report.Warn,
			Title:  p.T("lint.caKeyUsageMissing.title", "CA certificate without key usage", nil),
			Detail: p.T("lint.caKeyUsageMissing.detail",
				"The {role} \"{cert}\" is a CA without a keyUsage extension; RFC 5280 requires one with keyCertSign. OpenSSL rejects this only in strict mode.",
				i18n.Args{"role": role(pos, p), "cert": certid.Label(c)}),
			Fix: p.T("lint.caKeyUsageMissing.fix",
				"When the CA is reissued, add keyUsage=critical,keyCertSign,cRLSign.", nil),
			Others: []string{p.T("lint.others.python313Rejects", "Python 3.13+ ssl.create_default_context (strict mode) rejects it", nil)},
		}
	},
}
