package revocation

import (
	"os"
	"path/filepath"
	"testing"
)

func seedFiles(f *testing.F, pattern string) {
	files, _ := filepath.Glob(filepath.Join(pkiDir, "revocation", pattern))
	if len(files) == 0 {
		f.Fatalf("no seeds for %s", pattern)
	}
	for _, p := range files {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
}

// FuzzCRL feeds arbitrary tlsCRLFile contents through the whole check.
func FuzzCRL(f *testing.F) {
	seedFiles(f, "crl-*")
	opt := optsFor(f, "revocation/revoked-leaf-chain.pem")
	opt.CRLFileGiven = true
	f.Fuzz(func(t *testing.T, data []byte) {
		res, checks := Check([]CRLInput{{Name: "fuzz.crl", Data: data}}, nil, opt, en)
		if res == nil || len(checks) == 0 {
			t.Fatal("no result")
		}
		for _, c := range checks {
			if c.ID == "" || c.Status == "" || c.Title == "" {
				t.Fatalf("incomplete check %+v", c)
			}
		}
	})
}

// FuzzOCSP feeds arbitrary OCSP response files through reading and checking.
func FuzzOCSP(f *testing.F) {
	seedFiles(f, "ocsp-*")
	opt := optsFor(f, "revocation/good-leaf-chain.pem")
	opt.Certs = append(opt.Certs, certsIn(f, "revocation/ocsp-responder.pem")...)
	f.Fuzz(func(t *testing.T, data []byte) {
		in, err := ParseOCSPFile("fuzz.der", data)
		if err != nil {
			in = []OCSPInput{{Name: "fuzz.der", DER: data}}
		}
		res, checks := Check(nil, in, opt, en)
		if len(res.OCSP) != len(in) {
			t.Fatalf("%d infos for %d inputs", len(res.OCSP), len(in))
		}
		for _, c := range checks {
			if c.ID == "" || c.Status == "" || c.Title == "" {
				t.Fatalf("incomplete check %+v", c)
			}
		}
	})
}
