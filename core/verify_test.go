package core

import (
	"bytes"
	"crypto/dsa" //nolint:staticcheck // the DSA path of signedBy
	"encoding/pem"
	"math/big"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"certinspect/core/i18n"
	"certinspect/core/report"
)

// limboCaseByID returns one x509-limbo case (testdata/limbo).
func limboCaseByID(t *testing.T, id string) limboCase {
	t.Helper()
	cases, _ := loadLimbo(t)
	for _, tc := range cases {
		if tc.ID == id {
			return tc
		}
	}
	t.Fatalf("no limbo case %s", id)
	return limboCase{}
}

// A DSA-3072 root signing the server certificate with dsa_with_SHA256:
// OpenSSL (so PyMongo) verifies it, Go's crypto/x509 cannot. The report
// follows OpenSSL, names Go as differing, and still catches a bad signature.
func TestDSASignedChain(t *testing.T) {
	if testing.Short() {
		t.Skip("reads the limbo corpus")
	}
	tc := limboCaseByID(t, "webpki::forbidden-dsa-root")
	blk, _ := pem.Decode([]byte(tc.PeerCertificate))
	if blk == nil {
		t.Fatal("no leaf PEM")
	}
	tampered := bytes.Clone(blk.Bytes)
	tampered[len(tampered)-1] ^= 0x01 // the last byte of the signature's s
	bad := tc
	bad.PeerCertificate = string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: tampered}))

	for _, c := range []struct {
		name       string
		tc         limboCase
		trusted    report.Status
		wantOthers bool
	}{
		{"as issued", tc, report.Pass, true},
		{"signature altered", bad, report.Fail, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			rep := Inspect(limboRequest(c.tc))
			if got := statusOf(rep, "chain.trusted"); got != c.trusted {
				t.Fatalf("chain.trusted is %q, want %q", got, c.trusted)
			}
			if c.trusted == report.Fail {
				f := failingCheck(rep, "chain.trusted")
				if f.OpenSSLError == nil || f.OpenSSLError.Name != "X509_V_ERR_CERT_SIGNATURE_FAILURE" {
					t.Fatalf("altered signature: OpenSSL error %+v, want X509_V_ERR_CERT_SIGNATURE_FAILURE", f.OpenSSLError)
				}
			}
			for _, cert := range rep.Certificates {
				if want := cert.Label == "x509-limbo-root"; cert.SelfSigned != want {
					t.Errorf("%s: selfSigned %v, want %v", cert.Label, cert.SelfSigned, want)
				}
			}
			if c.wantOthers && statusOf(rep, "chain.others") != report.Info {
				t.Fatalf("chain.others is %q: Go's verifier rejects DSA and the report should say so", statusOf(rep, "chain.others"))
			}
		})
	}
}

func TestVerifyDSARefusesMalformedSignatures(t *testing.T) {
	k := &dsa.PublicKey{Parameters: dsa.Parameters{P: big.NewInt(23), Q: big.NewInt(11), G: big.NewInt(4)}, Y: big.NewInt(8)}
	for _, sig := range [][]byte{nil, {0x30, 0x00}, {0x30, 0x03, 0x02, 0x01, 0x01}, {0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01, 0x00}} {
		if err := verifyDSA(k, []byte{1, 2, 3}, sig); err == nil {
			t.Errorf("signature %x accepted", sig)
		}
	}
}

// Every kind of path problem has words for the chain picture (a problem
// kind added without them would show its code to the user).
func TestEveryLinkStateHasText(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]bool{"ok": true}
	re := regexp.MustCompile(`kind: +"([a-zA-Z]+)"`)
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range re.FindAllSubmatch(b, -1) {
			if k := string(m[1]); k != "host" { // host problems are not links
				kinds[k] = true
			}
		}
	}
	if len(kinds) < 15 {
		t.Fatalf("found only %d kinds: the scan is broken", len(kinds))
	}
	ja := i18n.New("ja")
	for k := range kinds {
		// Without a case, linkStateText returns the code itself; every
		// Japanese text differs from the code, even where English is "expired".
		if linkStateText(ja, k) == k {
			t.Errorf("problem kind %q has no text for the chain picture (linkStateText)", k)
		}
	}
}
