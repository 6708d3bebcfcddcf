package pemfile

import (
	"bytes"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// The model is checked against the real thing: Python's ssl module (the
// OpenSSL PyMongo uses) loads every variant of a CA file and of a
// certificate+key file that tickets bring, and the prediction made from
// LoadStore / LoadChain must be what Python says. Skipped where python3 with
// OpenSSL 3 is not installed.

// variant is one way a customer's file arrives.
type variant struct {
	name string
	edit func(t *testing.T, pem []byte) []byte
}

func lines(b []byte) []string { return strings.SplitAfter(string(b), "\n") }

// blockLines returns the line indexes of the nth BEGIN line and its END line.
func blockLines(ls []string, n int) (int, int) {
	begin, seen := -1, -1
	for i, l := range ls {
		if strings.HasPrefix(l, "-----BEGIN ") {
			seen++
			if seen == n {
				begin = i
			}
		}
		if begin >= 0 && i > begin && strings.HasPrefix(l, "-----END ") {
			return begin, i
		}
	}
	return -1, -1
}

func mapBlock(n int, f func(ls []string, begin, end int) []string) func(*testing.T, []byte) []byte {
	return func(t *testing.T, pem []byte) []byte {
		ls := lines(pem)
		b, e := blockLines(ls, n)
		if b < 0 {
			t.Fatalf("no block %d", n)
		}
		return []byte(strings.Join(f(ls, b, e), ""))
	}
}

func eachLine(f func(string) string) func(*testing.T, []byte) []byte {
	return func(_ *testing.T, pem []byte) []byte {
		ls := lines(pem)
		for i, l := range ls {
			if l != "" {
				ls[i] = f(l)
			}
		}
		return []byte(strings.Join(ls, ""))
	}
}

func insert(ls []string, at int, s string) []string {
	out := append([]string{}, ls[:at]...)
	out = append(out, s)
	return append(out, ls[at:]...)
}

// commonVariants apply to any PEM file with at least two blocks.
var commonVariants = []variant{
	{"as-is", func(_ *testing.T, b []byte) []byte { return b }},
	{"crlf", eachLine(func(l string) string { return strings.TrimSuffix(l, "\n") + "\r\n" })},
	{"bom", func(_ *testing.T, b []byte) []byte { return append([]byte("\xef\xbb\xbf"), b...) }},
	{"bom-after-text", func(_ *testing.T, b []byte) []byte { return append([]byte("subject=x\n\xef\xbb\xbf"), b...) }},
	{"indented", eachLine(func(l string) string { return "  " + l })},
	{"tab-indented", eachLine(func(l string) string { return "\t" + l })},
	{"quoted", eachLine(func(l string) string { return "> " + l })},
	{"trailing-spaces", eachLine(func(l string) string { return strings.TrimSuffix(l, "\n") + "  \t\n" })},
	{"second-indented", mapBlock(1, func(ls []string, b, e int) []string {
		for i := b; i <= e; i++ {
			ls[i] = "    " + ls[i]
		}
		return ls
	})},
	{"second-begin-indented", mapBlock(1, func(ls []string, b, _ int) []string { ls[b] = " " + ls[b]; return ls })},
	{"second-end-indented", mapBlock(1, func(ls []string, _, e int) []string { ls[e] = " " + ls[e]; return ls })},
	{"body-indented", mapBlock(0, func(ls []string, b, e int) []string {
		for i := b + 1; i < e; i++ {
			ls[i] = "   " + ls[i]
		}
		return ls
	})},
	{"blank-after-begin", mapBlock(0, func(ls []string, b, _ int) []string { return insert(ls, b+1, "\n") })},
	{"blank-before-end", mapBlock(0, func(ls []string, _, e int) []string { return insert(ls, e, "\n") })},
	{"blank-in-body", mapBlock(0, func(ls []string, b, _ int) []string { return insert(ls, b+3, "\n") })},
	{"spaces-line-in-body", mapBlock(0, func(ls []string, b, _ int) []string { return insert(ls, b+3, "   \n") })},
	{"two-blanks-after-begin", mapBlock(0, func(ls []string, b, _ int) []string { return insert(insert(ls, b+1, "\n"), b+1, "\n") })},
	{"comment-header", mapBlock(0, func(ls []string, b, _ int) []string {
		return insert(insert(ls, b+1, "\n"), b+1, "Comment: from the ticket\n")
	})},
	{"no-end", mapBlock(1, func(ls []string, _, e int) []string { return ls[:e] })},
	{"first-no-end", mapBlock(0, func(ls []string, _, e int) []string { return append(ls[:e], ls[e+1:]...) })},
	{"end-other-type", mapBlock(1, func(ls []string, _, e int) []string { ls[e] = "-----END SOMETHING ELSE-----\n"; return ls })},
	{"bad-char", mapBlock(1, func(ls []string, b, _ int) []string { ls[b+2] = "!" + ls[b+2][1:]; return ls })},
	{"char-missing", mapBlock(1, func(ls []string, b, _ int) []string { ls[b+2] = ls[b+2][1:]; return ls })},
	{"line-missing", mapBlock(1, func(ls []string, b, _ int) []string { return append(ls[:b+2], ls[b+3:]...) })},
	{"one-long-line", mapBlock(0, func(ls []string, b, e int) []string {
		var body strings.Builder
		for i := b + 1; i < e; i++ {
			body.WriteString(strings.TrimSpace(ls[i]))
		}
		out := append([]string{}, ls[:b+1]...)
		out = append(out, body.String()+"\n")
		return append(out, ls[e:]...)
	})},
	{"rewrapped-76", mapBlock(0, func(ls []string, b, e int) []string {
		var body strings.Builder
		for i := b + 1; i < e; i++ {
			body.WriteString(strings.TrimSpace(ls[i]))
		}
		s := body.String()
		out := append([]string{}, ls[:b+1]...)
		for len(s) > 76 {
			out = append(out, s[:76]+"\n")
			s = s[76:]
		}
		out = append(out, s+"\n")
		return append(out, ls[e:]...)
	})},
	{"nested-begin", mapBlock(0, func(ls []string, b, _ int) []string { return insert(ls, b+3, ls[b]) })},
	{"begin-with-text-after", mapBlock(0, func(ls []string, b, _ int) []string {
		ls[b] = strings.TrimSuffix(ls[b], "\n") + " (ca)\n"
		return ls
	})},
	{"lowercase-armour", mapBlock(0, func(ls []string, b, e int) []string {
		ls[b], ls[e] = strings.ToLower(ls[b]), strings.ToLower(ls[e])
		return ls
	})},
	{"no-final-newline", func(_ *testing.T, b []byte) []byte { return bytes.TrimRight(b, "\n") }},
	{"text-around", func(_ *testing.T, b []byte) []byte {
		return append(append([]byte("Certificate:\n    Data: see below\n\n"), b...), "Thanks, the customer\n"...)
	}},
	{"base64-of-file", func(_ *testing.T, b []byte) []byte { return []byte(base64.StdEncoding.EncodeToString(b) + "\n") }},
	{"json-escaped", func(_ *testing.T, b []byte) []byte {
		j, _ := json.Marshal(string(b))
		return append(j[1:len(j)-1], '\n')
	}},
	{"empty", func(_ *testing.T, _ []byte) []byte { return nil }},
	// A body of only '-' decodes to nothing: OpenSSL fails the block (found by FuzzRead).
	{"dash-body-after", func(_ *testing.T, b []byte) []byte {
		return append(append([]byte{}, b...), "-----BEGIN CERTIFICATE-----\n-\n-----END CERTIFICATE-----\n"...)
	}},
	{"dash-body-before", func(_ *testing.T, b []byte) []byte {
		return append([]byte("-----BEGIN CERTIFICATE-----\n-\n-----END CERTIFICATE-----\n"), b...)
	}},
	{"body-cut-by-dash", mapBlock(1, func(ls []string, b, _ int) []string { ls[b+1] = "-" + ls[b+1][1:]; return ls })},
}

var storeVariants = append(append([]variant{}, commonVariants...),
	variant{"x509-certificate-type", eachLine(func(l string) string {
		return strings.Replace(strings.Replace(l, "BEGIN CERTIFICATE", "BEGIN X509 CERTIFICATE", 1), "END CERTIFICATE", "END X509 CERTIFICATE", 1)
	})},
	variant{"trusted-certificate-type", eachLine(func(l string) string {
		return strings.Replace(strings.Replace(l, "BEGIN CERTIFICATE", "BEGIN TRUSTED CERTIFICATE", 1), "END CERTIFICATE", "END TRUSTED CERTIFICATE", 1)
	})},
	variant{"public-key-block-too", mapBlock(0, func(ls []string, b, e int) []string {
		out := append([]string{}, ls...)
		for i := b; i <= e; i++ {
			out = append(out, strings.Replace(ls[i], "CERTIFICATE", "PUBLIC KEY", 1))
		}
		return out
	})},
	variant{"duplicate", func(_ *testing.T, b []byte) []byte { return append(append([]byte{}, b...), b...) }},
)

// chainVariants are for the certificate+key file (certificate first, key
// second in the fixture).
var chainVariants = append(append([]variant{}, commonVariants...),
	variant{"bad-block-after", func(_ *testing.T, b []byte) []byte {
		return append(append([]byte{}, b...), "-----BEGIN CERTIFICATE-----\nMIIB!!!!\n-----END CERTIFICATE-----\n"...)
	}},
	variant{"bad-block-before", func(_ *testing.T, b []byte) []byte {
		return append([]byte("-----BEGIN CERTIFICATE-----\nMIIB!!!!\n-----END CERTIFICATE-----\n"), b...)
	}},
	variant{"key-first", func(t *testing.T, b []byte) []byte {
		ls := lines(b)
		b0, e0 := blockLines(ls, 0)
		b1, e1 := blockLines(ls, 1)
		out := append([]string{}, ls[b1:e1+1]...)
		return []byte(strings.Join(append(out, ls[b0:e0+1]...), ""))
	}},
)

// predictStore is what Python's load_verify_locations would say, from LoadStore.
func predictStore(data []byte) string {
	s := LoadStore(data)
	if s.Fails() {
		return "[X509] PEM lib"
	}
	certs, crls := map[string]bool{}, map[string]bool{}
	for _, b := range s.Certs {
		if _, err := x509.ParseCertificate(b.Bytes); err != nil {
			return "[X509] PEM lib"
		}
		certs[string(b.Bytes)] = true
	}
	for _, b := range s.CRLs {
		if _, err := x509.ParseRevocationList(b.Bytes); err != nil {
			return "[X509] PEM lib"
		}
		crls[string(b.Bytes)] = true
	}
	if len(certs)+len(crls) == 0 {
		return "[X509: NO_CERTIFICATE_OR_CRL_FOUND] no certificate or crl found"
	}
	return fmt.Sprintf("ok x509=%d crl=%d", len(certs), len(crls))
}

var pemReasonText = map[Reason]string{BadBase64: "bad base64 decode", BadEndLine: "bad end line"}

// predictChain is what Python's load_cert_chain(certfile) would say, from
// LoadChain, for a file whose certificate and key match.
func predictChain(data []byte) string {
	c := LoadChain(data)
	switch {
	case c.First == nil || c.Err != nil && !c.ErrAfterFirst:
		return "[SSL] PEM lib"
	case c.First.Header != "":
		return "[SSL] PEM lib"
	case c.ErrAfterFirst:
		if text, ok := pemReasonText[c.Err.Reason]; ok {
			return fmt.Sprintf("[PEM: %s] %s", c.Err.Reason, text)
		}
		return "unknown error"
	}
	if _, err := x509.ParseCertificate(c.First.Bytes); err != nil {
		return "[SSL] PEM lib"
	}
	blocks, _ := Read(data)
	for _, b := range blocks {
		if !strings.HasSuffix(b.Type, "PRIVATE KEY") {
			continue
		}
		if b.Header != "" {
			return "[SSL] PEM lib"
		}
		if _, err := x509.ParsePKCS1PrivateKey(b.Bytes); err != nil {
			return "[SSL] PEM lib"
		}
		return "ok"
	}
	return "[SSL] PEM lib"
}

const pythonLoader = `
import json, ssl, sys
for line in sys.stdin:
    mode, path = line.rstrip("\n").split(" ", 1)
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    try:
        if mode == "store":
            ctx.load_verify_locations(path)
            s = ctx.cert_store_stats()
            out = "ok x509=%d crl=%d" % (s["x509"], s["crl"])
        else:
            ctx.load_cert_chain(path)
            out = "ok"
    except ssl.SSLError as e:
        out = str(e)
    print(json.dumps(out), flush=True)
`

func python(t *testing.T) string {
	t.Helper()
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 is not installed")
	}
	out, err := exec.Command(py, "-c", "import ssl; print(ssl.OPENSSL_VERSION_INFO[0])").Output()
	if err != nil || strings.TrimSpace(string(out)) < "3" {
		t.Skipf("python3's ssl is not OpenSSL 3 (%q, %v)", out, err)
	}
	return py
}

