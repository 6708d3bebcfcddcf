package x509err

import "testing"

func TestTableIsConsistent(t *testing.T) {
	seen := map[int]bool{}
	for _, e := range All() {
		if seen[e.Code] {
			t.Errorf("code %d twice", e.Code)
		}
		seen[e.Code] = true
		if got, ok := ByName(e.Name); !ok || got.Code != e.Code {
			t.Errorf("ByName(%s) = %v, %v", e.Name, got, ok)
		}
	}
	for _, c := range []struct {
		name string
		code int
		text string
	}{
		{"X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY", 20, "unable to get local issuer certificate"},
		{"X509_V_ERR_CERT_HAS_EXPIRED", 10, "certificate has expired"},
		{"X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT", 18, "self-signed certificate"},
		{"X509_V_ERR_HOSTNAME_MISMATCH", 62, "hostname mismatch"},
		{"X509_V_ERR_INVALID_CA", 79, "invalid CA certificate"},
	} {
		e := Must(c.name)
		if e.Code != c.code || e.Text != c.text {
			t.Errorf("%s = %d %q, want %d %q", c.name, e.Code, e.Text, c.code, c.text)
		}
	}
}
