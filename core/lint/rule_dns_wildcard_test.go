package lint

import (
	"crypto/x509"
	"testing"

	"certinspect/core/report"
)

func TestRuleDNSWildcard(t *testing.T) {
	names := func(n ...string) func(testing.TB) []*x509.Certificate {
		return func(t testing.TB) []*x509.Certificate {
			return build(t, mods{leaf: func(c *x509.Certificate) { c.DNSNames = append([]string{"db0.example.net"}, n...) }}).path()
		}
	}
	runRuleCases(t, "lint.dnsWildcard", []ruleCase{
		{name: "leftmost wildcard", path: names("*.example.net")},
		{name: "partial wildcard", want: report.Warn, path: names("db*.example.net")},
		{name: "wildcard not leftmost", want: report.Warn, path: names("db0.*.net")},
		{name: "wildcard over a TLD", want: report.Warn, path: names("*.net")},
		{name: "two wildcards", want: report.Warn, path: names("*.*.example.net")},
	})
	for _, tc := range []struct {
		name string
		bad  bool
	}{{"*.a.b", false}, {"*.a.b.", false}, {"a*.b.c", true}, {"*", true}, {"a.b.*", true}, {"plain.example", false}} {
		if got := badWildcard(tc.name); got != tc.bad {
			t.Errorf("badWildcard(%q) = %v, want %v", tc.name, got, tc.bad)
		}
	}
}
