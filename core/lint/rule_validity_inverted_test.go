package lint

import (
	"crypto/x509"
	"testing"

	"certinspect/core/report"
)

func TestRuleValidityInverted(t *testing.T) {
	runRuleCases(t, "lint.validityInverted", []ruleCase{
		{name: "ordered", path: std},
		// No OpenSSL error: whether OpenSSL says "not yet valid" or "expired"
		// depends on the evaluation time, which validity.period reports.
		{name: "notAfter before notBefore", want: report.Fail, path: func(t testing.TB) []*x509.Certificate {
			return build(t, mods{leaf: func(c *x509.Certificate) { c.NotBefore, c.NotAfter = c.NotAfter, c.NotBefore }}).path()
		}},
	})
}
