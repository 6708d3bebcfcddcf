package revocation

import (
	"bytes"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"golang.org/x/crypto/cryptobyte"
	"golang.org/x/crypto/cryptobyte/asn1"
)

// scanOutcome is everything scan decides about a CRL's entries.
type scanOutcome struct {
	Err                    string
	Entries                int64
	Complete, Issuer, Crit bool
	Hits                   map[int]entryHit
}

func outcomeOf(d *crlDoc, err error) scanOutcome {
	o := scanOutcome{Entries: d.info.Entries, Complete: d.info.EntriesComplete, Issuer: d.entryIssuer, Crit: d.entryCrit, Hits: d.hits}
	if err != nil {
		o.Err = err.Error()
	}
	return o
}

// scanWithCryptobyte is the entry walk as it was written with cryptobyte's
// reader: the oracle for scan's hand-rolled DER reading.
func scanWithCryptobyte(entries cryptobyte.String, targets []target, max int) (out scanOutcome) {
	out.Hits = map[int]entryHit{}
	list := entries
	var count int64
	limit := false
	defer func() { out.Entries, out.Complete = count, !limit }()
	for !list.Empty() {
		if count >= int64(max) {
			limit = true
			break
		}
		var entry, serial cryptobyte.String
		if !list.ReadASN1(&entry, asn1.SEQUENCE) || !entry.ReadASN1(&serial, asn1.INTEGER) {
			out.Err = fmt.Sprintf("malformed CRL entry %d", count+1)
			return
		}
		if n := []byte(serial); len(n) == 0 || len(n) > 1 && (n[0] == 0 && n[1]&0x80 == 0 || n[0] == 0xff && n[1]&0x80 != 0) {
			out.Err = fmt.Sprintf("malformed CRL entry %d: its serial number is not minimally encoded", count+1)
			return
		}
		s := minimalInt(serial)
		hit := -1
		for i := range targets {
			if bytes.Equal(s, targets[i].serial) {
				hit = i
				break
			}
		}
		var dateElem cryptobyte.String
		var dateTag asn1.Tag
		if !entry.ReadAnyASN1Element(&dateElem, &dateTag) || (dateTag != asn1.UTCTime && dateTag != asn1.GeneralizedTime) {
			out.Err = fmt.Sprintf("malformed CRL entry %d: no revocation date", count+1)
			return
		}
		reason := -1
		if !entry.Empty() {
			var exts cryptobyte.String
			if !entry.ReadASN1(&exts, asn1.SEQUENCE) {
				out.Err = fmt.Sprintf("malformed CRL entry %d: bad extensions", count+1)
				return
			}
			for !exts.Empty() {
				var ext, val, oid cryptobyte.String
				critical := false
				if !exts.ReadASN1(&ext, asn1.SEQUENCE) || !ext.ReadASN1(&oid, asn1.OBJECT_IDENTIFIER) ||
					ext.PeekASN1Tag(asn1.BOOLEAN) && !ext.ReadASN1Boolean(&critical) || !ext.ReadASN1(&val, asn1.OCTET_STRING) {
					out.Err = fmt.Sprintf("malformed CRL entry %d: bad extension", count+1)
					return
				}
				if bytes.Equal(oid, derCertIssuer) {
					out.Issuer = true
				} else if critical {
					out.Crit = true
				}
				if hit >= 0 && bytes.Equal(oid, derReasonCode) {
					var e int
					if val.ReadASN1Enum(&e) {
						reason = e
					}
				}
			}
		}
		if hit >= 0 {
			t := dateElem
			date, _ := readTime(&t)
			if _, again := out.Hits[hit]; !again { // OpenSSL takes a serial's first entry
				out.Hits[hit] = entryHit{date: date, reason: reason}
			}
		}
		count++
	}
	return
}

