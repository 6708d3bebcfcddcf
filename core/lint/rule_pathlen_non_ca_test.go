package lint

import (
	"crypto/x509"
	"crypto/x509/pkix"
	"testing"

	"certinspect/core/report"
)

func TestRulePathLenNonCA(t *testing.T) {
	// basicConstraints { cA FALSE (default, omitted), pathLenConstraint 0 }
	bc := pkix.Extension{Id: oidBasicConstraints, Critical: true, Value: []byte{0x30, 0x03, 0x02, 0x01, 0x00}}
	runRuleCases(t, "lint.pathLenNonCA", []ruleCase{
		{name: "no pathlen", path: std},
		{name: "pathlen on a CA is fine", path: func(t testing.TB) []*x509.Certificate {
			return build(t, mods{inter: func(c *x509.Certificate) { c.MaxPathLen, c.MaxPathLenZero = 0, true }}).path()
		}},
		{name: "pathlen 0 on leaf", want: report.Warn, path: func(t testing.TB) []*x509.Certificate {
			return build(t, mods{leaf: func(c *x509.Certificate) { c.ExtraExtensions = []pkix.Extension{bc} }}).path()
		}},
	})
}
