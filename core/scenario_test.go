package core

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"certinspect/core/report"
)

// fixtureAt is inside every fixture's validity window except where a
// scenario is about validity (see testdata/gen).
var fixtureAt = time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)

func fixture(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "testdata", "pki", name))
	if err != nil {
		t.Fatalf("fixture %s: %v (run go run ./testdata/gen)", name, err)
	}
	return data
}

func chainRequest(t testing.TB, chain, ca string, hosts ...string) Request {
	req := Request{At: fixtureAt, Hosts: hosts}
	if chain != "" {
		req.Files = append(req.Files, File{Name: chain, Role: RoleServerChain, Data: fixture(t, chain)})
	}
	if ca != "" {
		req.Files = append(req.Files, File{Name: ca, Role: RoleCAFile, Data: fixture(t, ca)})
	}
	return req
}

// statusOf returns the worst status among checks with the id (fail > warn >
// pass > info > skip), or "" when there is none.
func statusOf(rep Report, id string) report.Status {
	var best report.Status
	for _, c := range rep.Checks {
		if c.ID != id {
			continue
		}
		if best == "" || c.Status.Rank() < best.Rank() {
			best = c.Status
		}
	}
	return best
}

func failingCheck(rep Report, id string) *report.Check {
	for i, c := range rep.Checks {
		if c.ID == id && c.Status == report.Fail {
			return &rep.Checks[i]
		}
	}
	return nil
}

