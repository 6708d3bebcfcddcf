package sclient

import (
	"crypto/x509"
	"encoding/pem"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const transcriptDir = "../../testdata/explain/sclient"

// want is what every recording of a scenario must parse to, whatever the
// wall clock or the random port (the fixture PKI is verified at -attime).
type want struct {
	protocol     string // "" = no handshake
	verifyCode   int
	verifyText   string
	certs        int
	leafCN       string
	clientReq    bool
	clientCAs    []string
	ocspStapled  bool
	ocspStatus   string
	depthErrors  []int // verify error codes in depth-line order
	errorReasons []string
	// mayAlso lists reasons that appear or not depending on timing (the
	// TLS 1.3 certificate_required alert arrives after the handshake).
	mayAlso  []string
	peername string
}

var wants = map[string]want{
	"good-chain": {protocol: "TLSv1.3", verifyCode: 0, verifyText: "ok", certs: 2, leafCN: "db0.example.net", peername: "db0.example.net"},
	"expired":    {protocol: "TLSv1.3", verifyCode: 10, verifyText: "certificate has expired", certs: 2, leafCN: "db0.example.net", depthErrors: []int{10}},
	"missing-intermediate": {protocol: "TLSv1.3", verifyCode: 21, verifyText: "unable to verify the first certificate", certs: 1, leafCN: "db0.example.net",
		depthErrors: []int{20, 21}},
	"wrong-host": {protocol: "TLSv1.3", verifyCode: 62, verifyText: "hostname mismatch", certs: 2, leafCN: "db0.example.net", depthErrors: []int{62}},
	"client-cert-required": {protocol: "TLSv1.3", verifyCode: 0, verifyText: "ok", certs: 2, leafCN: "db0.example.net", clientReq: true,
		clientCAs: []string{"C = US, O = certinspect tests, CN = certinspect Test Root CA"}, peername: "db0.example.net",
		mayAlso: []string{"tlsv13 alert certificate required"}},
	"client-cert-required-tls12": {protocol: "TLSv1.2", verifyCode: 0, verifyText: "ok", certs: 2, leafCN: "db0.example.net", clientReq: true,
		clientCAs:    []string{"C = US, O = certinspect tests, CN = certinspect Test Root CA"},
		errorReasons: []string{"sslv3 alert handshake failure"}, peername: "db0.example.net"},
	"tls13-only-server-tls12-client": {protocol: "", verifyCode: 0, verifyText: "ok", certs: 0, errorReasons: []string{"tlsv1 alert protocol version"}},
	"tls13-only":                     {protocol: "TLSv1.3", verifyCode: 0, verifyText: "ok", certs: 2, leafCN: "db0.example.net", peername: "db0.example.net"},
	"ocsp-stapled": {protocol: "TLSv1.3", verifyCode: 0, verifyText: "ok", certs: 2, leafCN: "db0.example.net", ocspStapled: true, ocspStatus: "good",
		peername: "db0.example.net"},
}

func checkScenario(t *testing.T, name, text string) {
	t.Helper()
	w, ok := wants[name]
	if !ok {
		t.Fatalf("no expectation for %s", name)
	}
	tr, ok := Parse(text)
	if !ok {
		t.Fatalf("%s: not recognised as an s_client transcript", name)
	}
	if tr.Protocol != w.protocol || tr.HandshakeDone != (w.protocol != "") {
		t.Errorf("%s: protocol %q (done %v), want %q", name, tr.Protocol, tr.HandshakeDone, w.protocol)
	}
	if w.protocol != "" && tr.Cipher == "" {
		t.Errorf("%s: no cipher", name)
	}
	if tr.VerifyCode != w.verifyCode || tr.VerifyText != w.verifyText {
		t.Errorf("%s: verify %d (%s), want %d (%s)", name, tr.VerifyCode, tr.VerifyText, w.verifyCode, w.verifyText)
	}
	if len(tr.PeerCertsPEM) != w.certs || len(tr.PeerCerts) != w.certs {
		t.Fatalf("%s: %d PEM / %d described certificates, want %d", name, len(tr.PeerCertsPEM), len(tr.PeerCerts), w.certs)
	}
	for i, b := range tr.PeerCertsPEM {
		blk, _ := pem.Decode(b)
		if blk == nil {
			t.Fatalf("%s: cert %d: not PEM", name, i)
		}
		c, err := x509.ParseCertificate(blk.Bytes)
		if err != nil {
			t.Fatalf("%s: cert %d: %v", name, i, err)
		}
		if i == 0 && c.Subject.CommonName != w.leafCN {
			t.Errorf("%s: leaf CN %q, want %q", name, c.Subject.CommonName, w.leafCN)
		}
		if !strings.Contains(tr.PeerCerts[i].Subject, c.Subject.CommonName) {
			t.Errorf("%s: cert %d subject line %q does not name %q", name, i, tr.PeerCerts[i].Subject, c.Subject.CommonName)
		}
	}
	if w.certs == 0 && !tr.NoPeerCertificate {
		t.Errorf("%s: want NoPeerCertificate", name)
	}
	if tr.ClientCertRequested != w.clientReq {
		t.Errorf("%s: client cert requested %v, want %v", name, tr.ClientCertRequested, w.clientReq)
	}
	if strings.Join(tr.AcceptableClientCAs, "|") != strings.Join(w.clientCAs, "|") {
		t.Errorf("%s: client CAs %q, want %q", name, tr.AcceptableClientCAs, w.clientCAs)
	}
	if tr.OCSPStapled != w.ocspStapled || tr.OCSPCertStatus != w.ocspStatus {
		t.Errorf("%s: OCSP stapled %v status %q, want %v %q", name, tr.OCSPStapled, tr.OCSPCertStatus, w.ocspStapled, w.ocspStatus)
	}
	if w.ocspStapled {
		if !tr.OCSPRequested || !strings.Contains(tr.OCSPResponseText, "Serial Number: 1004") {
			t.Errorf("%s: OCSP text does not name the leaf serial:\n%s", name, tr.OCSPResponseText)
		}
	}
	var codes []int
	for _, d := range tr.Depths {
		if d.ErrorCode != 0 {
			codes = append(codes, d.ErrorCode)
		}
	}
	if !equalInts(codes, w.depthErrors) {
		t.Errorf("%s: depth errors %v, want %v", name, codes, w.depthErrors)
	}
	var reasons []string
	for _, e := range tr.Errors {
		optional := false
		for _, m := range w.mayAlso {
			optional = optional || e.Reason == m
		}
		if !optional {
			reasons = append(reasons, e.Reason)
		}
	}
	if strings.Join(reasons, "|") != strings.Join(w.errorReasons, "|") {
		t.Errorf("%s: error reasons %q, want %q", name, reasons, w.errorReasons)
	}
	if tr.VerifiedPeername != w.peername {
		t.Errorf("%s: verified peername %q, want %q", name, tr.VerifiedPeername, w.peername)
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestCommittedTranscripts parses the transcripts recorded with OpenSSL 3.0.19
// (see testdata/explain/sclient/README.md).
func TestCommittedTranscripts(t *testing.T) {
	for name := range wants {
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join(transcriptDir, name+".txt"))
			if err != nil {
				t.Fatal(err)
			}
			checkScenario(t, name, string(data))
			// The same transcript pasted into a ticket: CRLF, indented, quoted.
			var b strings.Builder
			for _, l := range strings.Split(string(data), "\n") {
				b.WriteString(">   " + l + "\r\n")
			}
			checkScenario(t, name, b.String())
		})
	}
}

