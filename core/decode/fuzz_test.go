package decode

import (
	"encoding/base64"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var formats = map[string]bool{"pem": true, "der": true, "base64": true, "pkcs7": true, "s_client": true, "text": true, "empty": true, "binary": true}

// FuzzDecode runs Decode (without its recover) on arbitrary bytes, seeded
// from the decode fixtures and the generated certificates, keys, CRL and
// OCSP response, and checks the Result's invariants.
func FuzzDecode(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "decode", "*"))
	for _, name := range files {
		if b, err := os.ReadFile(name); err == nil && len(b) < 1<<16 {
			f.Add(b)
		}
	}
	p := getPKI(f)
	pkcs8, pkcs1, sec1 := marshalKeys(f)
	for _, b := range [][]byte{p.leaf, p.root, p.crl, p.ocsp, pkcs8, pkcs1, sec1, p.leaf[:300], nested(100),
		[]byte(pemOf("CERTIFICATE", p.leaf) + pemOf("PRIVATE KEY", pkcs8)),
		[]byte("> " + strings.ReplaceAll(pemOf("CERTIFICATE", p.root), "\n", "\n> ")),
		[]byte(base64.StdEncoding.EncodeToString(p.ocsp)), utf16le(pemOf("CERTIFICATE", p.root), true), {}, {0x30, 0x80}} {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		start := time.Now()
		r := decodeNoRecover("fuzz", data, Limits{MaxPEMBlocks: 200, MaxCertificates: 200})
		if d := time.Since(start); d > 2*time.Second {
			t.Errorf("took %v on %d bytes", d, len(data))
		}
		if !formats[r.Format] || r.Summary == "" {
			t.Fatalf("format %q summary %q", r.Format, r.Summary)
		}
		certItems := 0
		for _, it := range r.Items {
			if it.Kind == "" || it.Location == "" {
				t.Fatalf("bad item %+v", it)
			}
			if it.Kind == "certificate" {
				certItems++
			}
		}
		if len(r.Certs)+r.Duplicates != certItems {
			t.Fatalf("%d certs + %d duplicates, %d certificate items", len(r.Certs), r.Duplicates, certItems)
		}
		for _, c := range r.Certs {
			if c.Cert == nil || len(c.Raw) == 0 {
				t.Fatal("empty Cert")
			}
		}
		for _, l := range [][]issue{r.Errors, r.Unsupported, r.Warnings} {
			for _, is := range l {
				if is.Location == "" || is.Message == "" {
					t.Fatalf("issue without location or message: %+v", is)
				}
			}
		}
		if len(data) > 0 && len(r.Items)+len(r.Errors)+len(r.Unsupported) == 0 {
			t.Fatalf("nothing said about %d bytes (format %s)", len(data), r.Format)
		}
	})
}

// TestNoKeyMaterialInMessages checks that no message, location, summary or
// command quotes a private key, intact or damaged.
func TestNoKeyMaterialInMessages(t *testing.T) {
	pkcs8, pkcs1, sec1 := marshalKeys(t)
	for _, der := range [][]byte{pkcs8, pkcs1, sec1} {
		for _, typ := range []string{"PRIVATE KEY", "RSA PRIVATE KEY", "CERTIFICATE", "WIDGET"} {
			armoured := pemOf(typ, der)
			lines := strings.Split(armoured, "\n")
			variants := []string{
				armoured,
				strings.Join(append(lines[:3:3], lines[len(lines)-2:]...), "\n"),        // truncated
				strings.Replace(armoured, lines[2], lines[2][:10]+"!"+lines[2][11:], 1), // bad character
				strings.Join(lines[:len(lines)-2], "\n"),                                // no END
				base64.StdEncoding.EncodeToString(der),
				string(der),
				string(der[:len(der)/2]),
			}
			b64 := base64.StdEncoding.EncodeToString(der)
			hx := hex.EncodeToString(der)
			for i, v := range variants {
				r := Decode("key.pem", []byte(v), Limits{}, nil)
				var all []string
				all = append(all, r.Summary)
				for _, it := range r.Items {
					all = append(all, it.Location, it.Ref)
				}
				for _, l := range [][]issue{r.Errors, r.Unsupported, r.Warnings} {
					for _, is := range l {
						all = append(all, is.Location, is.Message, is.Advice, is.Command)
					}
				}
				text := strings.Join(all, "\n")
				for k := 0; k+12 <= len(b64); k += 4 {
					if strings.Contains(text, b64[k:k+12]) {
						t.Fatalf("%s variant %d: message quotes key base64 %q:\n%s", typ, i, b64[k:k+12], text)
					}
				}
				for k := 0; k+16 <= len(hx); k += 2 {
					if strings.Contains(text, hx[k:k+16]) {
						t.Fatalf("%s variant %d: message quotes key bytes in hex", typ, i)
					}
				}
			}
		}
	}
}
