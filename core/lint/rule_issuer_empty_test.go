package lint

import (
	"crypto/x509"
	"crypto/x509/pkix"
	"testing"

	"certinspect/core/report"
)

func TestRuleIssuerEmpty(t *testing.T) {
	runRuleCases(t, "lint.issuerEmpty", []ruleCase{
		{name: "named issuer", path: std},
		// An intermediate with an empty subject makes the leaf's issuer empty.
		{name: "leaf issued by an unnamed intermediate", want: report.Warn, path: func(t testing.TB) []*x509.Certificate {
			return build(t, mods{inter: func(c *x509.Certificate) { c.Subject = pkix.Name{} }}).path()
		}},
	})
}
