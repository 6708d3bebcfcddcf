package lint

import (
	"crypto/x509"
	"crypto/x509/pkix"
	"testing"

	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"

	"certinspect/core/report"
)

func TestRuleNameConstraintsUnsupported(t *testing.T) {
	// otherName with a private type id and a UTF8String value.
	otherName := func(b *cryptobyte.Builder) {
		b.AddASN1(cbasn1.Tag(0).ContextSpecific().Constructed(), func(b *cryptobyte.Builder) {
			b.AddASN1ObjectIdentifier([]int{1, 3, 6, 1, 4, 1, 55555, 2})
			b.AddASN1(cbasn1.Tag(0).ContextSpecific().Constructed(), func(b *cryptobyte.Builder) {
				b.AddASN1(cbasn1.UTF8String, func(b *cryptobyte.Builder) { b.AddBytes([]byte("x")) })
			})
		})
	}
	var nc cryptobyte.Builder
	nc.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
		b.AddASN1(cbasn1.Tag(1).ContextSpecific().Constructed(), func(b *cryptobyte.Builder) {
			b.AddASN1(cbasn1.SEQUENCE, otherName)
		})
	})
	var san cryptobyte.Builder
	san.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
		b.AddASN1(cbasn1.Tag(2).ContextSpecific(), func(b *cryptobyte.Builder) { b.AddBytes([]byte("db0.example.net")) })
		otherName(b)
	})
	ncExt := pkix.Extension{Id: oidNameConstraints, Critical: false, Value: nc.BytesOrPanic()}
	sanExt := pkix.Extension{Id: oidSAN, Value: san.BytesOrPanic()}
	runRuleCases(t, "lint.nameConstraintsUnsupported", []ruleCase{
		{name: "no constraints", path: std},
		{name: "DNS constraint", path: func(t testing.TB) []*x509.Certificate {
			return build(t, mods{inter: func(c *x509.Certificate) { c.PermittedDNSDomains = []string{"example.net"} }}).path()
		}},
		{name: "otherName constraint, leaf without otherName", path: func(t testing.TB) []*x509.Certificate {
			return build(t, mods{inter: func(c *x509.Certificate) { c.ExtraExtensions = []pkix.Extension{ncExt} }}).path()
		}},
		{name: "otherName constraint, leaf with otherName", want: report.Fail, openssl: "X509_V_ERR_UNSUPPORTED_CONSTRAINT_TYPE", path: func(t testing.TB) []*x509.Certificate {
			return build(t, mods{
				inter: func(c *x509.Certificate) { c.ExtraExtensions = []pkix.Extension{ncExt} },
				leaf:  func(c *x509.Certificate) { c.DNSNames = nil; c.ExtraExtensions = []pkix.Extension{sanExt} },
			}).path()
		}},
	})
}
