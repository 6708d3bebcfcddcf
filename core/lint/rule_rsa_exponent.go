package lint

import (
	"certinspect/core/certid"
	"crypto/rsa"
	"crypto/x509"

	"certinspect/core/i18n"
	"certinspect/core/report"
)

// ruleRSAExponent: an RSA public exponent must be odd and at least 3. A key
// with e = 1 or an even e is not a working RSA key: signatures "by" it prove
// nothing (e = 1) or cannot exist (even e).
var ruleRSAExponent = Rule{
	ID:          "lint.rsaExponent",
	Citation:    "CA/B Forum BR 6.1.6",
	Description: "The RSA public exponent is 1 or even.",
	Applies: func(c *x509.Certificate, pos Position) bool {
		_, ok := c.PublicKey.(*rsa.PublicKey)
		return ok
	},
	Check: func(c *x509.Certificate, pos Position, p *i18n.Printer) *Finding {
		k := c.PublicKey.(*rsa.PublicKey)
		if k.E >= 3 && k.E%2 == 1 {
			return nil
		}
		f := &Finding{
			Status: report.Warn,
			Title:  p.T("lint.rsaExponent.title", "Broken RSA public exponent", nil),
			Detail: p.T("lint.rsaExponent.detail",
				"The {role} \"{cert}\" has an RSA key with public exponent {e}; a real RSA key has an odd exponent of at least 3 (normally 65537). The key gives no security.",
				i18n.Args{"role": role(pos, p), "cert": certid.Label(c), "e": k.E}),
			Fix: p.T("lint.rsaExponent.fix",
				"Generate a new key (openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048) and reissue the certificate for it.", nil),
		}
		if !pos.IsLeaf {
			// Signatures made by this CA cannot verify.
			f.Status = report.Fail
			f.OpenSSLError = opensslErr("X509_V_ERR_CERT_SIGNATURE_FAILURE")
		}
		return f
	},
}
