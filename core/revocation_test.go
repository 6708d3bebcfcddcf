package core

import (
	"bytes"
	"encoding/pem"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"certinspect/core/decode"
	"certinspect/core/report"
)

// TestDecodedCRLs checks which files hand their decoded CRLs to
// core/revocation (clean PEM holding only X509 CRL blocks) and which are
// left for revocation to read itself.
func TestDecodedCRLs(t *testing.T) {
	crl := fixture(t, "revocation/crl-revoked.pem")
	two := fixture(t, "revocation/crl-root-and-good.pem")
	cert := fixture(t, "ca.pem")
	for _, c := range []struct {
		name string
		data []byte
		n    int // CRLs handed over; 0: none
	}{
		{"clean", crl, 1},
		{"CRLF", bytes.ReplaceAll(crl, []byte("\n"), []byte("\r\n")), 1},
		{"two CRLs", two, 2},
		{"text before", append([]byte("the CRL:\n"), crl...), 0},
		{"with a certificate", append(append([]byte{}, crl...), cert...), 0},
		{"DER", fixture(t, "revocation/crl-good.der"), 0},
		{"lower-case type", bytes.ReplaceAll(crl, []byte("X509 CRL"), []byte("x509 crl")), 0},
		{"indented", bytes.ReplaceAll(crl, []byte("\n"), []byte("\n ")), 0},
	} {
		got := decodedCRLs(decode.Decode("crl.pem", c.data, decode.Limits{}, nil))
		if len(got) != c.n {
			t.Errorf("%s: %d CRLs handed over, want %d", c.name, len(got), c.n)
			continue
		}
		rest := c.data
		for i := range got {
			var b *pem.Block
			b, rest = pem.Decode(rest)
			if b == nil || !bytes.Equal(got[i], b.Bytes) {
				t.Errorf("%s: CRL %d differs from encoding/pem's", c.name, i+1)
			}
		}
	}
}

// TestCRLsDecodedOnce checks that Inspect says the same about every CRL
// fixture whether core/revocation gets the CRLs decoded by core/decode (a
// clean file) or reads the file itself (the same file after a line of text).
func TestCRLsDecodedOnce(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("..", "testdata", "pki", "revocation", "crl-*.pem"))
	if len(files) < 10 {
		t.Fatalf("only %d CRL fixtures", len(files))
	}
	for _, chain := range []string{"revocation/good-leaf-chain.pem", "revocation/revoked-leaf-chain.pem"} {
		for _, f := range files {
			name := "revocation/" + filepath.Base(f)
			data := fixture(t, name)
			if decodedCRLs(decode.Decode(name, data, decode.Limits{}, nil)) == nil {
				t.Fatalf("%s is not handed over decoded", name)
			}
			run := func(data []byte) (Report, []string) {
				req := chainRequest(t, chain, "ca.pem", "db0.example.net")
				req.Files = append(req.Files, File{Name: "crl.pem", Role: RoleCRLFile, Data: data})
				rep := Inspect(req)
				var checks []string
				for _, c := range rep.Checks {
					if strings.HasPrefix(c.ID, "crl.") || strings.HasPrefix(c.ID, "chain.") {
						checks = append(checks, strings.Join([]string{c.ID, string(c.Status), c.Subject, c.Title, c.Detail, c.Fix}, "|"))
					}
				}
				return rep, checks
			}
			fast, fastChecks := run(data)
			slow, slowChecks := run(append([]byte("CRL:\n"), data...))
			if !reflect.DeepEqual(fast.Revocation, slow.Revocation) {
				t.Errorf("%s, %s: revocation results differ:\ndecoded %+v\nread    %+v", chain, name, fast.Revocation, slow.Revocation)
			}
			if !reflect.DeepEqual(fastChecks, slowChecks) || !reflect.DeepEqual(fast.Verdict, slow.Verdict) {
				t.Errorf("%s, %s: checks or verdict differ:\ndecoded %v %+v\nread    %v %+v", chain, name, fastChecks, fast.Verdict, slowChecks, slow.Verdict)
			}
		}
	}
}

// TestCRLFileCertificatesAreTrusted: PyMongo loads tlsCRLFile with
// load_verify_locations, so a certificate in it joins the trust store (seen
// in a Python handshake; openssl verify with both files as -CAfile agrees).
func TestCRLFileCertificatesAreTrusted(t *testing.T) {
	crlWithRoot := append(fixture(t, "ca.pem"), fixture(t, "revocation/crl-good.pem")...)
	files := []File{
		{Name: "server-chain.pem", Role: RoleServerChain, Data: fixture(t, "server-chain.pem")},
		{Name: "other-ca.pem", Role: RoleCAFile, Data: fixture(t, "other-ca.pem")},
	}
	without := Inspect(Request{At: fixtureAt, Files: append(files, File{Name: "crl.pem", Role: RoleCRLFile, Data: fixture(t, "revocation/crl-good.pem")})})
	if statusOf(without, "chain.trusted") != report.Fail {
		t.Fatalf("without the root in the CRL file the chain is not trusted: %s", without.Verdict.Headline)
	}
	rep := Inspect(Request{At: fixtureAt, Files: append(files, File{Name: "crl.pem", Role: RoleCRLFile, Data: crlWithRoot})})
	if rep.Verdict.Status != "ok" {
		t.Fatalf("verdict %s: %s", rep.Verdict.Status, rep.Verdict.Headline)
	}
	for _, c := range rep.Checks {
		if c.ID == "chain.trusted" && !strings.Contains(c.Detail, "comes from the tlsCRLFile crl.pem") {
			t.Errorf("chain.trusted must say the anchor comes from the CRL file: %s", c.Detail)
		}
	}
}
