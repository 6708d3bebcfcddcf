package core

import (
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"go/parser"
	"go/token"
	"math/big"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"certinspect/core/report"

	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"
)

// The hostile corpus (testdata/hostile, made by testdata/hostile/gen) and
// inputs too large to commit (made here with fixed seeds) go through Inspect
// in every role. Each run must: not panic (Inspect turns a panic into the
// check "internal.error", which is a bug), list every input with a summary,
// say something a person can act on for an input it could not use, finish
// within a generous time bound, and allocate within a bound tied to the input
// size. Speed targets belong to benchmarks; these bounds catch runaway work.

const (
	hostileDir = "../testdata/hostile"
	// perInspect bounds one Inspect call on this shared 2-core machine;
	// real runs take milliseconds to a second. js/wasm under Node runs about
	// three times slower, and explain.LooksLikeError needs seconds for a
	// large text file there (reported as a finding), so it gets 15 s.
	perInspectNative = 5 * time.Second
	perInspectWasm   = 15 * time.Second
	// allocBase and allocPerByte bound the bytes one Inspect may allocate:
	// allocBase plus allocPerByte times the input size.
	allocBase    = 256 << 20
	allocPerByte = 32
)

// hostileRoles are the roles every file is tried in.
var hostileRoles = []Role{RoleAuto, RoleServerChain, RoleCAFile, RoleCertKeyFile, RoleCRLFile, RoleOCSPResponse}

func readHostile(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(hostileDir, name))
	if err != nil {
		t.Fatalf("%s: %v (run go run ./testdata/hostile/gen)", name, err)
	}
	return data
}

