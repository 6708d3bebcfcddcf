package lint

import (
	"certinspect/core/certid"
	"crypto/x509"

	"certinspect/core/i18n"
	"certinspect/core/report"
)

// ruleKeyCertSignNonCA: keyCertSign may only be asserted when cA is true.
var ruleKeyCertSignNonCA = Rule{
	ID:          "lint.keyCertSignNonCA",
	Citation:    "RFC 5280 4.2.1.3",
	Description: "keyUsage asserts keyCertSign but the certificate is not a CA (basicConstraints absent or cA false).",
	Applies:     func(c *x509.Certificate, pos Position) bool { return !c.IsCA },
	Check: func(c *x509.Certificate, pos Position, p *i18n.Printer) *Finding {
		if c.KeyUsage&x509.KeyUsageCertSign == 0 {
			return nil
		}
		f := &Finding{
			Status: report.Warn,
			Title:  p.T("lint.keyCertSignNonCA.title", "keyCertSign on a certificate that is not a CA", nil),
			Detail: p.T("lint.keyCertSignNonCA.detail",
				"The {role} \"{cert}\" asserts keyCertSign in keyUsage but is not a CA (no basicConstraints CA:TRUE). RFC 5280 allows keyCertSign only together with CA:TRUE.",
				i18n.Args{"role": role(pos, p), "cert": certid.Label(c)}),
			Fix: p.T("lint.keyCertSignNonCA.fix",
				"For a server certificate, reissue it with keyUsage=digitalSignature,keyEncipherment; for a CA, add basicConstraints=critical,CA:TRUE.", nil),
		}
		if !pos.IsLeaf && !pos.IsRoot {
			// An intermediate must be a CA: OpenSSL and Go both refuse it.
			f.Status = report.Fail
			f.OpenSSLError = opensslErr("X509_V_ERR_INVALID_CA")
		}
		return f
	},
}
