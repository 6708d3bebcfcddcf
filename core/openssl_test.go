package core

import (
	"encoding/pem"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"certinspect/core/certid"
	"certinspect/core/pemfile"
	"certinspect/core/x509err"
)

// TestOpenSSLAgrees runs `openssl verify` configured as Python's ssl module
// configures it for PyMongo (purpose sslserver, security level 2, the host
// checked, no partial chain) on every fixture scenario, and requires the
// error certinspect predicts to be the error OpenSSL reports. It is skipped
// where the openssl command is not installed.
func TestOpenSSLAgrees(t *testing.T) {
	bin, err := exec.LookPath("openssl")
	if err != nil {
		t.Skip("openssl not installed")
	}
	chains, _ := filepath.Glob(filepath.Join("..", "testdata", "pki", "*-chain.pem"))
	// The CA files: the usual ones, the server's own certificate (a common
	// mistake: not an anchor without partial-chain mode), and CA files with
	// OpenSSL trust settings (TRUSTED CERTIFICATE blocks).
	cas := []string{"ca.pem", "other-ca.pem", "intermediate-only-ca.pem", "root-and-intermediate-ca.pem", "server.pem", "negative-serial-root-ca.pem"}
	trustFiles, _ := filepath.Glob(filepath.Join("..", "testdata", "pki", "trust", "*.pem"))
	if len(trustFiles) < 7 {
		t.Fatalf("only %d CA files with trust settings", len(trustFiles))
	}
	for _, f := range trustFiles {
		cas = append(cas, filepath.Join("trust", filepath.Base(f)))
	}
	// xn--…: a wildcard stands for an IDNA label too (wildcard-chain.pem is *.example.net).
	// "db0.example.net.": a trailing dot is compared as written (Python hands it to OpenSSL so).
	hosts := []string{"db0.example.net", "a.db0.example.net", "192.0.2.10", "192.0.2.11", "xn--bcher-kva.example.net", "db0.example.net."}
	errRE := regexp.MustCompile(`error (\d+) at (\d+) depth`)
	dir := t.TempDir()
	n := 0
	for _, chainPath := range chains {
		chain := filepath.Base(chainPath)
		for _, ca := range cas {
			for _, host := range hosts {
				if ca != "ca.pem" && host != hosts[0] {
					continue // keep the matrix small: hosts are varied with the main CA only
				}
				req := chainRequest(t, chain, ca, host)
				rep := Inspect(req)
				// Recompute the analysis to know which certificate is the leaf.
				presented := nodesFromPEM(t, fixture(t, chain), false)
				trusted := nodesFromPEM(t, fixture(t, ca), true)
				a := analyzeServer(presented, trusted, "tlsCAFile", []string{host}, true, fixtureAt)
				var leafPEM, restPEM []byte
				for _, p := range presented {
					b := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: p.cert.Raw})
					if p == a.leaf {
						leafPEM = b
					} else {
						restPEM = append(restPEM, b...)
					}
				}
				leafFile := filepath.Join(dir, "leaf.pem")
				restFile := filepath.Join(dir, "rest.pem")
				os.WriteFile(leafFile, leafPEM, 0o600)
				os.WriteFile(restFile, restPEM, 0o600)
				args := []string{"verify", "-CAfile", filepath.Join("..", "testdata", "pki", ca), "-attime", strconv.FormatInt(fixtureAt.Unix(), 10),
					"-purpose", "sslserver", "-auth_level", "2"}
				if len(restPEM) > 0 {
					args = append(args, "-untrusted", restFile)
				}
				if net.ParseIP(host) != nil {
					args = append(args, "-verify_ip", host)
				} else {
					args = append(args, "-verify_hostname", host)
				}
				args = append(args, leafFile)
				out, _ := exec.Command(bin, args...).CombinedOutput()
				want := 0
				if m := errRE.FindSubmatch(out); m != nil {
					want, _ = strconv.Atoi(string(m[1]))
				}
				got := 0
				if pr := a.firstProblem(host); pr != nil {
					got = pr.err.Code
				}
				if got != want {
					t.Errorf("%s with %s for %s: certinspect predicts %d, openssl says %d:\n%s", chain, ca, host, got, want, out)
				}
				if (want == 0) != (rep.Verdict.PyMongoError == "") {
					t.Errorf("%s with %s for %s: verdict error %q but openssl code %d", chain, ca, host, rep.Verdict.PyMongoError, want)
				}
				if e, ok := x509err.ByCode(want); ok && want != 0 && !strings.Contains(strings.ToLower(rep.Verdict.PyMongoError), "certificate verify failed: "+strings.ToLower(e.Text)) {
					t.Errorf("%s with %s for %s: the report predicts %q, openssl says %q", chain, ca, host, rep.Verdict.PyMongoError, e.Text)
				}
				n++
			}
		}
	}
	if n < 50 {
		t.Errorf("only %d combinations compared", n)
	}
}

// nodesFromPEM reads the certificates of a PEM file as path-builder nodes;
// a TRUSTED CERTIFICATE block carries its trust settings, and the first copy
// of a certificate decides them, as in OpenSSL's store.
func nodesFromPEM(t *testing.T, data []byte, trusted bool) []*node {
	t.Helper()
	var out []*node
	settings := map[string]*pemfile.Trust{}
	for {
		var b *pem.Block
		b, data = pem.Decode(data)
		if b == nil {
			break
		}
		der, aux, ok := pemfile.CertificateOf(&pemfile.Block{Type: b.Type, Bytes: b.Bytes})
		if !ok {
			t.Fatal("unreadable trust settings")
		}
		c, err := parseCert(der)
		if err != nil {
			t.Fatal(err)
		}
		fp := certid.Fingerprint(c)
		if _, seen := settings[fp]; !seen {
			settings[fp] = aux
		}
		out = append(out, &node{cert: c, names: namesOf(c), trusted: trusted, fp: fp, aux: settings[fp]})
	}
	return out
}
