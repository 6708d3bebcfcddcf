package lint

import (
	"crypto/x509"
	"testing"

	"certinspect/core/report"
)

func TestRuleUniqueIdentifiers(t *testing.T) {
	uid := []byte{0x00, 0xde, 0xad, 0xbe, 0xef} // BIT STRING content: 0 unused bits
	runRuleCases(t, "lint.uniqueIdentifiers", []ruleCase{
		{name: "none", path: std},
		{name: "subjectUniqueID on leaf", want: report.Warn, path: func(t testing.TB) []*x509.Certificate {
			k := build(t, mods{})
			k.leaf = resign(t, k.leaf, interKey, func(r *rawTBS) { r.SubjectUID = uid })
			return k.path()
		}},
		{name: "both on intermediate", want: report.Warn, depth: 1, path: func(t testing.TB) []*x509.Certificate {
			k := build(t, mods{})
			k.inter = resign(t, k.inter, rootKey, func(r *rawTBS) { r.IssuerUID = uid; r.SubjectUID = uid })
			return k.path()
		}},
	})
}