func TestScenarios(t *testing.T) {
	const host = "db0.example.net"
	cases := []struct {
		chain, ca, host string
		verdict         string
		checks          map[string]report.Status
		// opensslName is the X509_V_ERR name the verdict predicts ("" when none).
		opensslName string
		// mention must appear in the failing check's title or detail.
		mention string
	}{
		{"server-chain.pem", "ca.pem", host, "ok", map[string]report.Status{"chain.trusted": report.Pass, "hostname.match": report.Pass, "validity.period": report.Pass, "purpose.server": report.Pass, "crypto.strength": report.Pass}, "", ""},
		{"server-ecdsa-chain.pem", "ca.pem", host, "ok", map[string]report.Status{"chain.trusted": report.Pass}, "", ""},
		{"server-ed25519-chain.pem", "ca.pem", host, "ok", map[string]report.Status{"chain.trusted": report.Pass}, "", ""},
		{"server-chain.pem", "ca.pem", "192.0.2.10", "ok", map[string]report.Status{"hostname.match": report.Pass}, "", ""},
		{"server-chain.pem", "root-and-intermediate-ca.pem", host, "ok", map[string]report.Status{"chain.trusted": report.Pass}, "", ""},
		{"out-of-order-chain.pem", "ca.pem", host, "ok", map[string]report.Status{"chain.trusted": report.Pass, "chain.presented": report.Info}, "", ""},
		{"root-included-chain.pem", "ca.pem", host, "ok", map[string]report.Status{"chain.trusted": report.Pass, "chain.presented": report.Info}, "", ""},
		{"duplicate-chain.pem", "ca.pem", host, "ok", map[string]report.Status{"chain.trusted": report.Pass, "chain.presented": report.Info}, "", ""},
		{"extra-cert-chain.pem", "ca.pem", host, "ok", map[string]report.Status{"chain.trusted": report.Pass, "chain.presented": report.Info}, "", ""},
		{"missing-intermediate-chain.pem", "ca.pem", host, "fail", map[string]report.Status{"chain.trusted": report.Fail}, "X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY", "certinspect Test Intermediate CA"},
		{"missing-intermediate-chain.pem", "root-and-intermediate-ca.pem", host, "ok", map[string]report.Status{"chain.trusted": report.Pass}, "", ""},
		{"server-chain.pem", "intermediate-only-ca.pem", host, "fail", map[string]report.Status{"chain.trusted": report.Fail}, "X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT", "certinspect Test Root CA"},
		{"server-chain.pem", "other-ca.pem", host, "fail", map[string]report.Status{"chain.trusted": report.Fail}, "X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY", "certinspect Test Root CA"},
		{"root-included-chain.pem", "other-ca.pem", host, "fail", map[string]report.Status{"chain.trusted": report.Fail}, "X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN", "certinspect Test Root CA"},
		{"other-ca-chain.pem", "ca.pem", host, "fail", map[string]report.Status{"chain.trusted": report.Fail}, "X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY", "Other Test Root CA"},
		{"self-signed-chain.pem", "ca.pem", host, "fail", map[string]report.Status{"chain.trusted": report.Fail}, "X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT", "self-signed"},
		{"self-signed-chain.pem", "self-signed-chain.pem", host, "ok", map[string]report.Status{"chain.trusted": report.Pass}, "", ""},
		{"expired-chain.pem", "ca.pem", host, "fail", map[string]report.Status{"validity.period": report.Fail, "chain.trusted": report.Pass}, "X509_V_ERR_CERT_HAS_EXPIRED", "2026-03-01"},
		{"not-yet-valid-chain.pem", "ca.pem", host, "fail", map[string]report.Status{"validity.period": report.Fail}, "X509_V_ERR_CERT_NOT_YET_VALID", "2026-09-01"},
		{"expires-soon-chain.pem", "ca.pem", host, "warn", map[string]report.Status{"validity.period": report.Warn}, "", ""},
		{"wrong-host-chain.pem", "ca.pem", host, "fail", map[string]report.Status{"hostname.match": report.Fail, "chain.trusted": report.Pass}, "X509_V_ERR_HOSTNAME_MISMATCH", "other.example.org"},
		{"wildcard-chain.pem", "ca.pem", host, "ok", map[string]report.Status{"hostname.match": report.Pass}, "", ""},
		{"wildcard-chain.pem", "ca.pem", "a.db0.example.net", "fail", map[string]report.Status{"hostname.match": report.Fail}, "X509_V_ERR_HOSTNAME_MISMATCH", "one label"},
		{"wildcard-chain.pem", "ca.pem", "example.net", "fail", map[string]report.Status{"hostname.match": report.Fail}, "X509_V_ERR_HOSTNAME_MISMATCH", ""},
		{"cn-only-chain.pem", "ca.pem", host, "warn", map[string]report.Status{"hostname.match": report.Warn}, "", ""},
		{"ip-only-chain.pem", "ca.pem", "192.0.2.10", "ok", map[string]report.Status{"hostname.match": report.Pass}, "", ""},
		{"ip-only-chain.pem", "ca.pem", "192.0.2.11", "fail", map[string]report.Status{"hostname.match": report.Fail}, "X509_V_ERR_IP_ADDRESS_MISMATCH", "192.0.2.11"},
		{"no-server-auth-chain.pem", "ca.pem", host, "fail", map[string]report.Status{"purpose.server": report.Fail}, "X509_V_ERR_INVALID_PURPOSE", "clientAuth"},
		{"not-ca-chain.pem", "ca.pem", host, "fail", map[string]report.Status{"chain.trusted": report.Fail}, "X509_V_ERR_INVALID_CA", "Not A CA"},
		{"path-length-chain.pem", "ca.pem", host, "fail", map[string]report.Status{"chain.trusted": report.Fail}, "X509_V_ERR_PATH_LENGTH_EXCEEDED", "Path Length Zero CA"},
		{"name-constraints-chain.pem", "ca.pem", host, "fail", map[string]report.Status{"chain.trusted": report.Fail}, "X509_V_ERR_PERMITTED_VIOLATION", "db0.example.net"},
		{"sha1-chain.pem", "ca.pem", host, "fail", map[string]report.Status{"crypto.strength": report.Fail}, "X509_V_ERR_CA_MD_TOO_WEAK", "SHA1"},
		{"rsa1024-chain.pem", "ca.pem", host, "fail", map[string]report.Status{"crypto.strength": report.Fail}, "X509_V_ERR_EE_KEY_TOO_SMALL", "1024"},
	}
	for _, tc := range cases {
		t.Run(strings.TrimSuffix(tc.chain, "-chain.pem")+"/"+strings.TrimSuffix(tc.ca, ".pem")+"/"+tc.host, func(t *testing.T) {
			rep := Inspect(chainRequest(t, tc.chain, tc.ca, tc.host))
			if rep.Verdict.Status != tc.verdict {
				t.Errorf("verdict %s (%s), want %s", rep.Verdict.Status, rep.Verdict.Headline, tc.verdict)
			}
			for id, want := range tc.checks {
				if got := statusOf(rep, id); got != want {
					t.Errorf("%s = %q, want %q", id, got, want)
				}
			}
			if tc.opensslName == "" {
				if rep.Verdict.PyMongoError != "" {
					t.Errorf("unexpected predicted error %q", rep.Verdict.PyMongoError)
				}
				return
			}
			var found *report.Check
			for i, c := range rep.Checks {
				if c.Status == report.Fail && c.OpenSSLError != nil && c.OpenSSLError.Name == tc.opensslName && !strings.HasPrefix(c.ID, "lint.") {
					found = &rep.Checks[i]
					break
				}
			}
			if found == nil {
				t.Fatalf("no failing check carries %s", tc.opensslName)
			}
			if found.Fix == "" {
				t.Errorf("%s has no fix", found.ID)
			}
			if tc.mention != "" && !strings.Contains(found.Title+" "+found.Detail+" "+found.Fix, tc.mention) {
				t.Errorf("%s does not mention %q: %s / %s", found.ID, tc.mention, found.Title, found.Detail)
			}
			if !strings.Contains(rep.Verdict.PyMongoError, "[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: ") {
				t.Errorf("predicted error %q lacks PyMongo's framing", rep.Verdict.PyMongoError)
			}
			if rep.Verdict.CheckID != found.ID {
				t.Errorf("verdict points at %s, want %s", rep.Verdict.CheckID, found.ID)
			}
		})
	}
}

