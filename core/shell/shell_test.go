package shell

import (
	"os/exec"
	"testing"
)

// Each word reaches a real shell's command as it was (skipped without sh).
func TestQuote(t *testing.T) {
	words := []string{"ca.pem", "/etc/ssl/mongo/ca.pem", "my ca.pem", "it's.pem", "a$b", "*.pem", "C:\\certs\\ca.pem", "", "x;rm -rf y", "%2Fca.pem"}
	for _, w := range words {
		if got := Quote(w); (got == w) != (w != "" && w != "my ca.pem" && w != "it's.pem" && w != "a$b" && w != "*.pem" && w != "C:\\certs\\ca.pem" && w != "x;rm -rf y") {
			t.Errorf("Quote(%q) = %q", w, got)
		}
	}
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Skip("no sh")
	}
	for _, w := range words {
		out, err := exec.Command(sh, "-c", "printf %s "+Quote(w)).Output()
		if err != nil || string(out) != w {
			t.Errorf("sh got %q for %q (%v)", out, w, err)
		}
	}
}