// inspectHostile runs Inspect and checks what must hold for every input.
func inspectHostile(t testing.TB, label string, req Request) Report {
	t.Helper()
	if req.At.IsZero() {
		req.At = fixtureAt
	}
	size := len(req.URI) + len(req.ErrorText) + len(req.DNSAnswer)
	for _, f := range req.Files {
		size += len(f.Data)
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	start := time.Now() // measures duration only; the evaluation time is req.At
	rep := Inspect(req)
	elapsed := time.Since(start)
	runtime.ReadMemStats(&after)
	bound := perInspectNative
	if runtime.GOOS == "js" {
		bound = perInspectWasm
	}
	if elapsed > bound {
		t.Errorf("%s: Inspect took %v (bound %v)", label, elapsed, bound)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > uint64(allocBase+allocPerByte*size) {
		t.Errorf("%s: Inspect allocated %d MiB for %d bytes of input", label, alloc>>20, size)
	}
	assertSaneReport(t, label, req, rep)
	return rep
}

func assertSaneReport(t testing.TB, label string, req Request, rep Report) {
	t.Helper()
	for _, c := range rep.Checks {
		if c.ID == "internal.error" {
			t.Errorf("%s: internal error (a panic inside Inspect): %s", label, c.Detail)
		}
		if c.ID == "" || c.Status == "" || c.Title == "" {
			t.Errorf("%s: incomplete check %+v", label, c)
		}
	}
	if rep.Verdict.Status == "" || rep.Verdict.Headline == "" {
		t.Errorf("%s: no verdict: %+v", label, rep.Verdict)
	}
	if _, err := json.Marshal(rep); err != nil {
		t.Errorf("%s: report does not marshal: %v", label, err)
	}
	// Every file read is listed; the ones past a request limit are named
	// in a limit.
	listed := map[string]report.Input{}
	for _, in := range rep.Inputs {
		listed[in.Name] = in
	}
	total := 0
	for i, f := range req.Files {
		total += len(f.Data)
		if i >= MaxFiles || total > MaxTotalBytes {
			if len(rep.Limits) == 0 {
				t.Errorf("%s: %s was not read and no limit says so", label, f.Name)
			}
			break
		}
		name := f.Name
		if len(name) > MaxNameBytes {
			name = boundName(name) // named in a limit
		}
		in, ok := listed[name]
		if !ok {
			t.Errorf("%s: input %q is not listed in the report", label, name)
			continue
		}
		if in.Summary == "" || in.Format == "" {
			t.Errorf("%s: input %q has no format or summary: %+v", label, f.Name, in)
		}
		if len(in.Items) > 0 || in.Role == string(RoleErrorText) {
			continue
		}
		// Nothing usable was found: a person must be told so, about this file.
		if len(in.Errors)+len(in.Unsupported) > 0 || mentions(rep, f.Name) {
			continue
		}
		if in.Role == string(RoleAuto) && (in.Format == "empty" || in.Format == "text") {
			continue // an empty or text file in no role is only listed
		}
		t.Errorf("%s: %q (role %s, format %s, summary %q) gave nothing usable and no message about it", label, f.Name, in.Role, in.Format, in.Summary)
	}
}

// mentions reports whether a check or limit is about the named input.
func mentions(rep Report, name string) bool {
	for _, c := range rep.Checks {
		if c.Status != report.Pass && (c.Subject == name || strings.Contains(c.Title, name) || strings.Contains(c.Detail, name)) {
			return true
		}
	}
	for _, l := range rep.Limits {
		if l.Input == name {
			return true
		}
	}
	return false
}

// TestHostileCorpus runs every committed corpus file alone in every role.
func TestHostileCorpus(t *testing.T) {
	entries, err := os.ReadDir(hostileDir)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range entries {
		if e.IsDir() || e.Name() == "README.md" {
			continue
		}
		data := readHostile(t, e.Name())
		for _, role := range hostileRoles {
			label := e.Name() + " as " + string(role)
			inspectHostile(t, label, Request{Files: []File{{Name: e.Name(), Role: role, Data: data}}, Hosts: []string{"db0.example.net"}})
		}
		// As pasted text: connection string, error text and DNS answer.
		if len(data) <= 256<<10 {
			inspectHostile(t, e.Name()+" as text", Request{URI: string(data), ErrorText: string(data), DNSAnswer: string(data)})
		}
		n++
	}
	if n < 40 {
		t.Fatalf("only %d corpus files (run go run ./testdata/hostile/gen)", n)
	}
}

// hostileScenario is several corpus files used together.
type hostileScenario struct {
	name  string
	files []File // Data filled from the corpus by name when nil
	uri   string
	hosts []string
	check func(t *testing.T, rep Report)
}

func TestHostileScenarios(t *testing.T) {
	f := func(name string, role Role) File { return File{Name: name, Role: role} }
	scenarios := []hostileScenario{
		{name: "cross-signed loop, no anchor", files: []File{f("cross-signed-loop-chain.pem", RoleServerChain)},
			check: wantFail("chain.trusted")},
		{name: "cross-signed loop as both chain and CA file", files: []File{f("cross-signed-loop-chain.pem", RoleServerChain), f("cross-signed-loop-ca.pem", RoleCAFile)},
			check: wantFail("chain.trusted")},
		{name: "cross-signed mesh with one self-signed anchor", files: []File{f("cross-signed-mesh-chain.pem", RoleServerChain), f("cross-signed-mesh-ca.pem", RoleCAFile)}},
		{name: "cross-signed mesh, sniffed", files: []File{f("cross-signed-mesh-chain.pem", RoleAuto), f("cross-signed-mesh-ca.pem", RoleAuto), f("cross-signed-loop-ca.pem", RoleAuto)}},
		{name: "name-constraint explosion", files: []File{f("nc-explosion-chain.pem", RoleServerChain), f("hostile-ca.pem", RoleCAFile)},
			hosts: []string{"h0.p299.example.net"}, check: wantLimit("maxNameConstraintChecks")},
		{name: "names with markup, script URLs, control and bidi characters", files: []File{f("names-html-js-control-bidi-chain.pem", RoleServerChain), f("hostile-ca.pem", RoleCAFile)},
			hosts: []string{"<b>x</b>.example.com", "javascript:alert(1)", "\u202edb0.example.net"}},
		{name: "very long names", files: []File{f("names-very-long-chain.pem", RoleServerChain), f("hostile-ca.pem", RoleCAFile)},
			hosts: []string{strings.Repeat("x", 16000) + ".example.net"}},
		{name: "markup in the issuer", files: []File{f("names-html-issuer-chain.pem", RoleServerChain), f("crl-html-issuer.pem", RoleCRLFile)}},
		{name: "negative serial", files: []File{f("serial-negative-chain.pem", RoleServerChain), f("hostile-ca.pem", RoleCAFile)}},
		{name: "40-byte serial", files: []File{f("serial-40-bytes-chain.pem", RoleServerChain), f("hostile-ca.pem", RoleCAFile)}},
		{name: "zero and empty serials", files: []File{f("serial-zero-chain.pem", RoleServerChain), f("serial-empty-chain.pem", RoleAuto), f("hostile-ca.pem", RoleCAFile)}},
		{name: "unknown critical extension on the leaf", files: []File{f("unknown-critical-ext-chain.pem", RoleServerChain), f("hostile-ca.pem", RoleCAFile)},
			check: wantFail("chain.trusted")},
		{name: "unknown critical extension on the CA", files: []File{f("unknown-critical-ext-ca-chain.pem", RoleServerChain)}},
		{name: "CRL with a broken signature", files: []File{f("crl-leaf-chain.pem", RoleServerChain), f("hostile-ca.pem", RoleCAFile), f("crl-broken-signature.pem", RoleCRLFile)},
			check: wantFail("crl.revocation")},
		{name: "CRL (DER) with a broken signature, sniffed", files: []File{f("crl-leaf-chain.pem", RoleAuto), f("hostile-ca.pem", RoleCAFile), f("crl-broken-signature.der", RoleAuto), f("crl-truncated.der", RoleAuto)}},
		{name: "OCSP response for another certificate", files: []File{f("ocsp-served-chain.pem", RoleServerChain), f("ocsp-ca.pem", RoleCAFile), f("ocsp-for-other-cert.der", RoleOCSPResponse)}},
		{name: "truncated OCSP response", files: []File{f("ocsp-served-chain.pem", RoleServerChain), f("ocsp-ca.pem", RoleCAFile), f("ocsp-truncated.der", RoleOCSPResponse)}},
		{name: "100 KB connection string", uri: "@uri-100k.txt", check: wantLimit("uri.length")},
		{name: "hostile connection string with files", uri: "@uri-hostile.txt", files: []File{f("<b>.pem", RoleAuto), f("passwd", RoleAuto)}},
		{name: "hostile file names", files: []File{
			{Name: "<script>alert(1)</script>.pem", Data: fixture(t, "server-chain.pem")},
			{Name: "\u202emep.exe", Data: fixture(t, "ca.pem")},
			{Name: "../../etc/passwd\x00.pem", Data: []byte("root:x:0:0")},
			{Name: strings.Repeat("n", 10000), Data: nil},
		}},
		{name: "every corpus file at once", files: allCorpusFiles(t)},
	}
	for _, sc := range scenarios {
		t.Run(sc.name, func(t *testing.T) {
			req := Request{Hosts: sc.hosts}
			if strings.HasPrefix(sc.uri, "@") {
				req.URI = string(readHostile(t, sc.uri[1:]))
			}
			for _, fl := range sc.files {
				if fl.Data == nil {
					// A corpus file by name; other names stay empty files.
					if data, err := os.ReadFile(filepath.Join(hostileDir, fl.Name)); err == nil {
						fl.Data = data
					}
				}
				req.Files = append(req.Files, fl)
			}
			if len(req.Hosts) == 0 && req.URI == "" {
				req.Hosts = []string{"db0.example.net"}
			}
			rep := inspectHostile(t, sc.name, req)
			t.Logf("verdict %s: %s; checks: %s; limits: %d", rep.Verdict.Status, rep.Verdict.Headline, checkSummary(rep), len(rep.Limits))
			if sc.check != nil {
				sc.check(t, rep)
			}
		})
	}
}

func allCorpusFiles(t *testing.T) []File {
	entries, _ := os.ReadDir(hostileDir)
	var out []File
	for _, e := range entries {
		if !e.IsDir() && e.Name() != "README.md" {
			out = append(out, File{Name: e.Name(), Data: readHostile(t, e.Name())})
		}
	}
	return out
}

func wantFail(id string) func(*testing.T, Report) {
	return func(t *testing.T, rep Report) {
		t.Helper()
		if failingCheck(rep, id) == nil {
			t.Errorf("no failing %s check; checks: %s", id, checkSummary(rep))
		}
	}
}

func wantLimit(name string) func(*testing.T, Report) {
	return func(t *testing.T, rep Report) {
		t.Helper()
		if !hasLimit(rep, name) {
			t.Errorf("limit %s not reported; limits: %+v", name, rep.Limits)
		}
	}
}

func hasLimit(rep Report, name string) bool {
	for _, l := range rep.Limits {
		if l.Limit == name {
			return l.Detail != "" && l.Max > 0
		}
	}
	return false
}

func checkSummary(rep Report) string {
	var b strings.Builder
	seen := map[string]int{}
	for _, c := range rep.Checks {
		k := c.ID + "=" + string(c.Status)
		if seen[k]++; seen[k] == 1 {
			b.WriteString(k + " ")
		}
	}
	return b.String()
}

// TestHostileNamesStayData: markup and control characters in certificate
// names reach the report as the same text (for the front ends to escape),
// not cut into something else, and the hostile certificate is still read.
func TestHostileNamesStayData(t *testing.T) {
	rep := inspectHostile(t, "names", Request{Files: []File{
		{Name: "chain.pem", Role: RoleServerChain, Data: readHostile(t, "names-html-js-control-bidi-chain.pem")},
		{Name: "ca.pem", Role: RoleCAFile, Data: readHostile(t, "hostile-ca.pem")},
	}, Hosts: []string{"db0.example.net"}})
	js, _ := json.Marshal(rep)
	for _, want := range []string{"<img src=x onerror=alert(1)>", "javascript:alert(1)", "\u202egnp.exe"} {
		if !bytes.Contains(js, []byte(want)) && !bytes.Contains(js, jsonEscaped(want)) {
			t.Errorf("report lost the name %q", want)
		}
	}
	if len(rep.Certificates) != 2 {
		t.Errorf("%d certificates described, want 2", len(rep.Certificates))
	}
}

func jsonEscaped(s string) []byte {
	b, _ := json.Marshal(s)
	return bytes.Trim(b, `"`)
}

// leafDER is the real server certificate of the fixture PKI.
func leafDER(t testing.TB) []byte {
	blk, _ := pem.Decode(fixture(t, "server.pem"))
	if blk == nil {
		t.Fatal("no PEM in server.pem")
	}
	return blk.Bytes
}

// tagBoundaries returns every offset where a TLV of der starts, where its
// header ends, and where it ends, walking constructed values recursively.
func tagBoundaries(der []byte) []int {
	seen := map[int]bool{}
	var walk func(b cryptobyte.String, off int)
	walk = func(b cryptobyte.String, off int) {
		for len(b) > 0 {
			start := off
			var el cryptobyte.String
			var tag cbasn1.Tag
			var hdr int
			if !b.ReadAnyASN1Element(&el, &tag) {
				return
			}
			var content cryptobyte.String
			el2 := el
			el2.ReadAnyASN1(&content, &tag)
			hdr = len(el) - len(content)
			seen[start], seen[start+hdr], seen[start+len(el)] = true, true, true
			if tag&0x20 != 0 || tag == cbasn1.BIT_STRING || tag == cbasn1.OCTET_STRING {
				inner := content
				innerOff := start + hdr
				if tag == cbasn1.BIT_STRING && len(inner) > 0 {
					inner, innerOff = inner[1:], innerOff+1
				}
				if tag&0x20 != 0 || looksLikeDER(inner) {
					walk(inner, innerOff)
				}
			}
			off += len(el)
		}
	}
	walk(cryptobyte.String(der), 0)
	var out []int
	for o := range seen {
		if o > 0 && o < len(der) {
			out = append(out, o)
		}
	}
	sort.Ints(out)
	return out
}

func looksLikeDER(b []byte) bool {
	s := cryptobyte.String(b)
	var el cryptobyte.String
	var tag cbasn1.Tag
	return len(b) > 1 && s.ReadAnyASN1Element(&el, &tag) && len(s) == 0
}

// TestHostileTruncatedDER cuts a real certificate at every tag boundary and
// reads each piece in every role, as DER and as PEM.
func TestHostileTruncatedDER(t *testing.T) {
	der := leafDER(t)
	cuts := tagBoundaries(der)
	t.Logf("%d cuts of a %d-byte certificate", len(cuts), len(der))
	if len(cuts) < 50 {
		t.Fatalf("only %d tag boundaries found in the certificate", len(cuts))
	}
	for _, n := range cuts {
		piece := der[:n]
		for _, role := range hostileRoles {
			inspectHostile(t, fmt.Sprintf("DER cut at %d/%d as %s", n, len(der), role),
				Request{Files: []File{{Name: "cut.der", Role: role, Data: piece}}, Hosts: []string{"db0.example.net"}})
		}
		p := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: piece})
		rep := inspectHostile(t, fmt.Sprintf("PEM of DER cut at %d", n),
			Request{Files: []File{{Name: "cut.pem", Role: RoleServerChain, Data: p}}, Hosts: []string{"db0.example.net"}})
		if len(rep.Inputs) != 1 || len(rep.Inputs[0].Errors) == 0 {
			t.Errorf("PEM of DER cut at %d: no read error reported: %+v", n, rep.Inputs)
		}
	}
}

