package lint

import (
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"testing"

	"certinspect/core/report"
)

func TestRuleUnhandledCriticalExtension(t *testing.T) {
	private := pkix.Extension{Id: asn1.ObjectIdentifier{1, 3, 6, 1, 4, 1, 55555, 1}, Critical: true, Value: []byte{0x05, 0x00}}
	// TLS feature status_request (OCSP must-staple), critical: Go handles it,
	// OpenSSL's verifier does not list it.
	mustStaple := pkix.Extension{Id: asn1.ObjectIdentifier{1, 3, 6, 1, 5, 5, 7, 1, 24}, Critical: true, Value: []byte{0x30, 0x03, 0x02, 0x01, 0x05}}
	runRuleCases(t, "lint.unhandledCriticalExtension", []ruleCase{
		{name: "only handled critical extensions", path: std},
		{name: "private critical extension on leaf", want: report.Fail, openssl: "X509_V_ERR_UNHANDLED_CRITICAL_EXTENSION",
			path: func(t testing.TB) []*x509.Certificate {
				return build(t, mods{leaf: func(c *x509.Certificate) { c.ExtraExtensions = []pkix.Extension{private} }}).path()
			}},
		{name: "private critical extension on root", want: report.Fail, depth: 2, openssl: "X509_V_ERR_UNHANDLED_CRITICAL_EXTENSION",
			path: func(t testing.TB) []*x509.Certificate {
				return build(t, mods{root: func(c *x509.Certificate) { c.ExtraExtensions = []pkix.Extension{private} }}).path()
			}},
		{name: "critical must-staple on leaf", want: report.Fail, openssl: "X509_V_ERR_UNHANDLED_CRITICAL_EXTENSION",
			path: func(t testing.TB) []*x509.Certificate {
				return build(t, mods{leaf: func(c *x509.Certificate) { c.ExtraExtensions = []pkix.Extension{mustStaple} }}).path()
			}},
		{name: "non-critical private extension", path: func(t testing.TB) []*x509.Certificate {
			e := private
			e.Critical = false
			return build(t, mods{leaf: func(c *x509.Certificate) { c.ExtraExtensions = []pkix.Extension{e} }}).path()
		}},
	})
}
