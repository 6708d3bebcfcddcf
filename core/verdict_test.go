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

// PyMongo joins the error of every server that has one with "," (checked
// with PyMongo 3.11 against two openssl s_server: the same text, replica set
// or not); a single server's error stands alone.
func TestPredictedErrorJoinsEveryFailingHost(t *testing.T) {
	req := chainRequest(t, "server-chain.pem", "other-ca.pem")
	req.URI = "mongodb://db0.example.net:27017,db1.example.net:27018/?tls=true&serverSelectionTimeoutMS=1500&replicaSet=rs0"
	rep := Inspect(req)
	want := "pymongo.errors.ServerSelectionTimeoutError: " +
		"db0.example.net:27017: [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: unable to get local issuer certificate (_ssl.c:…)," +
		"db1.example.net:27018: [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: unable to get local issuer certificate (_ssl.c:…)" +
		", Timeout: 1.5s, Topology Description: <…>"
	if rep.Verdict.PyMongoError != want {
		t.Errorf("predicted\n%s\nwant\n%s", rep.Verdict.PyMongoError, want)
	}
	req.URI = "mongodb://db0.example.net:27017/?tls=true"
	if got := Inspect(req).Verdict.PyMongoError; strings.Count(got, "[SSL:") != 1 || !strings.HasPrefix(got, "pymongo.errors.ServerSelectionTimeoutError: db0.example.net:27017: [SSL:") {
		t.Errorf("one host: %s", got)
	}
}

// Without a connection string, a pasted ServerSelectionTimeoutError gives the
// hosts PyMongo tried (each checked against the certificate) and its timeout.
func TestPastedErrorGivesHostsAndTimeout(t *testing.T) {
	req := chainRequest(t, "server-chain.pem", "ca.pem")
	req.ErrorText = "pymongo.errors.ServerSelectionTimeoutError: db0.example.net:27017: [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: unable to get local issuer certificate (_ssl.c:992),db2.example.net:27018: [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: Hostname mismatch, certificate is not valid for 'db2.example.net'. (_ssl.c:992), Timeout: 1.5s, Topology Description: <TopologyDescription id: 6b0b, topology_type: ReplicaSetNoPrimary>"
	rep := Inspect(req)
	var hosts []string
	for _, c := range rep.Checks {
		if c.ID == "hostname.match" {
			hosts = append(hosts, c.Subject+"="+string(c.Status))
		}
	}
	if strings.Join(hosts, " ") != "db2.example.net=fail db0.example.net=pass" {
		t.Errorf("hostname.match: %v", hosts)
	}
	want := "pymongo.errors.ServerSelectionTimeoutError: db2.example.net:27018: [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: Hostname mismatch, certificate is not valid for 'db2.example.net'. (_ssl.c:…), Timeout: 1.5s, Topology Description: <…>"
	if rep.Verdict.PyMongoError != want {
		t.Errorf("predicted %q", rep.Verdict.PyMongoError)
	}
}

// A certificate that names some of the hosts: PyMongo connects to those, and
// the verdict says which hosts it would not connect to.
func TestVerdictNamesTheHostsThatFail(t *testing.T) {
	req := chainRequest(t, "server-chain.pem", "ca.pem")
	req.URI = "mongodb://db0.example.net,db2.example.net/?tls=true&replicaSet=rs0"
	rep := Inspect(req)
	if rep.Verdict.Status != "fail" || !strings.HasPrefix(rep.Verdict.Headline, "PyMongo would not connect to db2.example.net (it would to db0.example.net): db2.example.net does not match") {
		t.Errorf("verdict %s %q", rep.Verdict.Status, rep.Verdict.Headline)
	}
	req.URI = "mongodb://db2.example.net,db3.example.net/?tls=true"
	if h := Inspect(req).Verdict.Headline; !strings.HasPrefix(h, "PyMongo would not connect: ") {
		t.Errorf("every host fails: %q", h)
	}
}

// A connection string naming a tlsCAFile that was not supplied: PyMongo
// trusts that file only, so the chain is neither checked against the bundled
// roots nor failed for want of an issuer (a differential test found the
// system store standing in for it); the other checks still hold.
func TestNamedCAFileNotSupplied(t *testing.T) {
	req := chainRequest(t, "server-chain.pem", "")
	req.URI = "mongodb://db0.example.net/?tls=true&tlsCAFile=/etc/ssl/mongo/ca.pem"
	rep := Inspect(req)
	c := checkWith(rep, "chain.trusted")
	if c == nil || c.Status != "warn" || !strings.Contains(c.Title, "/etc/ssl/mongo/ca.pem was not supplied") {
		t.Fatalf("chain.trusted: %+v", c)
	}
	if !strings.HasPrefix(rep.Verdict.Headline, "Not enough to predict") || rep.Verdict.PyMongoError != "" {
		t.Errorf("verdict %q, predicted %q", rep.Verdict.Headline, rep.Verdict.PyMongoError)
	}
	req = chainRequest(t, "wrong-host-chain.pem", "")
	req.URI = "mongodb://db0.example.net/?tls=true&tlsCAFile=ca.pem"
	rep = Inspect(req)
	if statusOf(rep, "hostname.match") != "fail" || failingCheck(rep, "chain.trusted") != nil {
		t.Errorf("wrong host: hostname.match %q, chain.trusted %+v", statusOf(rep, "hostname.match"), failingCheck(rep, "chain.trusted"))
	}
	// Without verification the CA file does not matter to the chain.
	req = chainRequest(t, "server-chain.pem", "")
	req.URI = "mongodb://db0.example.net/?tls=true&tlsCAFile=ca.pem&tlsAllowInvalidCertificates=true"
	if c := checkWith(Inspect(req), "chain.trusted"); c == nil || strings.Contains(c.Title, "was not supplied") {
		t.Errorf("unverified: chain.trusted %+v", c)
	}
}

// With only the customer's error to go on, the verdict is that error
// explained, not "nothing failed" with a green tick.
func TestVerdictFromThePastedErrorAlone(t *testing.T) {
	rep := Inspect(Request{At: fixtureAt, ErrorText: "pymongo.errors.ServerSelectionTimeoutError: db0.example.net:27017: [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: certificate has expired (_ssl.c:1006), Timeout: 30s"})
	v := rep.Verdict
	if v.Status != "warn" || !strings.HasPrefix(v.Headline, "The pasted error: A certificate of db0.example.net:27017's chain has passed its notAfter date") ||
		!strings.HasSuffix(v.Headline, "to check it here.") || !strings.HasPrefix(v.FirstFix, "Renew the certificate") || checkWith(rep, v.CheckID) == nil {
		t.Errorf("verdict %+v", v)
	}
	rep = Inspect(Request{At: fixtureAt, ErrorText: "pymongo.errors.ServerSelectionTimeoutError: localhost:27017: [Errno 111] Connection refused, Timeout: 30s"})
	if v := rep.Verdict; v.Status != "warn" || !strings.Contains(v.Headline, "not a certificate problem") || strings.Contains(v.Headline, "Give the server chain") {
		t.Errorf("refused: verdict %+v", v)
	}
}
