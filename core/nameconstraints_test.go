package core

import (
	"strings"
	"testing"
)

// OpenSSL's NAME_CHECK_MAX: names × constraints over 2^20 fail with
// "unspecified certificate verification error" before any comparison; the
// three pathological x509-limbo cases (openssl verify says error 1 at depth 0
// for each) must be predicted exactly.
func TestOpenSSLNameCheckMax(t *testing.T) {
	for _, id := range []string{"pathological::nc-dos-1", "pathological::nc-dos-2", "pathological::nc-dos-3"} {
		rep := Inspect(limboRequest(limboCaseByID(t, id)))
		c := failingCheck(rep, "chain.trusted")
		if c == nil || c.OpenSSLError == nil || c.OpenSSLError.Code != 1 || !strings.Contains(c.Title, "OpenSSL will not check the name constraints") {
			t.Errorf("%s: chain.trusted %+v", id, c)
		}
		if !strings.Contains(rep.Verdict.PyMongoError, "certificate verify failed: unspecified certificate verification error") {
			t.Errorf("%s: predicted %q", id, rep.Verdict.PyMongoError)
		}
	}
}

// The counts are OpenSSL's: every subject attribute and subjectAltName entry,
// every permitted and excluded subtree.
func TestNameConstraintCounts(t *testing.T) {
	nodes := nodesFromPEM(t, fixture(t, "name-constraints-chain.pem"), false)
	leaf, ca := nodes[0].cert, nodes[1].cert
	// O, CN; DNS db0.example.net, DNS db1.example.net
	if n := opensslNameCount(leaf); n != 4 {
		t.Errorf("leaf names = %d, want 4", n)
	}
	if n := constraintCount(ca); n != 1 {
		t.Errorf("constraints = %d, want 1 (permitted example.com)", n)
	}
	if n := constraintCount(leaf); n != 0 {
		t.Errorf("a certificate without name constraints counts %d", n)
	}
}
