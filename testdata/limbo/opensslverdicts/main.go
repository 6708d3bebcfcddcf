// Command opensslverdicts runs `openssl verify` on every x509-limbo case the
// limbo test applies, configured as Python's ssl module configures OpenSSL for
// PyMongo, and writes testdata/limbo/openssl-verdicts.json: the cases where
// OpenSSL's verdict differs from limbo's expected result, with OpenSSL's error.
// core/limbo_test.go reads it to decide which SUCCESS cases may fail ("OpenSSL,
// as PyMongo runs it, rejects it too") and which FAILURE cases PyMongo would
// accept.
//
// Run it with `make limbo-openssl` (from the repository root). It needs the
// openssl binary (3.0.x, as on the systems PyMongo users run); `make test`
// never runs it.
//
// The openssl command mirrors PyMongo's ssl.SSLContext: purpose sslserver
// (a client verifying a server), security level 2 (-auth_level 2, Debian and
// Ubuntu's default), no -x509_strict, no -partial_chain, no system store, the
// case's trusted certificates as -CAfile, its intermediates as -untrusted, the
// host checked with -verify_hostname or -verify_ip, CRLs (when the case has
// them) with -crl_check as PyMongo's tlsCRLFile sets VERIFY_CRL_CHECK_LEAF.
// One difference remains: Python also sets X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS,
// which `openssl verify` cannot; cases whose leaf has a partial wildcard SAN
// are marked "partialWildcard" so the test can treat them apart.
package main

import (
	"bytes"
	"compress/gzip"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"time"
)

type peerName struct {
	Kind  string `json:"kind"`
	Value string `json:"value"`
}

type testcase struct {
	ID                     string    `json:"id"`
	ValidationKind         string    `json:"validation_kind"`
	TrustedCerts           []string  `json:"trusted_certs"`
	UntrustedIntermediates []string  `json:"untrusted_intermediates"`
	PeerCertificate        string    `json:"peer_certificate"`
	ValidationTime         string    `json:"validation_time"`
	ExpectedResult         string    `json:"expected_result"`
	ExpectedPeerName       *peerName `json:"expected_peer_name"`
	CRLs                   []string  `json:"crls"`
}

// Verdict is OpenSSL's outcome for one case that disagrees with limbo.
type Verdict struct {
	// Result is what OpenSSL decided: "SUCCESS" or "FAILURE".
	Result string `json:"result"`
	// Error is OpenSSL's first error ("20 at depth 0: unable to get local issuer certificate").
	Error string `json:"error,omitempty"`
}

type output struct {
	Note      string             `json:"note"`
	OpenSSL   string             `json:"openssl"`
	Command   string             `json:"command"`
	Time      string             `json:"defaultTime"`
	Cases     int                `json:"cases"`
	Agree     int                `json:"agree"`
	Disagree  map[string]Verdict `json:"disagree"`
	Unchecked map[string]string  `json:"unchecked,omitempty"`
}

// DefaultTime is used for cases without validation_time; core/limbo_test.go
// uses the same.
const DefaultTime = "2026-11-28T00:00:00Z"

var errRe = regexp.MustCompile(`error (\d+) at (\d+) depth lookup: (.*)`)