func TestPythonAgrees(t *testing.T) {
	py := python(t)
	read := func(name string) []byte {
		b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "pki", name))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	crl := read("revocation/crl-revoked.pem")
	cases := []struct {
		mode     string
		base     string
		data     []byte
		variants []variant
	}{
		{"store", "two CAs", append(read("ca.pem"), read("other-ca.pem")...), storeVariants},
		{"store", "CA and CRL", append(read("ca.pem"), crl...), storeVariants},
		{"store", "two CRLs", append(append([]byte{}, crl...), read("revocation/crl-good.pem")...), commonVariants},
		{"chain", "certificate and key", read("client/client-rsa.pem"), chainVariants},
	}
	dir := t.TempDir()
	type job struct{ mode, name, path, want string }
	var jobs []job
	for _, c := range cases {
		for _, v := range c.variants {
			data := v.edit(t, append([]byte{}, c.data...))
			path := filepath.Join(dir, fmt.Sprintf("%d.pem", len(jobs)))
			if err := os.WriteFile(path, data, 0o600); err != nil {
				t.Fatal(err)
			}
			want := predictStore(data)
			if c.mode == "chain" {
				want = predictChain(data)
			}
			jobs = append(jobs, job{c.mode, c.base + ": " + v.name, path, want})
		}
	}
	var in strings.Builder
	for _, j := range jobs {
		fmt.Fprintf(&in, "%s %s\n", j.mode, j.path)
	}
	cmd := exec.Command(py, "-c", pythonLoader)
	cmd.Stdin = strings.NewReader(in.String())
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("python: %v", err)
	}
	got := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(got) != len(jobs) {
		t.Fatalf("python answered %d of %d", len(got), len(jobs))
	}
	for i, j := range jobs {
		var said string
		if err := json.Unmarshal([]byte(got[i]), &said); err != nil {
			t.Fatal(err)
		}
		said = strings.TrimSpace(said[:len(said)-len(pySuffix(said))])
		if said != j.want {
			t.Errorf("%s (%s): Python says %q, the model %q", j.name, j.mode, said, j.want)
		}
	}
}