func TestNoServerChainSkips(t *testing.T) {
	rep := Inspect(chainRequest(t, "", "ca.pem"))
	if got := statusOf(rep, "chain.trusted"); got != report.Skip {
		t.Errorf("chain.trusted = %q, want skip", got)
	}
	if rep.Verdict.Status != "ok" {
		t.Errorf("verdict %s", rep.Verdict.Status)
	}
}

func TestZeroAtIsRefused(t *testing.T) {
	req := chainRequest(t, "server-chain.pem", "ca.pem", "db0.example.net")
	req.At = time.Time{}
	rep := Inspect(req)
	if statusOf(rep, "request.at") != report.Fail || rep.Verdict.Status != "fail" {
		t.Errorf("zero At not refused: %+v", rep.Verdict)
	}
}

func TestRolesAreSniffed(t *testing.T) {
	req := Request{At: fixtureAt, Hosts: []string{"db0.example.net"}, Files: []File{
		{Name: "ca.pem", Data: fixture(t, "ca.pem")},
		{Name: "chain.pem", Data: fixture(t, "server-chain.pem")},
	}}
	rep := Inspect(req)
	roles := map[string]string{}
	for _, in := range rep.Inputs {
		roles[in.Name] = in.Role
	}
	if roles["ca.pem"] != "tlsCAFile" || roles["chain.pem"] != "serverChain" {
		t.Errorf("roles %v", roles)
	}
	if rep.Verdict.Status != "ok" {
		t.Errorf("verdict %+v", rep.Verdict)
	}
}

func TestBundledRootsWhenNoCAFile(t *testing.T) {
	rep := Inspect(chainRequest(t, "server-chain.pem", "", "db0.example.net"))
	if rep.Chain == nil || rep.Chain.Store != storeBundled {
		t.Fatalf("store = %+v", rep.Chain)
	}
	c := failingCheck(rep, "chain.trusted")
	if c == nil || !strings.Contains(c.Fix, "tlsCAFile") {
		t.Errorf("private CA against bundled roots should fail with a tlsCAFile fix: %+v", c)
	}
}

func TestErrorTextIsTiedToEvidence(t *testing.T) {
	req := chainRequest(t, "expired-chain.pem", "ca.pem", "db0.example.net")
	req.ErrorText = "pymongo.errors.ServerSelectionTimeoutError: db0.example.net:27017: [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: certificate has expired (_ssl.c:1006)"
	rep := Inspect(req)
	if len(rep.Explain) == 0 {
		t.Fatal("no explanation")
	}
	e := rep.Explain[0]
	if e.ID != "CERTIFICATE_VERIFY_FAILED/X509_V_ERR_CERT_HAS_EXPIRED" {
		t.Errorf("id %s", e.ID)
	}
	agrees := false
	for _, ev := range e.Evidence {
		if ev.CheckID == "validity.period" && ev.Agrees {
			agrees = true
		}
	}
	if !agrees {
		t.Errorf("the expired certificate should confirm the explanation: %+v", e.Evidence)
	}
	// With a good chain the evidence disagrees.
	req = chainRequest(t, "server-chain.pem", "ca.pem", "db0.example.net")
	req.ErrorText = "certificate verify failed: certificate has expired"
	rep = Inspect(req)
	for _, ev := range rep.Explain[0].Evidence {
		if ev.Agrees {
			t.Errorf("a valid chain cannot confirm an expiry: %+v", ev)
		}
	}
}

