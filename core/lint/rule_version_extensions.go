package lint

import (
	"certinspect/core/certid"
	"crypto/x509"

	"certinspect/core/i18n"
	"certinspect/core/report"
)

// ruleVersionExtensions: extensions are only allowed in version 3
// certificates. Go ignores the extensions of a v1/v2 certificate, OpenSSL
// reads and applies them, so the two can reach different verdicts.
var ruleVersionExtensions = Rule{
	ID:          "lint.versionExtensions",
	Citation:    "RFC 5280 4.1.2.1",
	Description: "A version 1 or 2 certificate carries extensions; only version 3 may.",
	Check: func(c *x509.Certificate, pos Position, p *i18n.Printer) *Finding {
		t := parseTBS(c.RawTBSCertificate)
		if !t.OK || t.Version >= 3 || !t.HasExtensions {
			return nil
		}
		return &Finding{
			Status: report.Warn,
			Title: p.T("lint.versionExtensions.title", "Version {version} certificate with extensions",
				i18n.Args{"version": t.Version}),
			Detail: p.T("lint.versionExtensions.detail",
				"The {role} \"{cert}\" is an X.509 version {version} certificate but carries {count} extensions; only version 3 certificates may have extensions. OpenSSL reads and applies them anyway, Go ignores them, so the two can disagree about this certificate (for example whether it is a CA).",
				i18n.Args{"role": role(pos, p), "cert": certid.Label(c), "version": t.Version, "count": t.ExtensionCount}),
			Fix: p.T("lint.versionExtensions.fix",
				"Reissue the certificate as version 3 (openssl x509 -req and openssl req -x509 write version 3 when given -extfile or -addext).", nil),
			Others: []string{p.T("lint.others.goIgnores", "Go crypto/x509 ignores these extensions", nil)},
		}
	},
}
