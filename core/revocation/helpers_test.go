package revocation

import (
	"crypto/x509"
	"encoding/pem"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"certinspect/core/i18n"
	"certinspect/core/report"
)

// at is the fixtures' evaluation time (testdata/gen).
var at = time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)

var pkiDir = filepath.Join("..", "..", "testdata", "pki")

func readFixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(pkiDir, name))
	if err != nil {
		t.Fatalf("fixture %s: %v (run go run ./testdata/gen)", name, err)
	}
	return b
}

func certsIn(t testing.TB, name string) []*x509.Certificate {
	t.Helper()
	var out []*x509.Certificate
	rest := readFixture(t, name)
	for {
		var b *pem.Block
		b, rest = pem.Decode(rest)
		if b == nil {
			break
		}
		if b.Type != "CERTIFICATE" {
			continue
		}
		c, err := x509.ParseCertificate(b.Bytes)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, c)
	}
	if len(out) == 0 {
		t.Fatalf("%s: no certificate", name)
	}
	return out
}

// optsFor builds Options for a chain fixture (leaf first, then its CA) with
// the root as the anchor, like core.Inspect would.
func optsFor(t testing.TB, chain string) Options {
	t.Helper()
	cs := certsIn(t, chain)
	root := certsIn(t, "ca.pem")[0]
	path := append(append([]*x509.Certificate{}, cs...), root)
	all := append(append([]*x509.Certificate{}, cs...), root)
	return Options{At: at, Leaf: cs[0], Path: path, Certs: all}
}

func crlInput(t testing.TB, names ...string) []CRLInput {
	var out []CRLInput
	for _, n := range names {
		out = append(out, CRLInput{Name: filepath.Base(n), Data: readFixture(t, n)})
	}
	return out
}

func ocspInput(t testing.TB, name string) []OCSPInput {
	t.Helper()
	in, err := ParseOCSPFile(filepath.Base(name), readFixture(t, name))
	if err != nil {
		t.Fatal(err)
	}
	return in
}

// find returns the checks with the id (and subject when not empty).
func find(checks []report.Check, id, subject string) []report.Check {
	var out []report.Check
	for _, c := range checks {
		if c.ID == id && (subject == "" || c.Subject == subject) {
			out = append(out, c)
		}
	}
	return out
}

func one(t *testing.T, checks []report.Check, id, subject string) report.Check {
	t.Helper()
	f := find(checks, id, subject)
	if len(f) != 1 {
		t.Fatalf("want one %s check for %q, got %d: %+v", id, subject, len(f), checks)
	}
	return f[0]
}

func mustContain(t *testing.T, what, text string, subs ...string) {
	t.Helper()
	for _, s := range subs {
		if !strings.Contains(text, s) {
			t.Errorf("%s does not contain %q:\n%s", what, s, text)
		}
	}
}

var en = i18n.English
