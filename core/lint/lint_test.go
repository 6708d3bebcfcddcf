package lint

import (
	"certinspect/core/certid"
	"crypto/x509"
	"os"
	"regexp"
	"strings"
	"testing"

	"certinspect/core/i18n"
	"certinspect/core/report"
)

// TestRegistry checks each rule's metadata and that it has its own file and
// its own table test, zlint-style.
func TestRegistry(t *testing.T) {
	seen := map[string]bool{}
	idRe := regexp.MustCompile(`^lint\.[a-z][A-Za-z0-9]+$`)
	files, err := os.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	var src strings.Builder
	for _, f := range files {
		if strings.HasPrefix(f.Name(), "rule_") {
			b, _ := os.ReadFile(f.Name())
			src.WriteString("\n// FILE " + f.Name() + "\n")
			src.Write(b)
		}
	}
	all := src.String()
	for _, r := range Rules() {
		if !idRe.MatchString(r.ID) {
			t.Errorf("rule id %q is not lint.<lowerCamel>", r.ID)
		}
		if seen[r.ID] {
			t.Errorf("duplicate rule id %q", r.ID)
		}
		seen[r.ID] = true
		if r.Citation == "" || r.Description == "" || r.Check == nil {
			t.Errorf("%s: missing citation, description or check", r.ID)
		}
		if !strings.HasPrefix(r.Citation, "RFC ") && !strings.HasPrefix(r.Citation, "CA/B Forum BR ") {
			t.Errorf("%s: citation %q names neither an RFC nor the Baseline Requirements", r.ID, r.Citation)
		}
		// The rule is declared in a rule_*.go file and tested in a rule_*_test.go file.
		if !strings.Contains(all, `ID:          "`+r.ID+`"`) {
			t.Errorf("%s: not declared in a rule_*.go file", r.ID)
		}
		if !strings.Contains(all, `runRuleCases(t, "`+r.ID+`"`) {
			t.Errorf("%s: no table test in a rule_*_test.go file", r.ID)
		}
	}
	if len(seen) < 25 {
		t.Errorf("only %d rules registered", len(seen))
	}
}

// TestCleanPKI: a conforming chain yields no finding at all, so every rule
// test's "fires" row is caused by its modification alone.
func TestCleanPKI(t *testing.T) {
	k := build(t, mods{})
	if fs := Run(k.path(), "db0.example.net", i18n.English); len(fs) != 0 {
		for _, f := range fs {
			t.Errorf("%s on %q: %s", f.RuleID, certid.Label(f.Cert), f.Detail)
		}
	}
}

func TestRunPositions(t *testing.T) {
	k := build(t, mods{
		inter: func(c *x509.Certificate) { c.KeyUsage = x509.KeyUsageDigitalSignature },
		leaf:  func(c *x509.Certificate) { c.ExtKeyUsage = nil },
	})
	var got []string
	for _, f := range Run(k.path(), "db0.example.net", nil) {
		got = append(got, f.RuleID+"@"+certid.Label(f.Cert))
	}
	want := []string{"lint.ekuMissing@db0.example.net", "lint.caNoKeyCertSign@Lint Test Intermediate CA"}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("findings = %v, want %v", got, want)
	}
	// nil entries and empty paths are tolerated.
	if fs := Run([]*x509.Certificate{nil}, "", nil); len(fs) != 0 {
		t.Errorf("nil certificate: %v", fs)
	}
	if fs := Run(nil, "", nil); len(fs) != 0 {
		t.Errorf("empty path: %v", fs)
	}
	// A path of only a self-signed certificate: it is the leaf, not a root.
	fs := Run([]*x509.Certificate{k.root}, "", nil)
	for _, f := range fs {
		if f.RuleID != "lint.ekuMissing" && f.RuleID != "lint.sanMissing" {
			t.Errorf("self-signed leaf: unexpected %s", f.RuleID)
		}
	}
}

