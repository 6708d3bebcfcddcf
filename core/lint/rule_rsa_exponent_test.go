package lint

import (
	"crypto/rsa"
	"crypto/x509"
	"math/big"
	"testing"

	"certinspect/core/report"
)

func TestRuleRSAExponent(t *testing.T) {
	// Only the public key goes into the certificate; the CA (ECDSA) signs.
	n, _ := new(big.Int).SetString("c5a1c1bd4b7e5bd2e8d2d5f1d4c9a8a36d1f8a4b9a44a3a0d1c3f06c3e58fb3f"+
		"6f7d1bbf4a3a7a84c1a5f3d6e0f5c4b3a2918f7e6d5c4b3a2918f7e6d5c4b3a291", 16)
	// Stretch the modulus to 2048 bits so only the exponent is wrong.
	n.Lsh(n, 2048-uint(n.BitLen()))
	n.SetBit(n, 0, 1)
	leafWith := func(e int) func(testing.TB) []*x509.Certificate {
		return func(t testing.TB) []*x509.Certificate {
			keys()
			k := build(t, mods{})
			k.leaf = create(t, leafTemplate(), k.inter, &rsa.PublicKey{N: n, E: e}, interKey)
			return k.path()
		}
	}
	runRuleCases(t, "lint.rsaExponent", []ruleCase{
		{name: "ECDSA keys", path: std},
		{name: "e = 65537", path: leafWith(65537)},
		{name: "e = 3", path: leafWith(3)},
		{name: "e = 1", want: report.Warn, path: leafWith(1)},
		{name: "e = 65538", want: report.Warn, path: leafWith(65538)},
	})
}
