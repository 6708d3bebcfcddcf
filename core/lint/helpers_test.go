package lint

import (
	"certinspect/core/certid"
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"encoding/pem"

	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"

	"certinspect/core/i18n"
	"certinspect/core/report"
)

// Test PKI: fixed dates, fresh P-256 keys per test binary (the verdicts do
// not depend on the key bytes).
var (
	t0       = time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)
	keysOnce sync.Once
	rootKey  *ecdsa.PrivateKey
	interKey *ecdsa.PrivateKey
	leafKey  *ecdsa.PrivateKey
)

func keys() {
	keysOnce.Do(func() {
		gen := func() *ecdsa.PrivateKey {
			k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
			if err != nil {
				panic(err)
			}
			return k
		}
		rootKey, interKey, leafKey = gen(), gen(), gen()
	})
}

func rootTemplate() *x509.Certificate {
	return &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: "Lint Test Root CA", Organization: []string{"certinspect"}},
		NotBefore:             t0.AddDate(-1, 0, 0),
		NotAfter:              t0.AddDate(10, 0, 0),
		IsCA:                  true,
		BasicConstraintsValid: true,
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageCRLSign,
	}
}

func interTemplate() *x509.Certificate {
	return &x509.Certificate{
		SerialNumber:          big.NewInt(2),
		Subject:               pkix.Name{CommonName: "Lint Test Intermediate CA", Organization: []string{"certinspect"}},
		NotBefore:             t0.AddDate(0, -6, 0),
		NotAfter:              t0.AddDate(5, 0, 0),
		IsCA:                  true,
		BasicConstraintsValid: true,
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageCRLSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth, x509.ExtKeyUsageClientAuth},
	}
}

func leafTemplate() *x509.Certificate {
	return &x509.Certificate{
		SerialNumber:          big.NewInt(0x1234567),
		Subject:               pkix.Name{CommonName: "db0.example.net", Organization: []string{"certinspect"}},
		NotBefore:             t0,
		NotAfter:              t0.AddDate(1, 0, 0),
		BasicConstraintsValid: true,
		KeyUsage:              x509.KeyUsageDigitalSignature,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		DNSNames:              []string{"db0.example.net"},
	}
}

func create(t testing.TB, tmpl, parent *x509.Certificate, pub any, signer crypto.Signer) *x509.Certificate {
	t.Helper()
	der, err := x509.CreateCertificate(rand.Reader, tmpl, parent, pub, signer)
	if err != nil {
		t.Fatalf("CreateCertificate(%s): %v", tmpl.Subject.CommonName, err)
	}
	c, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatalf("ParseCertificate(%s): %v", tmpl.Subject.CommonName, err)
	}
	return c
}

// pki is a three-certificate path the tests modify.
type pki struct {
	root, inter, leaf *x509.Certificate
}

type mods struct {
	root, inter, leaf func(*x509.Certificate)
}

// build makes root → intermediate → leaf, applying each modifier to the
// template before signing.
func build(t testing.TB, m mods) pki {
	t.Helper()
	keys()
	rt, it, lt := rootTemplate(), interTemplate(), leafTemplate()
	if m.root != nil {
		m.root(rt)
	}
	if m.inter != nil {
		m.inter(it)
	}
	if m.leaf != nil {
		m.leaf(lt)
	}
	root := create(t, rt, rt, rootKey.Public(), rootKey)
	inter := create(t, it, root, interKey.Public(), rootKey)
	leaf := create(t, lt, inter, leafKey.Public(), interKey)
	return pki{root, inter, leaf}
}

func (k pki) path() []*x509.Certificate { return []*x509.Certificate{k.leaf, k.inter, k.root} }

// rawTBS is a TBSCertificate split into its fields (each a whole TLV), so
// tests can produce encodings crypto/x509 refuses to write and re-sign them.
type rawTBS struct {
	Version    int // encoded version (0 = v1, omitted)
	Serial     []byte
	SigAlg     []byte
	Issuer     []byte
	Validity   []byte
	Subject    []byte
	SPKI       []byte
	IssuerUID  []byte // content of [1], nil when absent
	SubjectUID []byte
	Exts       []rawExt
	NoExts     bool // drop the [3] field entirely
}

type rawExt struct {
	OID      asn1.ObjectIdentifier
	Critical bool
	Value    []byte
}

