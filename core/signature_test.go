package core

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"certinspect/core/report"
)

// A chain signed with an algorithm Go cannot verify (Ed448, made here with
// openssl) is undecided, never a signature failure: openssl verify accepts
// it, and a copy whose signature is damaged is undecided too (the report
// cannot tell them apart, and says so). Skipped without openssl.
func TestSignatureGoCannotCheckIsUndecided(t *testing.T) {
	bin, err := exec.LookPath("openssl")
	if err != nil {
		t.Skip("openssl not installed")
	}
	dir := t.TempDir()
	run := func(args ...string) string {
		t.Helper()
		cmd := exec.Command(bin, args...)
		cmd.Dir = dir
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("openssl %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return string(out)
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.WriteFile(filepath.Join(dir, "leaf.ext"), []byte("subjectAltName=DNS:db0.example.net\nextendedKeyUsage=serverAuth\n"), 0o644))
	run("genpkey", "-algorithm", "ED448", "-out", "root.key")
	run("req", "-x509", "-new", "-key", "root.key", "-subj", "/CN=Ed448 Test Root", "-days", "3650", "-out", "root.pem",
		"-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign")
	run("genrsa", "-out", "leaf.key", "2048")
	run("req", "-new", "-key", "leaf.key", "-subj", "/CN=db0.example.net", "-out", "leaf.csr")
	run("x509", "-req", "-in", "leaf.csr", "-CA", "root.pem", "-CAkey", "root.key", "-CAcreateserial", "-days", "365", "-extfile", "leaf.ext", "-out", "leaf.pem")
	if out := run("verify", "-purpose", "sslserver", "-verify_hostname", "db0.example.net", "-CAfile", "root.pem", "leaf.pem"); !strings.Contains(out, "leaf.pem: OK") {
		t.Fatalf("openssl verify: %s", out)
	}
	// A CRL from the same Ed448 root (openssl ca -gencrl), listing nothing.
	must(os.WriteFile(filepath.Join(dir, "ca.cnf"), []byte("[ca]\ndefault_ca = d\n[d]\ndatabase = index.txt\ncrlnumber = crlnumber\ndefault_md = default\ndefault_crl_days = 30\n"), 0o644))
	must(os.WriteFile(filepath.Join(dir, "index.txt"), nil, 0o644))
	must(os.WriteFile(filepath.Join(dir, "crlnumber"), []byte("01\n"), 0o644))
	run("ca", "-gencrl", "-config", "ca.cnf", "-keyfile", "root.key", "-cert", "root.pem", "-out", "crl.pem")
	if out := run("verify", "-crl_check", "-purpose", "sslserver", "-CAfile", "root.pem", "-CRLfile", "crl.pem", "leaf.pem"); !strings.Contains(out, "leaf.pem: OK") {
		t.Fatalf("openssl verify -crl_check: %s", out)
	}
	crl, err := os.ReadFile(filepath.Join(dir, "crl.pem"))
	must(err)
	ca, err := os.ReadFile(filepath.Join(dir, "root.pem"))
	must(err)
	leaf, err := os.ReadFile(filepath.Join(dir, "leaf.pem"))
	must(err)
	for _, tc := range []struct {
		name string
		leaf []byte
	}{{"as signed", leaf}, {"damaged signature", damageLastBase64(leaf)}} {
		rep := Inspect(Request{At: time.Now(), Hosts: []string{"db0.example.net"}, Files: []File{
			{Name: "leaf.pem", Role: RoleServerChain, Data: tc.leaf},
			{Name: "root.pem", Role: RoleCAFile, Data: ca},
		}})
		c := checkWith(rep, "chain.trusted")
		if c == nil || c.Status != report.Warn || !strings.Contains(c.Title, "(ED448) cannot be checked here") {
			t.Errorf("%s: chain.trusted %+v", tc.name, c)
		}
		if rep.Verdict.Status == "fail" || !strings.HasPrefix(rep.Verdict.Headline, "Not enough to predict") {
			t.Errorf("%s: verdict %q", tc.name, rep.Verdict.Headline)
		}
	}
	// The CRL's Ed448 signature is not a "CRL signature failure" either.
	rep := Inspect(Request{At: time.Now(), URI: "mongodb://db0.example.net/?tls=true&tlsCAFile=root.pem&tlsCRLFile=crl.pem", Files: []File{
		{Name: "leaf.pem", Role: RoleServerChain, Data: leaf},
		{Name: "root.pem", Role: RoleCAFile, Data: ca},
		{Name: "crl.pem", Role: RoleCRLFile, Data: crl},
	}})
	if c := checkWith(rep, "crl.revocation"); c == nil || c.Status != report.Warn || !strings.Contains(c.Title, "cannot be checked here") {
		t.Errorf("crl.revocation %+v", c)
	}
	if rep.Verdict.Status == "fail" {
		t.Errorf("verdict %q", rep.Verdict.Headline)
	}
}

// damageLastBase64 changes one base64 character of the PEM's last line (the
// end of the signature).
func damageLastBase64(pemData []byte) []byte {
	out := append([]byte(nil), pemData...)
	end := strings.LastIndex(string(out), "\n-----END")
	i := end - 2
	if out[i] == 'A' {
		out[i] = 'B'
	} else {
		out[i] = 'A'
	}
	return out
}
