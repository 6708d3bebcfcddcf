package lint

import (
	"crypto/x509"
	"testing"

	"certinspect/core/report"
)

func TestRuleKeyCertSignNonCA(t *testing.T) {
	runRuleCases(t, "lint.keyCertSignNonCA", []ruleCase{
		{name: "CAs sign, leaf does not", path: std},
		{name: "leaf with keyCertSign", want: report.Warn, path: func(t testing.TB) []*x509.Certificate {
			return build(t, mods{leaf: func(c *x509.Certificate) { c.KeyUsage |= x509.KeyUsageCertSign }}).path()
		}},
		{name: "intermediate CA:FALSE with keyCertSign", want: report.Fail, depth: 1, openssl: "X509_V_ERR_INVALID_CA", path: func(t testing.TB) []*x509.Certificate {
			return build(t, mods{inter: func(c *x509.Certificate) { c.IsCA = false }}).path()
		}},
	})
}
