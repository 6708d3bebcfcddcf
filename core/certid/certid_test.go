package certid

import (
	"crypto/x509"
	"crypto/x509/pkix"
	"math/big"
	"testing"
)

func TestNames(t *testing.T) {
	for _, c := range []struct {
		n    *big.Int
		want string
	}{{big.NewInt(0x100B), "10:0B"}, {big.NewInt(0), "00"}, {big.NewInt(-5), "-05"}, {nil, ""}} {
		if got := SerialHex(c.n); got != c.want {
			t.Errorf("SerialHex(%v) = %q, want %q", c.n, got, c.want)
		}
	}
	if got := ColonHex([]byte{1, 0xab}); got != "01:AB" {
		t.Errorf("ColonHex = %q", got)
	}
	cases := []struct {
		c    *x509.Certificate
		want string
	}{
		{&x509.Certificate{Subject: pkix.Name{CommonName: "db0"}, DNSNames: []string{"x"}}, "db0"},
		{&x509.Certificate{DNSNames: []string{"db1.example.net"}}, "db1.example.net"},
		{&x509.Certificate{Subject: pkix.Name{Organization: []string{"Org"}}}, "O=Org"},
		{&x509.Certificate{SerialNumber: big.NewInt(1)}, "serial 01"},
		{nil, ""},
	}
	for _, c := range cases {
		if got := Label(c.c); got != c.want {
			t.Errorf("Label = %q, want %q", got, c.want)
		}
	}
	if got := Fingerprint(&x509.Certificate{Raw: []byte("x")}); len(got) != 64 {
		t.Errorf("Fingerprint length %d", len(got))
	}
}

func TestExtKeyUsageName(t *testing.T) {
	for e, want := range map[x509.ExtKeyUsage]string{x509.ExtKeyUsageServerAuth: "serverAuth", x509.ExtKeyUsageAny: "anyExtendedKeyUsage", x509.ExtKeyUsage(999): "eku(999)"} {
		if got := ExtKeyUsageName(e); got != want {
			t.Errorf("ExtKeyUsageName(%d) = %q, want %q", e, got, want)
		}
	}
}
