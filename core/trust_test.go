package core

import (
	"reflect"
	"strings"
	"testing"

	"certinspect/core/report"
)

// What OpenSSL decides with trust settings is checked against openssl
// itself in TestOpenSSLAgrees; these tests hold what the report says.

func certByLabel(rep Report, label string) *report.Certificate {
	for i := range rep.Certificates {
		if rep.Certificates[i].Label == label {
			return &rep.Certificates[i]
		}
	}
	return nil
}

func TestCAFileRejectingServerAuth(t *testing.T) {
	rep := Inspect(chainRequest(t, "server-chain.pem", "trust/root-rejected-serverauth.pem", "db0.example.net"))
	c := failingCheck(rep, "chain.trusted")
	if c == nil || c.OpenSSLError == nil || c.OpenSSLError.Name != "X509_V_ERR_CERT_REJECTED" {
		t.Fatalf("chain.trusted must fail with CERT_REJECTED: %+v", c)
	}
	if !strings.Contains(rep.Verdict.PyMongoError, "certificate verify failed: certificate rejected") {
		t.Errorf("PyMongo error %q", rep.Verdict.PyMongoError)
	}
	if !strings.Contains(c.Detail, "rejected for serverAuth") || !strings.Contains(c.Title, "certinspect Test Root CA") {
		t.Errorf("the check must name the CA and its settings: %s / %s", c.Title, c.Detail)
	}
	if len(c.Commands) == 0 || c.Commands[0] != "openssl x509 -in trust/root-rejected-serverauth.pem -out ca-plain.pem" {
		t.Errorf("commands %q", c.Commands)
	}
	root := certByLabel(rep, "certinspect Test Root CA")
	if root == nil || root.TrustSettings == nil {
		t.Fatal("the root's description must carry its trust settings")
	}
	want := report.TrustSettings{File: "trust/root-rejected-serverauth.pem", Rejected: []string{"serverAuth"}, ServerAuth: "rejected", Text: "rejected for serverAuth"}
	if !reflect.DeepEqual(*root.TrustSettings, want) {
		t.Errorf("trust settings %+v, want %+v", *root.TrustSettings, want)
	}
}

func TestCAFileTrustingClientAuthOnly(t *testing.T) {
	rep := Inspect(chainRequest(t, "server-chain.pem", "trust/root-trusted-clientauth.pem", "db0.example.net"))
	c := failingCheck(rep, "chain.trusted")
	if c == nil || !strings.Contains(c.Detail, "trusted for clientAuth") {
		t.Fatalf("a CA trusted only for clientAuth is rejected for a server: %+v", c)
	}
	if ts := certByLabel(rep, "certinspect Test Root CA").TrustSettings; ts == nil || !ts.TrustList || ts.ServerAuth != "rejected" {
		t.Errorf("trust settings %+v", ts)
	}
}

func TestIntermediateTrustedBySettingsIsAnAnchor(t *testing.T) {
	rep := Inspect(chainRequest(t, "server-chain.pem", "trust/intermediate-trusted-serverauth.pem", "db0.example.net"))
	if rep.Verdict.Status != "ok" {
		t.Fatalf("verdict %s: %s", rep.Verdict.Status, rep.Verdict.Headline)
	}
	var ok, others *report.Check
	for i, c := range rep.Checks {
		switch c.ID {
		case "chain.trusted":
			ok = &rep.Checks[i]
		case "chain.others":
			others = &rep.Checks[i]
		}
	}
	if ok == nil || !strings.Contains(ok.Title, "trusted for TLS servers by its trust settings") || len(ok.Others) == 0 {
		t.Errorf("chain.trusted must say the anchor is an intermediate trusted by its settings: %+v", ok)
	}
	if others == nil || !strings.Contains(others.Detail, "ignores the TRUSTED CERTIFICATE blocks of trust/intermediate-trusted-serverauth.pem") {
		t.Errorf("chain.others must say why Go differs: %+v", others)
	}
	if ts := certByLabel(rep, "certinspect Test Intermediate CA").TrustSettings; ts == nil || ts.ServerAuth != "anchor" {
		t.Errorf("trust settings %+v", ts)
	}
}

func TestAliasOnlyChangesNothing(t *testing.T) {
	rep := Inspect(chainRequest(t, "server-chain.pem", "trust/root-alias-only.pem", "db0.example.net"))
	if rep.Verdict.Status != "ok" {
		t.Fatalf("verdict %s: %s", rep.Verdict.Status, rep.Verdict.Headline)
	}
	ts := certByLabel(rep, "certinspect Test Root CA").TrustSettings
	if ts == nil || ts.ServerAuth != "anchor" || ts.Alias != "certinspect root" {
		t.Errorf("trust settings %+v", ts)
	}
}

func TestServerCertificateAsCAFile(t *testing.T) {
	// The server's own certificate in tlsCAFile: OpenSSL does not trust it
	// (no partial-chain mode) and looks for its issuer: error 20.
	rep := Inspect(chainRequest(t, "server-chain.pem", "server.pem", "db0.example.net"))
	c := failingCheck(rep, "chain.trusted")
	if c == nil || c.OpenSSLError == nil || c.OpenSSLError.Code != 20 {
		t.Fatalf("chain.trusted must fail with 20: %+v", c)
	}
	if !strings.Contains(c.Detail, "server.pem holds the server certificate db0.example.net itself") {
		t.Errorf("detail must say the CA file holds the server certificate: %s", c.Detail)
	}
}

func TestExpiredAnchorTrustedBySettings(t *testing.T) {
	// OpenSSL does not check the dates of an anchor that is not self-signed
	// (TestOpenSSLAgrees holds the verdict): PyMongo connects, with a warning.
	rep := Inspect(chainRequest(t, "expired-intermediate-chain.pem", "trust/expired-intermediate-trusted-serverauth.pem", "db0.example.net"))
	if rep.Verdict.Status != "warn" {
		t.Fatalf("verdict %s: %s", rep.Verdict.Status, rep.Verdict.Headline)
	}
	found := false
	for _, c := range rep.Checks {
		if c.ID == "validity.period" && c.Status == report.Warn && strings.Contains(c.Title, "The trust anchor Expired Intermediate CA is outside its validity period") {
			found = true
		}
	}
	if !found {
		t.Errorf("no warning about the expired anchor: %s", rep.Verdict.Headline)
	}
}

// A rule that predicts an OpenSSL error the chain checks do not find on a
// path built to an anchor is a warning: the randomized differential run found
// lint.ekuAny failing (26) for an intermediate the CA file trusts for
// serverAuth, which openssl verify (and PyMongo) accepts.
func TestLintYieldsToTheChainChecks(t *testing.T) {
	rep := Inspect(chainRequest(t, "any-eku-intermediate-chain.pem", "trust/any-eku-intermediate-trusted-serverauth.pem", "db0.example.net"))
	for _, c := range rep.Checks {
		if c.Status == report.Fail {
			t.Errorf("%s fails: %s", c.ID, c.Title)
		}
	}
	if statusOf(rep, "lint.ekuAny") != report.Warn {
		t.Errorf("lint.ekuAny %q, want warn", statusOf(rep, "lint.ekuAny"))
	}
	// Under ca.pem the same intermediate fails, and the rule stays with it.
	rep = Inspect(chainRequest(t, "any-eku-intermediate-chain.pem", "ca.pem", "db0.example.net"))
	if c := failingCheck(rep, "purpose.server"); c == nil || c.OpenSSLError == nil || c.OpenSSLError.Code != 26 {
		t.Errorf("purpose.server under ca.pem: %+v", c)
	}
}
