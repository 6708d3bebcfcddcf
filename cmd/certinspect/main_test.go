package main

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite the golden reports in testdata/golden")

var fixedNow = func() time.Time { return time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC) }

func pki(name string) string { return filepath.Join("..", "..", "testdata", "pki", name) }

func runCLI(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	t.Setenv("LANG", "C") // the report language must not depend on the machine
	var out, errb bytes.Buffer
	code = run(args, &out, &errb, fixedNow)
	return out.String(), errb.String(), code
}

// TestGoldenReports pins the whole JSON report of a few scenarios. Run
// `go test ./cmd/certinspect -update` after an intended change and review
// the diff.
func TestGoldenReports(t *testing.T) {
	cases := []struct {
		name string
		args []string
		code int
	}{
		{"good", []string{"--tlsCAFile", pki("ca.pem"), "--chain", pki("server-chain.pem"), "--host", "db0.example.net"}, 0},
		{"expired", []string{"--tlsCAFile", pki("ca.pem"), "--chain", pki("expired-chain.pem"), "--host", "db0.example.net"}, 1},
		{"missing-intermediate", []string{"--tlsCAFile", pki("ca.pem"), "--chain", pki("missing-intermediate-chain.pem"), "--host", "db0.example.net"}, 1},
		{"handover-traps", []string{"--uri", "mongodb://user:secret@db0.example.net,db1.example.net/?ssl=true&ssl_cert_reqs=CERT_NONE&ssl_ca_certs=/etc/ssl/ca.pem&tlsAllowInvalidHostnames=TRUE", "--chain", pki("server-chain.pem"), pki("ca.pem")}, 0},
		{"uri-wrong-host", []string{"--uri", "mongodb://other.example.net:27018/?tls=true", "--tlsCAFile", pki("ca.pem"), "--chain", pki("server-chain.pem")}, 1},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			out, errOut, code := runCLI(t, append(tc.args, "--json")...)
			if code != tc.code {
				t.Fatalf("exit %d, want %d; stderr %s", code, tc.code, errOut)
			}
			// File names are as given on the command line; make them
			// independent of the test's working directory.
			out = strings.ReplaceAll(out, filepath.Join("..", "..", "testdata", "pki")+string(filepath.Separator), "")
			golden := filepath.Join("..", "..", "testdata", "golden", tc.name+".json")
			if *update {
				if err := os.WriteFile(golden, []byte(out), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if string(want) != out {
				t.Errorf("report differs from %s (run with -update and review the diff)\n%s", golden, firstDiff(string(want), out))
			}
			var rep map[string]any
			if err := json.Unmarshal([]byte(out), &rep); err != nil {
				t.Fatal(err)
			}
			if rep["schemaVersion"] != float64(1) {
				t.Errorf("schemaVersion %v", rep["schemaVersion"])
			}
		})
	}
}

func firstDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < len(al) && i < len(bl); i++ {
		if al[i] != bl[i] {
			return "line " + strconv.Itoa(i+1) + ":\n- " + al[i] + "\n+ " + bl[i]
		}
	}
	return "lengths differ"
}

func TestTextOutput(t *testing.T) {
	out, _, code := runCLI(t, "--tlsCAFile", pki("ca.pem"), "--chain", pki("expired-chain.pem"), "--host", "db0.example.net", "--at", "2026-06-01T00:00:00Z")
	if code != 1 {
		t.Fatalf("exit %d", code)
	}
	lines := strings.Split(out, "\n")
	if !strings.HasPrefix(lines[0], "✗ PyMongo would not connect") {
		t.Errorf("verdict is not first: %q", lines[0])
	}
	for _, want := range []string{"certificate has expired", "X509_V_ERR_CERT_HAS_EXPIRED", "Fix:", "Failed checks", "Certificates"} {
		if !strings.Contains(out, want) {
			t.Errorf("text output lacks %q", want)
		}
	}
	if strings.Contains(out, "\x1b[") {
		t.Error("colour escape codes written to a non-terminal")
	}
	if strings.Index(out, "Failed checks") > strings.Index(out, "Other checks") {
		t.Error("failed checks must come before the rest")
	}
}

// The path's states are words in the chosen language, not codes.
func TestTextOutputPathInJapanese(t *testing.T) {
	args := []string{"--tlsCAFile", pki("ca.pem"), "--chain", pki("expired-chain.pem"), "--host", "db0.example.net", "--at", "2026-06-01T00:00:00Z"}
	en, _, _ := runCLI(t, args...)
	ja, _, _ := runCLI(t, append(args, "--lang", "ja")...)
	for out, want := range map[string]string{en: "db0.example.net [expired] from serverChain", ja: "db0.example.net [期限切れ] serverChain から"} {
		if !strings.Contains(out, want) {
			t.Errorf("path line %q missing from:\n%s", want, out)
		}
	}
	if strings.Contains(ja, "[notYetValid]") || strings.Contains(ja, "] from ") {
		t.Errorf("codes or English in the Japanese path:\n%s", ja)
	}
}

func TestBadInputsExitTwo(t *testing.T) {
	dir := t.TempDir()
	cases := []struct {
		name string
		args []string
		msg  string
	}{
		{"missing file", []string{"--chain", filepath.Join(dir, "nope.pem")}, "no such file"},
		{"bad time", []string{"--chain", pki("server-chain.pem"), "--at", "yesterday"}, "RFC 3339"},
		{"nothing", []string{}, "nothing to inspect"},
		{"directory", []string{"--chain", dir}, "directory"},
		{"unknown flag", []string{"--frobnicate"}, "frobnicate"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, errOut, code := runCLI(t, tc.args...)
			if code != 2 {
				t.Errorf("exit %d, want 2", code)
			}
			if !strings.Contains(errOut, tc.msg) {
				t.Errorf("stderr %q lacks %q", errOut, tc.msg)
			}
		})
	}
}