func splitTBS(t testing.TB, der []byte) rawTBS {
	t.Helper()
	var r rawTBS
	s := cryptobyte.String(der)
	var tbs cryptobyte.String
	if !s.ReadASN1(&tbs, cbasn1.SEQUENCE) {
		t.Fatal("bad TBS")
	}
	if tbs.PeekASN1Tag(cbasn1.Tag(0).Constructed().ContextSpecific()) {
		var v cryptobyte.String
		if !tbs.ReadASN1(&v, cbasn1.Tag(0).Constructed().ContextSpecific()) || !v.ReadASN1Integer(&r.Version) {
			t.Fatal("bad version")
		}
	}
	var serial cryptobyte.String
	if !tbs.ReadASN1(&serial, cbasn1.INTEGER) {
		t.Fatal("bad serial")
	}
	r.Serial = serial
	for _, f := range []*[]byte{&r.SigAlg, &r.Issuer, &r.Validity, &r.Subject, &r.SPKI} {
		var el cryptobyte.String
		if !tbs.ReadASN1Element(&el, cbasn1.SEQUENCE) {
			t.Fatal("bad TBS field")
		}
		*f = el
	}
	var exts cryptobyte.String
	var present bool
	if !tbs.ReadOptionalASN1(&exts, &present, cbasn1.Tag(3).Constructed().ContextSpecific()) {
		t.Fatal("bad extensions")
	}
	if present {
		var seq cryptobyte.String
		exts.ReadASN1(&seq, cbasn1.SEQUENCE)
		for !seq.Empty() {
			var e cryptobyte.String
			var x rawExt
			if !seq.ReadASN1(&e, cbasn1.SEQUENCE) || !e.ReadASN1ObjectIdentifier(&x.OID) {
				t.Fatal("bad extension")
			}
			if e.PeekASN1Tag(cbasn1.BOOLEAN) && !e.ReadASN1Boolean(&x.Critical) {
				t.Fatal("bad extension critical flag")
			}
			if !e.ReadASN1Bytes(&x.Value, cbasn1.OCTET_STRING) {
				t.Fatal("bad extension value")
			}
			r.Exts = append(r.Exts, x)
		}
	}
	return r
}

func (r rawTBS) marshal() []byte {
	var b cryptobyte.Builder
	b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
		if r.Version != 0 {
			b.AddASN1(cbasn1.Tag(0).Constructed().ContextSpecific(), func(b *cryptobyte.Builder) {
				b.AddASN1Int64(int64(r.Version))
			})
		}
		b.AddASN1(cbasn1.INTEGER, func(b *cryptobyte.Builder) { b.AddBytes(r.Serial) })
		for _, f := range [][]byte{r.SigAlg, r.Issuer, r.Validity, r.Subject, r.SPKI} {
			b.AddBytes(f)
		}
		if r.IssuerUID != nil {
			b.AddASN1(cbasn1.Tag(1).ContextSpecific(), func(b *cryptobyte.Builder) { b.AddBytes(r.IssuerUID) })
		}
		if r.SubjectUID != nil {
			b.AddASN1(cbasn1.Tag(2).ContextSpecific(), func(b *cryptobyte.Builder) { b.AddBytes(r.SubjectUID) })
		}
		if !r.NoExts && len(r.Exts) > 0 {
			b.AddASN1(cbasn1.Tag(3).Constructed().ContextSpecific(), func(b *cryptobyte.Builder) {
				b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
					for _, x := range r.Exts {
						b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
							b.AddASN1ObjectIdentifier(x.OID)
							if x.Critical {
								b.AddASN1Boolean(true)
							}
							b.AddASN1OctetString(x.Value)
						})
					}
				})
			})
		}
	})
	return b.BytesOrPanic()
}

// dropExt removes the extension with oid.
func (r *rawTBS) dropExt(oid asn1.ObjectIdentifier) {
	var out []rawExt
	for _, x := range r.Exts {
		if !x.OID.Equal(oid) {
			out = append(out, x)
		}
	}
	r.Exts = out
}

// setCritical marks the extension with oid critical or not.
func (r *rawTBS) setCritical(oid asn1.ObjectIdentifier, crit bool) {
	for i := range r.Exts {
		if r.Exts[i].OID.Equal(oid) {
			r.Exts[i].Critical = crit
		}
	}
}

// resign rewrites c's TBS with mutate and signs it again with signer (an
// ECDSA key, as every issuer of the test PKI). The certificate's signature
// algorithm (ecdsa-with-SHA256) stays the same in the TBS and outside.
func resign(t testing.TB, c *x509.Certificate, signer *ecdsa.PrivateKey, mutate func(*rawTBS)) *x509.Certificate {
	t.Helper()
	der := resignDER(t, c, signer, mutate, nil)
	out, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatalf("ParseCertificate after resign: %v", err)
	}
	return out
}

