package core

import (
	"encoding/json"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Key files with keys Go cannot read as they are (RSA-PSS, explicit curve
// parameters, Ed448, DSA, X25519) and keys encrypted with the schemes before
// PBES2, with no, the right and a wrong password: Python's load_cert_chain
// decides, and the report must agree: loading (no failure before the TLS
// phase) or PyMongo's error; undecided cases must say so. Fixtures:
// testdata/pki/client/openssl (its README says how they were made).
func TestKeyFilesLoadAsPythonLoadsThem(t *testing.T) {
	const pw = "correct horse battery staple"
	p := func(s string) *string { return &s }
	cases := []struct {
		cert, key string
		password  *string
		// undecided: the report must not predict (warn, "Not enough to predict").
		undecided bool
	}{
		{"rsa-pss.crt", "rsa-pss.key", nil, false},
		{"rsa.crt", "rsa-pss.key", nil, false},
		{"rsa-pss.crt", "rsa.key", nil, false},
		{"ec-explicit.crt", "ec-explicit.key", nil, false},
		{"ec-explicit.crt", "ec-explicit-pkcs8.key", nil, false},
		{"ec-explicit.crt", "ec-explicit-pbes1-sha1-3des.key", p(pw), false},
		{"ed448.crt", "ed448.key", nil, true},
		{"ed448.crt", "ed448-pbes1-sha1-3des.key", p(pw), true},
		{"ed448.crt", "rsa.key", nil, false},
		{"dsa.crt", "dsa.key", nil, true},
		{"x25519.crt", "x25519.key", nil, false},
		{"rsa.crt", "rsa-pbes1-sha1-3des.key", nil, false},
		{"rsa.crt", "rsa-pbes1-sha1-3des.key", p(pw), false},
		{"rsa.crt", "rsa-pbes1-sha1-3des.key", p("Tr0ub4dor&3"), false},
		{"rsa.crt", "rsa-pbes1-sha1-2des.key", p(pw), false},
		{"rsa.crt", "rsa-pbes1-sha1-3des-empty.key", p(""), false},
		{"rsa.crt", "rsa-pbes1-sha1-3des-utf8.key", p("pässwörd-ключ"), false},
		{"rsa.crt", "rsa-pbes1-md5-des.key", nil, false},
		{"rsa.crt", "rsa-pbes1-md5-des.key", p(pw), false},
		{"rsa.crt", "rsa-pbes1-sha1-des.key", p("Tr0ub4dor&3"), false},
		{"rsa.crt", "rsa-pbes1-sha1-rc2-40.key", nil, false},
		{"rsa.crt", "rsa-pbes1-sha1-rc2-40.key", p(pw), false},
		{"rsa.crt", "rsa-pbes2-camellia128.key", nil, false},
		{"rsa.crt", "rsa-pbes2-camellia128.key", p(pw), true},
		{"rsa.crt", "rsa-pbes2-camellia128.key", p("Tr0ub4dor&3"), true},
	}
	dir := t.TempDir()
	type load struct {
		Path     string  `json:"path"`
		Password *string `json:"password"`
	}
	var loads []load
	datas := make([][]byte, len(cases))
	for i, c := range cases {
		datas[i] = append(fixture(t, "client/openssl/"+c.cert), fixture(t, "client/openssl/"+c.key)...)
		path := filepath.Join(dir, c.cert+"+"+c.key)
		if err := os.WriteFile(path, datas[i], 0o600); err != nil {
			t.Fatal(err)
		}
		loads = append(loads, load{path, c.password})
	}
	said := pythonLoadsCertKey(t, loads)
	for i, c := range cases {
		name := c.cert + "+" + c.key
		if c.password != nil {
			name += " password " + *c.password
		}
		req := Request{At: time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC), URI: "mongodb://db0.example.net/?tls=true",
			Files: []File{{Name: "client.pem", Role: RoleCertKeyFile, Data: datas[i]}}}
		if c.password != nil {
			req.URI += "&tlsCertificateKeyFilePassword=" + strings.ReplaceAll(url.QueryEscape(*c.password), "+", "%20")
		}
		rep := Inspect(req)
		loadFails := rep.Verdict.Status == "fail" && phaseOf(rep) < phaseTLS
		switch {
		case said[i] == "" && loadFails:
			t.Errorf("%s: Python loads the file, the report says %q (%s)", name, rep.Verdict.PyMongoError, rep.Verdict.CheckID)
		case said[i] != "" && !loadFails && !c.undecided:
			t.Errorf("%s: Python fails with %q, the report says %s: %s", name, said[i], rep.Verdict.Status, rep.Verdict.Headline)
		case said[i] != "" && !c.undecided && !strings.Contains(rep.Verdict.PyMongoError, said[i]):
			t.Errorf("%s: Python fails with %q, the report predicts %q", name, said[i], rep.Verdict.PyMongoError)
		}
		if undecided := rep.Verdict.Status == "warn" && strings.HasPrefix(rep.Verdict.Headline, "Not enough to predict"); undecided != c.undecided {
			t.Errorf("%s: undecided %v, want %v: %s", name, undecided, c.undecided, rep.Verdict.Headline)
		}
	}
}

// pythonLoadsCertKey loads each file with Python's ssl as PyMongo does, with
// its password (none: OpenSSL would prompt; the script has no terminal, so
// Python raises OSError as PyMongo does in a service), and returns "" or the
// error without its "(_ssl.c:N)" suffix.
func pythonLoadsCertKey(t *testing.T, loads any) []string {
	t.Helper()
	py := pythonOnOpenSSL3(t)
	const script = `
import json, os, ssl, sys
os.setsid()  # no controlling terminal: OpenSSL cannot prompt
for l in json.loads(sys.argv[1]):
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    try:
        ctx.load_cert_chain(l["path"], None, l["password"])
        print(json.dumps(""))
    except ssl.SSLError as e:
        print(json.dumps(str(e)))
    except OSError as e:
        print(json.dumps("OSError: " + str(e)))
`
	arg, _ := json.Marshal(loads)
	return pythonOutcomes(t, exec.Command(py, "-c", script, string(arg)))
}
