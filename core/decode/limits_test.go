package decode

import (
	"bytes"
	"encoding/base64"
	"encoding/pem"
	"strings"
	"testing"
	"time"

	"certinspect/core/i18n"
)

// boundaries returns the offset of every element header start and content
// end in a DER tree (the "tag boundaries").
func boundaries(der []byte) []int {
	var out []int
	var walk func(b []byte, base, depth int)
	walk = func(b []byte, base, depth int) {
		off := 0
		for off < len(b) && depth < 64 {
			e, prob := readElem(b[off:])
			if prob != hdrOK || !e.full {
				return
			}
			out = append(out, base+off, base+off+e.hdr)
			if e.tag&0x20 != 0 {
				walk(e.body, base+off+e.hdr, depth+1)
			}
			off += e.total()
			out = append(out, base+off)
		}
	}
	walk(der, 0, 0)
	return out
}

// TestTruncatedAtEveryBoundary cuts a real certificate at every tag boundary
// (and every byte of its first 64) and checks that each cut is reported as
// truncated, with the expected and actual sizes, as DER and as PEM.
func TestTruncatedAtEveryBoundary(t *testing.T) {
	for _, der := range [][]byte{getPKI(t).leaf, firstCertOf(t, fixture(t, "sclient-showcerts.txt"))} {
		cuts := boundaries(der)
		for i := 1; i < 64; i++ {
			cuts = append(cuts, i)
		}
		if len(cuts) < 50 {
			t.Fatalf("only %d boundaries found", len(cuts))
		}
		full := itoa(len(der))
		for _, n := range cuts {
			if n <= 0 || n >= len(der) {
				continue
			}
			cut := der[:n]
			r := Decode("cut.der", cut, Limits{}, i18n.English)
			if len(r.Certs) != 0 || len(r.Errors) != 1 {
				t.Fatalf("DER cut at %d: certs %d, errors %v", n, len(r.Certs), r.Errors)
			}
			msg := r.Errors[0].Message
			switch {
			case n >= 4:
				if want := "truncated: expected " + full + " bytes, got " + itoa(n); !strings.Contains(msg, want) {
					t.Errorf("DER cut at %d: %q, want %q", n, msg, want)
				}
			case n >= 2:
				if !strings.Contains(msg, "truncated: the data ends inside the first DER header") {
					t.Errorf("DER cut at %d: %q", n, msg)
				}
			}
			// The same cut inside PEM armour (base64 of the partial DER).
			r = Decode("cut.pem", pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: cut}), Limits{}, i18n.English)
			if len(r.Certs) != 0 || len(r.Errors) != 1 || !strings.HasPrefix(r.Errors[0].Location, "block 1 (CERTIFICATE) at line 1") ||
				!strings.Contains(r.Errors[0].Message, "truncated") {
				t.Fatalf("PEM cut at %d: %v", n, r.Errors)
			}
		}
	}
}

// TestPEMCutMidLine: a PEM block whose base64 stops in the middle of a
// group still reports the DER sizes.
func TestPEMCutMidLine(t *testing.T) {
	der := getPKI(t).leaf
	s := base64.StdEncoding.EncodeToString(der)[:201]
	in := "-----BEGIN CERTIFICATE-----\n" + s + "\n-----END CERTIFICATE-----\n"
	r := Decode("x", []byte(in), Limits{}, nil)
	if len(r.Errors) != 1 || !strings.Contains(r.Errors[0].Message, "truncated: expected "+itoa(len(der))+" bytes, got 150") {
		t.Fatalf("errors %v", r.Errors)
	}
}

func firstCertOf(t *testing.T, b []byte) []byte {
	r := Decode("x", b, Limits{}, nil)
	if len(r.Certs) == 0 {
		t.Fatal("no certificate in fixture")
	}
	return r.Certs[0].Raw
}

