package core

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"certinspect/core/report"
)

// The files of a ticket as PyMongo loads them: each variant of a CA file, a
// CRL file and a certificate+key file (the forms tickets bring them in) is
// loaded by Python's ssl, and the report must say what Python says: whether
// the MongoClient can be built, and if not, the error PyMongo raises.
// Skipped without python3 on OpenSSL 3.

type fileEdit struct {
	name string
	edit func(data []byte) []byte
}

func perLine(f func(string) string) func([]byte) []byte {
	return func(data []byte) []byte {
		ls := strings.SplitAfter(string(data), "\n")
		for i, l := range ls {
			if l != "" {
				ls[i] = f(l)
			}
		}
		return []byte(strings.Join(ls, ""))
	}
}

// nthBlock applies f to the lines of the nth PEM block (0-based), BEGIN and
// END lines included.
func nthBlock(n int, f func(block []string) []string) func([]byte) []byte {
	return func(data []byte) []byte {
		ls := strings.SplitAfter(string(data), "\n")
		seen, begin := -1, -1
		for i, l := range ls {
			if strings.HasPrefix(l, "-----BEGIN ") {
				seen++
				if seen == n {
					begin = i
				}
			}
			if begin >= 0 && strings.HasPrefix(l, "-----END ") {
				out := append([]string{}, ls[:begin]...)
				out = append(out, f(append([]string{}, ls[begin:i+1]...))...)
				return []byte(strings.Join(append(out, ls[i+1:]...), ""))
			}
		}
		panic("no such block")
	}
}

var ticketForms = []fileEdit{
	{"as sent", func(b []byte) []byte { return b }},
	{"CRLF", perLine(func(l string) string { return strings.TrimSuffix(l, "\n") + "\r\n" })},
	{"byte order mark", func(b []byte) []byte { return append([]byte("\xef\xbb\xbf"), b...) }},
	{"indented", perLine(func(l string) string { return "    " + l })},
	{"quoted reply", perLine(func(l string) string { return "> " + l })},
	{"second block indented", nthBlock(1, func(b []string) []string {
		for i := range b {
			b[i] = "  " + b[i]
		}
		return b
	})},
	{"second block damaged", nthBlock(1, func(b []string) []string { b[3] = "#" + b[3][1:]; return b })},
	{"second block cut off", nthBlock(1, func(b []string) []string { return b[:len(b)/2] })},
	// Valid base64 that is no certificate or CRL (a wrong paste): OpenSSL
	// decodes each block it reads and stops the file there.
	{"second block holds no DER of its kind", nthBlock(1, func(b []string) []string { return []string{b[0], "MAMCAQA=\n", b[len(b)-1]} })},
	{"blank line before an END", nthBlock(0, func(b []string) []string {
		return append(append(b[:len(b)-1:len(b)-1], "\n"), b[len(b)-1])
	})},
	{"base64 of the file (Kubernetes secret value)", func(b []byte) []byte { return []byte(base64.StdEncoding.EncodeToString(b)) }},
	{"JSON string", func(b []byte) []byte { j, _ := json.Marshal(string(b)); return j }},
	{"an RSA-1024 certificate appended", func(b []byte) []byte {
		// Loading the key file checks every certificate against security
		// level 2 (CA_KEY_TOO_SMALL); a CA or CRL file is loaded without it.
		leaf, err := os.ReadFile(filepath.Join("..", "testdata", "pki", "rsa1024-chain.pem"))
		if err != nil {
			panic(err)
		}
		blk, _ := pem.Decode(leaf)
		return append(append([]byte{}, b...), pem.EncodeToMemory(blk)...)
	}},
	{"Java keystore", func(b []byte) []byte {
		// The JKS magic and version, then bytes: what core/decode names as a keystore.
		return append([]byte{0xFE, 0xED, 0xFE, 0xED, 0, 0, 0, 2}, b[100:400]...)
	}},
	{"UTF-16 (PowerShell's > redirection)", func(b []byte) []byte {
		out := []byte{0xFF, 0xFE}
		for _, r := range strings.ReplaceAll(string(b), "\n", "\r\n") {
			out = append(out, byte(r), byte(r>>8))
		}
		return out
	}},
	{"trailing damaged block", func(b []byte) []byte {
		return append(append([]byte{}, b...), "-----BEGIN CERTIFICATE-----\nMIIB!!!!\n-----END CERTIFICATE-----\n"...)
	}},
}