// resignDER is resign without parsing the result; outerSigAlg, when not nil,
// replaces the signature algorithm outside the TBS.
func resignDER(t testing.TB, c *x509.Certificate, signer *ecdsa.PrivateKey, mutate func(*rawTBS), outerSigAlg []byte) []byte {
	t.Helper()
	r := splitTBS(t, c.RawTBSCertificate)
	mutate(&r)
	tbs := r.marshal()
	outer := r.SigAlg
	if outerSigAlg != nil {
		outer = outerSigAlg
	}
	h := sha256.Sum256(tbs)
	sig, err := ecdsa.SignASN1(rand.Reader, signer, h[:])
	if err != nil {
		t.Fatal(err)
	}
	var b cryptobyte.Builder
	b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
		b.AddBytes(tbs)
		b.AddBytes(outer)
		b.AddASN1BitString(sig)
	})
	return b.BytesOrPanic()
}

// ruleCase is one row of a rule's table test.
type ruleCase struct {
	name string
	// path returns the path to lint, leaf first.
	path func(t testing.TB) []*x509.Certificate
	host string
	// want is the status of the finding for the rule, "" when the rule must
	// not fire; depth is the certificate it is about.
	want  report.Status
	depth int
	// openssl is the OpenSSL error name a fail finding carries.
	openssl string
}

// runRuleCases runs each case through Run and checks the findings of ruleID.
func runRuleCases(t *testing.T, ruleID string, cases []ruleCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			path := tc.path(t)
			dumpCase(t, ruleID, tc, path)
			var got []Finding
			for _, f := range Run(path, tc.host, i18n.English) {
				if f.RuleID == ruleID {
					got = append(got, f)
				}
			}
			if tc.want == "" {
				if len(got) != 0 {
					t.Fatalf("%s fired on %q: %s", ruleID, certid.Label(got[0].Cert), got[0].Detail)
				}
				return
			}
			if len(got) != 1 {
				t.Fatalf("%s: got %d findings, want 1", ruleID, len(got))
			}
			f := got[0]
			if f.Status != tc.want {
				t.Errorf("status = %s, want %s", f.Status, tc.want)
			}
			if f.Cert != path[tc.depth] {
				t.Errorf("finding is about %q, want depth %d (%q)", certid.Label(f.Cert), tc.depth, certid.Label(path[tc.depth]))
			}
			checkFindingText(t, f)
			if tc.want == report.Fail {
				got := ""
				if f.OpenSSLError != nil {
					got = f.OpenSSLError.Name
				}
				if got != tc.openssl {
					t.Errorf("OpenSSL error = %q, want %q", got, tc.openssl)
				}
			} else if f.OpenSSLError != nil {
				t.Errorf("a %s finding carries OpenSSL error %+v", f.Status, f.OpenSSLError)
			}
		})
	}
}

func checkFindingText(t *testing.T, f Finding) {
	t.Helper()
	if f.Title == "" || f.Detail == "" || f.Fix == "" {
		t.Errorf("empty text: %+v", f)
	}
	if strings.Contains(f.Title+f.Detail+f.Fix, "{") {
		t.Errorf("unfilled placeholder: %q / %q / %q", f.Title, f.Detail, f.Fix)
	}
	switch f.Status {
	case report.Fail:
		if !strings.Contains(f.Detail, "PyMongo refuses") {
			t.Errorf("fail detail does not say PyMongo refuses: %q", f.Detail)
		}
	case report.Warn:
		if !strings.Contains(f.Detail, "PyMongo still connects") {
			t.Errorf("warn detail does not say PyMongo connects: %q", f.Detail)
		}
	}
}

// dumpCase writes the case's path as PEM under $LINT_DUMP_DIR (when set) so
// that the claimed statuses can be checked by hand against `openssl verify`
// (see TestMain's comment); the test itself never runs openssl.
func dumpCase(t *testing.T, ruleID string, tc ruleCase, path []*x509.Certificate) {
	dir := os.Getenv("LINT_DUMP_DIR")
	if dir == "" {
		return
	}
	name := strings.NewReplacer("/", "_", " ", "_").Replace(ruleID + "__" + tc.name)
	d := filepath.Join(dir, name)
	if err := os.MkdirAll(d, 0o755); err != nil {
		t.Fatal(err)
	}
	write := func(file string, certs []*x509.Certificate) {
		var buf []byte
		for _, c := range certs {
			buf = append(buf, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: c.Raw})...)
		}
		if err := os.WriteFile(filepath.Join(d, file), buf, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("leaf.pem", path[:1])
	write("untrusted.pem", path[1:len(path)-1])
	write("trusted.pem", path[len(path)-1:])
	host := tc.host
	if host == "" {
		host = "db0.example.net"
	}
	meta := "want=" + string(tc.want) + "\nhost=" + host + "\nat=" + t0.AddDate(0, 1, 0).Format(time.RFC3339) + "\n"
	os.WriteFile(filepath.Join(d, "meta"), []byte(meta), 0o644)
}

// std is the unmodified PKI, for "does not fire" rows.
func std(t testing.TB) []*x509.Certificate { return build(t, mods{}).path() }

func mustMarshal(t testing.TB, v any) []byte {
	t.Helper()
	b, err := asn1.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
