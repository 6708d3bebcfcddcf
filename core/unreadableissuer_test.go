package core

import (
	"strings"
	"testing"

	"certinspect/core/report"
)

// A chain whose issuer is present but refused by Go's parser: the report
// must not claim the intermediate is missing. Where OpenSSL is known to
// refuse the certificate too it fails, naming the certificate; otherwise it
// says PyMongo's answer cannot be predicted.
func TestUnreadableIssuer(t *testing.T) {
	if testing.Short() {
		t.Skip("reads the limbo corpus")
	}
	cases := []struct {
		id, state string
		status    report.Status
		verdict   string
		headline  string
	}{
		{"webpki::nc::intermediate-permitted-excluded-subtrees-both-null", "issuerUnreadable", report.Warn, "warn", "Not enough to predict"},
		{"webpki::nc::intermediate-permitted-excluded-subtrees-both-empty-sequences", "issuerUnreadable", report.Warn, "warn", "Not enough to predict"},
		{"invalid::invalid-issuer-key", "issuerMalformed", report.Fail, "fail", "PyMongo would not connect"},
	}
	for _, c := range cases {
		t.Run(c.id, func(t *testing.T) {
			req := limboRequest(limboCaseByID(t, c.id))
			rep := Inspect(req)
			if rep.Verdict.Status != c.verdict || !strings.HasPrefix(rep.Verdict.Headline, c.headline) {
				t.Fatalf("verdict %s %q, want %s %q…", rep.Verdict.Status, rep.Verdict.Headline, c.verdict, c.headline)
			}
			if got := statusOf(rep, "chain.trusted"); got != c.status {
				t.Fatalf("chain.trusted is %q, want %q", got, c.status)
			}
			for _, ch := range rep.Checks {
				if ch.ID != "chain.trusted" {
					continue
				}
				if ch.OpenSSLError != nil || strings.Contains(ch.Detail, "only its own certificate") || !strings.Contains(ch.Detail, "block ") {
					t.Errorf("chain.trusted: OpenSSL error %+v, detail %q", ch.OpenSSLError, ch.Detail)
				}
			}
			if rep.Verdict.PyMongoError != "" {
				t.Errorf("an exact PyMongo error was predicted: %s", rep.Verdict.PyMongoError)
			}
			if statusOf(rep, "chain.others") != "" {
				t.Errorf("Go's verifier was compared although PyMongo's answer is not known")
			}
			last := rep.Chain.Path[len(rep.Chain.Path)-1]
			if last.State != c.state || last.StateText == c.state {
				t.Errorf("last link %+v, want state %s in words", last, c.state)
			}
			// Unverified (tlsInsecure), the chain does not matter to PyMongo.
			insecure := req
			insecure.URI = "mongodb://" + req.Hosts[0] + "/?tls=true&tlsInsecure=true"
			if v := Inspect(insecure).Verdict; v.Status == "fail" || strings.HasPrefix(v.Headline, "Not enough") {
				t.Errorf("with tlsInsecure: %s %q", v.Status, v.Headline)
			}
			req.Lang = "ja"
			ja := Inspect(req)
			if ja.Verdict.Headline == rep.Verdict.Headline || ja.Chain.Path[len(ja.Chain.Path)-1].StateText == last.StateText {
				t.Errorf("not translated: %q", ja.Verdict.Headline)
			}
		})
	}
}
