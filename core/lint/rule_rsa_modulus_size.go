package lint

import (
	"certinspect/core/certid"
	"crypto/rsa"
	"crypto/x509"

	"certinspect/core/i18n"
	"certinspect/core/report"
)

// ruleRSAModulusSize: RSA moduli must be a whole number of bytes. OpenSSL only
// checks the strength (security level 2 wants 2048 bits; crypto.strength
// reports that).
var ruleRSAModulusSize = Rule{
	ID:          "lint.rsaModulusSize",
	Citation:    "CA/B Forum BR 6.1.5",
	Description: "The RSA modulus size in bits is not divisible by 8.",
	Applies: func(c *x509.Certificate, pos Position) bool {
		_, ok := c.PublicKey.(*rsa.PublicKey)
		return ok
	},
	Check: func(c *x509.Certificate, pos Position, p *i18n.Printer) *Finding {
		bits := c.PublicKey.(*rsa.PublicKey).N.BitLen()
		if bits%8 == 0 {
			return nil
		}
		return &Finding{
			Status: report.Warn,
			Title:  p.T("lint.rsaModulusSize.title", "RSA key size not a multiple of 8 bits", nil),
			Detail: p.T("lint.rsaModulusSize.detail",
				"The {role} \"{cert}\" has a {bits}-bit RSA key; the Baseline Requirements require a size divisible by 8 (2048, 3072, 4096). Such odd sizes come from broken key generators.",
				i18n.Args{"role": role(pos, p), "cert": certid.Label(c), "bits": bits}),
			Fix: p.T("lint.rsaModulusSize.fix",
				"Generate a new key (openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048) and reissue the certificate for it.", nil),
		}
	},
}