// TestHostileDeepNesting reads 100 and 100,000 nested SEQUENCEs.
func TestHostileDeepNesting(t *testing.T) {
	for _, depth := range []int{100, 100000} {
		b := nestedSequences(depth)
		for _, role := range hostileRoles {
			inspectHostile(t, fmt.Sprintf("%d-deep as %s", depth, role), Request{Files: []File{{Name: "deep.der", Role: role, Data: b}}})
		}
	}
}

// nestedSequences returns depth SEQUENCEs nested around a NULL, in DER.
func nestedSequences(depth int) []byte {
	sizes := make([]int, depth+1) // sizes[i]: content length at level i
	sizes[0] = 2
	hdr := func(n int) []byte {
		if n < 0x80 {
			return []byte{0x30, byte(n)}
		}
		var l []byte
		for ; n > 0; n >>= 8 {
			l = append([]byte{byte(n)}, l...)
		}
		return append([]byte{0x30, 0x80 | byte(len(l))}, l...)
	}
	for i := 1; i <= depth; i++ {
		sizes[i] = len(hdr(sizes[i-1])) + sizes[i-1]
	}
	b := make([]byte, 0, sizes[depth]+8)
	for i := depth; i >= 1; i-- {
		b = append(b, hdr(sizes[i-1])...)
	}
	return append(b, 0x05, 0x00)
}

