package lint

import (
	"crypto/x509"
	"math/big"
	"testing"

	"certinspect/core/report"
)

func TestRuleSerialTooLong(t *testing.T) {
	bytesSerial := func(n int, first byte) *big.Int {
		b := make([]byte, n)
		for i := range b {
			b[i] = 0x11
		}
		b[0] = first
		return new(big.Int).SetBytes(b)
	}
	runRuleCases(t, "lint.serialTooLong", []ruleCase{
		{name: "20 octets", path: func(t testing.TB) []*x509.Certificate {
			return build(t, mods{leaf: func(c *x509.Certificate) { c.SerialNumber = bytesSerial(20, 0x7f) }}).path()
		}},
		{name: "20 bytes with the high bit set encode as 21 octets", want: report.Warn, path: func(t testing.TB) []*x509.Certificate {
			return build(t, mods{leaf: func(c *x509.Certificate) { c.SerialNumber = bytesSerial(20, 0x80) }}).path()
		}},
		{name: "21 octets on intermediate", want: report.Warn, depth: 1, path: func(t testing.TB) []*x509.Certificate {
			return build(t, mods{inter: func(c *x509.Certificate) { c.SerialNumber = bytesSerial(21, 0x01) }}).path()
		}},
	})
}
