package lint

import (
	"certinspect/core/certid"
	"crypto/x509"
	"slices"

	"certinspect/core/i18n"
	"certinspect/core/report"
)

func hasEKU(c *x509.Certificate, u x509.ExtKeyUsage) bool { return slices.Contains(c.ExtKeyUsage, u) }

// ruleAnyEKUOnly: anyExtendedKeyUsage. OpenSSL's purpose check does not treat
// it as serverAuth: a chain certificate whose EKU lists anyExtendedKeyUsage but
// not serverAuth fails with "unsuitable certificate purpose", while Go accepts
// it. Server certificates must not assert it at all under the Baseline
// Requirements (a warning when serverAuth is there too).
var ruleAnyEKUOnly = Rule{
	ID:          "lint.ekuAny",
	Citation:    "CA/B Forum BR 7.1.2.3",
	Description: "extendedKeyUsage asserts anyExtendedKeyUsage (without serverAuth OpenSSL refuses it for TLS servers).",
	Applies: func(c *x509.Certificate, pos Position) bool {
		return hasEKU(c, x509.ExtKeyUsageAny)
	},
	Check: func(c *x509.Certificate, pos Position, p *i18n.Printer) *Finding {
		if !hasEKU(c, x509.ExtKeyUsageServerAuth) {
			return &Finding{
				Status: report.Fail,
				Title:  p.T("lint.ekuAny.onlyAny.title", "anyExtendedKeyUsage without serverAuth", nil),
				Detail: p.T("lint.ekuAny.onlyAny.detail",
					"The {role} \"{cert}\" lists anyExtendedKeyUsage but not serverAuth in its extendedKeyUsage. OpenSSL does not read anyExtendedKeyUsage as permission for TLS servers and fails the chain as \"unsuitable certificate purpose\"; Go accepts it.",
					i18n.Args{"role": role(pos, p), "cert": certid.Label(c)}),
				Fix: p.T("lint.ekuAny.onlyAny.fix",
					"Reissue the certificate with extendedKeyUsage=serverAuth (plus clientAuth if it is also used as a client certificate).", nil),
				OpenSSLError: opensslErr("X509_V_ERR_INVALID_PURPOSE"),
				Others:       []string{p.T("lint.others.goAccepts", "Go crypto/x509 accepts it", nil)},
			}
		}
		if !pos.IsLeaf {
			return nil
		}
		return &Finding{
			Status: report.Warn,
			Title:  p.T("lint.ekuAny.title", "Server certificate asserts anyExtendedKeyUsage", nil),
			Detail: p.T("lint.ekuAny.detail",
				"The server certificate \"{cert}\" lists anyExtendedKeyUsage next to serverAuth. The CA/Browser Forum forbids anyExtendedKeyUsage in server certificates; OpenSSL uses the serverAuth entry and connects.",
				i18n.Args{"cert": certid.Label(c)}),
			Fix: p.T("lint.ekuAny.fix",
				"When the certificate is reissued, list only the purposes it needs: extendedKeyUsage=serverAuth,clientAuth.", nil),
		}
	},
}
