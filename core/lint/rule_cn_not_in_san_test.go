package lint

import (
	"crypto/x509"
	"net"
	"testing"

	"certinspect/core/report"
)

func TestRuleCNNotInSAN(t *testing.T) {
	leaf := func(cn string, dns []string, ips ...string) func(testing.TB) []*x509.Certificate {
		return func(t testing.TB) []*x509.Certificate {
			return build(t, mods{leaf: func(c *x509.Certificate) {
				c.Subject.CommonName, c.DNSNames = cn, dns
				for _, ip := range ips {
					c.IPAddresses = append(c.IPAddresses, net.ParseIP(ip))
				}
			}}).path()
		}
	}
	runRuleCases(t, "lint.cnNotInSAN", []ruleCase{
		{name: "CN is a SAN", path: std},
		{name: "CN in another case", want: report.Warn, path: leaf("DB0.Example.NET", []string{"db0.example.net"})},
		{name: "CN is an IP SAN", path: leaf("10.0.0.5", nil, "10.0.0.5")},
		{name: "CN is an IPv6 SAN in RFC 5952 form", path: leaf("2001:db8::5", nil, "2001:db8::5")},
		{name: "CN is an IPv6 SAN in another form", want: report.Warn, path: leaf("2001:DB8:0:0:0:0:0:5", nil, "2001:db8::5")},
		{name: "CN not among SANs", want: report.Warn, path: leaf("mongodb-prod", []string{"db0.example.net", "db1.example.net"})},
		{name: "no CN", path: leaf("", []string{"db0.example.net"})},
		{name: "no SAN is another rule", path: leaf("db0.example.net", nil)},
	})
}
