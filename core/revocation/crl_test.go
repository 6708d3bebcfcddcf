package revocation

import (
	"certinspect/core/certid"
	"crypto/x509"
	"encoding/pem"
	"math/big"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"certinspect/core/report"
)

type crlCase struct {
	name   string
	chain  string
	crls   []string
	status report.Status
	code   int // OpenSSL verify error, 0 = ok
	text   []string
}

var crlCases = []crlCase{
	{"good", "revocation/good-leaf-chain.pem", []string{"revocation/crl-good.pem"}, report.Pass, 0, []string{"Not revoked", "does not list", "number 43"}},
	{"revoked", "revocation/revoked-leaf-chain.pem", []string{"revocation/crl-revoked.pem"}, report.Fail, 23, []string{"revoked on 2026-03-15 10:30:00 UTC (keyCompromise)", "certificate revoked", "VERIFY_CRL_CHECK_LEAF"}},
	{"revoked DER", "revocation/revoked-leaf-chain.pem", []string{"revocation/crl-revoked.der"}, report.Fail, 23, []string{"keyCompromise"}},
	{"good DER", "revocation/good-leaf-chain.pem", []string{"revocation/crl-good.der"}, report.Pass, 0, nil},
	{"stale", "revocation/good-leaf-chain.pem", []string{"revocation/crl-stale.pem"}, report.Fail, 12, []string{"nextUpdate 2026-04-08 00:00:00 UTC is before 2026-06-01", "CRL has expired"}},
	{"not yet valid", "revocation/good-leaf-chain.pem", []string{"revocation/crl-not-yet-valid.pem"}, report.Fail, 11, []string{"CRL is not yet valid", "clock"}},
	{"wrong CA", "revocation/revoked-leaf-chain.pem", []string{"revocation/crl-wrong-ca.pem"}, report.Fail, 3, []string{"unable to get certificate CRL", "Other Test Root CA", "certinspect Test Intermediate CA"}},
	{"bad signature", "revocation/good-leaf-chain.pem", []string{"revocation/crl-bad-signature.pem"}, report.Fail, 8, []string{"CRL signature failure", "signed by another key"}},
	{"no cRLSign", "revocation/no-crlsign-leaf-chain.pem", []string{"revocation/crl-no-crlsign.pem"}, report.Fail, 35, []string{"without cRLSign", "key usage does not include CRL signing"}},
	{"only root CRL", "revocation/good-leaf-chain.pem", []string{"revocation/crl-root-revokes-intermediate.pem"}, report.Fail, 3, []string{"unable to get certificate CRL"}},
	{"root and good", "revocation/good-leaf-chain.pem", []string{"revocation/crl-root-and-good.pem"}, report.Pass, 0, []string{"crl-root-and-good.pem #2"}},
	{"stale and revoked", "revocation/revoked-leaf-chain.pem", []string{"revocation/crl-stale-and-revoked.pem"}, report.Fail, 23, []string{"crl-stale-and-revoked.pem #2", "number 42"}},
	{"two DER", "revocation/revoked-leaf-chain.pem", []string{"revocation/crl-two-der.der"}, report.Pass, 0, nil},
	{"delta", "revocation/revoked-leaf-chain.pem", []string{"revocation/crl-delta.pem"}, report.Fail, 23, nil},
	{"delta good", "revocation/good-leaf-chain.pem", []string{"revocation/crl-delta.pem"}, report.Pass, 0, []string{"delta CRL"}},
	{"unknown critical", "revocation/revoked-leaf-chain.pem", []string{"revocation/crl-unknown-critical.pem"}, report.Fail, 36, []string{"unknown extension 1.3.6.1.4.1.55555.1"}},
	{"IDP match", "revocation/revoked-leaf-chain.pem", []string{"revocation/crl-idp-match.pem"}, report.Fail, 23, nil},
	{"IDP other", "revocation/revoked-leaf-chain.pem", []string{"revocation/crl-idp-other.pem"}, report.Fail, 44, []string{"http://ca.example.net/other.crl", "different CRL scope"}},
	{"IDP CA only", "revocation/revoked-leaf-chain.pem", []string{"revocation/crl-idp-ca-only.pem"}, report.Fail, 44, []string{"onlyContainsCACerts"}},
	{"IDP but no CRLDP", "revocation/no-crldp-leaf-chain.pem", []string{"revocation/crl-idp-match.pem"}, report.Fail, 44, []string{"CRL distribution points: none"}},
	{"no CRLDP plain CRL", "revocation/no-crldp-leaf-chain.pem", []string{"revocation/crl-good.pem"}, report.Pass, 0, nil},
	{"removeFromCRL", "revocation/revoked-leaf-chain.pem", []string{"revocation/crl-remove-from-crl.pem"}, report.Pass, 0, []string{"removeFromCRL"}},
	{"two files, one good", "revocation/good-leaf-chain.pem", []string{"revocation/crl-wrong-ca.pem", "revocation/crl-good.pem"}, report.Pass, 0, nil},
}

