package bench

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"certinspect/core"
	"certinspect/core/report"
)

const root = ".."

func mustTypical(tb testing.TB) core.Request {
	tb.Helper()
	req, err := Typical(root)
	if err != nil {
		tb.Fatal(err)
	}
	return req
}

// TestTypicalTicket checks that the benchmarked request is the scenario it
// claims to be: every input read, the chain verified for all three hosts, the
// encrypted key decrypted, the CRL and OCSP response consulted, verdict ok.
func TestTypicalTicket(t *testing.T) {
	rep := core.Inspect(mustTypical(t))
	if rep.Verdict.Status != "ok" {
		t.Fatalf("verdict %+v", rep.Verdict)
	}
	if len(rep.Inputs) != 5 {
		t.Errorf("%d inputs, want 5", len(rep.Inputs))
	}
	if rep.Chain == nil || len(rep.Hosts) != 3 {
		t.Errorf("chain %v, hosts %+v", rep.Chain != nil, rep.Hosts)
	}
	if len(rep.KeyFiles) != 1 {
		t.Errorf("key files %+v", rep.KeyFiles)
	}
	if rep.Revocation == nil || len(rep.Revocation.CRLs) != 1 {
		t.Errorf("revocation %+v", rep.Revocation)
	}
	for _, c := range rep.Checks {
		if c.Status == report.Fail {
			t.Errorf("failed check %s %s: %s", c.ID, c.Subject, c.Title)
		}
	}
}

// TestRootStore checks that the public chain verifies against the bundled
// roots and only against them (the same chain with a CA file that does not
// hold GTS Root R1 must fail).
func TestRootStore(t *testing.T) {
	req, err := RootStore(root)
	if err != nil {
		t.Fatal(err)
	}
	rep := core.Inspect(req)
	if rep.Verdict.Status != "ok" {
		t.Fatalf("public chain against the bundled roots: verdict %+v", rep.Verdict)
	}
	ca, err := os.ReadFile(filepath.Join(root, "testdata", "pki", "ca.pem"))
	if err != nil {
		t.Fatal(err)
	}
	req.Files = append(req.Files, core.File{Name: "ca.pem", Role: core.RoleCAFile, Data: ca})
	if rep := core.Inspect(req); rep.Verdict.Status != "fail" {
		t.Fatalf("public chain against an unrelated CA file: verdict %+v", rep.Verdict)
	}
}

func BenchmarkTypicalTicket(b *testing.B) {
	req := mustTypical(b)
	b.ReportAllocs()
	for b.Loop() {
		if rep := core.Inspect(req); rep.Verdict.Status != "ok" {
			b.Fatal(rep.Verdict)
		}
	}
}

// BenchmarkRootStore is the warm cost (the bundled pool is parsed once per
// process; `benchnative roots` measures the first call in a fresh process).
func BenchmarkRootStore(b *testing.B) {
	req, err := RootStore(root)
	if err != nil {
		b.Fatal(err)
	}
	core.Inspect(req)
	b.ReportAllocs()
	for b.Loop() {
		if rep := core.Inspect(req); rep.Verdict.Status != "ok" {
			b.Fatal(rep.Verdict)
		}
	}
}

// CRLDir is where core/revocation's benchmarks cache their generated CRLs
// (crl-v1-<entries>-none.pem); CERTINSPECT_BENCH_CRL_DIR overrides it.
func CRLDir() string {
	if d := os.Getenv("CERTINSPECT_BENCH_CRL_DIR"); d != "" {
		return d
	}
	return filepath.Join(os.TempDir(), "certinspect-crl-bench")
}

// CRLPath is the PEM CRL with n entries (none of them the good leaf).
func CRLPath(n int) string {
	return filepath.Join(CRLDir(), fmt.Sprintf("crl-v1-%d-none.pem", n))
}

// BenchmarkCRLInspect is core.Inspect with the good leaf, the CA file and a
// large PEM CRL: what the page and the wasm bench run.
func BenchmarkCRLInspect(b *testing.B) {
	for _, n := range []int{10_000, 100_000, 1_000_000} {
		b.Run(fmt.Sprintf("%dk", n/1000), func(b *testing.B) {
			p := CRLPath(n)
			if _, err := os.Stat(p); err != nil {
				b.Skipf("%s missing: run go test -run '^$' -bench CRLMembership ./core/revocation first", p)
			}
			req, err := BigCRL(root, p)
			if err != nil {
				b.Fatal(err)
			}
			b.SetBytes(int64(len(req.Files[2].Data)))
			b.ReportAllocs()
			for b.Loop() {
				rep := core.Inspect(req)
				if rep.Revocation == nil || len(rep.Revocation.CRLs) != 1 || rep.Revocation.CRLs[0].Entries != int64(n) || !rep.Revocation.CRLs[0].SignatureValid {
					b.Fatalf("%+v", rep.Revocation)
				}
				if rep.Verdict.Status == "fail" {
					b.Fatal(rep.Verdict)
				}
			}
		})
	}
}