// hostileKey is a fixed Ed25519 key for certificates made at test time.
func hostileKey(name string) ed25519.PrivateKey {
	s := sha256.Sum256([]byte("certinspect hostile test " + name))
	return ed25519.NewKeyFromSeed(s[:])
}

var (
	manyCertsOnce sync.Once
	manyCertsPEM  []byte
)

// manyCerts returns n+1 certificates in one PEM: n leaves issued by one CA,
// then the CA. The 10,001 are made once per test binary.
func manyCerts(t testing.TB, n int) []byte {
	t.Helper()
	manyCertsOnce.Do(func() {
		caKey := hostileKey("many ca")
		caT := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "Many CA"},
			NotBefore: time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC), NotAfter: time.Date(2040, 1, 1, 0, 0, 0, 0, time.UTC),
			IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign}
		caDER, err := x509.CreateCertificate(nil, caT, caT, caKey.Public(), caKey)
		if err != nil {
			panic(err)
		}
		ca, _ := x509.ParseCertificate(caDER)
		leafKey := hostileKey("many leaf")
		var b bytes.Buffer
		for i := 0; i < 10001; i++ {
			lt := &x509.Certificate{SerialNumber: big.NewInt(int64(i + 2)), Subject: pkix.Name{CommonName: fmt.Sprintf("h%d.example.net", i)},
				NotBefore: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), NotAfter: time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC),
				DNSNames: []string{fmt.Sprintf("h%d.example.net", i)}, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}
			der, err := x509.CreateCertificate(nil, lt, ca, leafKey.Public(), caKey)
			if err != nil {
				panic(err)
			}
			_ = pem.Encode(&b, &pem.Block{Type: "CERTIFICATE", Bytes: der})
		}
		_ = pem.Encode(&b, &pem.Block{Type: "CERTIFICATE", Bytes: caDER})
		manyCertsPEM = b.Bytes()
	})
	// Cut after n leaves and append the CA (the last block).
	blocks := bytes.SplitAfter(manyCertsPEM, []byte("-----END CERTIFICATE-----\n"))
	blocks = blocks[:len(blocks)-1] // the empty tail
	return append(bytes.Join(blocks[:n], nil), blocks[len(blocks)-1]...)
}

