package core

import (
	"os/exec"
	"strings"
	"testing"
)

// TestIDNAHostAsPython compares idnaHost with Python's "idna" codec, which
// Python's ssl applies to server_hostname. Skipped without python3.
func TestIDNAHostAsPython(t *testing.T) {
	hosts := []string{"bücher.example.net", "BÜCHER.Example.NET", "straße.example.net", "münchen.de", "例え.テスト",
		"café.example.com", "ñandú.example.org", "xn--bcher-kva.example.net", "db0.example.net", "παράδειγμα.δοκιμή", "пример.испытание"}
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 is not installed")
	}
	out, err := exec.Command(py, append([]string{"-c", "import sys\nfor h in sys.argv[1:]: print(h.encode('idna').decode())"}, hosts...)...).Output()
	if err != nil {
		t.Fatal(err)
	}
	want := strings.Split(strings.TrimSpace(string(out)), "\n")
	for i, h := range hosts {
		if got := idnaHost(h); got != want[i] {
			t.Errorf("%s: %s, Python says %s", h, got, want[i])
		}
	}
}

func TestUnicodeHostIsCheckedInItsIDNAForm(t *testing.T) {
	// Python checks (and names in its error) xn--bcher-kva.example.net.
	rep := Inspect(chainRequest(t, "server-chain.pem", "ca.pem", "bücher.example.net"))
	c := failingCheck(rep, "hostname.match")
	if c == nil || c.Subject != "xn--bcher-kva.example.net" {
		t.Fatalf("hostname.match must fail for the IDNA name: %+v", c)
	}
	if !strings.Contains(rep.Verdict.PyMongoError, "certificate is not valid for 'xn--bcher-kva.example.net'") {
		t.Errorf("PyMongo error %q", rep.Verdict.PyMongoError)
	}
}
