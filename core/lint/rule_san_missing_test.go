package lint

import (
	"crypto/x509"
	"testing"

	"certinspect/core/report"
)

func TestRuleSANMissing(t *testing.T) {
	runRuleCases(t, "lint.sanMissing", []ruleCase{
		{name: "DNS SAN", path: std},
		{name: "CN only", want: report.Warn, path: func(t testing.TB) []*x509.Certificate {
			return build(t, mods{leaf: func(c *x509.Certificate) { c.DNSNames = nil }}).path()
		}},
		{name: "CAs need no SAN", path: std},
	})
}