// TestHostileTenThousandCertificates reads 10,000 certificates in one PEM (the
// limit) in every role, and one more than the limit.
func TestHostileTenThousandCertificates(t *testing.T) {
	skipLarge(t)
	data := manyCerts(t, 9999) // 9,999 leaves and their CA
	for _, role := range hostileRoles {
		rep := inspectHostile(t, "10,000 certificates as "+string(role), Request{Files: []File{{Name: "many.pem", Role: role, Data: data}}, Hosts: []string{"h0.example.net"}})
		if hasLimit(rep, "maxCertificates") || hasLimit(rep, "maxPEMBlocks") {
			t.Errorf("10,000 certificates (at the limit) reported a limit: %+v", rep.Limits)
		}
	}
	rep := inspectHostile(t, "10,001 certificates", Request{Files: []File{{Name: "many.pem", Role: RoleServerChain, Data: manyCerts(t, 10000)}}})
	if !hasLimit(rep, "maxCertificates") && !hasLimit(rep, "maxPEMBlocks") {
		t.Errorf("10,001 certificates: no limit reported: %+v", rep.Limits)
	}
}

// randomFile is n bytes from a fixed seed.
func randomFile(n int, seed uint64) []byte {
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	b := make([]byte, n)
	for i := 0; i+8 <= len(b); i += 8 {
		v := r.Uint64()
		for j := 0; j < 8; j++ {
			b[i+j] = byte(v >> (8 * j))
		}
	}
	return b
}

