package lint

import (
	"certinspect/core/certid"
	"crypto/x509"

	"certinspect/core/i18n"
	"certinspect/core/report"
)

// ruleUniqueIdentifiers: conforming CAs must not generate certificates with
// issuerUniqueID or subjectUniqueID; nobody uses them for path building.
var ruleUniqueIdentifiers = Rule{
	ID:          "lint.uniqueIdentifiers",
	Citation:    "RFC 5280 4.1.2.8",
	Description: "The certificate carries issuerUniqueID or subjectUniqueID, which conforming CAs must not generate.",
	Check: func(c *x509.Certificate, pos Position, p *i18n.Printer) *Finding {
		t := parseTBS(c.RawTBSCertificate)
		if !t.OK || (!t.IssuerUID && !t.SubjectUID) {
			return nil
		}
		return &Finding{
			Status: report.Warn,
			Title:  p.T("lint.uniqueIdentifiers.title", "Certificate carries unique identifiers", nil),
			Detail: p.T("lint.uniqueIdentifiers.detail",
				"The {role} \"{cert}\" has an issuerUniqueID or subjectUniqueID field. RFC 5280 forbids CAs to generate them; OpenSSL and Go ignore them when building the chain.",
				i18n.Args{"role": role(pos, p), "cert": certid.Label(c)}),
			Fix: p.T("lint.uniqueIdentifiers.fix",
				"No change is needed to connect. When the certificate is next reissued, use a CA tool that does not write unique identifiers (openssl and every current CA do not).", nil),
		}
	},
}
