package lint

import (
	"crypto/x509"
	"crypto/x509/pkix"
	"testing"

	"certinspect/core/report"
)

func TestRuleSANEmpty(t *testing.T) {
	empty := pkix.Extension{Id: oidSAN, Value: []byte{0x30, 0x00}}
	runRuleCases(t, "lint.sanEmpty", []ruleCase{
		{name: "one name", path: std},
		{name: "empty sequence", want: report.Warn, path: func(t testing.TB) []*x509.Certificate {
			return build(t, mods{leaf: func(c *x509.Certificate) { c.DNSNames = nil; c.ExtraExtensions = []pkix.Extension{empty} }}).path()
		}},
		{name: "absent is another rule", path: func(t testing.TB) []*x509.Certificate {
			return build(t, mods{leaf: func(c *x509.Certificate) { c.DNSNames = nil }}).path()
		}},
	})
}
