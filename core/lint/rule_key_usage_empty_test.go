package lint

import (
	"crypto/x509"
	"crypto/x509/pkix"
	"testing"

	"certinspect/core/report"
)

func TestRuleKeyUsageEmpty(t *testing.T) {
	empty := pkix.Extension{Id: oidKeyUsage, Critical: true, Value: []byte{0x03, 0x01, 0x00}} // BIT STRING, no bits
	runRuleCases(t, "lint.keyUsageEmpty", []ruleCase{
		{name: "usages set", path: std},
		{name: "empty on leaf", want: report.Fail, openssl: "X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY", path: func(t testing.TB) []*x509.Certificate {
			return build(t, mods{leaf: func(c *x509.Certificate) { c.ExtraExtensions = []pkix.Extension{empty} }}).path()
		}},
		{name: "empty on intermediate", want: report.Fail, depth: 1, openssl: "X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY", path: func(t testing.TB) []*x509.Certificate {
			return build(t, mods{inter: func(c *x509.Certificate) { c.ExtraExtensions = []pkix.Extension{empty} }}).path()
		}},
		{name: "no keyUsage at all", path: func(t testing.TB) []*x509.Certificate {
			return build(t, mods{leaf: func(c *x509.Certificate) { c.KeyUsage = 0 }}).path()
		}},
	})
}
