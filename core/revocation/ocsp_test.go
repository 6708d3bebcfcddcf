package revocation

import (
	"bytes"
	"certinspect/core/certid"
	"crypto"
	"crypto/x509"
	"encoding/base64"
	"encoding/hex"
	"encoding/pem"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/ocsp"

	"certinspect/core/report"
)

type ocspCase struct {
	name     string
	resp     string
	chain    string
	extra    []string // more certificate files supplied
	status   report.Status
	text     []string
	signer   string
	forLeaf  bool
	validPym bool
}

var ocspCases = []ocspCase{
	{"good", "ocsp-good.der", "good-leaf-chain.pem", nil, report.Pass, []string{"is good", "the issuing CA"}, "issuer", true, true},
	{"good PEM", "ocsp-good.pem", "good-leaf-chain.pem", nil, report.Pass, nil, "issuer", true, true},
	{"good base64", "ocsp-good.b64", "good-leaf-chain.pem", nil, report.Pass, nil, "issuer", true, true},
	{"good by key hash", "ocsp-good-keyhash.der", "good-leaf-chain.pem", nil, report.Pass, []string{"key hash"}, "issuer", true, true},
	{"revoked", "ocsp-revoked.der", "revoked-leaf-chain.pem", nil, report.Fail, []string{"revoked on 2026-03-15 10:30:00 UTC (keyCompromise)", "invalid status response"}, "issuer", true, true},
	{"unknown", "ocsp-unknown.der", "good-leaf-chain.pem", nil, report.Warn, []string{"'unknown'", "fails only on 'revoked'"}, "issuer", true, true},
	{"delegated", "ocsp-delegated.der", "good-leaf-chain.pem", nil, report.Pass, []string{"delegated responder"}, "delegated", true, true},
	{"delegated revoked", "ocsp-delegated-revoked.der", "revoked-leaf-chain.pem", nil, report.Fail, nil, "delegated", true, true},
	{"delegated without OCSPSigning", "ocsp-delegated-no-eku.der", "good-leaf-chain.pem", nil, report.Warn, []string{"lacks the OCSPSigning extended key usage", "If the server staples this response"}, "delegated", true, false},
	{"delegated not embedded", "ocsp-delegated-not-embedded.der", "good-leaf-chain.pem", []string{"revocation/ocsp-responder.pem"}, report.Warn, []string{"not included in the response"}, "delegated", true, false},
	{"another certificate", "ocsp-must-staple-good.der", "good-leaf-chain.pem", []string{"revocation/must-staple-leaf-chain.pem"}, report.Warn, []string{"is for another certificate", "serial 50:03", "does not compare the serial"}, "issuer", false, true},
	{"another, unsupplied certificate", "ocsp-must-staple-good.der", "good-leaf-chain.pem", nil, report.Warn, []string{"a certificate that was not supplied"}, "issuer", false, true},
	{"stale", "ocsp-stale.der", "good-leaf-chain.pem", nil, report.Warn, []string{"nextUpdate 2026-05-08 00:00:00 UTC has passed"}, "issuer", true, false},
	{"not yet valid", "ocsp-not-yet-valid.der", "good-leaf-chain.pem", nil, report.Warn, []string{"thisUpdate 2026-06-10 00:00:00 UTC is in the future"}, "issuer", true, false},
	{"bad signature", "ocsp-bad-signature.der", "good-leaf-chain.pem", nil, report.Warn, []string{"does not verify with the key of certinspect Test Intermediate CA"}, "issuer", true, false},
	{"malformedRequest", "ocsp-malformed-request.der", "good-leaf-chain.pem", nil, report.Warn, []string{"answered malformedRequest"}, "", false, false},
	{"internalError", "ocsp-internal-error.der", "good-leaf-chain.pem", nil, report.Warn, []string{"answered internalError"}, "", false, false},
	{"tryLater", "ocsp-try-later.der", "good-leaf-chain.pem", nil, report.Warn, []string{"answered tryLater", "temporarily"}, "", false, false},
	{"sigRequired", "ocsp-sig-required.der", "good-leaf-chain.pem", nil, report.Warn, []string{"answered sigRequired", "signed requests"}, "", false, false},
	{"unauthorized", "ocsp-unauthorized.der", "good-leaf-chain.pem", nil, report.Warn, []string{"answered unauthorized"}, "", false, false},
	// The must-staple leaf: any response PyMongo would reject is fatal.
	{"must-staple good", "ocsp-must-staple-good.der", "must-staple-leaf-chain.pem", nil, report.Pass, nil, "issuer", true, true},
	{"must-staple, other response", "ocsp-good.der", "must-staple-leaf-chain.pem", []string{"revocation/good-leaf-chain.pem"}, report.Warn, []string{"another certificate", "does not compare the serial"}, "issuer", false, true},
	{"must-staple, tryLater", "ocsp-try-later.der", "must-staple-leaf-chain.pem", nil, report.Fail, []string{"tryLater"}, "", false, false},
}

