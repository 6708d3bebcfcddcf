package pemfile

import (
	"encoding/asn1"
	"reflect"
	"testing"
)

func TestSplitTrusted(t *testing.T) {
	// A stand-in certificate: SplitTrusted needs only a whole DER element.
	cert := []byte{0x30, 0x03, 0x02, 0x01, 0x07}
	serverAuth := asn1.ObjectIdentifier{1, 3, 6, 1, 5, 5, 7, 3, 1}
	clientAuth := asn1.ObjectIdentifier{1, 3, 6, 1, 5, 5, 7, 3, 2}
	oid := func(o asn1.ObjectIdentifier) []byte { b, _ := asn1.Marshal(o); return b }
	seq := func(tag byte, parts ...[]byte) []byte {
		var body []byte
		for _, p := range parts {
			body = append(body, p...)
		}
		return append([]byte{tag, byte(len(body))}, body...)
	}
	tests := []struct {
		name string
		aux  []byte
		want *Trust // nil: no settings
		ok   bool
	}{
		{"no settings", nil, nil, true},
		{"empty settings", seq(0x30), &Trust{}, true},
		{"trusted for serverAuth", seq(0x30, seq(0x30, oid(serverAuth))), &Trust{HasTrustList: true, Trusted: []asn1.ObjectIdentifier{serverAuth}}, true},
		{"empty trust list", seq(0x30, seq(0x30)), &Trust{HasTrustList: true}, true},
		{"rejected for serverAuth", seq(0x30, seq(0xA0, oid(serverAuth))), &Trust{Rejected: []asn1.ObjectIdentifier{serverAuth}}, true},
		{"trust, reject and alias", seq(0x30, seq(0x30, oid(clientAuth)), seq(0xA0, oid(serverAuth)), seq(0x0C, []byte("ca"))),
			&Trust{HasTrustList: true, Trusted: []asn1.ObjectIdentifier{clientAuth}, Rejected: []asn1.ObjectIdentifier{serverAuth}, Alias: "ca"}, true},
		{"alias and key id", seq(0x30, seq(0x0C, []byte("ca")), seq(0x04, []byte{1, 2})), &Trust{Alias: "ca"}, true},
		{"bytes after the settings are ignored", append(seq(0x30), 0, 0), &Trust{}, true},
		{"garbage after the certificate", []byte{1, 2, 3}, nil, false},
		{"an empty OID", seq(0x30, seq(0x30, []byte{0x06, 0x00})), nil, false},
		{"an unknown field", seq(0x30, seq(0x02, []byte{1})), nil, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			gotCert, got, ok := SplitTrusted(append(append([]byte{}, cert...), tc.aux...))
			if ok != tc.ok {
				t.Fatalf("ok = %v, want %v", ok, tc.ok)
			}
			if !ok {
				return
			}
			if string(gotCert) != string(cert) {
				t.Errorf("certificate % x, want % x", gotCert, cert)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("settings %+v, want %+v", got, tc.want)
			}
		})
	}
}

func TestTrustRestricts(t *testing.T) {
	for _, tc := range []struct {
		t    *Trust
		want bool
	}{
		{nil, false},
		{&Trust{Alias: "x"}, false},
		{&Trust{HasTrustList: true}, true},
		{&Trust{Rejected: []asn1.ObjectIdentifier{{1, 2}}}, true},
	} {
		if got := tc.t.Restricts(); got != tc.want {
			t.Errorf("%+v: Restricts() = %v, want %v", tc.t, got, tc.want)
		}
	}
}
