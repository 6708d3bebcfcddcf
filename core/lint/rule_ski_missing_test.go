package lint

import (
	"crypto/x509"
	"testing"

	"certinspect/core/report"
)

func TestRuleSKIMissing(t *testing.T) {
	runRuleCases(t, "lint.skiMissing", []ruleCase{
		{name: "CAs have SKI", path: std},
		{name: "leaf without SKI is fine", path: func(t testing.TB) []*x509.Certificate {
			k := build(t, mods{})
			k.leaf = resign(t, k.leaf, interKey, func(r *rawTBS) { r.dropExt(oidSKI) })
			return k.path()
		}},
		{name: "intermediate without SKI", want: report.Warn, depth: 1, path: func(t testing.TB) []*x509.Certificate {
			k := build(t, mods{})
			k.inter = resign(t, k.inter, rootKey, func(r *rawTBS) { r.dropExt(oidSKI) })
			return k.path()
		}},
	})
}