func main() {
	in := flag.String("in", "testdata/limbo/limbo.json.gz", "limbo.json(.gz)")
	out := flag.String("out", "testdata/limbo/openssl-verdicts.json", "output file")
	bin := flag.String("openssl", "openssl", "openssl binary")
	flag.Parse()

	cases, err := load(*in)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	ver, err := exec.Command(*bin, "version").Output()
	if err != nil {
		fmt.Fprintln(os.Stderr, "openssl:", err)
		os.Exit(2)
	}
	tmp, err := os.MkdirTemp("", "limbo-openssl")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	defer os.RemoveAll(tmp)

	res := output{
		Note:      "Cases where `openssl verify`, run as PyMongo runs OpenSSL, disagrees with x509-limbo's expected result. Regenerate with `make limbo-openssl`.",
		OpenSSL:   strings.TrimSpace(string(ver)),
		Command:   "openssl verify -no-CApath -no-CAstore -CAfile trusted.pem [-untrusted intermediates.pem] -purpose sslserver -auth_level 2 -attime <validation_time> (-verify_hostname H | -verify_ip IP) [-crl_check -CRLfile crls.pem] peer.pem",
		Time:      DefaultTime,
		Disagree:  map[string]Verdict{},
		Unchecked: map[string]string{},
	}
	var mu sync.Mutex
	work := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < runtime.NumCPU(); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				tc := cases[i]
				v, skip := verify(*bin, filepath.Join(tmp, fmt.Sprint(i)), tc)
				mu.Lock()
				switch {
				case skip != "":
					res.Unchecked[tc.ID] = skip
				case v.Result == tc.ExpectedResult:
					res.Cases++
					res.Agree++
				default:
					res.Cases++
					res.Disagree[tc.ID] = v
				}
				mu.Unlock()
			}
		}()
	}
	for i, tc := range cases {
		if tc.ValidationKind != "SERVER" || tc.ExpectedPeerName == nil ||
			(tc.ExpectedPeerName.Kind != "DNS" && tc.ExpectedPeerName.Kind != "IP") {
			continue
		}
		work <- i
	}
	close(work)
	wg.Wait()
	if len(res.Unchecked) == 0 {
		res.Unchecked = nil
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(res); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	if err := os.WriteFile(*out, buf.Bytes(), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	fmt.Printf("%s: %d cases, %d agree with limbo, %d disagree\n", *out, res.Cases, res.Agree, len(res.Disagree))
}

func load(path string) ([]testcase, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if strings.HasSuffix(path, ".gz") {
		zr, err := gzip.NewReader(bytes.NewReader(b))
		if err != nil {
			return nil, err
		}
		var buf bytes.Buffer
		if _, err := buf.ReadFrom(zr); err != nil {
			return nil, err
		}
		b = buf.Bytes()
	}
	var doc struct {
		Testcases []testcase `json:"testcases"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		return nil, err
	}
	return doc.Testcases, nil
}

func verify(bin, dir string, tc testcase) (Verdict, string) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return Verdict{}, err.Error()
	}
	defer os.RemoveAll(dir)
	write := func(name string, pems []string) string {
		p := filepath.Join(dir, name)
		os.WriteFile(p, []byte(strings.Join(pems, "\n")), 0o644)
		return p
	}
	at := DefaultTime
	if tc.ValidationTime != "" {
		at = tc.ValidationTime
	}
	t, err := time.Parse(time.RFC3339, at)
	if err != nil {
		return Verdict{}, "bad validation_time " + at
	}
	args := []string{"verify", "-no-CApath", "-no-CAstore"}
	if len(tc.TrustedCerts) > 0 {
		args = append(args, "-CAfile", write("trusted.pem", tc.TrustedCerts))
	} else {
		args = append(args, "-no-CAfile")
	}
	if len(tc.UntrustedIntermediates) > 0 {
		args = append(args, "-untrusted", write("untrusted.pem", tc.UntrustedIntermediates))
	}
	args = append(args, "-purpose", "sslserver", "-auth_level", "2", "-attime", fmt.Sprint(t.Unix()))
	if tc.ExpectedPeerName.Kind == "IP" {
		args = append(args, "-verify_ip", tc.ExpectedPeerName.Value)
	} else {
		args = append(args, "-verify_hostname", tc.ExpectedPeerName.Value)
	}
	if len(tc.CRLs) > 0 {
		args = append(args, "-crl_check", "-CRLfile", write("crls.pem", tc.CRLs))
	}
	args = append(args, write("peer.pem", []string{tc.PeerCertificate}))
	cmd := exec.Command(bin, args...)
	var outb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &outb, &outb
	done := make(chan error, 1)
	if err := cmd.Start(); err != nil {
		return Verdict{}, err.Error()
	}
	go func() { done <- cmd.Wait() }()
	select {
	case err = <-done:
	case <-time.After(60 * time.Second):
		cmd.Process.Kill()
		<-done
		return Verdict{Result: "FAILURE", Error: "timeout after 60 s"}, ""
	}
	if err == nil {
		if tc.ExpectedPeerName.Kind == "DNS" && onlyPartialWildcard(tc.PeerCertificate, tc.ExpectedPeerName.Value) {
			return Verdict{Result: "FAILURE", Error: "62 at depth 0: hostname mismatch (Python sets X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS; openssl verify cannot)"}, ""
		}
		return Verdict{Result: "SUCCESS"}, ""
	}
	if m := errRe.FindStringSubmatch(outb.String()); m != nil {
		return Verdict{Result: "FAILURE", Error: fmt.Sprintf("%s at depth %s: %s", m[1], m[2], m[3])}, ""
	}
	first := strings.SplitN(strings.TrimSpace(outb.String()), "\n", 2)[0]
	return Verdict{Result: "FAILURE", Error: first}, ""
}

// onlyPartialWildcard reports whether host is matched by no DNS SAN of the
// certificate except one with a partial wildcard label ("f*", "*x", "a*b").
func onlyPartialWildcard(peerPEM, host string) bool {
	b, _ := pem.Decode([]byte(peerPEM))
	if b == nil {
		return false
	}
	c, err := x509.ParseCertificate(b.Bytes)
	if err != nil {
		return false
	}
	host = strings.ToLower(strings.TrimSuffix(host, "."))
	partial := false
	for _, d := range c.DNSNames {
		d = strings.ToLower(strings.TrimSuffix(d, "."))
		if !strings.Contains(d, "*") {
			if d == host {
				return false
			}
			continue
		}
		first, rest, _ := strings.Cut(d, ".")
		if first == "*" {
			if _, hrest, ok := strings.Cut(host, "."); ok && hrest == rest {
				return false
			}
			continue
		}
		partial = true
	}
	return partial
}
