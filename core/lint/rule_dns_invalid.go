package lint

import (
	"certinspect/core/certid"
	"crypto/x509"
	"net"
	"strings"

	"certinspect/core/i18n"
	"certinspect/core/report"
)

// validDNSName checks the preferred name syntax (RFC 1034 3.5, as amended by
// RFC 1123), allowing a leading "*" label and underscores (which have their
// own rule).
func validDNSName(d string) bool {
	d = strings.TrimSuffix(d, ".")
	if d == "" || len(d) > 253 {
		return false
	}
	for _, l := range strings.Split(d, ".") {
		if l == "" || len(l) > 63 || l[0] == '-' || l[len(l)-1] == '-' {
			return false
		}
		for i := 0; i < len(l); i++ {
			b := l[i]
			if !(b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b == '-' || b == '_' || b == '*') {
				return false
			}
		}
	}
	return true
}

// ruleDNSInvalid: DNS SANs must be host names in the preferred name syntax.
var ruleDNSInvalid = Rule{
	ID:          "lint.dnsInvalid",
	Citation:    "RFC 5280 4.2.1.6",
	Description: "A DNS subjectAltName is not a syntactically valid host name (empty label, space, invalid character, too long).",
	Check: func(c *x509.Certificate, pos Position, p *i18n.Printer) *Finding {
		var bad []string
		for _, d := range c.DNSNames {
			if !validDNSName(d) && net.ParseIP(d) == nil {
				bad = append(bad, d)
			}
		}
		if len(bad) == 0 {
			return nil
		}
		return &Finding{
			Status: report.Warn,
			Title:  p.T("lint.dnsInvalid.title", "DNS name that is not a valid host name", nil),
			Detail: p.T("lint.dnsInvalid.detail",
				"The {role} \"{cert}\" lists DNS names that are not valid host names: {names}. No client can connect under such a name; the other names of the certificate still work.",
				i18n.Args{"role": role(pos, p), "cert": certid.Label(c), "names": quoteList(bad)}),
			Fix: p.T("lint.dnsInvalid.fix",
				"Reissue the certificate with the exact host names clients use (letters, digits and hyphens, labels separated by single dots).", nil),
		}
	},
}
