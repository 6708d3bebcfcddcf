package lint

import (
	"crypto/x509"
	"testing"

	"certinspect/core/report"
)

func TestRuleNameConstraintsNotCritical(t *testing.T) {
	constrain := func(critical bool) func(testing.TB) []*x509.Certificate {
		return func(t testing.TB) []*x509.Certificate {
			return build(t, mods{inter: func(c *x509.Certificate) {
				c.PermittedDNSDomains = []string{"example.net"}
				c.PermittedDNSDomainsCritical = critical
			}}).path()
		}
	}
	runRuleCases(t, "lint.nameConstraintsNotCritical", []ruleCase{
		{name: "no constraints", path: std},
		{name: "critical", path: constrain(true)},
		{name: "not critical", want: report.Warn, depth: 1, path: constrain(false)},
	})
}
