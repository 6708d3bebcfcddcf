package lint

import (
	"crypto/x509"
	"testing"

	"certinspect/core/report"
)

func TestRuleVersionExtensions(t *testing.T) {
	runRuleCases(t, "lint.versionExtensions", []ruleCase{
		{name: "v3 with extensions", path: std},
		{name: "v1 leaf with extensions", want: report.Warn, path: func(t testing.TB) []*x509.Certificate {
			k := build(t, mods{})
			k.leaf = resign(t, k.leaf, interKey, func(r *rawTBS) { r.Version = 0 })
			return k.path()
		}},
		{name: "v2 leaf with extensions", want: report.Warn, path: func(t testing.TB) []*x509.Certificate {
			k := build(t, mods{})
			k.leaf = resign(t, k.leaf, interKey, func(r *rawTBS) { r.Version = 1 })
			return k.path()
		}},
		{name: "v1 leaf without extensions", path: func(t testing.TB) []*x509.Certificate {
			k := build(t, mods{})
			k.leaf = resign(t, k.leaf, interKey, func(r *rawTBS) { r.Version = 0; r.NoExts = true })
			return k.path()
		}},
	})
}
