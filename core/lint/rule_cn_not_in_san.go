package lint

import (
	"crypto/x509"

	"certinspect/core/i18n"
	"certinspect/core/report"
)

// ruleCNNotInSAN: when a server certificate has a subject CN, it must repeat
// one of its SANs. OpenSSL never looks at the CN once DNS SANs exist, so a CN
// missing from the SANs misleads whoever reads the certificate.
var ruleCNNotInSAN = Rule{
	ID:          "lint.cnNotInSAN",
	Citation:    "CA/B Forum BR 7.1.4.3",
	Description: "The server certificate's subject CN is not exactly one of its DNS or IP SANs.",
	Applies: func(c *x509.Certificate, pos Position) bool {
		return pos.IsLeaf && c.Subject.CommonName != "" && len(c.DNSNames)+len(c.IPAddresses) > 0
	},
	Check: func(c *x509.Certificate, pos Position, p *i18n.Printer) *Finding {
		// The Baseline Requirements want the CN to be exactly one of the SAN
		// values: DNS names byte for byte, IP addresses in their canonical
		// text form (dotted decimal, RFC 5952).
		cn := c.Subject.CommonName
		for _, d := range c.DNSNames {
			if d == cn {
				return nil
			}
		}
		for _, a := range c.IPAddresses {
			if a.String() == cn {
				return nil
			}
		}
		names := append([]string(nil), c.DNSNames...)
		for _, a := range c.IPAddresses {
			names = append(names, a.String())
		}
		return &Finding{
			Status: report.Warn,
			Title:  p.T("lint.cnNotInSAN.title", "Subject CN is not among the subject alternative names", nil),
			Detail: p.T("lint.cnNotInSAN.detail",
				"The server certificate's subject CN \"{cn}\" is not exactly one of its subjectAltName entries ({sans}). Clients, PyMongo included, match the host only against the SANs and ignore the CN, so connecting with the CN as host name works only if a SAN also matches it.",
				i18n.Args{"cn": cn, "sans": quoteList(names)}),
			Fix: p.T("lint.cnNotInSAN.fix",
				"Connect with a host name listed in the SANs, or reissue the certificate with the CN also in subjectAltName.", nil),
		}
	},
}
