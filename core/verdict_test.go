package core

import (
	"strings"
	"testing"
)

// The verdict shows no commands: a first fix that introduces one ("To see it
// with OpenSSL:") carries it, and one that does not stays as it is.
func TestFirstFixCarriesItsCommand(t *testing.T) {
	rep := Inspect(chainRequest(t, "", "defect/bad-version-chain.pem"))
	if rep.Verdict.CheckID != "input.read" || !strings.HasSuffix(rep.Verdict.FirstFix, "To see it with OpenSSL: openssl x509 -noout -text -in defect/bad-version-chain.pem") {
		t.Errorf("verdict %s, first fix %q", rep.Verdict.CheckID, rep.Verdict.FirstFix)
	}
	rep = Inspect(chainRequest(t, "expired-chain.pem", "ca.pem", "db0.example.net"))
	if c := failingCheck(rep, rep.Verdict.CheckID); c == nil || rep.Verdict.FirstFix != c.Fix {
		t.Errorf("first fix %q is not the check's own", rep.Verdict.FirstFix)
	}
}
