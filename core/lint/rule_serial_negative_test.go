package lint

import (
	"crypto/x509"
	"testing"

	"certinspect/core/report"
)

// Go's CreateCertificate refuses a negative serial, so the cases re-sign the
// TBS with the serial's DER rewritten; ParseCertificate reads it because
// go.mod sets GODEBUG x509negativeserial=1.
func TestRuleSerialNegative(t *testing.T) {
	negative := func(t testing.TB, depth int) []*x509.Certificate {
		k := build(t, mods{})
		switch depth {
		case 0:
			k.leaf = resign(t, k.leaf, interKey, func(r *rawTBS) { r.Serial = []byte{0xfb, 0x2e} })
		case 1:
			k.inter = resign(t, k.inter, rootKey, func(r *rawTBS) { r.Serial = []byte{0x80} })
		}
		return k.path()
	}
	runRuleCases(t, "lint.serialNegative", []ruleCase{
		{name: "positive", path: std},
		{name: "negative on leaf", want: report.Warn, path: func(t testing.TB) []*x509.Certificate { return negative(t, 0) }},
		{name: "negative on intermediate", want: report.Warn, depth: 1, path: func(t testing.TB) []*x509.Certificate { return negative(t, 1) }},
	})
}
