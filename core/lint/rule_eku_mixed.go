package lint

import (
	"certinspect/core/certid"
	"crypto/x509"

	"certinspect/core/i18n"
	"certinspect/core/report"
)

// ekuNames names the extended key usages that must not be combined with
// serverAuth.
var mixedEKUs = []struct {
	u    x509.ExtKeyUsage
	name string
}{
	{x509.ExtKeyUsageCodeSigning, "codeSigning"},
	{x509.ExtKeyUsageEmailProtection, "emailProtection"},
	{x509.ExtKeyUsageTimeStamping, "timeStamping"},
	{x509.ExtKeyUsageOCSPSigning, "OCSPSigning"},
}

// ruleCAEKUMixed: TLS certificates, subscriber or subordinate CA, must not mix
// serverAuth with codeSigning, emailProtection, timeStamping or OCSPSigning.
// Only a policy rule: OpenSSL and Go connect.
var ruleCAEKUMixed = Rule{
	ID:          "lint.ekuMixed",
	Citation:    "CA/B Forum BR 7.1.2.2",
	Description: "extendedKeyUsage mixes serverAuth with codeSigning, emailProtection, timeStamping or OCSPSigning.",
	Applies: func(c *x509.Certificate, pos Position) bool {
		return !pos.IsRoot && hasEKU(c, x509.ExtKeyUsageServerAuth)
	},
	Check: func(c *x509.Certificate, pos Position, p *i18n.Printer) *Finding {
		var mixed []string
		for _, m := range mixedEKUs {
			if hasEKU(c, m.u) {
				mixed = append(mixed, m.name)
			}
		}
		if len(mixed) == 0 {
			return nil
		}
		return &Finding{
			Status: report.Warn,
			Title:  p.T("lint.ekuMixed.title", "serverAuth mixed with unrelated purposes", nil),
			Detail: p.T("lint.ekuMixed.detail",
				"The {role} \"{cert}\" allows serverAuth together with {usages}. The CA/Browser Forum requires TLS certificates to be dedicated to TLS; OpenSSL and Go still accept the certificate for a TLS server.",
				i18n.Args{"role": role(pos, p), "cert": certid.Label(c), "usages": quoteList(mixed)}),
			Fix: p.T("lint.ekuMixed.fix",
				"Nothing to change for PyMongo. When reissuing, use separate certificates (and CAs) for TLS and for code or e-mail signing.", nil),
		}
	},
}