func TestSClientTranscriptIsTheServerChain(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "testdata", "explain", "sclient", "missing-intermediate.txt"))
	if err != nil {
		t.Fatal(err)
	}
	// Engineers usually paste the command line with the output.
	data = append([]byte("$ openssl s_client -connect db0.example.net:27017 -servername db0.example.net -showcerts\n"), data...)
	rep := Inspect(Request{At: fixtureAt, Files: []File{
		{Name: "s_client.txt", Data: data},
		{Name: "ca.pem", Role: RoleCAFile, Data: fixture(t, "ca.pem")},
	}})
	if rep.Inputs[0].Role != "serverChain" || len(rep.Transcripts) != 1 {
		t.Fatalf("transcript not read as the server chain: %+v", rep.Inputs[0])
	}
	if c := failingCheck(rep, "chain.trusted"); c == nil || c.OpenSSLError.Code != 20 {
		t.Errorf("missing intermediate not found: %+v", c)
	}
	if len(rep.Hosts) == 0 {
		t.Error("the transcript's server name should be checked")
	}
}

func TestRevocationReachesTheVerdict(t *testing.T) {
	cases := []struct {
		chain, crl, ocsp string
		check            string
		wantError        string
	}{
		{"revocation/revoked-leaf-chain.pem", "revocation/crl-revoked.pem", "", "crl.revocation", "certificate verify failed: certificate revoked"},
		{"revocation/good-leaf-chain.pem", "revocation/crl-stale.pem", "", "crl.revocation", "certificate verify failed: CRL has expired"},
		{"revocation/good-leaf-chain.pem", "revocation/crl-wrong-ca.pem", "", "crl.revocation", "certificate verify failed: unable to get certificate CRL"},
		{"revocation/good-leaf-chain.pem", "revocation/crl-good.der", "", "crl.revocation", "ssl.SSLError: [X509: NO_CERTIFICATE_OR_CRL_FOUND]"},
		{"revocation/revoked-leaf-chain.pem", "", "revocation/ocsp-revoked.der", "ocsp.status", "invalid status response"},
		// The chain's own error comes first in OpenSSL's order.
		{"expired-chain.pem", "revocation/crl-wrong-ca.pem", "", "crl.revocation", "certificate verify failed: unable to get certificate CRL"},
	}
	for _, tc := range cases {
		req := chainRequest(t, tc.chain, "ca.pem", "db0.example.net")
		if tc.crl != "" {
			req.Files = append(req.Files, File{Name: tc.crl, Role: RoleCRLFile, Data: fixture(t, tc.crl)})
		}
		if tc.ocsp != "" {
			req.Files = append(req.Files, File{Name: tc.ocsp, Role: RoleOCSPResponse, Data: fixture(t, tc.ocsp)})
		}
		rep := Inspect(req)
		if statusOf(rep, tc.check) != report.Fail {
			t.Errorf("%s + %s: %s = %s", tc.chain, tc.crl+tc.ocsp, tc.check, statusOf(rep, tc.check))
		}
		if !strings.Contains(rep.Verdict.PyMongoError, tc.wantError) {
			t.Errorf("%s + %s: predicted %q, want %q", tc.chain, tc.crl+tc.ocsp, rep.Verdict.PyMongoError, tc.wantError)
		}
	}
}

func TestOtherClientsAreNamed(t *testing.T) {
	cases := []struct {
		chain, ca string
		want      string // "" none, else a word of the title
		detail    string // in the detail, when not ""
	}{
		{"cn-only-chain.pem", "ca.pem", "reject", ""},
		{"server-chain.pem", "intermediate-only-ca.pem", "accept", ""},
		{"server-chain.pem", "ca.pem", "", ""},
		{"sha1-chain.pem", "ca.pem", "", ""}, // both reject
		// Go 1.23+ refuses negative serials when parsing; OpenSSL connects.
		{"negative-serial-chain.pem", "ca.pem", "reject", "tls: failed to parse certificate from server: x509: negative serial number"},
		{"server-chain.pem", "negative-serial-root-ca.pem", "reject", "x509: certificate signed by unknown authority. Go's parser refuses certinspect Test Root CA in negative-serial-root-ca.pem (x509: negative serial number)"},
	}
	for _, tc := range cases {
		rep := Inspect(chainRequest(t, tc.chain, tc.ca, "db0.example.net"))
		var got, detail string
		for _, c := range rep.Checks {
			if c.ID == "chain.others" {
				got, detail = c.Title, c.Detail
			}
		}
		if tc.want == "" && got != "" || tc.want != "" && !strings.Contains(got, tc.want) {
			t.Errorf("%s with %s: chain.others %q, want %q", tc.chain, tc.ca, got, tc.want)
		}
		if !strings.Contains(detail, tc.detail) {
			t.Errorf("%s with %s: chain.others detail %q, want %q in it", tc.chain, tc.ca, detail, tc.detail)
		}
	}
}