func TestNotATranscript(t *testing.T) {
	for _, s := range []string{
		"",
		"-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n",
		"pymongo.errors.ServerSelectionTimeoutError: db0:27017: [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: certificate has expired (_ssl.c:1006)",
		"Server certificate", // one marker alone
	} {
		if tr, ok := Parse(s); ok {
			t.Errorf("Parse(%.40q) = %+v, want not a transcript", s, tr)
		}
	}
}

// An OpenSSL 1.1.1 transcript without -showcerts (only the leaf, under
// "Server certificate"), with the command line pasted above it; the
// certificate is the fixture leaf.
func TestLeafOnlyWithCommandLine(t *testing.T) {
	leaf, err := os.ReadFile("../../testdata/pki/server.pem")
	if err != nil {
		t.Fatal(err)
	}
	text := "$ openssl s_client -connect db0.example.net:27017 -servername db0.example.net\n" +
		"CONNECTED(00000005)\n" +
		"depth=0 O = certinspect tests, CN = db0.example.net\n" +
		"verify error:num=20:unable to get local issuer certificate\n" +
		"verify return:1\n---\nCertificate chain\n 0 s:O = certinspect tests, CN = db0.example.net\n   i:C = US, O = certinspect tests, CN = certinspect Test Intermediate CA\n---\n" +
		"Server certificate\n" + string(leaf) +
		"subject=O = certinspect tests, CN = db0.example.net\n\nissuer=C = US, O = certinspect tests, CN = certinspect Test Intermediate CA\n\n---\n" +
		"No client certificate CA names sent\nServer Temp Key: X25519, 253 bits\n---\nSSL handshake has read 1590 bytes and written 434 bytes\n" +
		"Verification error: unable to verify the first certificate\n---\nNew, TLSv1.2, Cipher is ECDHE-RSA-AES256-GCM-SHA384\n" +
		"Server public key is 2048 bit\nSecure Renegotiation IS supported\n" +
		"SSL-Session:\n    Protocol  : TLSv1.2\n    Cipher    : ECDHE-RSA-AES256-GCM-SHA384\n    Verify return code: 21 (unable to verify the first certificate)\n---\n"
	tr, ok := Parse(text)
	if !ok {
		t.Fatal("not recognised")
	}
	if tr.Connect != "db0.example.net:27017" || tr.ServerName != "db0.example.net" {
		t.Errorf("connect %q servername %q", tr.Connect, tr.ServerName)
	}
	if len(tr.PeerCertsPEM) != 1 || len(tr.PeerCerts) != 1 || tr.PeerCerts[0].Issuer == "" {
		t.Fatalf("certs %d %+v", len(tr.PeerCertsPEM), tr.PeerCerts)
	}
	if tr.Protocol != "TLSv1.2" || tr.Cipher != "ECDHE-RSA-AES256-GCM-SHA384" || tr.VerifyCode != 21 || tr.ServerPublicKeyBits != 2048 {
		t.Errorf("got %+v", tr)
	}
}

