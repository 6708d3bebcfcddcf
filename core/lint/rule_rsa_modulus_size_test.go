package lint

import (
	"crypto/rsa"
	"crypto/x509"
	"math/big"
	"testing"

	"certinspect/core/report"
)

func TestRuleRSAModulusSize(t *testing.T) {
	leafWithBits := func(bits int) func(testing.TB) []*x509.Certificate {
		return func(t testing.TB) []*x509.Certificate {
			n := new(big.Int).Lsh(big.NewInt(1), uint(bits-1))
			n.SetBit(n, 0, 1)
			k := build(t, mods{})
			k.leaf = create(t, leafTemplate(), k.inter, &rsa.PublicKey{N: n, E: 65537}, interKey)
			return k.path()
		}
	}
	runRuleCases(t, "lint.rsaModulusSize", []ruleCase{
		{name: "2048 bits", path: leafWithBits(2048)},
		{name: "2047 bits", want: report.Warn, path: leafWithBits(2047)},
		{name: "2049 bits", want: report.Warn, path: leafWithBits(2049)},
	})
}