func TestOCSPVerdicts(t *testing.T) {
	for _, tc := range ocspCases {
		t.Run(tc.name, func(t *testing.T) {
			opt := optsFor(t, "revocation/"+tc.chain)
			for _, f := range tc.extra {
				opt.Certs = append(opt.Certs, certsIn(t, f)...)
			}
			res, checks := Check(nil, ocspInput(t, "revocation/"+tc.resp), opt, en)
			c := one(t, checks, "ocsp.status", tc.resp)
			if c.Status != tc.status {
				t.Errorf("status %s, want %s: %s\n%s", c.Status, tc.status, c.Title, c.Detail)
			}
			if (c.Status == report.Fail) != (c.OpenSSLError != nil && *c.OpenSSLError == invalidStatusResponse) {
				t.Errorf("OpenSSL error %+v for %s", c.OpenSSLError, c.Status)
			}
			if c.Status != report.Pass && c.Fix == "" {
				t.Errorf("no fix: %+v", c)
			}
			mustContain(t, "check", c.Title+" "+c.Detail, tc.text...)
			mustContain(t, "check", c.Detail, "pymongo[ocsp]")
			info := res.OCSP[0]
			if info.Signer != tc.signer || info.ForLeaf != tc.forLeaf || info.ValidForPyMongo != tc.validPym {
				t.Errorf("signer %q forLeaf %v valid %v; problems %q", info.Signer, info.ForLeaf, info.ValidForPyMongo, info.Problems)
			}
		})
	}
}

func TestOCSPDetails(t *testing.T) {
	opt := optsFor(t, "revocation/good-leaf-chain.pem")
	res, _ := Check(nil, ocspInput(t, "revocation/ocsp-delegated.der"), opt, en)
	info := res.OCSP[0]
	if info.Nonce != hex.EncodeToString([]byte("certinspect-nonce-0001")) {
		t.Errorf("nonce %q", info.Nonce)
	}
	if !info.DelegateHasOCSPSigning || !info.DelegateNoCheck || !info.DelegateIssuedByCA || !info.DelegateEmbedded {
		t.Errorf("delegate %+v", info)
	}
	if info.SignerLabel != "certinspect OCSP Responder" || len(info.Certificates) != 1 || info.ProducedAt == nil ||
		!info.ProducedAt.Equal(time.Date(2026, 5, 31, 12, 0, 0, 0, time.UTC)) {
		t.Errorf("%+v", info)
	}
	sr := info.Responses[0]
	if sr.HashAlgorithm != "SHA-1" || sr.Status != "good" || sr.ForCert != certid.Fingerprint(opt.Leaf) || sr.Serial != certid.SerialHex(opt.Leaf.SerialNumber) ||
		sr.NextUpdate == nil || !sr.NextUpdate.Equal(time.Date(2026, 6, 7, 12, 0, 0, 0, time.UTC)) {
		t.Errorf("%+v", sr)
	}

	opt = optsFor(t, "revocation/revoked-leaf-chain.pem")
	res, _ = Check(nil, ocspInput(t, "revocation/ocsp-revoked.der"), opt, en)
	sr = res.OCSP[0].Responses[0]
	if sr.Status != "revoked" || sr.Reason != "keyCompromise" || sr.RevokedAt == nil || !sr.RevokedAt.Equal(time.Date(2026, 3, 15, 10, 30, 0, 0, time.UTC)) {
		t.Errorf("%+v", sr)
	}
}

