package lint

import (
	"crypto/x509"
	"testing"

	"certinspect/core/report"
)

func TestRuleEKUAny(t *testing.T) {
	eku := func(which string, u ...x509.ExtKeyUsage) func(testing.TB) []*x509.Certificate {
		return func(t testing.TB) []*x509.Certificate {
			set := func(c *x509.Certificate) { c.ExtKeyUsage = u }
			switch which {
			case "leaf":
				return build(t, mods{leaf: set}).path()
			default:
				return build(t, mods{inter: set}).path()
			}
		}
	}
	runRuleCases(t, "lint.ekuAny", []ruleCase{
		{name: "serverAuth only", path: std},
		{name: "leaf anyEKU only", want: report.Fail, openssl: "X509_V_ERR_INVALID_PURPOSE", path: eku("leaf", x509.ExtKeyUsageAny)},
		{name: "leaf anyEKU and serverAuth", want: report.Warn, path: eku("leaf", x509.ExtKeyUsageServerAuth, x509.ExtKeyUsageAny)},
		{name: "intermediate anyEKU only", want: report.Fail, depth: 1, openssl: "X509_V_ERR_INVALID_PURPOSE", path: eku("inter", x509.ExtKeyUsageAny)},
		{name: "intermediate anyEKU and serverAuth", path: eku("inter", x509.ExtKeyUsageAny, x509.ExtKeyUsageServerAuth)},
	})
}
