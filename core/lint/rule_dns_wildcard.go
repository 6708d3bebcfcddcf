package lint

import (
	"certinspect/core/certid"
	"crypto/x509"
	"strings"

	"certinspect/core/i18n"
	"certinspect/core/report"
)

// badWildcard reports whether a DNS SAN uses "*" anywhere but as the whole
// leftmost label of a name with at least three labels.
func badWildcard(d string) bool {
	if !strings.Contains(d, "*") {
		return false
	}
	labels := strings.Split(strings.TrimSuffix(d, "."), ".")
	if labels[0] != "*" || len(labels) < 3 {
		return true
	}
	for _, l := range labels[1:] {
		if strings.Contains(l, "*") {
			return true
		}
	}
	return false
}

// ruleDNSWildcardPosition: a wildcard is only meaningful as the whole leftmost
// label ("*.example.net"). Python sets X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS, so
// OpenSSL never matches "db*.example.net", "*.net" or "a.*.example.net": such
// entries match no host for PyMongo.
var ruleDNSWildcardPosition = Rule{
	ID:          "lint.dnsWildcard",
	Citation:    "RFC 6125 6.4.3",
	Description: "A DNS subjectAltName has a wildcard that is not the whole leftmost label of a name of three or more labels.",
	Check: func(c *x509.Certificate, pos Position, p *i18n.Printer) *Finding {
		var bad []string
		for _, d := range c.DNSNames {
			if badWildcard(d) {
				bad = append(bad, d)
			}
		}
		if len(bad) == 0 {
			return nil
		}
		return &Finding{
			Status: report.Warn,
			Title:  p.T("lint.dnsWildcard.title", "Wildcard DNS name that never matches", nil),
			Detail: p.T("lint.dnsWildcard.detail",
				"The {role} \"{cert}\" has DNS names with a wildcard that is not the whole leftmost label: {names}. PyMongo (Python's ssl, which forbids partial wildcards) matches no host against them; only the other names of the certificate can match.",
				i18n.Args{"role": role(pos, p), "cert": certid.Label(c), "names": quoteList(bad)}),
			Fix: p.T("lint.dnsWildcard.fix",
				"Use \"*.example.net\" (the whole leftmost label) or list each host name explicitly, and reissue the certificate.", nil),
		}
	},
}
