//go:build !js && !wasip1

package revocation

import (
	"encoding/pem"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"
)

// TestOpenSSLCRLTiming prints, for the benchmark CRLs, the CPU time of
// `openssl crl -noout` and of `openssl verify -crl_check` next to our own
// check of the same file, for `make bench`. It runs only with
// CERTINSPECT_BENCH_OPENSSL=1 (it takes a while) and when openssl exists.
//
//	CERTINSPECT_BENCH_OPENSSL=1 go test -run TestOpenSSLCRLTiming -v ./core/revocation
func TestOpenSSLCRLTiming(t *testing.T) {
	if os.Getenv("CERTINSPECT_BENCH_OPENSSL") != "1" {
		t.Skip("set CERTINSPECT_BENCH_OPENSSL=1")
	}
	bin, err := exec.LookPath("openssl")
	if err != nil {
		t.Skip("openssl not installed")
	}
	opt := optsFor(t, "revocation/good-leaf-chain.pem")
	dir := t.TempDir()
	leaf := filepath.Join(dir, "leaf.pem")
	os.WriteFile(leaf, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: opt.Leaf.Raw}), 0o644)
	for _, n := range []int{10_000, 100_000, 1_000_000} {
		_, pemData, pemPath := bigCRL(t, n, nil)
		// Best of three, CPU time (user+system), so that a busy machine does
		// not distort the comparison.
		ours := best(func() time.Duration {
			start := cpuNow()
			Check([]CRLInput{{Name: "big.pem", Data: pemData}}, nil, opt, en)
			return cpuNow() - start
		})
		crl := best(func() time.Duration {
			return childCPU(t, exec.Command(bin, "crl", "-noout", "-in", pemPath))
		})
		verify := best(func() time.Duration {
			return childCPU(t, exec.Command(bin, "verify", "-crl_check", "-attime", strconv.FormatInt(at.Unix(), 10),
				"-CAfile", filepath.Join(pkiDir, "ca.pem"), "-untrusted", filepath.Join(pkiDir, "revocation/good-leaf-chain.pem"),
				"-CRLfile", pemPath, leaf))
		})
		t.Logf("%8d entries (%5.1f MB PEM): certinspect %8.1f ms | openssl crl -noout %8.1f ms (%.1fx) | openssl verify -crl_check %8.1f ms (%.1fx)",
			n, float64(len(pemData))/1e6, ms(ours), ms(crl), float64(crl)/float64(ours), ms(verify), float64(verify)/float64(ours))
	}
}

func best(f func() time.Duration) time.Duration {
	var b time.Duration
	for i := 0; i < 3; i++ {
		if d := f(); i == 0 || d < b {
			b = d
		}
	}
	return b
}

func ms(d time.Duration) float64 { return float64(d) / 1e6 }

func cpuNow() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func childCPU(t *testing.T, cmd *exec.Cmd) time.Duration {
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%v: %v\n%s", cmd.Args, err, out)
	}
	return cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
}
