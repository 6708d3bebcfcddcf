package core

import (
	"crypto"
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestSClientAgainstSServer serves each fixture chain with `openssl
// s_server` and connects with `openssl s_client` set up as Python's ssl sets
// up PyMongo's connection (CA file, host name check, purpose, security level
// 2), and requires the handshake's verify error to be the one certinspect
// predicts. Skipped where openssl is not installed.
func TestSClientAgainstSServer(t *testing.T) {
	bin, err := exec.LookPath("openssl")
	if err != nil {
		t.Skip("openssl not installed")
	}
	if testing.Short() {
		t.Skip("starts a TLS server per scenario")
	}
	keys := fixtureKeys(t)
	chains, _ := filepath.Glob(filepath.Join("..", "testdata", "pki", "*-chain.pem"))
	dir := t.TempDir()
	caFile := filepath.Join("..", "testdata", "pki", "ca.pem")
	verifyRE := regexp.MustCompile(`verify error:num=(\d+)`)
	compared := 0
	for _, chainPath := range chains {
		chain := filepath.Base(chainPath)
		const host = "db0.example.net"
		presented := nodesFromPEM(t, fixture(t, chain), false)
		trusted := nodesFromPEM(t, fixture(t, "ca.pem"), true)
		a := analyzeServer(presented, trusted, "tlsCAFile", []string{host}, true, fixtureAt)
		key := keys[string(a.leaf.cert.RawSubjectPublicKeyInfo)]
		if key == nil {
			t.Errorf("%s: no fixture key for the leaf", chain)
			continue
		}
		var leafPEM, restPEM []byte
		for _, p := range presented {
			b := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: p.cert.Raw})
			if p == a.leaf {
				leafPEM = b
			} else {
				restPEM = append(restPEM, b...)
			}
		}
		leafFile, restFile, keyFile := filepath.Join(dir, "leaf.pem"), filepath.Join(dir, "rest.pem"), filepath.Join(dir, "key.pem")
		os.WriteFile(leafFile, leafPEM, 0o600)
		os.WriteFile(restFile, restPEM, 0o600)
		os.WriteFile(keyFile, key, 0o600)

		port := freePort(t)
		// The server accepts anything (security level 0): what is tested is
		// the client's verdict.
		args := []string{"s_server", "-accept", "127.0.0.1:" + port, "-cert", leafFile, "-key", keyFile, "-naccept", "1", "-quiet", "-cipher", "DEFAULT:@SECLEVEL=0"}
		if len(restPEM) > 0 {
			args = append(args, "-cert_chain", restFile)
		}
		srv := exec.Command(bin, args...)
		if err := srv.Start(); err != nil {
			t.Fatal(err)
		}
		waitListening(t, port)
		cli := exec.Command(bin, "s_client", "-connect", "127.0.0.1:"+port, "-servername", host, "-CAfile", caFile,
			"-verify_return_error", "-attime", strconv.FormatInt(fixtureAt.Unix(), 10), "-purpose", "sslserver",
			"-auth_level", "2", "-verify_hostname", host)
		cli.Stdin = strings.NewReader("")
		out, _ := cli.CombinedOutput()
		srv.Process.Kill()
		srv.Wait()
		want := 0
		if m := verifyRE.FindSubmatch(out); m != nil {
			want, _ = strconv.Atoi(string(m[1]))
		} else if !strings.Contains(string(out), "Verify return code: 0") {
			t.Errorf("%s: no verify result from s_client:\n%s", chain, out)
			continue
		}
		got := 0
		if pr := a.firstProblem(host); pr != nil {
			got = pr.err.Code
		}
		if got != want {
			t.Errorf("%s: certinspect predicts %d, s_client against s_server reports %d", chain, got, want)
		}
		t.Logf("%s: %d", chain, want)
		compared++
	}
	if compared < 20 {
		t.Errorf("only %d scenarios compared", compared)
	}
}

// fixtureKeys maps each fixture key's public key (SPKI DER) to its PEM.
func fixtureKeys(t *testing.T) map[string][]byte {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join("..", "testdata", "pki", "keys", "*.key"))
	out := map[string][]byte{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := pem.Decode(data)
		if b == nil {
			continue
		}
		k, err := x509.ParsePKCS8PrivateKey(b.Bytes)
		if err != nil {
			continue
		}
		spki, err := x509.MarshalPKIXPublicKey(k.(crypto.Signer).Public())
		if err != nil {
			continue
		}
		out[string(spki)] = data
	}
	return out
}

func freePort(t *testing.T) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return fmt.Sprint(l.Addr().(*net.TCPAddr).Port)
}

func waitListening(t *testing.T, port string) {
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		// Probing with a TCP connection would use up -naccept 1, so look
		// for the listening socket instead.
		if data, err := os.ReadFile("/proc/net/tcp"); err == nil {
			p, _ := strconv.Atoi(port)
			if strings.Contains(string(data), fmt.Sprintf(":%04X 00000000:0000 0A", p)) {
				return
			}
		} else {
			time.Sleep(300 * time.Millisecond)
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("s_server did not listen on %s", port)
}
