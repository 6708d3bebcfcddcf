package lint

import (
	"crypto/x509"
	"testing"

	"certinspect/core/report"
)

func TestRuleDNSIPAddress(t *testing.T) {
	names := func(n ...string) func(testing.TB) []*x509.Certificate {
		return func(t testing.TB) []*x509.Certificate {
			return build(t, mods{leaf: func(c *x509.Certificate) { c.DNSNames = append([]string{"db0.example.net"}, n...) }}).path()
		}
	}
	runRuleCases(t, "lint.dnsIPAddress", []ruleCase{
		{name: "host names", path: std},
		{name: "IPv4 as DNS", want: report.Warn, path: names("10.0.0.5")},
		{name: "IPv6 as DNS", want: report.Warn, path: names("2001:db8::5")},
		{name: "numeric label is a name", path: names("10.example.net")},
	})
}
