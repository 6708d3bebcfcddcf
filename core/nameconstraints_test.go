package core

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"math/big"
	"net"
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

// OpenSSL's name comparisons for name constraints, case by case: nc_dns and
// nc_uri compare the raw text (a trailing dot is another name), and a CN is
// taken for a host name only as cn2dnsid takes it. Each row marked (v) was
// checked with openssl verify by the randomized differential run (C1-C5).
func TestOpenSSLNameComparisons(t *testing.T) {
	for _, tc := range []struct {
		name, constraint string
		want             bool
	}{
		{"db0.example.net", "example.net", true},
		{"db0.example.net.", "example.net", false}, // (v) C1: 47
		{"x.example.net.", "example.net", false},   // (v) C2: not excluded
		{"DB0.Example.NET", "example.net", true},
		{"example.net", "example.net", true},
		{"badexample.net", "example.net", false},
		{"example.net", ".example.net", false},
		{"db0.example.net", ".example.net", true},
		{"db0.example.net", "", true},
	} {
		if got := dnsWithin(tc.name, tc.constraint); got != tc.want {
			t.Errorf("dnsWithin(%q, %q) = %v", tc.name, tc.constraint, got)
		}
	}
	for _, tc := range []struct {
		host, constraint string
		want             bool
	}{
		{"example.net", "example.net", true},
		{"db0.example.net", "example.net", false},
		{"db0.example.net", ".example.net", true},
		{"example.net", ".example.net", false},
	} {
		if got := uriWithin(tc.host, tc.constraint); got != tc.want {
			t.Errorf("uriWithin(%q, %q) = %v", tc.host, tc.constraint, got)
		}
	}
	for cn, want := range map[string]bool{
		"db0.example.net": true, "a_b.example.net": true, // (v) C5: checked
		"*.example.net": false, "-a.example.net": false, // (v) C3, C4: not checked
		"a.example.net.": false, ".a.example.net": false, "a-.example.net": false,
		"a.-b.example.net": false, "a..example.net": false, "a.example.net-": false,
		"localhost": false, "db0.example.net\x00": true,
	} {
		if got := cnIsDNSName(cn); got != want {
			t.Errorf("cnIsDNSName(%q) = %v", cn, got)
		}
	}
}

// OpenSSL checks the subjectAltName entries in the certificate's order, each
// against its type's permitted then excluded subtrees, so the first entry
// that breaks a constraint names the error (the differential run's D1: an
// IPv6 address outside an IPv4-only permitted list, then a DNS name under an
// excluded domain: 47 in this order, 48 in the other).
func TestNameConstraintOrderFollowsTheCertificate(t *testing.T) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	_, v4, _ := net.ParseCIDR("192.0.2.0/24")
	ca := &x509.Certificate{ExcludedDNSDomains: []string{".example.net"}, PermittedIPRanges: []*net.IPNet{v4}}
	san := func(entries ...asn1.RawValue) []byte {
		der, err := asn1.Marshal(entries)
		if err != nil {
			t.Fatal(err)
		}
		return der
	}
	ip := asn1.RawValue{Class: asn1.ClassContextSpecific, Tag: 7, Bytes: net.ParseIP("2001:db8::1")}
	dns := asn1.RawValue{Class: asn1.ClassContextSpecific, Tag: 2, Bytes: []byte("db1.example.net")}
	for _, tc := range []struct {
		entries []asn1.RawValue
		want    string
	}{{[]asn1.RawValue{ip, dns}, "permitted"}, {[]asn1.RawValue{dns, ip}, "excluded"}} {
		tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), ExtraExtensions: []pkix.Extension{{Id: oidExtSAN, Value: san(tc.entries...)}}}
		der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, key.Public(), key)
		if err != nil {
			t.Fatal(err)
		}
		c, err := x509.ParseCertificate(der)
		if err != nil {
			t.Fatal(err)
		}
		budget := maxNameConstraintChecks
		if kind, _, _ := violatesConstraints(ca, c, true, &budget); kind != tc.want {
			t.Errorf("order %v: %q, want %q", tc.entries, kind, tc.want)
		}
	}
}
