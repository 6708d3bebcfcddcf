package core

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/pem"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestHandoverVerifyReproducesTheVerdict runs the hand-over's "reproduce
// the verdict with OpenSSL" command, as the engineer would (the files under
// the names given, server.pem the server certificate alone), and requires
// OpenSSL to say what the report predicts. Skipped without openssl.
func TestHandoverVerifyReproducesTheVerdict(t *testing.T) {
	if _, err := exec.LookPath("openssl"); err != nil {
		t.Skip("openssl not installed")
	}
	crlWithRoot := append(fixture(t, "ca.pem"), fixture(t, "revocation/crl-good.pem")...)
	scenarios := []struct {
		name  string
		files []File
	}{
		{"good", []File{{Name: "chain.pem", Role: RoleServerChain, Data: fixture(t, "server-chain.pem")}, {Name: "ca.pem", Role: RoleCAFile, Data: fixture(t, "ca.pem")}}},
		{"expired", []File{{Name: "chain.pem", Role: RoleServerChain, Data: fixture(t, "expired-chain.pem")}, {Name: "ca.pem", Role: RoleCAFile, Data: fixture(t, "ca.pem")}}},
		{"wrong CA", []File{{Name: "chain.pem", Role: RoleServerChain, Data: fixture(t, "server-chain.pem")}, {Name: "ca.pem", Role: RoleCAFile, Data: fixture(t, "other-ca.pem")}}},
		{"revoked", []File{{Name: "chain.pem", Role: RoleServerChain, Data: fixture(t, "revocation/revoked-leaf-chain.pem")}, {Name: "ca.pem", Role: RoleCAFile, Data: fixture(t, "ca.pem")},
			{Name: "crl.pem", Role: RoleCRLFile, Data: fixture(t, "revocation/crl-revoked.pem")}}},
		// Signed with RSA-PSS and the longest salt, which crypto/x509 does not verify.
		{"revoked by an RSA-PSS CRL", []File{{Name: "chain.pem", Role: RoleServerChain, Data: fixture(t, "revocation/revoked-leaf-chain.pem")}, {Name: "ca.pem", Role: RoleCAFile, Data: fixture(t, "ca.pem")},
			{Name: "crl.pem", Role: RoleCRLFile, Data: fixture(t, "revocation/crl-revoked-pss.pem")}}},
		// OpenSSL details of CRL matching (a differential run found each).
		{"CRL AKID names the intermediate's serial", revokedWith(t, "revocation/crl-revoked-akid-serial.pem")},
		{"CRL AKID names another serial", revokedWith(t, "revocation/crl-revoked-akid-other-serial.pem")},
		{"CRL issuer spaced differently", revokedWith(t, "revocation/crl-revoked-issuer-spacing.pem")},
		{"listed twice, removeFromCRL first", revokedWith(t, "revocation/crl-listed-twice-remove-first.pem")},
		{"listed twice, removeFromCRL second", revokedWith(t, "revocation/crl-listed-twice-remove-second.pem")},
		{"CRL thisUpdate without seconds", revokedWith(t, "revocation/crl-revoked-time-no-seconds.pem")},
		{"CRL with an undecodable IDP", revokedWith(t, "revocation/crl-revoked-bad-idp.pem")},
		{"root in the CRL file", []File{{Name: "chain.pem", Role: RoleServerChain, Data: fixture(t, "server-chain.pem")}, {Name: "ca.pem", Role: RoleCAFile, Data: fixture(t, "other-ca.pem")},
			{Name: "crl.pem", Role: RoleCRLFile, Data: crlWithRoot}}},
		// The CRL file is stale, but the CA file holds a current CRL that revokes the leaf.
		{"CRL in the CA file", []File{{Name: "chain.pem", Role: RoleServerChain, Data: fixture(t, "revocation/revoked-leaf-chain.pem")},
			{Name: "ca.pem", Role: RoleCAFile, Data: append(fixture(t, "ca.pem"), fixture(t, "revocation/crl-revoked.pem")...)},
			{Name: "crl.pem", Role: RoleCRLFile, Data: fixture(t, "revocation/crl-stale.pem")}}},
		// The root is in the CRL file, with trust settings that reject serverAuth.
		{"trust settings in the CRL file", []File{{Name: "chain.pem", Role: RoleServerChain, Data: fixture(t, "server-chain.pem")}, {Name: "ca.pem", Role: RoleCAFile, Data: fixture(t, "other-ca.pem")},
			{Name: "crl.pem", Role: RoleCRLFile, Data: append(fixture(t, "trust/root-rejected-serverauth.pem"), fixture(t, "revocation/crl-good.pem")...)}}},
		// The root in both files: the CRL file's copy is loaded first and counts.
		{"CRL file's copy rejects, CA file's is plain", []File{{Name: "chain.pem", Role: RoleServerChain, Data: fixture(t, "server-chain.pem")}, {Name: "ca.pem", Role: RoleCAFile, Data: fixture(t, "ca.pem")},
			{Name: "crl.pem", Role: RoleCRLFile, Data: append(fixture(t, "trust/root-rejected-serverauth.pem"), fixture(t, "revocation/crl-good.pem")...)}}},
		{"CRL file's copy is plain, CA file's rejects", []File{{Name: "chain.pem", Role: RoleServerChain, Data: fixture(t, "server-chain.pem")}, {Name: "ca.pem", Role: RoleCAFile, Data: fixture(t, "trust/root-rejected-serverauth.pem")},
			{Name: "crl.pem", Role: RoleCRLFile, Data: append(fixture(t, "ca.pem"), fixture(t, "revocation/crl-good.pem")...)}}},
		{"trust settings reject", []File{{Name: "chain.pem", Role: RoleServerChain, Data: fixture(t, "server-chain.pem")}, {Name: "ca.pem", Role: RoleCAFile, Data: fixture(t, "trust/root-rejected-serverauth.pem")}}},
		// Certificates Go refuses, read through core/repair: the hand-over
		// command runs on the files as found.
		{"server certificate with a critical AKI", []File{{Name: "chain.pem", Role: RoleServerChain, Data: fixture(t, "defect/critical-aki-chain.pem")}, {Name: "ca.pem", Role: RoleCAFile, Data: fixture(t, "ca.pem")}}},
		{"intermediate with an extension twice", []File{{Name: "chain.pem", Role: RoleServerChain, Data: fixture(t, "defect/ca-duplicate-extension-chain.pem")}, {Name: "ca.pem", Role: RoleCAFile, Data: fixture(t, "ca.pem")}}},
	}
	errRE := regexp.MustCompile(`error \d+ at \d+ depth lookup: (.*)`)
	for _, sc := range scenarios {
		t.Run(sc.name, func(t *testing.T) {
			dir := t.TempDir()
			for _, f := range sc.files {
				if err := os.WriteFile(filepath.Join(dir, f.Name), f.Data, 0o600); err != nil {
					t.Fatal(err)
				}
			}
			rep := Inspect(Request{At: fixtureAt, Hosts: []string{"db0.example.net"}, Files: sc.files})
			if rep.Chain == nil || len(rep.Chain.Path) == 0 {
				t.Fatal("no path")
			}
			// server.pem: the leaf the report identified.
			leafID := rep.Chain.Path[0].Cert
			var leaf []byte
			for rest := sc.files[0].Data; ; {
				var b *pem.Block
				if b, rest = pem.Decode(rest); b == nil {
					break
				}
				// (A fingerprint is of the DER as found: Go need not read it.)
				if sum := sha256.Sum256(b.Bytes); hex.EncodeToString(sum[:]) == leafID {
					leaf = pem.EncodeToMemory(b)
				}
			}
			if leaf == nil {
				t.Fatal("the leaf is not in the chain file")
			}
			os.WriteFile(filepath.Join(dir, "server.pem"), leaf, 0o600)
			var cmd string
			for _, c := range rep.Handover.Commands {
				if strings.Contains(c.Command, "openssl verify ") {
					cmd = c.Command
				}
			}
			if cmd == "" {
				t.Fatal("no openssl verify command in the hand-over")
			}
			sh := exec.Command("sh", "-c", cmd)
			sh.Dir = dir
			out, _ := sh.CombinedOutput()
			got := "OK"
			if m := errRE.FindSubmatch(out); m != nil {
				got = string(m[1])
			}
			want := "OK"
			if rep.Verdict.PyMongoError != "" {
				m := regexp.MustCompile(`certificate verify failed: (.*?) \(_ssl`).FindStringSubmatch(rep.Verdict.PyMongoError)
				if m == nil {
					t.Fatalf("verdict error %q", rep.Verdict.PyMongoError)
				}
				want = m[1]
			}
			if got != want {
				t.Errorf("%s\nopenssl says %q, the report predicts %q\n%s", cmd, got, want, out)
			}
		})
	}
}

// revokedWith is the revoked-leaf chain, ca.pem and the CRL file crl.
func revokedWith(t *testing.T, crl string) []File {
	return []File{{Name: "chain.pem", Role: RoleServerChain, Data: fixture(t, "revocation/revoked-leaf-chain.pem")}, {Name: "ca.pem", Role: RoleCAFile, Data: fixture(t, "ca.pem")},
		{Name: "crl.pem", Role: RoleCRLFile, Data: fixture(t, crl)}}
}
