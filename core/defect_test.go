package core

import (
	"bytes"
	"encoding/pem"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"certinspect/core/report"
	"certinspect/core/x509err"
)

// TestDefectiveCertificatesAsOpenSSL runs openssl verify, configured as
// Python's ssl configures it for PyMongo, on chains with a certificate Go's
// parser refuses (testdata/pki/defect: the server's own, or the intermediate
// in the ca-* files) with several CA files and hosts, and requires the report
// to predict OpenSSL's error; where certinspect does not model the defect, it
// must say that it cannot predict, and must not check another certificate of
// the chain in the server certificate's place.
func TestDefectiveCertificatesAsOpenSSL(t *testing.T) {
	bin, err := exec.LookPath("openssl")
	if err != nil {
		t.Skip("openssl not installed")
	}
	chains, _ := filepath.Glob(filepath.Join("..", "testdata", "pki", "defect", "*-chain.pem"))
	if len(chains) < 14 {
		t.Fatalf("only %d defect fixtures (run go run ./testdata/gen)", len(chains))
	}
	errRE := regexp.MustCompile(`error (\d+) at (\d+) depth`)
	dir := t.TempDir()
	for _, chainPath := range chains {
		chain := filepath.Join("defect", filepath.Base(chainPath))
		data := fixture(t, chain)
		leaf, _ := pem.Decode(data)
		leafFile := filepath.Join(dir, "leaf.pem")
		os.WriteFile(leafFile, pem.EncodeToMemory(leaf), 0o600)
		for _, ca := range []string{"ca.pem", "other-ca.pem", "intermediate-only-ca.pem", "root-and-intermediate-ca.pem"} {
			for _, host := range []string{"db0.example.net", "wrong.example.net"} {
				rep := Inspect(chainRequest(t, chain, ca, host))
				if strings.Contains(chain, "bad-version") {
					c := checkWith(rep, "chain.trusted")
					if c == nil || c.Status != report.Warn || !strings.Contains(c.Title, "cannot be read here") || !strings.HasPrefix(rep.Verdict.Headline, "Not enough to predict") {
						t.Errorf("%s with %s: want an undecided chain, got %+v / %q", chain, ca, c, rep.Verdict.Headline)
					}
					if statusOf(rep, "purpose.server") != "" || statusOf(rep, "hostname.match") != "" {
						t.Errorf("%s with %s: the intermediate was checked as the server certificate", chain, ca)
					}
					continue
				}
				out, _ := exec.Command(bin, "verify", "-CAfile", filepath.Join("..", "testdata", "pki", ca), "-untrusted", chainPath,
					"-attime", strconv.FormatInt(fixtureAt.Unix(), 10), "-purpose", "sslserver", "-auth_level", "2",
					"-verify_hostname", host, leafFile).CombinedOutput()
				m := errRE.FindSubmatch(out)
				if strings.Contains(chain, "uri-constrained") && strings.HasPrefix(rep.Verdict.Headline, "Not enough to predict") {
					// A URI Go cannot parse under URI name constraints: the
					// report does not know how OpenSSL reads it, and may say
					// so only where OpenSSL's answer comes from that check.
					if m != nil && !strings.Contains("47 48 51 52 53", string(m[1])) {
						t.Errorf("%s with %s for %s: undecided, but openssl decides earlier:\n%s", chain, ca, host, out)
					}
					continue
				}
				if m == nil {
					// OpenSSL connects: so does the report.
					if want := "PyMongo would connect"; rep.Verdict.Status == "fail" || !strings.HasPrefix(rep.Verdict.Headline, want) {
						t.Errorf("%s with %s for %s: openssl accepts it, the report says %q", chain, ca, host, rep.Verdict.Headline)
					}
					continue
				}
				code, _ := strconv.Atoi(string(m[1]))
				e, _ := x509err.ByCode(code)
				if !strings.Contains(strings.ToLower(rep.Verdict.PyMongoError), "certificate verify failed: "+strings.ToLower(e.Text)) {
					t.Errorf("%s with %s for %s: the report predicts %q, openssl says %d %q", chain, ca, host, rep.Verdict.PyMongoError, code, e.Text)
				}
				if strings.Contains(chain, "-san") && !strings.Contains(chain, "invalid-san") || strings.Contains(chain, "/ca-") {
					continue // read, with entries left out, or a CA: input.read warns
				}
				if statusOf(rep, "input.read") != "" {
					t.Errorf("%s with %s: the server certificate is read, yet input.read says otherwise", chain, ca)
				}
			}
		}
	}
}