func TestLimits(t *testing.T) {
	p := getPKI(t)
	five := strings.Repeat(pemOf("CERTIFICATE", p.leaf)+pemOf("CERTIFICATE", p.root), 3)[:0]
	for i := 0; i < 5; i++ {
		five += pemOf("CERTIFICATE", p.leaf)
	}
	cases := []struct {
		name      string
		in        []byte
		lim       Limits
		limit     string
		detail    string
		items     int
		errSubstr string
	}{
		{"file bytes", []byte(five), Limits{MaxFileBytes: 100}, LimitFileBytes, "more than the limit of 100 bytes", 0, "it was not read"},
		{"pem blocks", []byte(five), Limits{MaxPEMBlocks: 3}, LimitPEMBlocks, "Only the first 3 PEM blocks were read; the rest, from block 4 (CERTIFICATE) at line", 3, ""},
		{"certificates", []byte(five), Limits{MaxCertificates: 2}, LimitCertificates, "Only the first 2 certificates were read; the rest, from block 3", 2, ""},
		{"certificates in pkcs7", fixture(t, "chain.p7c"), Limits{MaxCertificates: 1}, LimitCertificates, "from whole file, certificate 2 on", 2, ""},
		{"der objects", bytes.Repeat(p.leaf, 4), Limits{MaxPEMBlocks: 2}, LimitPEMBlocks, "from DER object 3 at byte", 2, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := Decode("f.pem", c.in, c.lim, nil)
			if len(r.Limits) != 1 || r.Limits[0].Limit != c.limit || r.Limits[0].Input != "f.pem" || !strings.Contains(r.Limits[0].Detail, c.detail) {
				t.Fatalf("limits %+v", r.Limits)
			}
			if len(r.Items) != c.items {
				t.Errorf("items %d, want %d", len(r.Items), c.items)
			}
			if c.errSubstr != "" && (len(r.Errors) != 1 || !strings.Contains(r.Errors[0].Message, c.errSubstr)) {
				t.Errorf("errors %v", r.Errors)
			}
		})
	}
}

// TestHostileSizes checks bounded time on large hostile inputs: 64 MiB of
// random bytes, 10,001 certificates, a long line of BEGIN markers, and
// megabytes of base64 that decode to nothing.
func TestHostileSizes(t *testing.T) {
	if testing.Short() {
		t.Skip("large inputs")
	}
	p := getPKI(t)
	cert := pemOf("CERTIFICATE", p.leaf)
	var many strings.Builder
	for i := 0; i < 10001; i++ {
		many.WriteString(cert)
	}
	cases := []struct {
		name string
		in   []byte
		max  time.Duration
	}{
		{"64 MiB random", pseudoRandom(64<<20, 7), 5 * time.Second},
		{"10001 certificates", []byte(many.String()), 5 * time.Second},
		{"BEGIN markers on one line", bytes.Repeat([]byte("-----BEGIN "), 4<<20), 5 * time.Second},
		{"BEGIN lines without END", bytes.Repeat([]byte("-----BEGIN CERTIFICATE-----\nMIIB\n"), 1<<20), 5 * time.Second},
		{"base64 noise", bytes.Repeat([]byte(strings.Repeat("QUJD", 16)+"\n"), 1<<18), 5 * time.Second},
		{"long text line", bytes.Repeat([]byte("a"), 32<<20), 5 * time.Second},
		{"64 MiB of base64 on one line", bytes.Repeat([]byte("MIIB"), 16<<20), 5 * time.Second},
		{"64 MiB of base64 lines", bytes.Repeat([]byte(strings.Repeat("MIIB", 19)+"\n"), 64<<20/77), 5 * time.Second},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			start := time.Now()
			r := Decode("big", c.in, Limits{}, nil)
			if d := time.Since(start); d > c.max {
				t.Errorf("took %v, more than %v", d, c.max)
			}
			if len(r.Errors)+len(r.Items)+len(r.Limits) == 0 || r.Summary == "" {
				t.Errorf("no finding: %+v", r)
			}
			t.Logf("%s: %s, %d items, %d errors, limits %v", c.name, r.Summary, len(r.Items), len(r.Errors), r.Limits)
		})
	}
}
