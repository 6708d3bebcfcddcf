package core

import (
	"bytes"
	"strings"

	"certinspect/core/decode"
)

// unreadableCert is a certificate of the server chain or the CA file that
// crypto/x509 refused to parse.
type unreadableCert struct {
	file string
	decode.Unreadable
}

// unreadableCerts lists the unreadable certificates of the files with role r.
func (in *inspection) unreadableCerts(r Role) []unreadableCert {
	var out []unreadableCert
	for _, it := range in.inputs {
		if it.role != r || it.dec == nil {
			continue
		}
		for _, u := range it.dec.Unreadable {
			out = append(out, unreadableCert{file: it.file.Name, Unreadable: u})
		}
	}
	return out
}

// noteUnreadableIssuer looks at a path that stops for want of an issuer: when
// a certificate that certinspect could not read has exactly the missing
// issuer's subject, the chain may well be complete for OpenSSL, which reads
// some encodings Go's parser refuses (an empty name constraints extension,
// say). The problem then becomes "issuerUnreadable": a warning that says
// which certificate it is, not a confident "the intermediate is missing"; or
// "issuerMalformed", a failure, where OpenSSL is known to refuse the
// certificate too.
func (a *serverAnalysis) noteUnreadableIssuer(unreadable []unreadableCert) {
	for i := range a.problems {
		pr := &a.problems[i]
		if pr.kind != "noIssuer" {
			continue
		}
		for j := range unreadable {
			u := &unreadable[j]
			if u.Subject != nil && bytes.Equal(u.Subject, pr.cert.cert.RawIssuer) {
				pr.kind = "issuerUnreadable"
				if openSSLRefusesToo(u.Reason) {
					pr.kind = "issuerMalformed"
				}
				a.unreadableIssuer = u
				return
			}
		}
	}
}

// refusedByOpenSSL are crypto/x509 parse errors for certificates that OpenSSL
// 3 (as PyMongo runs it) refuses as well, each seen in x509-limbo with
// `openssl verify` (testdata/limbo/openssl-verdicts.json): a chain that needs
// such a certificate fails in PyMongo too. Other errors leave PyMongo's answer
// open ("unsupported elliptic curve" covers brainpool curves, which OpenSSL
// accepts; an empty name constraints extension OpenSSL accepts).
// (Defects whose OpenSSL error is known, such as an AKI or SKI marked
// critical, are read through a repaired copy instead: defect.go.)
var refusedByOpenSSL = []string{
	"x509: invalid RSA public key",                  // invalid::invalid-issuer-key
	"x509: IP constraint contained value of length", // rfc5280::nc::invalid-ipv4-address, -ipv6-
}

func openSSLRefusesToo(reason string) bool {
	for _, r := range refusedByOpenSSL {
		if strings.HasPrefix(reason, r) {
			return true
		}
	}
	return false
}
