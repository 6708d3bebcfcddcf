package lint

import (
	"certinspect/core/certid"
	"crypto/x509"
	"strings"

	"certinspect/core/i18n"
	"certinspect/core/report"
)

// ruleDNSUnderscore: DNS SANs must be host names in the preferred name syntax,
// which has no underscore. OpenSSL matches them anyway.
var ruleDNSUnderscore = Rule{
	ID:          "lint.dnsUnderscore",
	Citation:    "CA/B Forum BR 7.1.4.2",
	Description: "A DNS subjectAltName contains an underscore.",
	Check: func(c *x509.Certificate, pos Position, p *i18n.Printer) *Finding {
		var bad []string
		for _, d := range c.DNSNames {
			if strings.Contains(d, "_") {
				bad = append(bad, d)
			}
		}
		if len(bad) == 0 {
			return nil
		}
		return &Finding{
			Status: report.Warn,
			Title:  p.T("lint.dnsUnderscore.title", "Underscore in a DNS name", nil),
			Detail: p.T("lint.dnsUnderscore.detail",
				"The {role} \"{cert}\" has DNS names with an underscore: {names}. Host names may not contain underscores and public CAs may no longer issue them; OpenSSL still matches them exactly, so PyMongo connects.",
				i18n.Args{"role": role(pos, p), "cert": certid.Label(c), "names": quoteList(bad)}),
			Fix: p.T("lint.dnsUnderscore.fix",
				"Use host names without underscores (rename the host or add a DNS alias) and reissue the certificate for them.", nil),
		}
	},
}