func sameScan(t *testing.T, name string, entries []byte, targets []target, max int) {
	t.Helper()
	d := &crlDoc{entries: cryptobyte.String(entries)}
	got := outcomeOf(d, d.scan(targets, max, nil))
	want := scanWithCryptobyte(cryptobyte.String(entries), targets, max)
	if got.Err != "" || want.Err != "" {
		// On a malformed entry only the error matters (the counts are not reported).
		got, want = scanOutcome{Err: got.Err}, scanOutcome{Err: want.Err}
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("%s: scan decided %+v, the cryptobyte walk %+v", name, got, want)
	}
}

// entriesOf returns the revokedCertificates contents of a DER CRL.
func entriesOf(t testing.TB, der []byte) []byte {
	t.Helper()
	d, err := parseCRL(der)
	if err != nil {
		t.Fatal(err)
	}
	return d.entries
}

// scanTargets makes targets of the first, a middle and the last serial of the
// entries, and one that is not listed.
func scanTargets(entries []byte) []target {
	var serials [][]byte
	s := cryptobyte.String(entries)
	for !s.Empty() {
		var e, n cryptobyte.String
		if !s.ReadASN1(&e, asn1.SEQUENCE) || !e.ReadASN1(&n, asn1.INTEGER) {
			break
		}
		serials = append(serials, minimalInt(n))
	}
	ts := []target{{serial: serialContent(big.NewInt(0x7eadbeef))}}
	for _, i := range []int{0, len(serials) / 2, len(serials) - 1} {
		if i >= 0 && i < len(serials) {
			ts = append(ts, target{serial: serials[i]})
		}
	}
	return ts
}

func TestScanAgreesWithCryptobyte(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "..", "testdata", "pki", "revocation", "crl-*"))
	if err != nil || len(files) < 10 {
		t.Fatalf("%d fixture CRLs, %v", len(files), err)
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		blocks, _, _, _ := splitCRLFile(data)
		for i, b := range blocks {
			d, err := parseCRL(b.der)
			if err != nil {
				continue
			}
			name := fmt.Sprintf("%s #%d", filepath.Base(f), i)
			for _, max := range []int{1 << 30, 1} {
				sameScan(t, name, d.entries, scanTargets(d.entries), max)
			}
		}
	}
	der, _, _ := bigCRL(t, 10_000, big.NewInt(0x1234567))
	entries := entriesOf(t, der)
	sameScan(t, "10k entries", entries, scanTargets(entries), 1<<30)
	sameScan(t, "10k entries, limit 5000", entries, scanTargets(entries), 5000)
	// Truncations and damage at every kind of position of the first entries.
	for cut := 0; cut < 300 && cut < len(entries); cut++ {
		sameScan(t, fmt.Sprintf("cut at %d", cut), entries[:cut], scanTargets(entries), 1<<30)
		bad := bytes.Clone(entries[:400])
		bad[cut] ^= 0x80
		sameScan(t, fmt.Sprintf("bit 7 flipped at %d", cut), bad, scanTargets(entries), 1<<30)
	}
}

// FuzzScan: on any bytes as a revokedCertificates list, scan decides what
// the cryptobyte walk decides.
func FuzzScan(f *testing.F) {
	for _, name := range []string{"crl-revoked.pem", "crl-unknown-critical.pem", "crl-remove-from-crl.pem"} {
		data, err := os.ReadFile(filepath.Join("..", "..", "testdata", "pki", "revocation", name))
		if err != nil {
			f.Fatal(err)
		}
		blocks, _, _, _ := splitCRLFile(data)
		if len(blocks) == 0 {
			f.Fatalf("%s: no CRL", name)
		}
		f.Add(entriesOf(f, blocks[0].der))
	}
	f.Add([]byte{0x30, 0x81, 0x05, 0x02, 0x01, 0x01, 0x17, 0x00})
	f.Fuzz(func(t *testing.T, entries []byte) {
		sameScan(t, "fuzz", entries, scanTargets(entries), 1<<30)
		sameScan(t, "fuzz, limit 2", entries, scanTargets(entries), 2)
	})
}
