package core

import (
	"encoding/asn1"
	"strings"

	"certinspect/core/certid"
	"certinspect/core/i18n"
	"certinspect/core/pemfile"
)

// This file is OpenSSL's X509_check_trust as a client verifying a server
// runs it (trust id X509_TRUST_SSL_SERVER: trust_1oidany on serverAuth): when
// path building reaches a trust-store certificate, its trust settings (from
// a TRUSTED CERTIFICATE block, see core/pemfile) decide whether the path ends
// there, trusted, or is rejected; without settings only a self-signed
// certificate is a trust anchor.

type trustVerdict int

const (
	trustNeutral  trustVerdict = iota // go on looking for an issuer
	trustAnchor                       // the path is trusted here
	trustRejected                     // X509_V_ERR_CERT_REJECTED
)

var (
	oidServerAuth = asn1.ObjectIdentifier{1, 3, 6, 1, 5, 5, 7, 3, 1}
	oidAnyEKU     = asn1.ObjectIdentifier{2, 5, 29, 37, 0}
)

// forServerAuth reports whether a use list names TLS server authentication
// (or any use, which trust_1oidany accepts).
func forServerAuth(uses []asn1.ObjectIdentifier) bool {
	for _, u := range uses {
		if u.Equal(oidServerAuth) || u.Equal(oidAnyEKU) {
			return true
		}
	}
	return false
}

// checkTrust is obj_trust(NID_server_auth, x, X509_TRUST_DO_SS_COMPAT |
// X509_TRUST_OK_ANY_EKU) for a trust-store certificate.
func checkTrust(n *node) trustVerdict {
	if a := n.aux; a != nil {
		if forServerAuth(a.Rejected) {
			return trustRejected
		}
		if a.HasTrustList {
			if forServerAuth(a.Trusted) {
				return trustAnchor
			}
			return trustRejected // explicit uses, none of them this one
		}
	}
	if selfSigned(n) {
		return trustAnchor // trust_compat: a self-signed certificate
	}
	return trustNeutral
}

// trustedForServerAuth is X509_check_trust(x, SSL_SERVER,
// X509_TRUST_NO_SS_COMPAT) == X509_TRUST_TRUSTED, which check_purpose asks of
// a trust-store certificate: trust settings that trust it for TLS servers
// (and do not reject it) override its extended key usage.
func trustedForServerAuth(a *pemfile.Trust) bool {
	return a != nil && a.HasTrustList && forServerAuth(a.Trusted) && !forServerAuth(a.Rejected)
}

// trustUsesText says what a certificate's trust settings trust and reject,
// for a person: "trusted for clientAuth; rejected for serverAuth".
func trustUsesText(t *pemfile.Trust, p *i18n.Printer) string {
	if t == nil {
		return ""
	}
	var parts []string
	if t.HasTrustList {
		uses := p.T("trust.none", "nothing", nil)
		if len(t.Trusted) > 0 {
			uses = useNames(t.Trusted)
		}
		parts = append(parts, p.T("trust.trusted", "trusted for {uses}", i18n.Args{"uses": uses}))
	}
	if len(t.Rejected) > 0 {
		parts = append(parts, p.T("trust.rejected", "rejected for {uses}", i18n.Args{"uses": useNames(t.Rejected)}))
	}
	if t.Alias != "" {
		parts = append(parts, p.T("trust.alias", "alias \"{alias}\"", i18n.Args{"alias": t.Alias}))
	}
	if len(parts) == 0 {
		return p.T("trust.empty", "no trust or reject list", nil)
	}
	return strings.Join(parts, "; ")
}

// useNames names extended key usage OIDs as OpenSSL's -addtrust does.
func useNames(oids []asn1.ObjectIdentifier) string {
	names := make([]string, len(oids))
	for i, o := range oids {
		names[i] = certid.ExtKeyUsageOIDName(o)
	}
	return strings.Join(names, ", ")
}