// derOfFirst is the first PEM block as DER: the file "in binary form".
func derOfFirst(b []byte) []byte {
	blk, _ := pem.Decode(b)
	return blk.Bytes
}

var pySSLSuffix = regexp.MustCompile(` \(_ssl\.c:\d+\)$`)

// pythonLoads loads each file with Python's ssl as PyMongo does and returns
// "" (loaded) or the error text without its "(_ssl.c:N)" suffix.
func pythonLoads(t *testing.T, mode string, paths []string) []string {
	t.Helper()
	py := pythonOnOpenSSL3(t)
	const script = `
import json, ssl, sys
mode = sys.argv[1]
for path in sys.argv[2:]:
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    try:
        if mode == "cert": ctx.load_cert_chain(path)
        else: ctx.load_verify_locations(path)
        print(json.dumps(""))
    except ssl.SSLError as e:
        print(json.dumps(str(e)))
`
	return pythonOutcomes(t, exec.Command(py, append([]string{"-c", script, mode}, paths...)...))
}

// pythonOnOpenSSL3 is the python3 command, skipping the test where there is
// none or its ssl module is not built on OpenSSL 3 (the one modelled).
func pythonOnOpenSSL3(t *testing.T) string {
	t.Helper()
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 is not installed")
	}
	if v, err := exec.Command(py, "-c", "import ssl; print(ssl.OPENSSL_VERSION_INFO[0])").Output(); err != nil || strings.TrimSpace(string(v)) < "3" {
		t.Skip("python3's ssl is not OpenSSL 3")
	}
	return py
}

// pythonOutcomes runs a Python script that prints one JSON string per file
// (what loading it gave) and returns them without Python's "(_ssl.c:NNN)".
func pythonOutcomes(t *testing.T, cmd *exec.Cmd) []string {
	t.Helper()
	out, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	var res []string
	for _, l := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		var s string
		if err := json.Unmarshal([]byte(l), &s); err != nil {
			t.Fatal(err)
		}
		res = append(res, pySSLSuffix.ReplaceAllString(s, ""))
	}
	return res
}

