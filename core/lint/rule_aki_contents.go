package lint

import (
	"certinspect/core/certid"
	"crypto/x509"

	"certinspect/core/i18n"
	"certinspect/core/report"
)

// ruleAKIContents: an authorityKeyIdentifier must carry keyIdentifier and,
// under the Baseline Requirements, neither authorityCertIssuer nor
// authorityCertSerialNumber. (Non-self-issued certificates without a
// keyIdentifier are reported by lint.akiMissing.)
var ruleAKIContents = Rule{
	ID:          "lint.akiContents",
	Citation:    "CA/B Forum BR 7.1.2.11.1",
	Description: "The authorityKeyIdentifier has authorityCertIssuer or authorityCertSerialNumber, or (in a self-issued certificate) lacks keyIdentifier.",
	Check: func(c *x509.Certificate, pos Position, p *i18n.Printer) *Finding {
		a := authorityKeyID(c)
		if !a.OK {
			return nil
		}
		if !a.HasIssuer && !a.HasSerial && (a.HasKeyID || !selfIssued(c)) {
			return nil
		}
		return &Finding{
			Status: report.Warn,
			Title:  p.T("lint.akiContents.title", "Authority key identifier with issuer name and serial, or without key id", nil),
			Detail: p.T("lint.akiContents.detail",
				"The {role} \"{cert}\" has an authorityKeyIdentifier that names the issuer by name and serial number, or has no key identifier. The Baseline Requirements allow only the key identifier; the name-and-serial form breaks when the issuing CA is renewed.",
				i18n.Args{"role": role(pos, p), "cert": certid.Label(c)}),
			Fix: p.T("lint.akiContents.fix",
				"When reissuing, use authorityKeyIdentifier=keyid (not keyid,issuer).", nil),
		}
	},
}