// TestHostileRandom64MiB reads 64 MiB of random bytes (the per-file limit) in
// every role, with bounded time and memory, and checks that the heap returns
// to where it was.
func TestHostileRandom64MiB(t *testing.T) {
	skipLarge(t)
	data := randomFile(64<<20, 64)
	runtime.GC()
	var base runtime.MemStats
	runtime.ReadMemStats(&base)
	for _, role := range hostileRoles {
		rep := inspectHostile(t, "64 MiB random as "+string(role), Request{Files: []File{{Name: "random.bin", Role: role, Data: data}}})
		if hasLimit(rep, "maxFileBytes") {
			t.Errorf("64 MiB (at the limit) reported maxFileBytes")
		}
	}
	inspectHostile(t, "64 MiB random as text", Request{ErrorText: string(data[:1<<20]), DNSAnswer: string(data[:1<<20]), URI: string(data[:1<<20])})
	runtime.GC()
	var end runtime.MemStats
	runtime.ReadMemStats(&end)
	if grow := int64(end.HeapAlloc) - int64(base.HeapAlloc); grow > 16<<20 {
		t.Errorf("heap grew by %d MiB across the runs (retained memory)", grow>>20)
	}
	// One byte more is over the per-file limit.
	data = append(data, 0)
	rep := inspectHostile(t, "64 MiB + 1 random", Request{Files: []File{{Name: "random.bin", Data: data}}})
	if !hasLimit(rep, "maxFileBytes") {
		t.Errorf("64 MiB + 1: maxFileBytes not reported: %+v", rep.Limits)
	}
}

// selfSignedCAs returns n self-signed CA certificates (one key, distinct
// names) in one PEM: each is a candidate leaf and anchor for path building.
func selfSignedCAs(t testing.TB, n int, prefix string) []byte {
	t.Helper()
	key := hostileKey("self-signed " + prefix)
	var b bytes.Buffer
	for i := 0; i < n; i++ {
		ct := &x509.Certificate{SerialNumber: big.NewInt(int64(i + 1)), Subject: pkix.Name{CommonName: fmt.Sprintf("%s %d", prefix, i)},
			NotBefore: time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC), NotAfter: time.Date(2040, 1, 1, 0, 0, 0, 0, time.UTC),
			IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign}
		der, err := x509.CreateCertificate(nil, ct, ct, key.Public(), key)
		if err != nil {
			t.Fatal(err)
		}
		_ = pem.Encode(&b, &pem.Block{Type: "CERTIFICATE", Bytes: der})
	}
	return b.Bytes()
}

// TestHostileManyPathCandidates: many self-signed CAs presented as the
// server chain and as CA files, so every certificate is a candidate for path
// building in several files at once.
func TestHostileManyPathCandidates(t *testing.T) {
	skipLarge(t)
	var files []File
	for i := 0; i < 4; i++ {
		role := RoleServerChain
		if i%2 == 1 {
			role = RoleCAFile
		}
		files = append(files, File{Name: fmt.Sprintf("cas-%d.pem", i), Role: role, Data: selfSignedCAs(t, 10000, fmt.Sprintf("CA%d", i))})
	}
	inspectHostile(t, "1 file of 10,000 self-signed CAs", Request{Files: files[:1]})
	rep := inspectHostile(t, "4 files of 10,000 self-signed CAs", Request{Files: files})
	if !hasLimit(rep, LimitPathCertificates) {
		t.Errorf("40,000 certificates: %s not reported: %+v", LimitPathCertificates, rep.Limits)
	}
	if len(rep.Certificates) != MaxPathCertificates {
		t.Errorf("%d certificates described, want %d", len(rep.Certificates), MaxPathCertificates)
	}
}