func TestFilesLoadAsPythonLoadsThem(t *testing.T) {
	two := func(a, b string) []byte { return append(fixture(t, a), fixture(t, b)...) }
	roles := []struct {
		role  Role
		mode  string
		base  []byte
		chain string
		extra []File
		// prefix is how PyMongo frames Python's error.
		prefix string
	}{
		{RoleCAFile, "verify", two("ca.pem", "other-ca.pem"), "server-chain.pem", nil, "ssl.SSLError: "},
		{RoleCRLFile, "verify", two("revocation/crl-good.pem", "revocation/crl-revoked.pem"), "revocation/good-leaf-chain.pem",
			[]File{{Name: "ca.pem", Role: RoleCAFile, Data: fixture(t, "ca.pem")}}, "ssl.SSLError: "},
		{RoleCertKeyFile, "cert", fixture(t, "client/client-rsa.pem"), "server-chain.pem",
			[]File{{Name: "ca.pem", Role: RoleCAFile, Data: fixture(t, "ca.pem")}}, "pymongo.errors.ConfigurationError: Private key doesn't match certificate: "},
	}
	dir := t.TempDir()
	for _, r := range roles {
		t.Run(string(r.role), func(t *testing.T) {
			forms := append([]fileEdit{}, ticketForms...)
			forms = append(forms, fileEdit{"DER", derOfFirst})
			var paths []string
			var datas [][]byte
			for i, f := range forms {
				data := f.edit(append([]byte{}, r.base...))
				p := filepath.Join(dir, fmt.Sprintf("%s-%d.pem", r.role, i))
				if err := os.WriteFile(p, data, 0o600); err != nil {
					t.Fatal(err)
				}
				paths, datas = append(paths, p), append(datas, data)
			}
			said := pythonLoads(t, r.mode, paths)
			for i, f := range forms {
				req := Request{At: fixtureAt, Files: append([]File{
					{Name: r.chain, Role: RoleServerChain, Data: fixture(t, r.chain)},
					{Name: "file.pem", Role: r.role, Data: datas[i]},
				}, r.extra...)}
				rep := Inspect(req)
				loadFails := rep.Verdict.Status == "fail" && phaseOf(rep) < phaseTLS
				switch {
				case said[i] == "" && loadFails:
					t.Errorf("%s: Python loads the file, the report says %q (%s)", f.name, rep.Verdict.PyMongoError, rep.Verdict.CheckID)
				case said[i] != "" && !loadFails:
					t.Errorf("%s: Python fails with %q, the report says %s: %s", f.name, said[i], rep.Verdict.Status, rep.Verdict.Headline)
				case said[i] != "":
					want := r.prefix + said[i]
					got := strings.TrimSuffix(rep.Verdict.PyMongoError, " (_ssl.c:…)")
					if got != want {
						t.Errorf("%s: PyMongo raises %q, the report predicts %q", f.name, want, rep.Verdict.PyMongoError)
					}
				}
			}
		})
	}
}

// phaseOf is the phase of the check the verdict names.
func phaseOf(rep Report) int {
	for i := range rep.Checks {
		if c := &rep.Checks[i]; c.ID == rep.Verdict.CheckID && c.Status == report.Fail {
			return phase(c)
		}
	}
	return phaseHandshake
}

func TestCAFileCertificatesOpenSSLSkipsAreNotTrusted(t *testing.T) {
	// The root is in the CA file, but indented: OpenSSL loads only the other
	// CA, so the chain has no trusted root, and the report says why.
	indented := nthBlock(1, func(b []string) []string {
		for i := range b {
			b[i] = "  " + b[i]
		}
		return b
	})(append(fixture(t, "other-ca.pem"), fixture(t, "ca.pem")...))
	rep := Inspect(Request{At: fixtureAt, Hosts: []string{"db0.example.net"}, Files: []File{
		{Name: "server-chain.pem", Role: RoleServerChain, Data: fixture(t, "server-chain.pem")},
		{Name: "ca.pem", Role: RoleCAFile, Data: indented},
	}})
	if statusOf(rep, "ca.load") != report.Warn {
		t.Fatalf("ca.load = %q, want warn", statusOf(rep, "ca.load"))
	}
	c := failingCheck(rep, "chain.trusted")
	if c == nil {
		t.Fatalf("the chain must not be trusted: %s", rep.Verdict.Headline)
	}
	if !strings.Contains(c.Detail, "ca.pem holds that certificate") || !strings.Contains(c.Fix, "Fix the layout of ca.pem") {
		t.Errorf("the missing issuer is in the CA file where OpenSSL does not read it: %s / %s", c.Detail, c.Fix)
	}
	for _, c := range rep.Checks {
		if c.ID == "ca.load" && !strings.Contains(c.Detail, "certinspect Test Root CA") {
			t.Errorf("ca.load must name the skipped root: %s", c.Detail)
		}
	}
}