func TestCRLVerdicts(t *testing.T) {
	for _, tc := range crlCases {
		t.Run(tc.name, func(t *testing.T) {
			opt := optsFor(t, tc.chain)
			opt.CRLFileGiven = true
			res, checks := Check(crlInput(t, tc.crls...), nil, opt, en)
			c := one(t, checks, "crl.revocation", certid.Fingerprint(opt.Leaf))
			if c.Status != tc.status {
				t.Errorf("status %s, want %s: %s\n%s", c.Status, tc.status, c.Title, c.Detail)
			}
			got := 0
			if c.OpenSSLError != nil {
				got = c.OpenSSLError.Code
				if e := osslErr(got); e == nil || *c.OpenSSLError != *e {
					t.Errorf("OpenSSL error %+v", c.OpenSSLError)
				}
			}
			if got != tc.code {
				t.Errorf("OpenSSL code %d, want %d: %s", got, tc.code, c.Detail)
			}
			if c.Title == "" || c.Detail == "" || (c.Status == report.Fail && c.Fix == "") {
				t.Errorf("incomplete check %+v", c)
			}
			mustContain(t, "detail", c.Title+" "+c.Detail, tc.text...)
			if len(res.CRLs) == 0 {
				t.Error("no CRLInfo")
			}
		})
	}
}

