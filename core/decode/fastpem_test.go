package decode

import (
	"bytes"
	"encoding/base64"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"certinspect/core/i18n"
)

// decodeLenient is Decode with the fast path turned off.
func decodeLenient(name string, data []byte, lim Limits) *Result {
	d := newDecoder(name, lim.withDefaults(), i18n.English)
	d.lenientOnly = true
	d.run(data)
	d.finish()
	return d.res
}

// usesFastPath reports whether Decode reads data with the fast path.
func usesFastPath(data []byte) bool {
	text, _ := normalizeText(data)
	_, ok := cleanBlocks(text)
	return ok
}

// comparable is a Result without the parsed certificates (their DER is kept).
type comparableResult struct {
	Format, Summary               string
	IsText                        bool
	Duplicates                    int
	Certs                         [][]byte
	CertLocs                      []string
	Keys, CRLs, OCSP              []Block
	Items                         any
	Errors, Unsupported, Warnings any
	Limits                        any
}

func comparable(r *Result) comparableResult {
	// CleanPEM says which reader read the file; everything else must agree.
	c := comparableResult{Format: r.Format, Summary: r.Summary, IsText: r.IsText, Duplicates: r.Duplicates,
		Keys: r.Keys, CRLs: r.CRLs, OCSP: r.OCSP, Items: r.Items, Errors: r.Errors, Unsupported: r.Unsupported,
		Warnings: r.Warnings, Limits: r.Limits}
	for _, x := range r.Certs {
		c.Certs = append(c.Certs, x.Raw)
		c.CertLocs = append(c.CertLocs, x.Location+"|"+x.PEMType)
	}
	return c
}

// sameAsLenient fails t when the fast path and the lenient reader disagree.
func sameAsLenient(t *testing.T, name string, data []byte, lim Limits) *Result {
	t.Helper()
	fast := decodeNoRecover("f.pem", data, lim)
	slow := decodeLenient("f.pem", data, lim)
	if f, s := comparable(fast), comparable(slow); !reflect.DeepEqual(f, s) {
		t.Fatalf("%s: the fast path and the lenient reader disagree:\nfast    %+v\nlenient %+v", name, f, s)
	}
	return fast
}

// wrap encodes der as base64 lines of width w.
func wrap(der []byte, w int, eol string) string {
	s := base64.StdEncoding.EncodeToString(der)
	var b strings.Builder
	for len(s) > w {
		b.WriteString(s[:w] + eol)
		s = s[w:]
	}
	b.WriteString(s + eol)
	return b.String()
}

func armour(typ, body, eol string) string {
	return "-----BEGIN " + typ + "-----" + eol + body + "-----END " + typ + "-----" + eol
}

