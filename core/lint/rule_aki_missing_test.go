package lint

import (
	"crypto/x509"
	"testing"

	"certinspect/core/report"
)

func TestRuleAKIMissing(t *testing.T) {
	runRuleCases(t, "lint.akiMissing", []ruleCase{
		{name: "present; root is self-signed", path: std},
		{name: "leaf without AKI", want: report.Warn, path: func(t testing.TB) []*x509.Certificate {
			k := build(t, mods{})
			k.leaf = resign(t, k.leaf, interKey, func(r *rawTBS) { r.dropExt(oidAKI) })
			return k.path()
		}},
		{name: "intermediate without AKI", want: report.Warn, depth: 1, path: func(t testing.TB) []*x509.Certificate {
			k := build(t, mods{})
			k.inter = resign(t, k.inter, rootKey, func(r *rawTBS) { r.dropExt(oidAKI) })
			return k.path()
		}},
	})
}
