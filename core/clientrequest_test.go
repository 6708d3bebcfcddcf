package core

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"certinspect/core/report"
)

// The server's certificate request in an s_client transcript
// (testdata/explain/sclient/client-cert-required.txt: openssl s_server
// -Verify with ca.pem, listing the fixture root) against what PyMongo is
// given: nothing, a certificate from the listed CA's hierarchy, or one from
// another CA (the failures a real PyMongo 3.11 showed as "tlsv13 alert
// certificate required" and "connection closed").
func TestClientCertificateRequest(t *testing.T) {
	transcript := File{Name: "sclient.txt", Role: RoleServerChain, Data: sclientTranscript(t, "client-cert-required.txt")}
	ca := File{Name: "ca.pem", Role: RoleCAFile, Data: fixture(t, "ca.pem")}
	for _, tc := range []struct {
		name    string
		uri     string
		key     string
		status  report.Status
		inTitle string
	}{
		{"no client certificate", "mongodb://db0.example.net/?tls=true", "", report.Warn, "PyMongo is given none"},
		{"named but not supplied", "mongodb://db0.example.net/?tls=true&tlsCertificateKeyFile=client.pem", "", report.Info, "asks for a client certificate"},
		{"from the listed root's intermediate", "mongodb://db0.example.net/?tls=true", "client/client-rsa.pem", report.Info, "asks for a client certificate"},
		{"from another CA", "mongodb://db0.example.net/?tls=true", "client/other-ca.pem", report.Warn, "is not from a CA the server lists"},
	} {
		req := Request{At: fixtureAt, URI: tc.uri, Files: []File{transcript, ca}}
		if tc.key != "" {
			req.Files = append(req.Files, File{Name: "client.pem", Role: RoleCertKeyFile, Data: fixture(t, tc.key)})
		}
		rep := Inspect(req)
		c := checkWith(rep, "sclient.clientCert")
		if c == nil || c.Status != tc.status || !strings.Contains(c.Title, tc.inTitle) {
			t.Errorf("%s: %+v", tc.name, c)
		}
		// Whether mongod refuses depends on its settings: no prediction.
		if undecided := strings.HasPrefix(rep.Verdict.Headline, "Not enough to predict"); undecided != (tc.status == report.Warn) {
			t.Errorf("%s: verdict %q", tc.name, rep.Verdict.Headline)
		}
	}
}

func sclientTranscript(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "testdata", "explain", "sclient", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// Several s_client transcripts pasted into one file (a tester concatenated
// three hosts' runs): their certificates are no server's chain, so the
// report says so and predicts nothing.
func TestSeveralTranscriptsInOneFile(t *testing.T) {
	data := append(sclientTranscript(t, "wrong-host.txt"), sclientTranscript(t, "good-chain.txt")...)
	rep := Inspect(Request{At: fixtureAt, URI: "mongodb://db0.example.net/?tls=true", Files: []File{
		{Name: "sclient.txt", Role: RoleServerChain, Data: data}, {Name: "ca.pem", Role: RoleCAFile, Data: fixture(t, "ca.pem")}}})
	c := checkWith(rep, "sclient.several")
	if c == nil || c.Status != report.Warn || !strings.Contains(c.Title, "holds 2 s_client transcripts") || !strings.HasPrefix(rep.Verdict.Headline, "Not enough to predict") {
		t.Errorf("sclient.several %+v, verdict %q", c, rep.Verdict.Headline)
	}
	rep = Inspect(Request{At: fixtureAt, URI: "mongodb://db0.example.net/?tls=true", Files: []File{
		{Name: "sclient.txt", Role: RoleServerChain, Data: sclientTranscript(t, "good-chain.txt")}, {Name: "ca.pem", Role: RoleCAFile, Data: fixture(t, "ca.pem")}}})
	if c := checkWith(rep, "sclient.several"); c != nil {
		t.Errorf("one transcript: %+v", c)
	}
}
