package lint

import (
	"crypto/x509"
	"testing"

	"certinspect/core/report"
)

func TestRuleEKUCritical(t *testing.T) {
	runRuleCases(t, "lint.ekuCritical", []ruleCase{
		{name: "non-critical", path: std},
		{name: "critical on leaf", want: report.Warn, path: func(t testing.TB) []*x509.Certificate {
			k := build(t, mods{})
			k.leaf = resign(t, k.leaf, interKey, func(r *rawTBS) { r.setCritical(oidEKU, true) })
			return k.path()
		}},
	})
}