func checkWith(rep Report, id string) *report.Check {
	for i := range rep.Checks {
		if rep.Checks[i].ID == id {
			return &rep.Checks[i]
		}
	}
	return nil
}

// TestRepairDefectKeepsTheCertificateAsFound: the repaired copy carries the
// bytes as found, so its fingerprint is the file's and the issuer's signature
// over the real TBS verifies.
func TestRepairDefectKeepsTheCertificateAsFound(t *testing.T) {
	issuer := nodesFromPEM(t, fixture(t, "intermediate-only-ca.pem"), true)[0].cert
	for _, name := range []string{"duplicate-extension", "invalid-san", "critical-aki", "critical-aia", "sig-alg-mismatch", "explicit-curve"} {
		b, _ := pem.Decode(fixture(t, "defect/"+name+"-chain.pem"))
		_, perr := parseCert(b.Bytes)
		if perr == nil {
			t.Fatalf("%s: Go reads it", name)
		}
		c, d := repairDefect(b.Bytes, perr.Error())
		if c == nil {
			t.Fatalf("%s: not repaired (%v)", name, perr)
		}
		if !bytes.Equal(c.Raw, b.Bytes) || d.Reason != perr.Error() {
			t.Errorf("%s: Raw or reason not as found", name)
		}
		if name != "sig-alg-mismatch" {
			if err := c.CheckSignatureFrom(issuer); err != nil {
				t.Errorf("%s: the issuer's signature over the TBS as found does not verify: %v", name, err)
			}
		}
	}
	if c, _ := repairDefect(fixture(t, "server.pem"), "x509: invalid version"); c != nil {
		t.Error("an unmodelled parse error was repaired")
	}
}

// FuzzRepairDefect: whatever the bytes and the parse error, repairDefect
// does not panic, and a certificate it returns carries the bytes as given.
func FuzzRepairDefect(f *testing.F) {
	reasons := []string{
		`x509: certificate contains duplicate extension with OID "2.5.29.17"`,
		"x509: invalid subject alternative names",
		"x509: authority key identifier incorrectly marked critical",
		"x509: inner and outer signature algorithm identifiers don't match",
		`x509: cannot parse URI "http://foo.bar, DNS:x": invalid port`,
		"x509: cannot parse IP address of length 8",
		"x509: SAN dNSName is malformed",
		"x509: invalid ECDSA parameters",
	}
	m, _ := filepath.Glob(filepath.Join("..", "testdata", "pki", "defect", "*.pem"))
	for i, p := range m {
		data, _ := os.ReadFile(p)
		b, _ := pem.Decode(data)
		f.Add(b.Bytes, reasons[i%len(reasons)])
	}
	f.Fuzz(func(t *testing.T, der []byte, reason string) {
		c, d := repairDefect(der, reason)
		if c == nil {
			return
		}
		if !bytes.Equal(c.Raw, der) || d == nil || d.Kind == "" {
			t.Fatalf("repaired certificate without the bytes given or a defect: %+v", d)
		}
	})
}

// A DNS name written in UTF-8 instead of its xn-- form: OpenSSL sees it (so
// no CN fallback, and no "SAN empty" warning), and the advice names the
// IDNA form to reissue with.
func TestUTF8DNSNameAsOpenSSLSeesIt(t *testing.T) {
	rep := Inspect(chainRequest(t, "defect/utf8-dns-san-chain.pem", "ca.pem", "db0.example.net"))
	c := failingCheck(rep, "hostname.match")
	if c == nil || !strings.Contains(c.Detail, "DNS:bücher.example.net") {
		t.Fatalf("hostname.match: %+v", c)
	}
	if statusOf(rep, "lint.sanEmpty") != "" || statusOf(rep, "lint.sanMissing") != "" {
		t.Errorf("the copy's empty subjectAltName was linted")
	}
	var advice string
	for _, in := range rep.Inputs {
		for _, e := range in.Errors {
			advice += e.Advice
		}
	}
	if !strings.Contains(advice, "DNS:xn--bcher-kva.example.net") {
		t.Errorf("advice %q does not name the IDNA form", advice)
	}
}

