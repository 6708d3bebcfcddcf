package core

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// FuzzInspect runs a whole request through Inspect: one file in a role
// chosen by the fuzzer, beside the fixture CA file, with a connection string,
// a pasted error and a DNS answer. Inspect must not hit an internal error,
// must list the file, and its report must marshal.
// fuzzPassword is the request's key password; it must never reach the report
// (unless the fuzzer also typed it into another input).
const fuzzPassword = "pw-Zq8x-never-echoed"

// fuzzSlow is the time after which one Inspect call counts as a hang
// (coverage instrumentation makes code several times slower).
const fuzzSlow = 10 * time.Second

func FuzzInspect(f *testing.F) {
	var seeds []string
	for _, pattern := range []string{"*.pem", "client/*", "revocation/*", "keys/*.key", "trust/*.pem", "defect/*.pem"} {
		m, _ := filepath.Glob(filepath.Join("..", "testdata", "pki", pattern))
		seeds = append(seeds, m...)
	}
	hostile, _ := filepath.Glob(filepath.Join(hostileDir, "*"))
	for _, p := range hostile {
		if fi, err := os.Stat(p); err == nil && !fi.IsDir() && fi.Size() < 64<<10 {
			seeds = append(seeds, p)
		}
	}
	if len(seeds) < 20 {
		f.Fatalf("only %d seed files (run go run ./testdata/gen)", len(seeds))
	}
	uris := []string{"", "mongodb://db0.example.net/?tls=true&tlsCAFile=ca.pem", "mongodb+srv://c.example.net/?tlsCertificateKeyFile=client.pem&appName=x", "mongodb://db0.example.net/?tlsInsecure=true&tlsCRLFile=crl.pem"}
	errs := []string{"", "pymongo.errors.ServerSelectionTimeoutError: db0.example.net:27017: [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: unable to get local issuer certificate (_ssl.c:1006)"}
	for i, p := range seeds {
		data, err := os.ReadFile(p)
		if err != nil || strings.Contains(string(data), "ENCRYPTED") {
			// Encrypted keys make every execution run a KDF (seconds under
			// coverage instrumentation); keyfile's own FuzzKeyFile covers
			// them with lowered KDF limits.
			continue
		}
		f.Add(data, uint8(i), uris[i%len(uris)], errs[i%len(errs)], "")
	}
	f.Add([]byte{}, uint8(0), "mongodb+srv://c.example.net/", "", "_mongodb._tcp.c.example.net. 60 IN SRV 0 5 27017 db0.example.net.\nc.example.net. 60 IN TXT \"authSource=admin\"")
	ca := fixture(f, "ca.pem")
	f.Fuzz(func(t *testing.T, data []byte, role uint8, uri, errText, dns string) {
		r := Roles[int(role)%len(Roles)]
		req := Request{At: fixtureAt, URI: uri, ErrorText: errText, DNSAnswer: dns,
			Files:       []File{{Name: "fuzz.pem", Role: r, Data: data}, {Name: "ca.pem", Role: RoleCAFile, Data: ca}},
			KeyPassword: fuzzPassword}
		// A slow input is a finding: crash the worker with every stack so
		// the engine saves the input.
		watchdog := time.AfterFunc(fuzzSlow, func() {
			buf := make([]byte, 1<<20)
			panic(fmt.Sprintf("Inspect took over %v on this input:\n%s", fuzzSlow, buf[:runtime.Stack(buf, true)]))
		})
		rep := Inspect(req)
		watchdog.Stop()
		for _, c := range rep.Checks {
			if c.ID == "internal.error" {
				t.Fatalf("internal error: %s", c.Detail)
			}
		}
		found := false
		for _, in := range rep.Inputs {
			found = found || in.Name == "fuzz.pem"
		}
		if !found {
			t.Fatal("the file is not listed in the report")
		}
		js, err := json.Marshal(rep)
		if err != nil {
			t.Fatal(err)
		}
		all := uri + errText + dns + string(data)
		if !strings.Contains(all, fuzzPassword) && strings.Contains(string(js), fuzzPassword) {
			t.Fatal("the key password is in the report")
		}
	})
}
