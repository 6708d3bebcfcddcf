package lint

import (
	"certinspect/core/certid"
	"crypto/x509"
	"net"

	"certinspect/core/i18n"
	"certinspect/core/report"
)

// ruleDNSIPAddress: an IP address written as a DNS SAN. Python's ssl checks IP
// hosts only against iPAddress SANs, so the entry never matches.
var ruleDNSIPAddress = Rule{
	ID:          "lint.dnsIPAddress",
	Citation:    "CA/B Forum BR 7.1.4.2",
	Description: "A DNS subjectAltName holds an IP address.",
	Check: func(c *x509.Certificate, pos Position, p *i18n.Printer) *Finding {
		var bad []string
		for _, d := range c.DNSNames {
			if net.ParseIP(d) != nil {
				bad = append(bad, d)
			}
		}
		if len(bad) == 0 {
			return nil
		}
		return &Finding{
			Status: report.Warn,
			Title:  p.T("lint.dnsIPAddress.title", "IP address written as a DNS name", nil),
			Detail: p.T("lint.dnsIPAddress.detail",
				"The {role} \"{cert}\" lists {names} as DNS names. PyMongo checks an IP address host only against IP address entries (IP:...), so connecting by that address fails unless the same address is also an IP entry.",
				i18n.Args{"role": role(pos, p), "cert": certid.Label(c), "names": quoteList(bad)}),
			Fix: p.T("lint.dnsIPAddress.fix",
				"Reissue the certificate with the address as an IP entry, e.g. -addext \"subjectAltName=IP:10.0.0.5,DNS:db0.example.net\".", nil),
		}
	},
}
