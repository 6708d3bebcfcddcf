package sclient

import (
	"bytes"
	"context"
	"encoding/pem"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// The fixture PKI of the repository (go run ./testdata/gen) is valid at
// 2026-06-01T00:00:00Z; s_client verifies at that instant with -attime so the
// recorded verify results do not depend on the wall clock.
const fixtureAt = "1780272000" // 2026-06-01T00:00:00Z

const pkiDir = "../../testdata/pki"

// scenario is one s_server/s_client pair.
type scenario struct {
	name       string
	chain      string   // file in testdata/pki: leaf first, then intermediates
	serverArgs []string // extra s_server arguments
	clientArgs []string // extra s_client arguments
	ocsp       bool     // staple an OCSP response made with `openssl ocsp`
}

var scenarios = []scenario{
	{name: "good-chain", chain: "server-chain.pem"},
	{name: "expired", chain: "expired-chain.pem"},
	{name: "missing-intermediate", chain: "missing-intermediate-chain.pem"},
	{name: "wrong-host", chain: "server-chain.pem", clientArgs: []string{"-verify_hostname", "db9.example.net"}},
	{name: "client-cert-required", chain: "server-chain.pem", serverArgs: []string{"-Verify", "1", "-CAfile", "@pki/ca.pem"}},
	{name: "client-cert-required-tls12", chain: "server-chain.pem", serverArgs: []string{"-Verify", "1", "-CAfile", "@pki/ca.pem"}, clientArgs: []string{"-tls1_2"}},
	{name: "tls13-only-server-tls12-client", chain: "server-chain.pem", serverArgs: []string{"-tls1_3"}, clientArgs: []string{"-tls1_2"}},
	{name: "tls13-only", chain: "server-chain.pem", serverArgs: []string{"-tls1_3"}},
	{name: "ocsp-stapled", chain: "server-chain.pem", ocsp: true, clientArgs: []string{"-status"}},
}

func haveOpenSSL(t *testing.T) string {
	t.Helper()
	path, err := exec.LookPath("openssl")
	if err != nil {
		t.Skip("openssl not installed: transcripts are not re-recorded")
	}
	return path
}

func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Skipf("cannot listen on 127.0.0.1: %v", err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	return port
}

// splitChain writes the first certificate of file to leaf.pem and the rest to
// extra.pem (empty when there is none) in dir.
func splitChain(t *testing.T, file, dir string) (leaf, extra string) {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var first, rest bytes.Buffer
	n := 0
	for {
		var b *pem.Block
		b, data = pem.Decode(data)
		if b == nil {
			break
		}
		if n == 0 {
			pem.Encode(&first, b)
		} else {
			pem.Encode(&rest, b)
		}
		n++
	}
	leaf = filepath.Join(dir, "leaf.pem")
	extra = filepath.Join(dir, "extra.pem")
	os.WriteFile(leaf, first.Bytes(), 0o600)
	os.WriteFile(extra, rest.Bytes(), 0o600)
	return leaf, extra
}

func run(t *testing.T, dir string, name string, args ...string) {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
}

// makeOCSP writes a DER OCSP response ("good") for the leaf, signed by the
// intermediate CA, using `openssl ocsp` as the responder.
func makeOCSP(t *testing.T, openssl, dir, leaf, intermediate string) string {
	t.Helper()
	serialOut, err := exec.Command(openssl, "x509", "-in", leaf, "-noout", "-serial").Output()
	if err != nil {
		t.Fatal(err)
	}
	serial := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(string(serialOut)), "serial="))
	// index.txt: status, expiry (YYMMDDHHMMSSZ), revocation date, serial, file, DN
	index := fmt.Sprintf("V\t270101000000Z\t\t%s\tunknown\t/O=certinspect tests/CN=db0.example.net\n", serial)
	os.WriteFile(filepath.Join(dir, "index.txt"), []byte(index), 0o600)
	key, _ := filepath.Abs(filepath.Join(pkiDir, "keys", "intermediate.key"))
	resp := filepath.Join(dir, "ocsp.der")
	run(t, dir, openssl, "ocsp", "-index", "index.txt", "-rsigner", intermediate, "-rkey", key,
		"-CA", intermediate, "-issuer", intermediate, "-cert", leaf, "-ndays", "3650", "-respout", resp)
	return resp
}

// record runs one scenario and returns the s_client transcript (stdout and
// stderr interleaved as a terminal shows them).
func record(t *testing.T, openssl string, sc scenario) string {
	t.Helper()
	dir := t.TempDir()
	pki, _ := filepath.Abs(pkiDir)
	leaf, extra := splitChain(t, filepath.Join(pki, sc.chain), dir)
	port := freePort(t)
	addr := fmt.Sprintf("127.0.0.1:%d", port)
	sargs := []string{"s_server", "-accept", addr, "-cert", leaf, "-key", filepath.Join(pki, "server.key"), "-quiet"}
	if st, _ := os.Stat(extra); st != nil && st.Size() > 0 {
		sargs = append(sargs, "-cert_chain", extra)
	}
	if sc.ocsp {
		sargs = append(sargs, "-status_file", makeOCSP(t, openssl, dir, leaf, extra))
	}
	for _, a := range sc.serverArgs {
		sargs = append(sargs, strings.Replace(a, "@pki", pki, 1))
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	srv := exec.CommandContext(ctx, openssl, sargs...)
	var srvOut bytes.Buffer
	srv.Stdout, srv.Stderr = &srvOut, &srvOut
	stdin, _ := srv.StdinPipe()
	if err := srv.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		stdin.Close()
		srv.Process.Kill()
		srv.Wait()
	}()
	// wait until the server listens
	for i := 0; ; i++ {
		c, err := net.DialTimeout("tcp", addr, 200*time.Millisecond)
		if err == nil {
			c.Close()
			break
		}
		if i > 50 {
			t.Fatalf("s_server did not start: %s", srvOut.String())
		}
		time.Sleep(100 * time.Millisecond)
	}
	cargs := []string{"s_client", "-connect", addr, "-servername", "db0.example.net", "-showcerts",
		"-CAfile", filepath.Join(pki, "ca.pem"), "-attime", fixtureAt}
	hasHost := false
	for _, a := range sc.clientArgs {
		if a == "-verify_hostname" {
			hasHost = true
		}
	}
	if !hasHost {
		cargs = append(cargs, "-verify_hostname", "db0.example.net")
	}
	cargs = append(cargs, sc.clientArgs...)
	cli := exec.CommandContext(ctx, openssl, cargs...)
	cli.Stdin = strings.NewReader("")
	var out bytes.Buffer
	cli.Stdout, cli.Stderr = &out, &out
	cli.Run() // failing handshakes exit 1: the transcript is what matters
	text := out.String()
	// Make the transcript independent of the random port and temp paths.
	text = strings.ReplaceAll(text, addr, "127.0.0.1:27017")
	text = strings.ReplaceAll(text, fmt.Sprint(port), "27017")
	return text
}

// TestRecordTranscripts re-records every scenario with the installed openssl
// and checks that Parse reads what the real tool printed. With
// CERTINSPECT_RECORD=1 it also rewrites testdata/explain/sclient/*.txt.
func TestRecordTranscripts(t *testing.T) {
	openssl := haveOpenSSL(t)
	for _, sc := range scenarios {
		t.Run(sc.name, func(t *testing.T) {
			text := record(t, openssl, sc)
			if os.Getenv("CERTINSPECT_RECORD") == "1" {
				if err := os.WriteFile(filepath.Join(transcriptDir, sc.name+".txt"), []byte(text), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			checkScenario(t, sc.name, text)
		})
	}
}