func TestPastedCAFileIsAWarning(t *testing.T) {
	// The same indented text as a dropped file fails; pasted, its layout may
	// be the copy's: a warning, and the certificates read are trusted.
	indented := perLine(func(l string) string { return "> " + l })(fixture(t, "ca.pem"))
	for _, pasted := range []bool{false, true} {
		rep := Inspect(Request{At: fixtureAt, Hosts: []string{"db0.example.net"}, Files: []File{
			{Name: "server-chain.pem", Role: RoleServerChain, Data: fixture(t, "server-chain.pem")},
			{Name: "pasted-1.pem", Data: indented, Pasted: pasted},
		}})
		want := report.Fail
		if pasted {
			want = report.Warn
		}
		if got := statusOf(rep, "ca.load"); got != want {
			t.Errorf("pasted=%v: ca.load = %q, want %q", pasted, got, want)
		}
		// Either way the chain is analysed with the certificates read (a
		// file that does not load fails before any handshake).
		if got := statusOf(rep, "chain.trusted"); got != report.Pass {
			t.Errorf("pasted=%v: chain.trusted = %q, want pass", pasted, got)
		}
		if pasted && rep.Verdict.Status != "warn" {
			t.Errorf("pasted: verdict %s: %s", rep.Verdict.Status, rep.Verdict.Headline)
		}
	}
}

func TestCRLsOpenSSLSkipsAreNotUsed(t *testing.T) {
	// The CRL that revokes the leaf is indented: OpenSSL loads only the
	// other one, so PyMongo does not see the revocation. Over 1 MB the file
	// is not decoded a second time and the CRLs OpenSSL skips are told by
	// their BEGIN lines; text before the CRLs (which both readers ignore)
	// makes the file large.
	crls := append(fixture(t, "revocation/crl-good.pem"), perLine(func(l string) string { return "  " + l })(fixture(t, "revocation/crl-revoked.pem"))...)
	pad := bytes.Repeat([]byte("# exported by the CA's tooling, kept as it came\n"), (1<<20)/40)
	for _, tc := range []struct {
		name string
		data []byte
	}{
		{"small file", crls},
		{"file over 1 MB", append(pad, crls...)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.name != "small file" && len(tc.data) <= 1<<20 {
				t.Fatalf("the file is only %d bytes", len(tc.data))
			}
			rep := Inspect(Request{At: fixtureAt, Files: []File{
				{Name: "ca.pem", Role: RoleCAFile, Data: fixture(t, "ca.pem")},
				{Name: "crl.pem", Role: RoleCRLFile, Data: tc.data},
				{Name: "chain.pem", Role: RoleServerChain, Data: fixture(t, "revocation/revoked-leaf-chain.pem")},
			}})
			if rep.Verdict.Status != "warn" || statusOf(rep, "crl.revocation") != report.Warn {
				t.Fatalf("verdict %s (%s), crl.revocation %s", rep.Verdict.Status, rep.Verdict.Headline, statusOf(rep, "crl.revocation"))
			}
			if !strings.Contains(rep.Verdict.Headline, "does not see 1 CRL") {
				t.Errorf("headline %q", rep.Verdict.Headline)
			}
		})
	}
}

func TestCAFileAdviceNamesTheFormat(t *testing.T) {
	der := derOfFirst(fixture(t, "ca.pem"))
	tests := []struct {
		name    string
		data    []byte
		command string
	}{
		{"ca.der", der, "openssl x509 -inform DER -in ca.der -out ca.pem"},
		{"ca.txt", []byte(base64.StdEncoding.EncodeToString(fixture(t, "ca.pem"))), "base64 -d ca.txt > ca.pem"},
		{"ca.b64", []byte(base64.StdEncoding.EncodeToString(der)), "base64 -d ca.b64 | openssl x509 -inform DER -out ca.pem"},
		{"truststore.jks", append([]byte{0xFE, 0xED, 0xFE, 0xED, 0, 0, 0, 2}, der...), "keytool -importkeystore -srckeystore truststore.jks"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rep := Inspect(Request{At: fixtureAt, Files: []File{
				{Name: "server-chain.pem", Role: RoleServerChain, Data: fixture(t, "server-chain.pem")},
				{Name: tc.name, Role: RoleCAFile, Data: tc.data},
			}})
			c := failingCheck(rep, "ca.load")
			if c == nil {
				t.Fatalf("no failing ca.load: %s", rep.Verdict.Headline)
			}
			if len(c.Commands) == 0 || !strings.HasPrefix(c.Commands[0], tc.command) {
				t.Errorf("commands %q, want one starting %q", c.Commands, tc.command)
			}
		})
	}
}