// TestCRLExtraChecks covers the checks beside the leaf's verdict.
func TestCRLExtraChecks(t *testing.T) {
	t.Run("DER file fails in PyMongo", func(t *testing.T) {
		opt := optsFor(t, "revocation/good-leaf-chain.pem")
		_, checks := Check(crlInput(t, "revocation/crl-good.der"), nil, opt, en)
		c := one(t, checks, "crl.revocation", "crl-good.der")
		if c.Status != report.Fail || c.OpenSSLError == nil || c.OpenSSLError.Text != "no certificate or crl found" {
			t.Fatalf("%+v", c)
		}
		mustContain(t, "detail", c.Detail, "[X509: NO_CERTIFICATE_OR_CRL_FOUND] no certificate or crl found", "PEM only")
		if len(c.Commands) != 1 || c.Commands[0] != "openssl crl -inform DER -in crl-good.der -outform PEM -out crl-good.pem" {
			t.Errorf("commands %q", c.Commands)
		}
	})
	t.Run("intermediate revoked by the root", func(t *testing.T) {
		opt := optsFor(t, "revocation/good-leaf-chain.pem")
		_, checks := Check(crlInput(t, "revocation/crl-root-and-good.pem"), nil, opt, en)
		c := one(t, checks, "crl.revocation", certid.Fingerprint(opt.Path[1]))
		if c.Status != report.Warn || len(c.Others) == 0 {
			t.Fatalf("%+v", c)
		}
		mustContain(t, "detail", c.Detail, "certinspect Test Intermediate CA", "cACompromise", "checks only the server certificate")
	})
	t.Run("stale CRL superseded by a fresh one", func(t *testing.T) {
		opt := optsFor(t, "revocation/revoked-leaf-chain.pem")
		_, checks := Check(crlInput(t, "revocation/crl-stale-and-revoked.pem"), nil, opt, en)
		c := one(t, checks, "crl.revocation", "crl-stale-and-revoked.pem")
		if c.Status != report.Warn {
			t.Fatalf("%+v", c)
		}
		mustContain(t, "detail", c.Detail, "expired on 2026-04-08", "another CRL of the same issuer")
	})
	t.Run("unverifiable CRL of another CA", func(t *testing.T) {
		opt := optsFor(t, "revocation/good-leaf-chain.pem")
		_, checks := Check(crlInput(t, "revocation/crl-good.pem", "revocation/crl-wrong-ca.pem"), nil, opt, en)
		c := one(t, checks, "crl.revocation", "crl-wrong-ca.pem")
		if c.Status != report.Warn {
			t.Fatalf("%+v", c)
		}
		mustContain(t, "detail", c.Detail, "was not supplied", "does not use it")
	})
	t.Run("PyOpenSSL", func(t *testing.T) {
		opt := optsFor(t, "revocation/good-leaf-chain.pem")
		opt.PyOpenSSL = true
		_, checks := Check(crlInput(t, "revocation/crl-good.pem"), nil, opt, en)
		c := one(t, checks, "crl.revocation", "tlsCRLFile")
		if c.Status != report.Fail {
			t.Fatalf("%+v", c)
		}
		mustContain(t, "detail", c.Detail, "ConfigurationError: tlsCRLFile cannot be used with PyOpenSSL")
	})
	t.Run("no CRL", func(t *testing.T) {
		opt := optsFor(t, "revocation/good-leaf-chain.pem")
		_, checks := Check(nil, nil, opt, en)
		if c := one(t, checks, "crl.revocation", "tlsCRLFile"); c.Status != report.Skip || c.Title != "No CRL supplied" {
			t.Fatalf("%+v", c)
		}
		opt.CRLFileGiven = true
		_, checks = Check(nil, nil, opt, en)
		if c := one(t, checks, "crl.revocation", "tlsCRLFile"); c.Status != report.Skip || !strings.Contains(c.Title, "not supplied") {
			t.Fatalf("%+v", c)
		}
	})
	t.Run("certificates instead of a CRL", func(t *testing.T) {
		opt := optsFor(t, "revocation/good-leaf-chain.pem")
		_, checks := Check([]CRLInput{{Name: "ca.pem", Data: readFixture(t, "ca.pem")}}, nil, opt, en)
		if c := one(t, checks, "crl.revocation", "ca.pem"); c.Status != report.Warn {
			t.Fatalf("%+v", c)
		}
		if c := one(t, checks, "crl.revocation", certid.Fingerprint(opt.Leaf)); c.OpenSSLError == nil || c.OpenSSLError.Code != 3 {
			t.Fatalf("%+v", c)
		}
	})
	t.Run("garbage", func(t *testing.T) {
		opt := optsFor(t, "revocation/good-leaf-chain.pem")
		for _, data := range []string{"", "hello", "-----BEGIN X509 CRL-----\nAAAA\n-----END X509 CRL-----\n"} {
			_, checks := Check([]CRLInput{{Name: "x.crl", Data: []byte(data)}}, nil, opt, en)
			if c := find(checks, "crl.revocation", "x.crl"); len(c) == 0 || c[0].Status != report.Fail {
				t.Errorf("%q: %+v", data, checks)
			}
		}
	})
	t.Run("no leaf", func(t *testing.T) {
		opt := Options{At: at, Certs: certsIn(t, "revocation/good-leaf-chain.pem")}
		res, checks := Check(crlInput(t, "revocation/crl-good.pem"), nil, opt, en)
		if c := one(t, checks, "crl.revocation", "tlsCRLFile"); c.Status != report.Skip {
			t.Fatalf("%+v", c)
		}
		if len(res.CRLs) != 1 || !res.CRLs[0].SignatureValid {
			t.Fatalf("%+v", res.CRLs)
		}
	})
}

