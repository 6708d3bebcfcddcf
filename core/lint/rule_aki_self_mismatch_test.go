package lint

import (
	"crypto/x509"
	"testing"

	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"

	"certinspect/core/report"
)

// akiValue encodes an AuthorityKeyIdentifier.
func akiValue(keyID []byte, issuerName []byte, serial int64) []byte {
	var b cryptobyte.Builder
	b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
		if keyID != nil {
			b.AddASN1(cbasn1.Tag(0).ContextSpecific(), func(b *cryptobyte.Builder) { b.AddBytes(keyID) })
		}
		if issuerName != nil {
			b.AddASN1(cbasn1.Tag(1).ContextSpecific().Constructed(), func(b *cryptobyte.Builder) {
				b.AddASN1(cbasn1.Tag(4).ContextSpecific().Constructed(), func(b *cryptobyte.Builder) { b.AddBytes(issuerName) })
			})
		}
		if serial >= 0 {
			b.AddASN1(cbasn1.Tag(2).ContextSpecific(), func(b *cryptobyte.Builder) { b.AddBytes([]byte{byte(serial)}) })
		}
	})
	return b.BytesOrPanic()
}

// rootWithAKI re-signs the root with the given AKI and issues the rest of the
// path from it.
func rootWithAKI(value func(root *x509.Certificate) []byte) func(testing.TB) []*x509.Certificate {
	return func(t testing.TB) []*x509.Certificate {
		k := build(t, mods{})
		k.root = resign(t, k.root, rootKey, func(r *rawTBS) {
			r.dropExt(oidAKI)
			r.Exts = append(r.Exts, rawExt{OID: oidAKI, Value: value(k.root)})
		})
		k.inter = create(t, interTemplate(), k.root, interKey.Public(), rootKey)
		k.leaf = create(t, leafTemplate(), k.inter, leafKey.Public(), interKey)
		return k.path()
	}
}

func TestRuleAKISelfMismatch(t *testing.T) {
	runRuleCases(t, "lint.akiSelfMismatch", []ruleCase{
		{name: "root without AKI", path: std},
		{name: "root AKI equal to its SKI", path: rootWithAKI(func(r *x509.Certificate) []byte { return akiValue(r.SubjectKeyId, nil, -1) })},
		{name: "root AKI with its own issuer and serial", path: rootWithAKI(func(r *x509.Certificate) []byte { return akiValue(r.SubjectKeyId, r.RawIssuer, 1) })},
		{name: "root AKI with another serial", want: report.Fail, depth: 2, openssl: "X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT",
			path: rootWithAKI(func(r *x509.Certificate) []byte { return akiValue(r.SubjectKeyId, nil, 7) })},
		{name: "root AKI with another key id", want: report.Fail, depth: 2, openssl: "X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT",
			path: rootWithAKI(func(r *x509.Certificate) []byte { return akiValue([]byte{1, 2, 3, 4}, nil, -1) })},
		{name: "root AKI with another issuer", want: report.Fail, depth: 2, openssl: "X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT",
			path: rootWithAKI(func(r *x509.Certificate) []byte {
				k := build(t, mods{})
				return akiValue(nil, k.inter.RawSubject, -1)
			})},
	})
}

func TestRuleAKIContents(t *testing.T) {
	runRuleCases(t, "lint.akiContents", []ruleCase{
		{name: "key id only", path: std},
		{name: "root AKI with issuer and serial", want: report.Warn, depth: 2,
			path: rootWithAKI(func(r *x509.Certificate) []byte { return akiValue(r.SubjectKeyId, r.RawIssuer, 1) })},
		{name: "root AKI without key id", want: report.Warn, depth: 2,
			path: rootWithAKI(func(r *x509.Certificate) []byte { return akiValue(nil, nil, 1) })},
	})
}
