package revocation

import (
	"encoding/pem"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"certinspect/core/report"
)

// TestCRLInputDER checks that CRLs handed over already decoded (CRLInput.DER)
// give the same results and checks as the file read by Check itself, for
// every CRL fixture, and that a DER file keeps PyMongo's PEM-only failure.
func TestCRLInputDER(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(pkiDir, "revocation", "crl-*"))
	if len(files) < 15 {
		t.Fatalf("only %d CRL fixtures", len(files))
	}
	for _, chain := range []string{"revocation/good-leaf-chain.pem", "revocation/revoked-leaf-chain.pem"} {
		opt := optsFor(t, chain)
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			name := filepath.Base(f)
			in := CRLInput{Name: name}
			if strings.HasSuffix(f, ".pem") {
				for rest := data; ; {
					var b *pem.Block
					b, rest = pem.Decode(rest)
					if b == nil {
						break
					}
					in.DER = append(in.DER, b.Bytes)
				}
			} else {
				blocks, _, _, _ := splitCRLFile(data)
				for _, b := range blocks {
					in.DER = append(in.DER, b.der)
				}
				in.Format = FormatDER
			}
			if len(in.DER) == 0 {
				t.Fatalf("%s: no CRL", name)
			}
			wantRes, wantChecks := Check([]CRLInput{{Name: name, Data: data}}, nil, opt, en)
			gotRes, gotChecks := Check([]CRLInput{in}, nil, opt, en)
			if !reflect.DeepEqual(gotRes, wantRes) {
				t.Errorf("%s, %s: results differ:\nDER  %+v\nData %+v", chain, name, gotRes, wantRes)
			}
			if !reflect.DeepEqual(gotChecks, wantChecks) {
				t.Errorf("%s, %s: checks differ:\nDER  %+v\nData %+v", chain, name, gotChecks, wantChecks)
			}
			if in.Format == FormatDER {
				if c := find(gotChecks, "crl.revocation", name); len(c) == 0 || c[0].Status != report.Fail || c[0].OpenSSLError == nil || c[0].OpenSSLError.Name != "X509_R_NO_CERTIFICATE_OR_CRL_FOUND" {
					t.Errorf("%s: DER file without PyMongo's failure: %+v", name, gotChecks)
				}
			}
		}
	}
}

// TestVerifyOnce checks that a CRL's signature is verified once per
// certificate (the 1M-entry CRL's TBS is 38 MB), with the same answer.
func TestVerifyOnce(t *testing.T) {
	ca := certsIn(t, "revocation/good-leaf-chain.pem")[1]
	caAgain := certsIn(t, "revocation/good-leaf-chain.pem")[1] // another pointer, the same certificate
	other := certsIn(t, "other-ca.pem")[0]
	for _, c := range []struct {
		file  string
		valid bool
	}{{"revocation/crl-good.pem", true}, {"revocation/crl-bad-signature.pem", false}} {
		b, _ := pem.Decode(readFixture(t, c.file))
		d, err := parseCRL(b.Bytes)
		if err != nil {
			t.Fatal(err)
		}
		algo, _ := sigAlgOf(d.sigAlg)
		first := verifyWith(ca, algo, d)
		second := verifyWith(caAgain, algo, d)
		if (first == nil) != c.valid || (second == nil) != c.valid || len(d.verified) != 1 {
			t.Errorf("%s: %v then %v, %d verifications", c.file, first, second, len(d.verified))
		}
		// (crl-bad-signature.pem is signed with other-ca's key.)
		if err := verifyWith(other, algo, d); (err == nil) == c.valid || len(d.verified) != 2 {
			t.Errorf("%s: another CA's key: %v, %d verifications", c.file, err, len(d.verified))
		}
	}
}
