package mongouri

import (
	"strings"
	"testing"
)

func TestCorrected(t *testing.T) {
	cases := []struct {
		uri   string
		files map[string]string
		want  string
		// changes lists "option:change" pairs that must be reported.
		changes []string
	}{
		{"mongodb://db0.example.net/?tls=TRUE", nil,
			"mongodb://db0.example.net:27017/?tls=true", []string{"tls:fixed"}},
		{"mongodb://db0.example.net/?ssl=true&ssl_cert_reqs=CERT_NONE&ssl_ca_certs=/etc/ca.pem", nil,
			"mongodb://db0.example.net:27017/?ssl=true&tlsCAFile=/etc/ca.pem", []string{"tlsCAFile:renamed", "ssl_cert_reqs:removed"}},
		{"mongodb://u:secret@db0.example.net,db1.example.net:27018/admin?tls=true&tlsInsecure=true&replicaSet=rs0", nil,
			"mongodb://u:<password>@db0.example.net:27017,db1.example.net:27018/admin?tls=true&replicaSet=rs0", []string{"tlsInsecure:removed"}},
		{"mongodb://db0.example.net/?tlsCertificateKeyFilePassword=hunter2&tlsCertificateKeyFile=c.pem", nil,
			"mongodb://db0.example.net:27017/?tls=true&tlsCertificateKeyFilePassword=<key-password>&tlsCertificateKeyFile=c.pem", nil},
		{"mongodb://db0.example.net/", map[string]string{"tlsCAFile": "/path/to/ca.pem"},
			"mongodb://db0.example.net:27017/?tls=true&tlsCAFile=/path/to/ca.pem", []string{"tlsCAFile:added", "tls:added"}},
		{"mongodb+srv://cluster0.example.net/?tlsDisableCertificateRevocationCheck=true", nil,
			"mongodb+srv://cluster0.example.net/", []string{"tlsdisablecertificaterevocationcheck:removed"}},
	}
	for _, tc := range cases {
		r := Parse(tc.uri)
		got, changes := r.Corrected(tc.files)
		if got != tc.want {
			t.Errorf("Corrected(%q)\n got %s\nwant %s", tc.uri, got, tc.want)
		}
		if strings.Contains(got, "secret") || strings.Contains(got, "hunter2") {
			t.Errorf("secret leaked: %s", got)
		}
		have := map[string]bool{}
		for _, c := range changes {
			have[c.Option+":"+c.Change] = true
		}
		for _, w := range tc.changes {
			if !have[w] {
				t.Errorf("%q: change %s not reported (have %v)", tc.uri, w, changes)
			}
		}
		// The corrected string must be accepted by PyMongo without warnings.
		if again := Parse(strings.ReplaceAll(strings.ReplaceAll(got, "<password>", "pw"), "<key-password>", "pw")); again.Err != nil || len(again.Warnings) > 0 {
			t.Errorf("corrected %q still has problems: %v %v", got, again.Err, again.Warnings)
		}
	}
}
