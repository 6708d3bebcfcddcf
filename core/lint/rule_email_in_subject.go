package lint

import (
	"certinspect/core/certid"
	"crypto/x509"
	"fmt"
	"strings"

	"certinspect/core/i18n"
	"certinspect/core/report"
)

// ruleEmailInSubject: e-mail addresses belong in rfc822Name SANs; the legacy
// emailAddress attribute in the subject must be repeated there.
var ruleEmailInSubject = Rule{
	ID:          "lint.emailInSubject",
	Citation:    "RFC 5280 4.1.2.6",
	Description: "The subject holds an emailAddress attribute that is not also an rfc822Name subjectAltName.",
	Check: func(c *x509.Certificate, pos Position, p *i18n.Printer) *Finding {
		var missing []string
		for _, atv := range c.Subject.Names {
			if !atv.Type.Equal(oidEmailAddress) {
				continue
			}
			addr := fmt.Sprint(atv.Value)
			found := false
			for _, e := range c.EmailAddresses {
				if strings.EqualFold(e, addr) {
					found = true
				}
			}
			if !found {
				missing = append(missing, addr)
			}
		}
		if len(missing) == 0 {
			return nil
		}
		return &Finding{
			Status: report.Warn,
			Title:  p.T("lint.emailInSubject.title", "E-mail address in the subject only", nil),
			Detail: p.T("lint.emailInSubject.detail",
				"The {role} \"{cert}\" carries {addresses} as an emailAddress attribute of its subject but not as an e-mail subjectAltName. RFC 5280 puts e-mail addresses in subjectAltName; it does not affect the TLS connection.",
				i18n.Args{"role": role(pos, p), "cert": certid.Label(c), "addresses": quoteList(missing)}),
			Fix: p.T("lint.emailInSubject.fix",
				"Nothing to change for PyMongo. When reissuing, drop emailAddress from the subject (-subj without /emailAddress=) and use subjectAltName=email:... if needed.", nil),
		}
	},
}