func TestNegativeSerialIsReadAsOpenSSLReadsIt(t *testing.T) {
	// Go's parser refuses a negative serial since Go 1.23; OpenSSL and so
	// PyMongo accept it (TestOpenSSLAgrees runs both fixtures). The report
	// analyses the certificate and warns, naming the serial.
	for _, tc := range []struct{ chain, ca, serial string }{
		{"negative-serial-chain.pem", "ca.pem", "-4144"},
		{"server-chain.pem", "negative-serial-root-ca.pem", "-4097"},
	} {
		rep := Inspect(chainRequest(t, tc.chain, tc.ca, "db0.example.net"))
		if rep.Verdict.Status != "warn" || rep.Verdict.PyMongoError != "" {
			t.Errorf("%s with %s: verdict %s %q", tc.chain, tc.ca, rep.Verdict.Status, rep.Verdict.PyMongoError)
		}
		if statusOf(rep, "input.read") != "" || statusOf(rep, "chain.trusted") != report.Pass {
			t.Errorf("%s with %s: input.read %q, chain.trusted %q", tc.chain, tc.ca, statusOf(rep, "input.read"), statusOf(rep, "chain.trusted"))
		}
		found := false
		for _, c := range rep.Checks {
			if c.ID == "lint.serialNegative" && c.Status == report.Warn && strings.Contains(c.Detail, "("+tc.serial+")") {
				found = true
			}
		}
		if !found {
			t.Errorf("%s with %s: no lint.serialNegative warning naming %s", tc.chain, tc.ca, tc.serial)
		}
	}
}

func TestTrailingDotHost(t *testing.T) {
	// Python's ssl hands "db0.example.net." to OpenSSL as written: no match
	// (checked against openssl in TestOpenSSLAgrees and a Python handshake).
	rep := Inspect(chainRequest(t, "server-chain.pem", "ca.pem", "db0.example.net."))
	c := failingCheck(rep, "hostname.match")
	if c == nil {
		t.Fatalf("a trailing dot must not match: %s", rep.Verdict.Headline)
	}
	if !strings.Contains(c.Detail, "ends with a dot") || !strings.Contains(c.Fix, "(write db0.example.net)") {
		t.Errorf("the check must name the dot: %s / %s", c.Detail, c.Fix)
	}
	if !strings.Contains(rep.Verdict.PyMongoError, "certificate is not valid for 'db0.example.net.'") {
		t.Errorf("PyMongo error %q", rep.Verdict.PyMongoError)
	}
}

func TestPredictedErrorCarriesTheSelectionTimeout(t *testing.T) {
	// PyMongo prints server_selection_timeout as Python formats it: the
	// default int 30, else serverSelectionTimeoutMS / 1000.0 (repr of a
	// float, as python3 prints these: 5.0, 2.5, 0.001, 5e-05), 0 as int.
	for _, c := range []struct{ opt, want string }{
		{"", "Timeout: 30s,"},
		{"&serverSelectionTimeoutMS=5000", "Timeout: 5.0s,"},
		{"&serverSelectionTimeoutMS=2500", "Timeout: 2.5s,"},
		{"&serverSelectionTimeoutMS=1", "Timeout: 0.001s,"},
		{"&serverSelectionTimeoutMS=0.05", "Timeout: 5e-05s,"},
		{"&serverSelectionTimeoutMS=0", "Timeout: 0s,"},
	} {
		req := chainRequest(t, "server-chain.pem", "other-ca.pem")
		req.URI = "mongodb://db0.example.net/?tls=true" + c.opt
		rep := Inspect(req)
		if !strings.Contains(rep.Verdict.PyMongoError, c.want) {
			t.Errorf("%q: PyMongo error %q lacks %q", c.opt, rep.Verdict.PyMongoError, c.want)
		}
	}
}