// pySuffix is the " (_ssl.c:<line>)" Python appends.
func pySuffix(s string) string {
	if i := strings.LastIndex(s, " (_ssl.c:"); i >= 0 {
		return s[i:]
	}
	return ""
}

// The commands the report hands over run as written: they load the files
// and print "loaded", or print Python's error.
func TestPythonCommandsRun(t *testing.T) {
	python(t)
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Skip("no sh")
	}
	dir := t.TempDir()
	pki := filepath.Join("..", "..", "testdata", "pki")
	der := filepath.Join(dir, "ca.der")
	if err := os.WriteFile(der, []byte{0x30, 0x03, 0x02, 0x01, 0x01}, 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct{ cmd, want string }{
		{PythonLoadCommand(filepath.Join(pki, "revocation", "crl-good.pem"), filepath.Join(pki, "ca.pem")), "loaded"},
		{PythonLoadCommand(der), "NO_CERTIFICATE_OR_CRL_FOUND"},
		{PythonCertChainCommand(filepath.Join(pki, "client", "client-rsa.pem")), "loaded"},
		{PythonCertChainCommand(filepath.Join(pki, "client", "cert-only.crt")), "PEM lib"},
	}
	for _, tc := range tests {
		out, _ := exec.Command(sh, "-c", tc.cmd).CombinedOutput()
		if !strings.Contains(string(out), tc.want) {
			t.Errorf("%s\n  printed %q, want %q", tc.cmd, out, tc.want)
		}
	}
}