// TestCRLInfoMatchesGo compares the hand-scanned metadata with Go's full parser.
func TestCRLInfoMatchesGo(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(pkiDir, "revocation", "crl-*"))
	if len(files) < 15 {
		t.Fatalf("only %d CRL fixtures", len(files))
	}
	opt := optsFor(t, "revocation/revoked-leaf-chain.pem")
	noSign := certsIn(t, "revocation/no-crlsign-leaf-chain.pem")
	opt.Certs = append(opt.Certs, noSign[1], certsIn(t, "other-ca.pem")[0])
	for _, f := range files {
		data, _ := os.ReadFile(f)
		res, _ := Check([]CRLInput{{Name: filepath.Base(f), Data: data}}, nil, opt, en)
		var ders [][]byte
		if strings.HasSuffix(f, ".pem") {
			rest := data
			for {
				var b *pem.Block
				b, rest = pem.Decode(rest)
				if b == nil {
					break
				}
				ders = append(ders, b.Bytes)
			}
		} else {
			for len(data) > 0 {
				var rl *x509.RevocationList
				rl, err := x509.ParseRevocationList(data)
				if err != nil {
					t.Fatal(err)
				}
				ders = append(ders, rl.Raw)
				data = data[len(rl.Raw):]
			}
		}
		if len(res.CRLs) != len(ders) {
			t.Fatalf("%s: %d CRLs, want %d", f, len(res.CRLs), len(ders))
		}
		for i, der := range ders {
			rl, err := x509.ParseRevocationList(der)
			got := res.CRLs[i]
			if err != nil {
				// Go refuses it (crl-padded-serial.pem: not DER): so must the scan.
				if got.Error == "" {
					t.Errorf("%s #%d: Go refuses it (%v), the report reads it", f, i+1, err)
				}
				continue
			}
			if got.Issuer != rl.Issuer.String() || got.Entries != int64(len(rl.RevokedCertificateEntries)) ||
				!got.ThisUpdate.Equal(rl.ThisUpdate) || got.NextUpdate == nil || !got.NextUpdate.Equal(rl.NextUpdate) ||
				got.Number != rl.Number.String() || got.SignatureAlgorithm != rl.SignatureAlgorithm.String() && rl.SignatureAlgorithm != x509.UnknownSignatureAlgorithm ||
				got.AuthorityKeyID == "" || !got.EntriesComplete {
				t.Errorf("%s #%d: %+v\nGo: issuer %s entries %d number %s", f, i+1, got, rl.Issuer, len(rl.RevokedCertificateEntries), rl.Number)
			}
			wantSig := !strings.Contains(f, "bad-signature")
			if got.SignatureValid != wantSig || !got.SignerFound {
				t.Errorf("%s #%d: signature valid %v found %v (%s)", f, i+1, got.SignatureValid, got.SignerFound, got.SignatureError)
			}
			if got.IssuerMayCRLSign == strings.Contains(f, "no-crlsign") {
				t.Errorf("%s: issuerMayCRLSign %v", f, got.IssuerMayCRLSign)
			}
			for _, l := range got.Lookups {
				listed := false
				for _, e := range rl.RevokedCertificateEntries {
					if e.SerialNumber.String() == serialToDec(l.Serial) {
						if listed {
							continue // OpenSSL takes the first entry for a serial
						}
						listed = true
						if l.ReasonCode != e.ReasonCode || !l.RevocationDate.Equal(e.RevocationTime) {
							t.Errorf("%s: lookup %+v vs %+v", f, l, e)
						}
					}
				}
				if listed != l.Listed {
					t.Errorf("%s: %s listed %v, Go says %v", f, l.Label, l.Listed, listed)
				}
			}
		}
	}
}

func serialToDec(colon string) string {
	n, _ := new(big.Int).SetString(strings.ReplaceAll(colon, ":", ""), 16)
	return n.String()
}

var opensslLine = regexp.MustCompile(`error (\d+) at 0 depth lookup`)