// TestFastPEMSameAsLenient checks, for clean PEM files (read by the fast
// path) and for files just outside what it accepts (read by the lenient
// reader), that Decode gives exactly what the lenient reader alone gives:
// items, locations and line numbers, errors, warnings, limits, bytes.
func TestFastPEMSameAsLenient(t *testing.T) {
	p := getPKI(t)
	pkcs8, pkcs1, _ := marshalKeys(t)
	cert := pemOf("CERTIFICATE", p.leaf)
	root := pemOf("CERTIFICATE", p.root)
	crl := pemOf("X509 CRL", p.crl)
	legacy := string(fixture(t, "rsa-legacy-encrypted.key"))
	trailing := append(append([]byte{}, p.crl...), 1, 2, 3)
	lines := strings.Split(cert, "\n")
	for _, c := range []struct {
		name string
		data string
		lim  Limits
		fast bool
		want string // a substring of the summary, an error or a warning
	}{
		{"one certificate", cert, Limits{}, true, "1 certificate"},
		{"everything, blank lines between", "\n" + cert + "\n\n" + root + " \t\n" + crl + pemOf("PRIVATE KEY", pkcs8) + pemOf("OCSP RESPONSE", p.ocsp) + "\n  \n", Limits{}, true, "2 certificates"},
		{"CRLF", strings.ReplaceAll(cert+crl, "\n", "\r\n"), Limits{}, true, "1 CRL"},
		{"mixed line ends", cert + strings.ReplaceAll(crl, "\n", "\r\n"), Limits{}, true, "1 CRL"},
		{"UTF-8 BOM", "\ufeff" + cert, Limits{}, true, "1 certificate"},
		{"UTF-16", string(utf16le(cert+root, true)), Limits{}, true, "UTF-16LE"},
		{"76 columns", armour("X509 CRL", wrap(p.crl, 76, "\n"), "\n"), Limits{}, true, "1 CRL"},
		{"one long line", armour("X509 CRL", wrap(p.crl, 1<<20, "\n"), "\n"), Limits{}, true, "1 CRL"},
		{"no final line end", strings.TrimSuffix(cert, "\n"), Limits{}, true, "1 certificate"},
		{"duplicate", cert + cert, Limits{}, true, "1 certificate"},
		{"legacy encrypted key with headers", legacy, Limits{}, true, "private key"},
		{"headers, CRLF", strings.ReplaceAll(legacy, "\n", "\r\n"), Limits{}, true, "private key"},
		{"unknown type", armour("WIDGET", wrap([]byte("widget"), 64, "\n"), "\n"), Limits{}, true, "WIDGET"},
		{"empty block", armour("CERTIFICATE", "", "\n"), Limits{}, true, "holds no data"},
		{"trailing bytes after the DER", armour("X509 CRL", wrap(trailing, 64, "\n"), "\n"), Limits{}, true, "trailing data"},
		{"RSA key", pemOf("RSA PRIVATE KEY", pkcs1), Limits{}, true, "private key"},
		{"not a certificate inside", armour("CERTIFICATE", wrap(p.crl, 64, "\n"), "\n"), Limits{}, true, "holds"},
		{"PKCS#7", armour("PKCS7", wrap(p7WithCRL(t), 64, "\n"), "\n"), Limits{}, true, "CRL"},
		{"block limit", cert + root + crl, Limits{MaxPEMBlocks: 2}, true, "Only the first 2 PEM blocks"},
		{"certificate limit", cert + root + crl, Limits{MaxCertificates: 1}, true, "Only the first 1 certificates"},

		// Read by the lenient reader, with its line numbers.
		{"headers without a blank line", strings.Replace(legacy, "\n\n", "\n", 1), Limits{}, false, "private key"},
		{"indented", strings.ReplaceAll(cert, "\n", "\n  "), Limits{}, false, "indented"},
		{"indented BEGIN", "  " + cert, Limits{}, false, "indented"},
		{"quoted", "> " + strings.ReplaceAll(strings.TrimSuffix(cert, "\n"), "\n", "\n> "), Limits{}, false, "quoted"},
		{"text between blocks", "subject=CN=db0\n" + cert + "issuer=CN=root\n" + root, Limits{}, false, "2 certificates"},
		{"lone CR", strings.ReplaceAll(cert+crl, "\n", "\r"), Limits{}, false, "1 CRL"},
		{"CR inside a line", strings.Replace(cert, lines[2], lines[2][:10]+"\r"+lines[2][10:], 1), Limits{}, false, ""},
		{"four CRs inside a line", strings.Replace(cert, lines[2], lines[2][:10]+"\r\r\r\r"+lines[2][10:], 1), Limits{}, false, ""},
		{"four CRs inside the last line", strings.Replace(cert, lines[len(lines)-3], "\r\r\r\r"+lines[len(lines)-3], 1), Limits{}, false, ""},
		{"63 columns", armour("X509 CRL", wrap(p.crl, 63, "\n"), "\n"), Limits{}, false, "1 CRL"},
		{"padding in the middle", armour("CERTIFICATE", wrap(p.leaf[:100], 64, "\n")+wrap(p.leaf[100:], 64, "\n"), "\n"), Limits{}, false, "padding in the middle"},
		{"bad character", strings.Replace(cert, lines[3], lines[3][:5]+"!"+lines[3][6:], 1), Limits{}, false, "not a base64 character"},
		{"trailing spaces", strings.ReplaceAll(cert, "\n", "  \n"), Limits{}, false, "1 certificate"},
		{"cut off", strings.Join(lines[:5], "\n"), Limits{}, false, "cut off"},
		{"no END line, next block", strings.Join(lines[:5], "\n") + "\n" + root, Limits{}, false, "next block begins at line 6"},
		{"END names another type", strings.Replace(cert, "END CERTIFICATE", "END X509 CRL", 1), Limits{}, false, "END line names"},
		{"END not on its own line", strings.Replace(cert, "\n-----END", "-----END", 1), Limits{}, false, ""},
		{"text after END", strings.Replace(cert, "CERTIFICATE-----\n", "CERTIFICATE----- x\n", 2), Limits{}, false, ""},
		{"text after BEGIN", strings.Replace(cert, "-----BEGIN CERTIFICATE-----", "-----BEGIN CERTIFICATE-----x", 1), Limits{}, false, ""},
		{"space in the armour", strings.Replace(cert, "-----BEGIN CERTIFICATE-----", "-----BEGIN CERTIFICATE -----", 1), Limits{}, false, ""},
		{"dash in the type", strings.Replace(cert, "CERTIFICATE-----", "CERTIFICATE------", 2), Limits{}, false, ""},
		{"lower-case type", strings.ReplaceAll(cert, "CERTIFICATE", "certificate"), Limits{}, true, "1 certificate"},
		{"a type that reads as s_client", armour("SSL handshake has read", wrap(p.leaf, 64, "\n"), "\n"), Limits{}, false, ""},
		{"a header that reads as s_client", strings.Replace(legacy, "DEK-Info", "X: Certificate chain\nDEK-Info", 1), Limits{}, false, ""},
		{"a header with a dash run", strings.Replace(legacy, "DEK-Info:", "DEK-Info: -----BEGIN X-----", 1), Limits{}, false, ""},
		{"a PuTTY line as a header", strings.Replace(legacy, "Proc-Type: 4,ENCRYPTED", "PuTTY-User-Key-File-2: ssh-rsa", 1), Limits{}, false, "PuTTY"},
		{"a header name with a space", strings.Replace(legacy, "Proc-Type", "Proc Type", 1), Limits{}, false, ""},
		{"a header with a control character", strings.Replace(legacy, "DEK-Info:", "DEK-Info:\x01", 1), Limits{}, false, ""},
		{"an SSH key line as a header", strings.Replace(legacy, "Proc-Type: 4,ENCRYPTED", "ssh-rsa AAAA:x", 1), Limits{}, false, "SSH public key"},
		{"whitespace line inside", strings.Replace(cert, lines[2]+"\n", lines[2]+"\n \n", 1), Limits{}, false, "indented"},
		{"form feed between blocks", cert + "\f\n" + root, Limits{}, false, "2 certificates"},
		{"trailing NUL bytes", cert + "\x00\x00", Limits{}, false, "1 certificate"},
		{"text before", "Here is the certificate:\n" + cert, Limits{}, false, "1 certificate"},
	} {
		t.Run(c.name, func(t *testing.T) {
			data := []byte(c.data)
			if got := usesFastPath(data); got != c.fast {
				t.Fatalf("fast path used: %v, want %v", got, c.fast)
			}
			r := sameAsLenient(t, c.name, data, c.lim)
			if r.CleanPEM != c.fast {
				t.Errorf("CleanPEM %v, want %v", r.CleanPEM, c.fast)
			}
			all := []string{r.Summary}
			for _, l := range [][]issue{r.Errors, r.Warnings, r.Unsupported} {
				for _, is := range l {
					all = append(all, is.Location+": "+is.Message)
				}
			}
			for _, l := range r.Limits {
				all = append(all, l.Detail)
			}
			if !strings.Contains(strings.Join(all, "\n"), c.want) {
				t.Errorf("%q not in %q", c.want, all)
			}
		})
	}
}

