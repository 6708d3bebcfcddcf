package lint

import (
	"crypto/x509"
	"testing"

	"certinspect/core/report"
)

func TestRuleDNSUnderscore(t *testing.T) {
	runRuleCases(t, "lint.dnsUnderscore", []ruleCase{
		{name: "plain", path: std},
		{name: "underscore", want: report.Warn, host: "db_0.example.net", path: func(t testing.TB) []*x509.Certificate {
			return build(t, mods{leaf: func(c *x509.Certificate) {
				c.Subject.CommonName = "db_0.example.net"
				c.DNSNames = []string{"db_0.example.net"}
			}}).path()
		}},
	})
}
