package lint

import (
	"crypto/x509"
	"strings"
	"testing"

	"certinspect/core/report"
)

func TestRuleDNSInvalid(t *testing.T) {
	names := func(n ...string) func(testing.TB) []*x509.Certificate {
		return func(t testing.TB) []*x509.Certificate {
			return build(t, mods{leaf: func(c *x509.Certificate) { c.DNSNames = append([]string{"db0.example.net"}, n...) }}).path()
		}
	}
	runRuleCases(t, "lint.dnsInvalid", []ruleCase{
		{name: "valid names, wildcard, trailing dot", path: names("*.example.net", "db1.example.net.", "x-1.example.net")},
		{name: "empty label", want: report.Warn, path: names("db1..example.net")},
		{name: "leading hyphen", want: report.Warn, path: names("-db1.example.net")},
		{name: "label over 63 octets", want: report.Warn, path: names(strings.Repeat("a", 64) + ".example.net")},
		// Go's CreateCertificate refuses spaces and other non-IA5 bytes, and
		// its parser refuses such names too: they never get here.
	})
}
