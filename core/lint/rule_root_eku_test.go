package lint

import (
	"crypto/x509"
	"testing"

	"certinspect/core/report"
)

func TestRuleRootEKU(t *testing.T) {
	runRuleCases(t, "lint.rootEKU", []ruleCase{
		{name: "root without EKU, intermediate with", path: std},
		{name: "root with EKU", want: report.Warn, depth: 2, path: func(t testing.TB) []*x509.Certificate {
			return build(t, mods{root: func(c *x509.Certificate) { c.ExtKeyUsage = []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth} }}).path()
		}},
	})
}