// TestFastPEMLocations checks the block locations the fast path writes, line
// numbers included, against what they must be.
func TestFastPEMLocations(t *testing.T) {
	p := getPKI(t)
	cert := pemOf("CERTIFICATE", p.leaf)
	crl := strings.ReplaceAll(pemOf("X509 CRL", p.crl), "\n", "\r\n")
	data := "\n\n" + cert + "\n" + crl + "  \n" + pemOf("WIDGET", []byte("w"))
	certLines := strings.Count(cert, "\n")
	crlLines := strings.Count(crl, "\n")
	r := sameAsLenient(t, "locations", []byte(data), Limits{})
	want := []string{
		"block 1 (CERTIFICATE) at line 3",
		"block 2 (X509 CRL) at line " + itoa(3+certLines+1),
		"block 3 (WIDGET) at line " + itoa(3+certLines+1+crlLines+1),
	}
	if len(r.Items) != 3 {
		t.Fatalf("items %+v", r.Items)
	}
	for i, it := range r.Items {
		if it.Location != want[i] {
			t.Errorf("item %d at %q, want %q", i, it.Location, want[i])
		}
	}
	if !bytes.Equal(r.CRLs[0].Bytes, p.crl) {
		t.Error("CRL bytes differ")
	}
}

// TestFastPEMOneBuffer checks that a large clean PEM block is decoded with
// one allocation of its DER's size, not by growing buffers.
func TestFastPEMOneBuffer(t *testing.T) {
	der := make([]byte, 3<<20)
	der[0], der[1], der[2], der[3], der[4], der[5] = 0x30, 0x83, byte((len(der)-5)>>16), byte((len(der)-5)>>8), byte(len(der)-5), 0
	data := []byte(armour("WIDGET", wrap(der, 64, "\n"), "\n"))
	allocated := testing.AllocsPerRun(1, func() {})
	_ = allocated
	var r *Result
	n := testing.Benchmark(func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			r = Decode("big.pem", data, Limits{}, nil)
		}
	})
	if r.Format != "pem" || len(r.Items) != 1 {
		t.Fatalf("format %s items %+v", r.Format, r.Items)
	}
	// The DER (3 MiB) plus small change; the lenient reader allocates the
	// base64 text and its line index besides (more than 8 MiB here).
	if per := n.AllocedBytesPerOp(); per > int64(len(der))+int64(len(der))/16 {
		t.Errorf("%d bytes allocated to read a %d-byte block", per, len(der))
	}
}

// FuzzFastPEM checks on arbitrary input that Decode and the lenient reader
// alone give the same Result.
func FuzzFastPEM(f *testing.F) {
	p := getPKI(f)
	cert := pemOf("CERTIFICATE", p.leaf)
	for _, s := range []string{cert, cert + "\n" + pemOf("X509 CRL", p.crl), strings.ReplaceAll(cert, "\n", "\r\n"),
		string(fixture(f, "rsa-legacy-encrypted.key")), armour("WIDGET", "", "\n"), "\ufeff" + cert} {
		f.Add([]byte(s))
	}
	files, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "decode", "*"))
	for _, name := range files {
		if b, err := os.ReadFile(name); err == nil && len(b) < 1<<16 && bytes.Contains(b, beginMarker) {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		lim := Limits{MaxPEMBlocks: 50, MaxCertificates: 50}
		fast := decodeNoRecover("f.pem", data, lim)
		slow := decodeLenient("f.pem", data, lim)
		if f, s := comparable(fast), comparable(slow); !reflect.DeepEqual(f, s) {
			t.Fatalf("the fast path and the lenient reader disagree:\nfast    %+v\nlenient %+v", f, s)
		}
	})
}
