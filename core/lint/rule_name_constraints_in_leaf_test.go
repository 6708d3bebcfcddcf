package lint

import (
	"crypto/x509"
	"testing"

	"certinspect/core/report"
)

func TestRuleNameConstraintsInLeaf(t *testing.T) {
	runRuleCases(t, "lint.nameConstraintsInLeaf", []ruleCase{
		{name: "on a CA", path: func(t testing.TB) []*x509.Certificate {
			return build(t, mods{inter: func(c *x509.Certificate) {
				c.PermittedDNSDomains, c.PermittedDNSDomainsCritical = []string{"example.net"}, true
			}}).path()
		}},
		{name: "on the leaf", want: report.Warn, path: func(t testing.TB) []*x509.Certificate {
			return build(t, mods{leaf: func(c *x509.Certificate) {
				c.PermittedDNSDomains, c.PermittedDNSDomainsCritical = []string{"example.net"}, true
			}}).path()
		}},
	})
}
