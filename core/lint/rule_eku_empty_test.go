package lint

import (
	"crypto/x509"
	"crypto/x509/pkix"
	"testing"

	"certinspect/core/report"
)

func TestRuleEKUEmpty(t *testing.T) {
	empty := pkix.Extension{Id: oidEKU, Value: []byte{0x30, 0x00}}
	runRuleCases(t, "lint.ekuEmpty", []ruleCase{
		{name: "serverAuth", path: std},
		{name: "empty on leaf", want: report.Fail, openssl: "X509_V_ERR_INVALID_PURPOSE", path: func(t testing.TB) []*x509.Certificate {
			return build(t, mods{leaf: func(c *x509.Certificate) { c.ExtKeyUsage = nil; c.ExtraExtensions = []pkix.Extension{empty} }}).path()
		}},
		{name: "no EKU is another rule", path: func(t testing.TB) []*x509.Certificate {
			return build(t, mods{leaf: func(c *x509.Certificate) { c.ExtKeyUsage = nil }}).path()
		}},
	})
}
