package lint

import (
	"crypto/x509"
	"math/big"
	"testing"

	"certinspect/core/report"
)

func TestRuleSerialZero(t *testing.T) {
	runRuleCases(t, "lint.serialZero", []ruleCase{
		{name: "positive", path: std},
		{name: "zero on leaf", want: report.Warn, path: func(t testing.TB) []*x509.Certificate {
			return build(t, mods{leaf: func(c *x509.Certificate) { c.SerialNumber = big.NewInt(0) }}).path()
		}},
		{name: "zero on root", want: report.Warn, depth: 2, path: func(t testing.TB) []*x509.Certificate {
			return build(t, mods{root: func(c *x509.Certificate) { c.SerialNumber = big.NewInt(0) }}).path()
		}},
	})
}
