package lint

import (
	"crypto/x509"
	"crypto/x509/pkix"
	"testing"

	"certinspect/core/report"
)

func TestRuleSubjectEmpty(t *testing.T) {
	runRuleCases(t, "lint.subjectEmpty", []ruleCase{
		{name: "named", path: std},
		{name: "empty intermediate subject", want: report.Warn, depth: 1, path: func(t testing.TB) []*x509.Certificate {
			return build(t, mods{inter: func(c *x509.Certificate) { c.Subject = pkix.Name{} }}).path()
		}},
		// Go marks the SAN critical when the subject is empty.
		{name: "empty leaf subject with critical SAN", path: func(t testing.TB) []*x509.Certificate {
			return build(t, mods{leaf: func(c *x509.Certificate) { c.Subject = pkix.Name{} }}).path()
		}},
		{name: "empty leaf subject with non-critical SAN", want: report.Warn, path: func(t testing.TB) []*x509.Certificate {
			k := build(t, mods{leaf: func(c *x509.Certificate) { c.Subject = pkix.Name{} }})
			k.leaf = resign(t, k.leaf, interKey, func(r *rawTBS) { r.setCritical(oidSAN, false) })
			return k.path()
		}},
	})
}
