package lint

import (
	"crypto/x509"
	"crypto/x509/pkix"
	"testing"

	"certinspect/core/report"
)

func TestRulePolicyConstraintsNotCritical(t *testing.T) {
	// PolicyConstraints { requireExplicitPolicy [0] 0 }
	pc := func(crit bool) pkix.Extension {
		return pkix.Extension{Id: oidPolicyConstraints, Critical: crit, Value: []byte{0x30, 0x03, 0x80, 0x01, 0x00}}
	}
	with := func(crit bool) func(testing.TB) []*x509.Certificate {
		return func(t testing.TB) []*x509.Certificate {
			return build(t, mods{inter: func(c *x509.Certificate) { c.ExtraExtensions = []pkix.Extension{pc(crit)} }}).path()
		}
	}
	runRuleCases(t, "lint.policyConstraintsNotCritical", []ruleCase{
		{name: "absent", path: std},
		{name: "critical", path: with(true)},
		{name: "not critical", want: report.Warn, depth: 1, path: with(false)},
	})
}
