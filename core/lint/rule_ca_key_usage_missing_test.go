package lint

import (
	"crypto/x509"
	"testing"

	"certinspect/core/report"
)

func TestRuleCAKeyUsageMissing(t *testing.T) {
	runRuleCases(t, "lint.caKeyUsageMissing", []ruleCase{
		{name: "present", path: std},
		{name: "intermediate without keyUsage", want: report.Warn, depth: 1, path: func(t testing.TB) []*x509.Certificate {
			return build(t, mods{inter: func(c *x509.Certificate) { c.KeyUsage = 0 }}).path()
		}},
		{name: "leaf without keyUsage is not about CAs", path: func(t testing.TB) []*x509.Certificate {
			return build(t, mods{leaf: func(c *x509.Certificate) { c.KeyUsage = 0 }}).path()
		}},
	})
}