func TestGarbageGetsAReportNotAPanic(t *testing.T) {
	dir := t.TempDir()
	files := map[string][]byte{
		"empty.pem":     {},
		"garbage.bin":   bytes.Repeat([]byte{0xde, 0xad, 0xbe, 0xef}, 1000),
		"truncated.pem": []byte("-----BEGIN CERTIFICATE-----\nMIIB\n"),
		"text.txt":      []byte("hello, this is not a certificate\n"),
	}
	for name, data := range files {
		p := filepath.Join(dir, name)
		os.WriteFile(p, data, 0o600)
		out, errOut, code := runCLI(t, "--json", "--chain", p)
		if code == 2 {
			continue // a clear refusal is fine too
		}
		var rep struct {
			Inputs []struct {
				Errors []struct{ Message string }
			}
		}
		if err := json.Unmarshal([]byte(out), &rep); err != nil {
			t.Errorf("%s: not JSON (%v); stderr %s", name, err, errOut)
			continue
		}
		if len(rep.Inputs) != 1 {
			t.Errorf("%s: input not listed", name)
		}
	}
}

func TestFlagsTakeAnyCaseAndMix(t *testing.T) {
	out, _, code := runCLI(t, pki("ca.pem"), "--TLSCAFILE="+pki("ca.pem"), "--chain", pki("server-chain.pem"), "--host", "db0.example.net", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, out)
	}
}

// TestCAFilePyMongoCannotLoad: a CA file copied out of a Kubernetes secret
// (base64 of the PEM file) is one PyMongo cannot load; the text report says
// so first and gives the command that decodes it.
func TestCAFilePyMongoCannotLoad(t *testing.T) {
	pem, err := os.ReadFile(pki("ca.pem"))
	if err != nil {
		t.Fatal(err)
	}
	ca := filepath.Join(t.TempDir(), "ca.crt")
	if err := os.WriteFile(ca, []byte(base64.StdEncoding.EncodeToString(pem)), 0o600); err != nil {
		t.Fatal(err)
	}
	out, errOut, code := runCLI(t, "--no-color", "--tlsCAFile", ca, "--chain", pki("server-chain.pem"), "--host", "db0.example.net")
	if code != 1 {
		t.Fatalf("exit %d, want 1; stderr %s", code, errOut)
	}
	for _, want := range []string{
		"PyMongo would not connect: The tlsCAFile does not load",
		"ssl.SSLError: [X509: NO_CERTIFICATE_OR_CRL_FOUND] no certificate or crl found",
		"FAIL ca.load",
		"$ base64 -d " + ca + " > ca.pem",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the report lacks %q:\n%s", want, out)
		}
	}
}

func TestTrustSettingsInText(t *testing.T) {
	ca := pki("trust/root-rejected-serverauth.pem")
	out, errOut, code := runCLI(t, "--no-color", "--tlsCAFile", ca, "--chain", pki("server-chain.pem"), "--host", "db0.example.net")
	if code != 1 {
		t.Fatalf("exit %d, want 1; stderr %s", code, errOut)
	}
	for _, want := range []string{
		"certificate verify failed: certificate rejected",
		"OpenSSL: 28 X509_V_ERR_CERT_REJECTED",
		"trust    rejected for serverAuth (OpenSSL trust settings in " + ca + ")",
		"$ openssl x509 -in " + ca + " -out ca-plain.pem",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

func TestManyCertificatesFold(t *testing.T) {
	// Every fixture CA and chain in one CA file, a stand-in for a system
	// bundle: the path is described in full, the rest in one line each.
	names, _ := filepath.Glob(pki("*.pem"))
	var bundle []byte
	for _, n := range names {
		if filepath.Base(n) == "server.pem" {
			continue
		}
		b, err := os.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		bundle = append(bundle, b...)
	}
	ca := filepath.Join(t.TempDir(), "bundle.pem")
	if err := os.WriteFile(ca, bundle, 0o600); err != nil {
		t.Fatal(err)
	}
	out, errOut, code := runCLI(t, "--no-color", "--tlsCAFile", ca, "--chain", pki("server-chain.pem"), "--host", "db0.example.net")
	if code != 0 {
		t.Fatalf("exit %d; stderr %s\n%s", code, errOut, out)
	}
	certs := out[strings.Index(out, "\nCertificates\n"):]
	m := regexp.MustCompile(`\n  (\d+) more certificates of the CA file`).FindStringSubmatch(certs)
	if m == nil {
		t.Fatalf("no folded certificates:\n%s", certs)
	}
	full := strings.Count(certs, "\n    sha256   ")
	if n, _ := strconv.Atoi(m[1]); n == 0 || full != 3 {
		t.Errorf("%s folded, %d in full; want the path's 3 in full", m[1], full)
	}
	for _, want := range []string{"\n  certinspect Test Root CA\n    subject", "\n  certinspect Test Intermediate CA\n    subject", "\n  db0.example.net\n    subject"} {
		if !strings.Contains(certs, want) {
			t.Errorf("%q is not described in full", strings.TrimSpace(want))
		}
	}
}