// TestOCSPMatchesXCrypto cross-checks our reading with golang.org/x/crypto/ocsp,
// including a response made by its CreateResponse.
func TestOCSPMatchesXCrypto(t *testing.T) {
	opt := optsFor(t, "revocation/good-leaf-chain.pem")
	issuer := opt.Path[1]
	for _, name := range []string{"ocsp-good.der", "ocsp-revoked.der", "ocsp-unknown.der", "ocsp-delegated.der", "ocsp-stale.der", "ocsp-good-keyhash.der"} {
		der := readFixture(t, "revocation/"+name)
		want, err := ocsp.ParseResponse(der, issuer)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		d, err := parseOCSP(der)
		if err != nil {
			t.Fatal(err)
		}
		s := d.singles[0]
		if s.status != want.Status || s.serial.Cmp(want.SerialNumber) != 0 || !s.this.Equal(want.ThisUpdate) ||
			!s.next.Equal(want.NextUpdate) || !d.info.ProducedAt.Equal(want.ProducedAt) ||
			!bytes.Equal(d.tbs, want.TBSResponseData) || !bytes.Equal(d.sig, want.Signature) {
			t.Errorf("%s: ours %+v, x/crypto %+v", name, s, want)
		}
		if want.Status == ocsp.Revoked && (s.reason != want.RevocationReason || !s.revokedAt.Equal(want.RevokedAt)) {
			t.Errorf("%s: revocation %v %d", name, s.revokedAt, s.reason)
		}
	}

	// A response from x/crypto's CreateResponse, signed by the intermediate.
	key := loadKey(t, "keys/intermediate.key")
	der, err := ocsp.CreateResponse(issuer, issuer, ocsp.Response{Status: ocsp.Good, SerialNumber: opt.Leaf.SerialNumber,
		ThisUpdate: at.Add(-time.Hour), NextUpdate: at.Add(24 * time.Hour), IssuerHash: crypto.SHA256}, key)
	if err != nil {
		t.Fatal(err)
	}
	res, checks := Check(nil, []OCSPInput{{Name: "created.der", DER: der}}, opt, en)
	if c := one(t, checks, "ocsp.status", "created.der"); c.Status != report.Pass {
		t.Fatalf("%+v\n%+v", c, res.OCSP[0])
	}
	if res.OCSP[0].Responses[0].HashAlgorithm != "SHA-256" {
		t.Errorf("%+v", res.OCSP[0].Responses[0])
	}
}

func loadKey(t testing.TB, name string) crypto.Signer {
	b, _ := pem.Decode(readFixture(t, name))
	k, err := x509.ParsePKCS8PrivateKey(b.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	return k.(crypto.Signer)
}

func TestMustStaple(t *testing.T) {
	opt := optsFor(t, "revocation/must-staple-leaf-chain.pem")
	if !MustStaple(opt.Leaf) || MustStaple(optsFor(t, "revocation/good-leaf-chain.pem").Leaf) {
		t.Fatal("MustStaple")
	}
	cases := []struct {
		name   string
		resp   []string
		crl    bool
		status report.Status
		text   string
	}{
		// Whether the server staples (mongod does by default) is not known.
		{"no response", nil, false, report.Warn, "staples none"},
		{"good staple", []string{"ocsp-must-staple-good.der"}, false, report.Pass, "is valid for it"},
		{"stale staple", []string{"ocsp-stale.der"}, false, report.Fail, "none of the supplied responses"},
		{"good among bad", []string{"ocsp-try-later.der", "ocsp-must-staple-good.der"}, false, report.Pass, ""},
		{"tlsCRLFile: standard ssl, no OCSP", nil, true, report.Info, "does no OCSP"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			o := opt
			o.CRLFileGiven = tc.crl
			var in []OCSPInput
			for _, r := range tc.resp {
				in = append(in, ocspInput(t, "revocation/"+r)...)
			}
			_, checks := Check(nil, in, o, en)
			c := one(t, checks, "ocsp.mustStaple", certid.Fingerprint(opt.Leaf))
			if c.Status != tc.status {
				t.Errorf("status %s, want %s: %s", c.Status, tc.status, c.Detail)
			}
			mustContain(t, "detail", c.Detail, tc.text)
			if c.Status == report.Fail && (c.OpenSSLError == nil || c.OpenSSLError.Text != "invalid status response" || c.Fix == "") {
				t.Errorf("%+v", c)
			}
		})
	}
}