// A hostname mismatch names the certificate's names, and explains wildcards
// only when the certificate has one (a certificate without subject
// alternative names is not "for no subject alternative names").
func TestHostnameMismatchWording(t *testing.T) {
	for _, tc := range []struct {
		chain, host   string
		want, without string
	}{
		{"cn-only-chain.pem", "db1.example.net", `no subject alternative names; OpenSSL then compares the host with the subject CN "db0.example.net"`, "wildcard"},
		{"wrong-host-chain.pem", "db0.example.net", "The certificate is for other.example.org.", "wildcard"},
		{"wildcard-chain.pem", "a.db0.example.net", "A wildcard covers exactly one label", "no subject alternative"},
	} {
		rep := Inspect(chainRequest(t, tc.chain, "ca.pem", tc.host))
		c := failingCheck(rep, "hostname.match")
		if c == nil {
			t.Fatalf("%s: hostname.match does not fail", tc.chain)
		}
		if !strings.Contains(c.Detail, tc.want) || strings.Contains(c.Detail, tc.without) {
			t.Errorf("%s for %s: %q, want %q without %q", tc.chain, tc.host, c.Detail, tc.want, tc.without)
		}
	}
}

// The connection string tells the explanations what the pasted text does
// not: that TLS was on, and the host.
func TestExplanationUsesTheConnectionString(t *testing.T) {
	// /tmp/explore-err-work/last-okbase.txt without its topology
	// description (PyMongo 3.11, the message names no host).
	closed := "pymongo.errors.ServerSelectionTimeoutError: connection closed, Timeout: 1.5s"
	for _, tc := range []struct {
		uri, host string
		addTLS    bool
	}{
		{"mongodb://db0.example.net:27018/?tls=true", "db0.example.net:27018", false},
		{"mongodb://db0.example.net:27018/?tls=false", "db0.example.net:27018", true},
		// Two hosts: the message could be about either.
		{"mongodb://db0.example.net,db1.example.net/?tls=true", "", false},
	} {
		rep := Inspect(Request{At: fixtureAt, URI: tc.uri, ErrorText: closed})
		if len(rep.Explain) != 1 {
			t.Fatalf("%s: %d explanations", tc.uri, len(rep.Explain))
		}
		e := rep.Explain[0]
		if e.ID != "CONNECTION_CLOSED" || e.Host != tc.host {
			t.Errorf("%s: %s for %q, want CONNECTION_CLOSED for %q", tc.uri, e.ID, e.Host, tc.host)
		}
		if tc.host != "" && (strings.Contains(e.Meaning, "HOST") || !strings.Contains(e.Meaning, tc.host)) {
			t.Errorf("%s: meaning %q does not name %s", tc.uri, e.Meaning, tc.host)
		}
		if tc.host == "" && !strings.Contains(e.Meaning, "HOST:27017") {
			t.Errorf("%s: meaning %q should keep the placeholder", tc.uri, e.Meaning)
		}
		if got := strings.Contains(strings.Join(e.Fixes, " "), "Add tls=true"); got != tc.addTLS {
			t.Errorf("%s: fix %q, want \"Add tls=true\" %v", tc.uri, e.Fixes, tc.addTLS)
		}
	}
}

// Without a connection string, mongosh gets --tls as the PyMongo code
// gets tls=True when the pasted error shows that TLS was used.
func TestHandoverMongoshTLSFromErrorText(t *testing.T) {
	for _, tc := range []struct {
		text string
		tls  bool
	}{
		// /tmp/explore-err-work/last-unknownca.txt (PyMongo 3.11), first part
		{"pymongo.errors.ServerSelectionTimeoutError: localhost:27102: [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: self-signed certificate (_ssl.c:992), Timeout: 1.5s", true},
		// last-closer.txt, first part
		{"pymongo.errors.ServerSelectionTimeoutError: SSL handshake failed: 127.0.0.1:27122: [Errno 104] Connection reset by peer, Timeout: 1.5s", true},
		// last-refused.txt, first part: nothing shows TLS
		{"pymongo.errors.ServerSelectionTimeoutError: localhost:27199: [Errno 111] Connection refused, Timeout: 1.5s", false},
	} {
		rep := Inspect(Request{At: fixtureAt, ErrorText: tc.text})
		if rep.Handover == nil {
			t.Fatal("no hand-over")
		}
		if got := strings.Contains(rep.Handover.Mongosh, " --tls"); got != tc.tls {
			t.Errorf("%s: mongosh %q, want --tls %v", tc.text, rep.Handover.Mongosh, tc.tls)
		}
		if strings.Contains(rep.Handover.PyMongo, "tls=True") != strings.Contains(rep.Handover.Mongosh, "--tls") {
			t.Errorf("PyMongo code and mongosh disagree:\n%s\n%s", rep.Handover.PyMongo, rep.Handover.Mongosh)
		}
	}
}
