package lint

import (
	"crypto/x509"
	"testing"

	"certinspect/core/report"
)

func TestRuleCANoKeyCertSign(t *testing.T) {
	runRuleCases(t, "lint.caNoKeyCertSign", []ruleCase{
		{name: "keyCertSign present", path: std},
		{name: "intermediate with only digitalSignature", want: report.Fail, depth: 1, openssl: "X509_V_ERR_INVALID_CA", path: func(t testing.TB) []*x509.Certificate {
			return build(t, mods{inter: func(c *x509.Certificate) { c.KeyUsage = x509.KeyUsageDigitalSignature | x509.KeyUsageCRLSign }}).path()
		}},
		{name: "root with only cRLSign", want: report.Fail, depth: 2, openssl: "X509_V_ERR_INVALID_CA", path: func(t testing.TB) []*x509.Certificate {
			return build(t, mods{root: func(c *x509.Certificate) { c.KeyUsage = x509.KeyUsageCRLSign }}).path()
		}},
		{name: "CA:TRUE leaf without keyCertSign", want: report.Warn, path: func(t testing.TB) []*x509.Certificate {
			return build(t, mods{leaf: func(c *x509.Certificate) { c.IsCA = true }}).path()
		}},
		{name: "CA without keyUsage is another rule", path: func(t testing.TB) []*x509.Certificate {
			k := build(t, mods{})
			k.inter = resign(t, k.inter, rootKey, func(r *rawTBS) { r.dropExt(oidKeyUsage) })
			return k.path()
		}},
	})
}