// TestCRLAgainstOpenSSL runs `openssl verify -crl_check` (leaf only, as
// PyMongo) on every CRL case and compares the error code with ours.
func TestCRLAgainstOpenSSL(t *testing.T) {
	bin, err := exec.LookPath("openssl")
	if err != nil {
		t.Skip("openssl not installed")
	}
	dir := t.TempDir()
	for _, tc := range crlCases {
		t.Run(tc.name, func(t *testing.T) {
			opt := optsFor(t, tc.chain)
			_, checks := Check(crlInput(t, tc.crls...), nil, opt, en)
			c := one(t, checks, "crl.revocation", certid.Fingerprint(opt.Leaf))
			ours := 0
			if c.OpenSSLError != nil {
				ours = c.OpenSSLError.Code
			}
			leaf := filepath.Join(dir, "leaf.pem")
			os.WriteFile(leaf, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: opt.Leaf.Raw}), 0o644)
			crlFile := filepath.Join(dir, "crls.pem")
			var all []byte
			for _, n := range tc.crls {
				data := readFixture(t, n)
				if !strings.HasSuffix(n, ".pem") {
					// openssl verify -CRLfile reads one DER CRL; give it PEM like PyMongo needs.
					rest := data
					for len(rest) > 0 {
						rl, err := x509.ParseRevocationList(rest)
						if err != nil {
							t.Fatal(err)
						}
						all = append(all, pem.EncodeToMemory(&pem.Block{Type: "X509 CRL", Bytes: rl.Raw})...)
						rest = rest[len(rl.Raw):]
					}
					continue
				}
				all = append(all, data...)
			}
			os.WriteFile(crlFile, all, 0o644)
			cmd := exec.Command(bin, "verify", "-crl_check", "-attime", strconv.FormatInt(at.Unix(), 10),
				"-CAfile", filepath.Join(pkiDir, "ca.pem"), "-untrusted", filepath.Join(pkiDir, tc.chain), "-CRLfile", crlFile, leaf)
			out, _ := cmd.CombinedOutput()
			theirs := 0
			if m := opensslLine.FindSubmatch(out); m != nil {
				theirs, _ = strconv.Atoi(string(m[1]))
			} else if !strings.Contains(string(out), ": OK") {
				t.Fatalf("unexpected openssl output:\n%s", out)
			}
			if ours != theirs {
				t.Errorf("we say %d, openssl says %d:\n%s", ours, theirs, out)
			}
			if theirs != 0 {
				if txt := osslErr(theirs).Text; !strings.Contains(string(out), txt) {
					t.Errorf("openssl text for %d is not %q:\n%s", theirs, txt, out)
				}
			}
		})
	}
}

// TestCRLDamagedEntry: a CRL whose entry list is broken is reported as
// unreadable (PyMongo fails to load it) and not used for the verdict.
func TestCRLDamagedEntry(t *testing.T) {
	opt := optsFor(t, "revocation/revoked-leaf-chain.pem")
	der := readFixture(t, "revocation/crl-revoked.der")
	rl, err := x509.ParseRevocationList(der)
	if err != nil {
		t.Fatal(err)
	}
	// Turn the first entry's serial INTEGER tag into an OCTET STRING: the
	// envelope still parses, the entry does not.
	serial := serialContent(rl.RevokedCertificateEntries[0].SerialNumber)
	i := strings.Index(string(der), string(append(append([]byte{0x02, byte(len(serial))}, serial...), 0x17)))
	if i < 0 {
		t.Fatal("entry not found")
	}
	bad := append([]byte{}, der...)
	bad[i] = 0x04
	_, checks := Check([]CRLInput{{Name: "bad.der", Data: bad}}, nil, opt, en)
	var unreadable bool
	for _, c := range find(checks, "crl.revocation", "bad.der") {
		unreadable = unreadable || (c.Status == report.Fail && strings.Contains(c.Detail, "malformed CRL entry 1"))
	}
	if !unreadable {
		t.Errorf("%+v", checks)
	}
	if c := one(t, checks, "crl.revocation", certid.Fingerprint(opt.Leaf)); c.OpenSSLError == nil || c.OpenSSLError.Code != 3 {
		t.Errorf("%+v", c)
	}
}
