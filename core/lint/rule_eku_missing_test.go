package lint

import (
	"crypto/x509"
	"testing"

	"certinspect/core/report"
)

func TestRuleEKUMissing(t *testing.T) {
	runRuleCases(t, "lint.ekuMissing", []ruleCase{
		{name: "serverAuth", path: std},
		{name: "leaf without EKU", want: report.Warn, path: func(t testing.TB) []*x509.Certificate {
			return build(t, mods{leaf: func(c *x509.Certificate) { c.ExtKeyUsage = nil }}).path()
		}},
		{name: "intermediate without EKU is fine", path: func(t testing.TB) []*x509.Certificate {
			return build(t, mods{inter: func(c *x509.Certificate) { c.ExtKeyUsage = nil }}).path()
		}},
	})
}