// A CA certificate Go refuses is read as OpenSSL reads it: the chain names it
// and OpenSSL's error at its depth (x509-limbo's critical-aki: the root's AKI
// is critical, 34 at depth 1), or, when OpenSSL never uses it as an issuer,
// the missing-issuer failure says why it does not count.
func TestDefectiveCAAsOpenSSL(t *testing.T) {
	rep := Inspect(limboRequest(limboCaseByID(t, "rfc5280::aki::critical-aki")))
	c := failingCheck(rep, "chain.trusted")
	if c == nil || c.OpenSSLError == nil || c.OpenSSLError.Code != 34 || !strings.Contains(c.Title, "The CA certificate x509-limbo-root marks authorityKeyIdentifier critical") {
		t.Fatalf("chain.trusted: %+v", c)
	}
	if last := rep.Chain.Path[len(rep.Chain.Path)-1]; last.State != "criticalMarked" {
		t.Errorf("last link %+v", last)
	}
	rep = Inspect(chainRequest(t, "defect/ca-duplicate-extension-chain.pem", "ca.pem", "db0.example.net"))
	c = failingCheck(rep, "chain.trusted")
	if c == nil || c.OpenSSLError == nil || c.OpenSSLError.Code != 20 || !strings.Contains(c.Detail, "OpenSSL treats it as invalid") {
		t.Fatalf("chain.trusted: %+v", c)
	}
	if c := checkWith(rep, "input.read"); c == nil || c.Status != report.Warn || !strings.Contains(c.Title, "read as OpenSSL reads it") {
		t.Errorf("the malformed CA certificate is not named in the inputs as read: %+v", c)
	}
	// Its description says Go refuses it; the others' do not.
	refused := 0
	for _, c := range rep.Certificates {
		if c.GoParseError != "" {
			refused++
			if !strings.Contains(c.GoParseError, "duplicate extension") || c.Label != "certinspect Test Intermediate CA" {
				t.Errorf("certificate %s: goParseError %q", c.Label, c.GoParseError)
			}
		}
	}
	if refused != 1 {
		t.Errorf("%d certificates say Go refuses them, want 1", refused)
	}
}

// Files holding certificates Go refuses load in Python's ssl as they do in
// the report: a key file whose client certificate has a defect core/repair
// reads is analysed (no "no certificate"), one Go cannot read at all is left
// undecided, and CA files with defective certificates load.
func TestDefectiveFilesLoadAsPythonLoadsThem(t *testing.T) {
	cases := []struct {
		file, mode string
		role       Role
		// keyPresent is key.present's status.
		keyPresent report.Status
	}{
		{"defect/client-critical-aki.pem", "cert", RoleCertKeyFile, report.Pass},
		{"defect/client-bad-version.pem", "cert", RoleCertKeyFile, report.Warn},
		{"defect/ca-critical-ski-chain.pem", "verify", RoleCAFile, ""},
		{"defect/explicit-curve-chain.pem", "verify", RoleCAFile, ""},
	}
	var paths []string
	for _, c := range cases {
		paths = append(paths, filepath.Join("..", "testdata", "pki", c.file))
	}
	for i, c := range cases {
		said := pythonLoads(t, c.mode, paths[i:i+1])[0]
		if said != "" {
			t.Fatalf("%s: Python does not load it (%s): pick another fixture", c.file, said)
		}
		req := Request{At: fixtureAt, URI: "mongodb://db0.example.net/?tls=true", Files: []File{{Name: c.file, Role: c.role, Data: fixture(t, c.file)}}}
		rep := Inspect(req)
		if rep.Verdict.Status == "fail" && phaseOf(rep) < phaseTLS {
			t.Errorf("%s: Python loads the file, the report says %q (%s)", c.file, rep.Verdict.PyMongoError, rep.Verdict.CheckID)
		}
		if c.keyPresent != "" && statusOf(rep, "key.present") != c.keyPresent {
			t.Errorf("%s: key.present %s, want %s", c.file, statusOf(rep, "key.present"), c.keyPresent)
		}
		if c.keyPresent == report.Pass && statusOf(rep, "key.match") != report.Pass {
			t.Errorf("%s: key.match %s", c.file, statusOf(rep, "key.match"))
		}
	}
	rep := Inspect(Request{At: fixtureAt, Files: []File{{Name: "client.pem", Role: RoleCertKeyFile, Data: fixture(t, "defect/client-critical-aki.pem")}}})
	found := false
	for _, in := range rep.Inputs {
		for _, e := range in.Errors {
			found = found || strings.Contains(e.Message, "mongod, verifying it with OpenSSL, refuses it (unhandled critical extension)")
		}
	}
	if !found {
		t.Errorf("the key file's input does not say what mongod does with the certificate: %+v", rep.Inputs)
	}
}