func TestNestedSequencesIsDER(t *testing.T) {
	for _, d := range []int{1, 100, 1000} {
		b := nestedSequences(d)
		for i := 0; i < d; i++ {
			s := cryptobyte.String(b)
			var inner cryptobyte.String
			if !s.ReadASN1(&inner, cbasn1.SEQUENCE) || !s.Empty() {
				t.Fatalf("depth %d: level %d is not one DER SEQUENCE", d, i)
			}
			b = inner
		}
		if string(b) != "\x05\x00" {
			t.Fatalf("depth %d: innermost %x", d, b)
		}
	}
}

// skipLarge skips the large-input tests in -short runs and under js/wasm
// (make test-wasm), where the page's own tests in e2e/ cover large inputs.
func skipLarge(t *testing.T) {
	t.Helper()
	if testing.Short() || runtime.GOOS == "js" {
		t.Skip("large input")
	}
}

// TestCoreHasNoNetwork: no package under core/ (but the catalogue tools in
// i18n/internal, which only tests and go run use) imports a network client,
// a process or file-system API, or calls a resolver or dialer (the page
// promises that nothing leaves it; core is what the page runs).
func TestCoreHasNoNetwork(t *testing.T) {
	forbiddenImports := map[string]bool{"net/http": true, "net/rpc": true, "net/smtp": true, "net/mail": false, "os/exec": true, "syscall": true, "syscall/js": true, "os": true, "io/fs": false, "crypto/tls": true}
	// print and println (the builtins) write to stderr, the browser's
	// console in wasm: a debugging leftover.
	forbiddenCalls := regexp.MustCompile(`(?m)\bnet\.(Dial|Listen|Lookup|Resolver|DefaultResolver)|\btime\.Now\(|^\s+print(ln)?\(`)
	n := 0
	err := filepath.WalkDir(".", func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") || strings.Contains(path, "i18n/internal/") {
			return err
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, src, parser.ImportsOnly)
		if err != nil {
			return err
		}
		for _, im := range f.Imports {
			if p := strings.Trim(im.Path.Value, `"`); forbiddenImports[p] {
				t.Errorf("%s imports %s", path, p)
			}
		}
		if m := forbiddenCalls.Find(src); m != nil {
			t.Errorf("%s calls %s", path, m)
		}
		n++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 30 {
		t.Fatalf("only %d files checked", n)
	}
}

// TestHostileManyDefectiveCertificates reads 10,000 distinct certificates Go
// refuses and core/repair reads (an extension twice), in every role: each is
// repaired and put back in its place, without work growing with the square
// of their number.
func TestHostileManyDefectiveCertificates(t *testing.T) {
	skipLarge(t)
	var blocks []*pem.Block
	rest := fixture(t, "defect/ca-duplicate-extension-chain.pem")
	for {
		var b *pem.Block
		if b, rest = pem.Decode(rest); b == nil {
			break
		}
		blocks = append(blocks, b)
	}
	der := blocks[1].Bytes // the intermediate, re-signed with an extension twice
	tbs := cryptobyte.String(der)
	var cert, body cryptobyte.String
	var serial []byte
	if !tbs.ReadASN1(&cert, cbasn1.SEQUENCE) || !cert.ReadASN1(&body, cbasn1.SEQUENCE) || !body.SkipOptionalASN1(cbasn1.Tag(0).Constructed().ContextSpecific()) || !body.ReadASN1Bytes(&serial, cbasn1.INTEGER) {
		t.Fatal("no serial")
	}
	at := bytes.Index(der, serial)
	var out bytes.Buffer
	for i := 0; i < 10000; i++ {
		c := append([]byte(nil), der...)
		c[at+len(serial)-1], c[at+len(serial)-2] = byte(i), byte(i>>8)+0x10 // distinct, positive, minimal
		pem.Encode(&out, &pem.Block{Type: "CERTIFICATE", Bytes: c})
	}
	for _, role := range hostileRoles {
		rep := inspectHostile(t, "10,000 defective certificates as "+string(role), Request{Files: []File{{Name: "many.pem", Role: role, Data: out.Bytes()}}, Hosts: []string{"h0.example.net"}})
		if role == RoleCAFile && (len(rep.Inputs) != 1 || rep.Inputs[0].Summary != "10000 certificates") {
			t.Errorf("as the CA file: %q", rep.Inputs[0].Summary)
		}
	}
}