func TestLimits(t *testing.T) {
	leaf, _ := os.ReadFile("../../testdata/pki/server.pem")
	var b strings.Builder
	b.WriteString("CONNECTED(00000003)\n---\nCertificate chain\n")
	for i := 0; i < MaxCerts+10; i++ {
		b.WriteString(" 0 s:CN = x\n   i:CN = y\n")
		b.Write(leaf)
	}
	b.WriteString("---\nVerify return code: 0 (ok)\n")
	tr, ok := Parse(b.String())
	if !ok || len(tr.PeerCertsPEM) != MaxCerts || !tr.Truncated {
		t.Fatalf("ok=%v certs=%d truncated=%v", ok, len(tr.PeerCertsPEM), tr.Truncated)
	}
	huge := strings.Repeat("CONNECTED(0)\nVerify return code: 0 (ok)\n", MaxInput/20)
	if tr, ok := Parse(huge); !ok || !tr.Truncated {
		t.Fatalf("huge input: ok=%v", ok)
	}
}

func FuzzParse(f *testing.F) {
	entries, _ := os.ReadDir(transcriptDir)
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".txt") {
			data, _ := os.ReadFile(filepath.Join(transcriptDir, e.Name()))
			f.Add(string(data))
		}
	}
	f.Add("CONNECTED(\nCertificate chain\n-----BEGIN CERTIFICATE-----\n")
	f.Fuzz(func(t *testing.T, s string) {
		tr, ok := Parse(s)
		if ok && (len(tr.PeerCertsPEM) > MaxCerts || len(tr.AcceptableClientCAs) > MaxNames) {
			t.Fatal("limits exceeded")
		}
	})
}