func TestChecks(t *testing.T) {
	k := build(t, mods{inter: func(c *x509.Certificate) { c.KeyUsage = x509.KeyUsageDigitalSignature }})
	cs := Checks(Run(k.path(), "", i18n.English))
	if len(cs) != 1 {
		t.Fatalf("got %d checks, want 1", len(cs))
	}
	c := cs[0]
	if c.ID != "lint.caNoKeyCertSign" || c.Status != report.Fail || c.Rule != "RFC 5280 4.2.1.3" {
		t.Errorf("check = %+v", c)
	}
	if c.Subject != certid.Fingerprint(k.inter) || len(c.Subject) != 64 || strings.ToLower(c.Subject) != c.Subject {
		t.Errorf("subject = %q, want the intermediate's SHA-256 fingerprint", c.Subject)
	}
	if c.SubjectLabel != "Lint Test Intermediate CA" {
		t.Errorf("subject label = %q", c.SubjectLabel)
	}
	if c.OpenSSLError == nil || c.OpenSSLError.Code != 79 || c.OpenSSLError.Text != "invalid CA certificate" {
		t.Errorf("OpenSSL error = %+v", c.OpenSSLError)
	}
	if len(Checks(nil)) != 0 {
		t.Error("Checks(nil) not empty")
	}
}

// TestRunBounded: a path longer than MaxPath is cut, never walked whole.
func TestRunBounded(t *testing.T) {
	k := build(t, mods{inter: func(c *x509.Certificate) { c.KeyUsage = x509.KeyUsageDigitalSignature }})
	path := []*x509.Certificate{k.leaf}
	for i := 0; i < 1000; i++ {
		path = append(path, k.inter)
	}
	if n := len(Run(path, "", nil)); n != MaxPath-1 {
		t.Errorf("got %d findings, want %d (one per intermediate within MaxPath)", n, MaxPath-1)
	}
}

// FuzzRun: any certificate Go's parser accepts goes through every rule
// without panicking (runRule would hide a panic, so call the rules directly).
func FuzzRun(f *testing.F) {
	k := build(f, mods{})
	for _, c := range k.path() {
		f.Add(c.Raw)
	}
	f.Add(resignDER(f, k.leaf, interKey, func(r *rawTBS) { r.Version = 0; r.SubjectUID = []byte{0} }, nil))
	f.Fuzz(func(t *testing.T, der []byte) {
		c, err := x509.ParseCertificate(der)
		if err != nil {
			return
		}
		parseTBS(c.RawTBSCertificate)
		for _, pos := range []Position{{IsLeaf: true, Host: "db0.example.net"}, {Depth: 1, Issuer: c}, {Depth: 2, IsRoot: true}} {
			for _, r := range Rules() {
				if r.Applies == nil || r.Applies(c, pos) {
					if fd := r.Check(c, pos, i18n.English); fd != nil && fd.Title == "" {
						t.Errorf("%s: empty title", r.ID)
					}
				}
			}
		}
	})
}

// TestJapanese: findings render in the request's language (role names
// included), from core/i18n/catalog/ja.lint.json.
func TestJapanese(t *testing.T) {
	k := build(t, mods{inter: func(c *x509.Certificate) { c.KeyUsage = x509.KeyUsageDigitalSignature }})
	fs := Run(k.path(), "", i18n.New("ja"))
	if len(fs) != 1 {
		t.Fatalf("got %d findings", len(fs))
	}
	f := fs[0]
	for _, s := range []string{f.Title, f.Detail, f.Fix} {
		if strings.Contains(s, "certificate may not") || strings.Contains(s, "intermediate CA certificate") || strings.Contains(s, "PyMongo refuses") {
			t.Errorf("English left in the Japanese finding: %q", s)
		}
	}
	if !strings.Contains(f.Detail, "中間 CA 証明書") || !strings.Contains(f.Detail, "Lint Test Intermediate CA") {
		t.Errorf("detail = %q", f.Detail)
	}
}