func TestTrustSettingsLoadAsPythonLoadsThem(t *testing.T) {
	// A TRUSTED CERTIFICATE block is the certificate followed by OpenSSL's
	// trust settings; settings OpenSSL cannot read fail the whole load.
	root := derOfFirst(fixture(t, "ca.pem"))
	trusted := func(aux ...byte) []byte {
		return pem.EncodeToMemory(&pem.Block{Type: "TRUSTED CERTIFICATE", Bytes: append(append([]byte{}, root...), aux...)})
	}
	serverAuth := []byte{0x06, 0x08, 0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x03, 0x01}
	variants := []struct {
		name string
		data []byte
	}{
		{"no settings", trusted()},
		{"empty settings", trusted(0x30, 0x00)},
		{"trusted for serverAuth", trusted(append([]byte{0x30, 12, 0x30, 10}, serverAuth...)...)},
		{"rejected for serverAuth", trusted(append([]byte{0x30, 12, 0xA0, 10}, serverAuth...)...)},
		{"alias", trusted(0x30, 0x04, 0x0C, 0x02, 'c', 'a')},
		{"bytes after the settings", trusted(0x30, 0x00, 0x00)},
		{"garbage after the certificate", trusted(0x01, 0x02, 0x03)},
		{"an empty OID", trusted(0x30, 0x04, 0x30, 0x02, 0x06, 0x00)},
		{"an unknown field", trusted(0x30, 0x03, 0x02, 0x01, 0x01)},
	}
	dir := t.TempDir()
	var paths []string
	for i, v := range variants {
		p := filepath.Join(dir, fmt.Sprintf("ca-%d.pem", i))
		if err := os.WriteFile(p, v.data, 0o600); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	said := pythonLoads(t, "verify", paths)
	for i, v := range variants {
		rep := Inspect(Request{At: fixtureAt, Hosts: []string{"db0.example.net"}, Files: []File{
			{Name: "server-chain.pem", Role: RoleServerChain, Data: fixture(t, "server-chain.pem")},
			{Name: "ca.pem", Role: RoleCAFile, Data: v.data},
		}})
		loadFails := statusOf(rep, "ca.load") == report.Fail
		if (said[i] != "") != loadFails {
			t.Errorf("%s: Python says %q, the report's ca.load is %q", v.name, said[i], statusOf(rep, "ca.load"))
		}
		if said[i] != "" && !strings.Contains(rep.Verdict.PyMongoError, said[i]) {
			t.Errorf("%s: PyMongo raises %q, the report predicts %q", v.name, said[i], rep.Verdict.PyMongoError)
		}
	}
}

// A CRL whose entry's serial number is padded (not DER) stops OpenSSL's
// reading of the whole tlsCRLFile: Python decides, and the report predicts
// the same error when the MongoClient is built (found by the revocation
// differential run: the report had said "not revoked").
func TestPaddedCRLSerialStopsTheFile(t *testing.T) {
	path := filepath.Join("..", "testdata", "pki", "revocation", "crl-padded-serial.pem")
	if got := pythonLoads(t, "verify", []string{path}); len(got) != 1 || got[0] != "[X509] PEM lib" {
		t.Fatalf("Python: %q", got)
	}
	req := chainRequest(t, "revocation/good-leaf-chain.pem", "ca.pem", "db0.example.net")
	req.Files = append(req.Files, File{Name: "crl.pem", Role: RoleCRLFile, Data: fixture(t, "revocation/crl-padded-serial.pem")})
	rep := Inspect(req)
	if !strings.Contains(rep.Verdict.PyMongoError, "[X509] PEM lib") {
		t.Errorf("verdict %q predicts %q", rep.Verdict.Headline, rep.Verdict.PyMongoError)
	}
}
