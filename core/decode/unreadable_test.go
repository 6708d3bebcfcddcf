package decode

import (
	"bytes"
	"crypto/x509"
	"testing"

	"certinspect/core/i18n"
)

// A certificate Go refuses for a detail is listed as Unreadable with its
// subject, which is exactly what x509 would have put in RawSubject.
func TestUnreadableKeepsTheSubject(t *testing.T) {
	leaf, err := x509.ParseCertificate(getPKI(t).leaf)
	if err != nil {
		t.Fatal(err)
	}
	bad := badVersionCert(t)
	r := Decode("chain.pem", []byte(pemOf("CERTIFICATE", getPKI(t).leaf)+pemOf("CERTIFICATE", bad)), Limits{}, i18n.English)
	if len(r.Certs) != 1 || len(r.Unreadable) != 1 {
		t.Fatalf("certs %d, unreadable %+v", len(r.Certs), r.Unreadable)
	}
	u := r.Unreadable[0]
	if !bytes.Equal(u.Subject, leaf.RawSubject) || u.Location != "block 2 (CERTIFICATE) at line 12" || u.Reason != "x509: invalid version" {
		t.Fatalf("unreadable %+v, want the leaf's subject %x", u, leaf.RawSubject)
	}
	if !bytes.Equal(u.DER, bad) || u.Index != 1 {
		t.Fatalf("unreadable DER %d bytes, index %d: want the certificate as found, the second", len(u.DER), u.Index)
	}
	for _, der := range [][]byte{nil, {0x30, 0x00}, bad[:40], append([]byte{0x31}, bad[1:]...)} {
		if s := rawSubject(der); s != nil {
			t.Errorf("rawSubject(%x…) = %x, want nil", der[:min(len(der), 8)], s)
		}
	}
}
