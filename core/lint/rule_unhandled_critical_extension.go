package lint

import (
	"certinspect/core/certid"
	"crypto/x509"

	"certinspect/core/i18n"
	"certinspect/core/report"
)

// opensslSupported lists the extensions OpenSSL 3.0's verifier handles
// (X509_supported_extension in crypto/x509/v3_purp.c). A critical extension
// outside this list makes OpenSSL fail with X509_V_ERR_UNHANDLED_CRITICAL_EXTENSION,
// whichever certificate of the chain carries it, the trust anchor included.
var opensslSupported = map[string]string{
	"2.16.840.1.113730.1.1": "Netscape certificate type",
	"2.5.29.15":             "key usage",
	"2.5.29.17":             "subject alternative name",
	"2.5.29.19":             "basic constraints",
	"2.5.29.32":             "certificate policies",
	"2.5.29.31":             "CRL distribution points",
	"2.5.29.37":             "extended key usage",
	"1.3.6.1.5.5.7.1.7":     "IP address blocks",
	"1.3.6.1.5.5.7.1.8":     "AS identifiers",
	"1.3.6.1.5.5.7.48.1.5":  "OCSP no check",
	"2.5.29.36":             "policy constraints",
	"1.3.6.1.5.5.7.1.14":    "proxy certificate information",
	"2.5.29.30":             "name constraints",
	"2.5.29.33":             "policy mappings",
	"2.5.29.54":             "inhibit any policy",
}

// OpenSSLSupported reports whether OpenSSL 3.0's verifier handles the
// extension (X509_supported_extension): a critical one it does not makes
// check_extensions fail with 34.
func OpenSSLSupported(oid string) bool {
	_, ok := opensslSupported[oid]
	return ok
}

// extensionNames names extensions for messages.
var extensionNames = map[string]string{
	"2.5.29.14":               "subject key identifier",
	"2.5.29.35":               "authority key identifier",
	"1.3.6.1.5.5.7.1.1":       "authority information access",
	"1.3.6.1.5.5.7.1.24":      "TLS feature (OCSP must-staple)",
	"2.5.29.18":               "issuer alternative name",
	"2.5.29.46":               "freshest CRL",
	"1.3.6.1.4.1.11129.2.4.2": "certificate transparency SCTs",
}

func extensionName(oid string) string {
	if n, ok := opensslSupported[oid]; ok {
		return n + " (" + oid + ")"
	}
	if n, ok := extensionNames[oid]; ok {
		return n + " (" + oid + ")"
	}
	return oid
}

// ruleUnhandledCriticalExtension: a critical extension the verifier does not
// understand must make it reject the certificate.
var ruleUnhandledCriticalExtension = Rule{
	ID:          "lint.unhandledCriticalExtension",
	Citation:    "RFC 5280 4.2",
	Description: "A critical extension OpenSSL's verifier does not handle; OpenSSL rejects the chain.",
	Check: func(c *x509.Certificate, pos Position, p *i18n.Printer) *Finding {
		var bad []string
		for _, e := range c.Extensions {
			if !e.Critical {
				continue
			}
			oid := e.Id.String()
			if _, ok := opensslSupported[oid]; ok {
				continue
			}
			// Critical AKI and SKI have their own rules.
			if oid == "2.5.29.14" || oid == "2.5.29.35" {
				continue
			}
			bad = append(bad, extensionName(oid))
		}
		if len(bad) == 0 {
			return nil
		}
		f := &Finding{
			Status: report.Fail,
			Title:  p.T("lint.unhandledCriticalExtension.title", "Critical extension OpenSSL does not handle", nil),
			Detail: p.T("lint.unhandledCriticalExtension.detail",
				"The {role} \"{cert}\" marks the extension {extensions} critical, and OpenSSL's verifier does not implement it, so it must reject the certificate (\"unhandled critical extension\").",
				i18n.Args{"role": role(pos, p), "cert": certid.Label(c), "extensions": quoteList(bad)}),
			Fix: p.T("lint.unhandledCriticalExtension.fix",
				"Reissue the certificate with that extension marked non-critical (or without it).", nil),
			OpenSSLError: opensslErr("X509_V_ERR_UNHANDLED_CRITICAL_EXTENSION"),
		}
		if len(c.UnhandledCriticalExtensions) == 0 {
			f.Others = []string{p.T("lint.others.goAccepts", "Go crypto/x509 accepts it", nil)}
		}
		return f
	},
}
