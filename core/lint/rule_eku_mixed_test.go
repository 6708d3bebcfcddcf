package lint

import (
	"crypto/x509"
	"testing"

	"certinspect/core/report"
)

func TestRuleEKUMixed(t *testing.T) {
	runRuleCases(t, "lint.ekuMixed", []ruleCase{
		{name: "serverAuth and clientAuth", path: std},
		{name: "intermediate serverAuth and codeSigning", want: report.Warn, depth: 1, path: func(t testing.TB) []*x509.Certificate {
			return build(t, mods{inter: func(c *x509.Certificate) {
				c.ExtKeyUsage = []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth, x509.ExtKeyUsageCodeSigning}
			}}).path()
		}},
		{name: "leaf serverAuth and emailProtection", want: report.Warn, path: func(t testing.TB) []*x509.Certificate {
			return build(t, mods{leaf: func(c *x509.Certificate) {
				c.ExtKeyUsage = []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth, x509.ExtKeyUsageEmailProtection}
			}}).path()
		}},
		{name: "codeSigning without serverAuth is another matter", path: func(t testing.TB) []*x509.Certificate {
			k := build(t, mods{leaf: func(c *x509.Certificate) { c.ExtKeyUsage = []x509.ExtKeyUsage{x509.ExtKeyUsageCodeSigning} }})
			return k.path()
		}},
	})
}
