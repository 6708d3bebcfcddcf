package lint

import (
	"certinspect/core/certid"
	"crypto/x509"

	"certinspect/core/i18n"
	"certinspect/core/report"
)

// ruleKeyUsageEmpty: a keyUsage extension must assert at least one bit.
// OpenSSL 3.0 marks such a certificate invalid (X509V3_R_EMPTY_KEY_USAGE); an
// invalid certificate is never accepted as issued by its CA, so verification
// stops with "unable to get local issuer certificate" (checked with
// `openssl verify` 3.0.19).
var ruleKeyUsageEmpty = Rule{
	ID:          "lint.keyUsageEmpty",
	Citation:    "RFC 5280 4.2.1.3",
	Description: "The keyUsage extension is present but asserts no bit.",
	Applies:     func(c *x509.Certificate, pos Position) bool { return keyUsagePresent(c) },
	Check: func(c *x509.Certificate, pos Position, p *i18n.Printer) *Finding {
		if c.KeyUsage != 0 {
			return nil
		}
		return &Finding{
			Status: report.Fail,
			Title:  p.T("lint.keyUsageEmpty.title", "Key usage extension is empty", nil),
			Detail: p.T("lint.keyUsageEmpty.detail",
				"The {role} \"{cert}\" has a keyUsage extension with no usage set. RFC 5280 requires at least one; OpenSSL 3 marks the certificate invalid and then does not accept it as issued by its CA, so it reports \"unable to get local issuer certificate\" although the right CA is there.",
				i18n.Args{"role": role(pos, p), "cert": certid.Label(c)}),
			Fix: p.T("lint.keyUsageEmpty.fix",
				"Reissue the certificate with the usages it needs (server: keyUsage=digitalSignature,keyEncipherment; CA: keyUsage=critical,keyCertSign,cRLSign).", nil),
			OpenSSLError: opensslErr("X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY"),
			Others:       []string{p.T("lint.others.goAccepts", "Go crypto/x509 accepts it", nil)},
		}
	},
}
