package lint

import (
	"crypto/x509"
	"testing"

	"certinspect/core/report"
)

func TestRuleBasicConstraintsNotCritical(t *testing.T) {
	runRuleCases(t, "lint.basicConstraintsNotCritical", []ruleCase{
		{name: "critical", path: std},
		{name: "intermediate not critical", want: report.Warn, depth: 1, path: func(t testing.TB) []*x509.Certificate {
			k := build(t, mods{})
			k.inter = resign(t, k.inter, rootKey, func(r *rawTBS) { r.setCritical(oidBasicConstraints, false) })
			return k.path()
		}},
		{name: "leaf CA:FALSE not critical is fine", path: func(t testing.TB) []*x509.Certificate {
			k := build(t, mods{})
			k.leaf = resign(t, k.leaf, interKey, func(r *rawTBS) { r.setCritical(oidBasicConstraints, false) })
			return k.path()
		}},
	})
}
