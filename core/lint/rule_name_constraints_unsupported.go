package lint

import (
	"certinspect/core/certid"
	"crypto/x509"
	"sort"
	"strings"

	"certinspect/core/i18n"
	"certinspect/core/report"
)

// opensslConstraintKind says whether OpenSSL 3.0's name-constraint matcher
// (nc_match in crypto/x509/v3_ncons.c) handles a GeneralName kind.
func opensslConstraintKind(kind string) bool {
	switch kind {
	case "rfc822Name", "dNSName", "directoryName", "URI", "iPAddress", "otherName:" + oidSmtpUTF8Mailbox.String():
		return true
	}
	return false
}

// ruleNameConstraintsUnsupported: when the issuing CA constrains a name type
// OpenSSL cannot match (otherName other than SmtpUTF8Mailbox, x400Address,
// ediPartyName, registeredID) and this certificate carries a name of that
// type, OpenSSL fails with "unsupported name constraint type". Only the direct
// issuer's constraints are looked at.
var ruleNameConstraintsUnsupported = Rule{
	ID:          "lint.nameConstraintsUnsupported",
	Citation:    "RFC 5280 4.2.1.10",
	Description: "The issuer constrains a name type OpenSSL cannot check, and the certificate has a name of that type.",
	Applies: func(c *x509.Certificate, pos Position) bool {
		return pos.Issuer != nil && ext(pos.Issuer, oidNameConstraints) != nil
	},
	Check: func(c *x509.Certificate, pos Position, p *i18n.Printer) *Finding {
		constrained := constraintKinds(pos.Issuer)
		var bad []string
		for kind := range sanKinds(c) {
			if !opensslConstraintKind(kind) && constrained[kind] {
				bad = append(bad, kind)
			}
		}
		if len(bad) == 0 {
			return nil
		}
		sort.Strings(bad)
		return &Finding{
			Status: report.Fail,
			Title:  p.T("lint.nameConstraintsUnsupported.title", "Name constraint of a type OpenSSL cannot check", nil),
			Detail: p.T("lint.nameConstraintsUnsupported.detail",
				"The issuer \"{issuer}\" has name constraints on {kinds} names, and the {role} \"{cert}\" carries such a name. OpenSSL cannot evaluate constraints of this type and fails with \"unsupported name constraint type\".",
				i18n.Args{"issuer": certid.Label(pos.Issuer), "kinds": strings.Join(bad, ", "), "role": role(pos, p), "cert": certid.Label(c)}),
			Fix: p.T("lint.nameConstraintsUnsupported.fix",
				"Reissue the certificate without that name in subjectAltName, or reissue the CA without constraints of that type.", nil),
			OpenSSLError: opensslErr("X509_V_ERR_UNSUPPORTED_CONSTRAINT_TYPE"),
		}
	},
}