func TestOCSPNotApplicableWithCRLFile(t *testing.T) {
	opt := optsFor(t, "revocation/revoked-leaf-chain.pem")
	opt.CRLFileGiven = true
	_, checks := Check(nil, ocspInput(t, "revocation/ocsp-revoked.der"), opt, en)
	c := one(t, checks, "ocsp.status", "ocsp-revoked.der")
	if c.Status != report.Warn || c.OpenSSLError != nil {
		t.Fatalf("%+v", c)
	}
	mustContain(t, "detail", c.Detail, "standard ssl module", "does not affect the connection")
}

func TestNoOCSPResponse(t *testing.T) {
	opt := optsFor(t, "revocation/good-leaf-chain.pem")
	res, checks := Check(nil, nil, opt, en)
	c := one(t, checks, "ocsp.status", certid.Fingerprint(opt.Leaf))
	if c.Status != report.Skip || len(c.Commands) != 2 {
		t.Fatalf("%+v", c)
	}
	mustContain(t, "detail", c.Detail, "asks the responder http://ocsp.example.net")
	if len(find(checks, "ocsp.mustStaple", "")) != 0 {
		t.Error("must-staple check for a normal leaf")
	}
	opt.TLSDisableOCSPEndpointCheck = true
	_, checks = Check(nil, nil, opt, en)
	mustContain(t, "detail", one(t, checks, "ocsp.status", "").Detail, "tlsDisableOCSPEndpointCheck=true")

	// The request: a real OCSP request for the leaf, and the commands.
	h := res.Request
	if h == nil {
		t.Fatal("no request help")
	}
	der, err := base64.StdEncoding.DecodeString(h.RequestDER)
	if err != nil {
		t.Fatal(err)
	}
	req, err := ocsp.ParseRequest(der)
	if err != nil {
		t.Fatal(err)
	}
	if req.SerialNumber.Cmp(opt.Leaf.SerialNumber) != 0 || req.HashAlgorithm != crypto.SHA1 {
		t.Errorf("%+v", req)
	}
	if h.URL != "http://ocsp.example.net" || !strings.HasPrefix(h.GetURL, "http://ocsp.example.net/MEM") || strings.ContainsAny(h.GetURL[len(h.URL)+1:], "+/=") {
		t.Errorf("%+v", h)
	}
	if h.Commands[0] != "openssl ocsp -issuer issuer.pem -cert server.pem -url http://ocsp.example.net -resp_text -respout ocsp.der" {
		t.Errorf("%q", h.Commands)
	}
	if h.IssuerLabel != "certinspect Test Intermediate CA" {
		t.Errorf("%+v", h)
	}
}

func TestParseOCSPFile(t *testing.T) {
	der := readFixture(t, "revocation/ocsp-good.der")
	for _, name := range []string{"ocsp-good.der", "ocsp-good.pem", "ocsp-good.b64"} {
		in, err := ParseOCSPFile(name, readFixture(t, "revocation/"+name))
		if err != nil || len(in) != 1 || !bytes.Equal(in[0].DER, der) {
			t.Errorf("%s: %v", name, err)
		}
	}
	for _, bad := range []string{"", "hello world", "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"} {
		if _, err := ParseOCSPFile("x", []byte(bad)); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
	two := append(readFixture(t, "revocation/ocsp-good.pem"), readFixture(t, "revocation/ocsp-good.pem")...)
	if in, err := ParseOCSPFile("two.pem", two); err != nil || len(in) != 2 || in[1].Name != "two.pem #2" {
		t.Errorf("%v %+v", err, in)
	}
}
