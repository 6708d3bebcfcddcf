package worker

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"math/rand"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"certinspect/core"
)

var fixedAt = time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)

func pkiFile(t testing.TB, name string, role core.Role) core.File {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "testdata", "pki", name))
	if err != nil {
		t.Fatal(err)
	}
	return core.File{Name: name, Role: role, Data: b}
}

func mustJSON(t testing.TB, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

type logBuf struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *logBuf) logf(f string, a ...any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	fmt.Fprintf(&l.b, f+"\n", a...)
}

func (l *logBuf) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func do(h http.Handler, method, path, ctype string, body io.Reader, hdr ...string) *httptest.ResponseRecorder {
	r := httptest.NewRequest(method, path, body)
	if ctype != "" {
		r.Header.Set("Content-Type", ctype)
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		r.Header.Set(hdr[i], hdr[i+1])
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

func checkCommonHeaders(t *testing.T, w *httptest.ResponseRecorder) {
	t.Helper()
	for k, v := range map[string]string{"Cache-Control": "no-store", "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer"} {
		if got := w.Header().Get(k); got != v {
			t.Errorf("%s: %q, want %q", k, got, v)
		}
	}
}

// TestInspectIsTheCLIReport posts the requests behind the CLI's golden
// reports (testdata/golden, written by `certinspect --json`) and wants the
// same bytes back.
func TestInspectIsTheCLIReport(t *testing.T) {
	cases := []struct {
		golden string
		req    core.Request
	}{
		{"good", core.Request{Files: []core.File{pkiFile(t, "ca.pem", core.RoleCAFile), pkiFile(t, "server-chain.pem", core.RoleServerChain)}, Hosts: []string{"db0.example.net"}}},
		{"expired", core.Request{Files: []core.File{pkiFile(t, "ca.pem", core.RoleCAFile), pkiFile(t, "expired-chain.pem", core.RoleServerChain)}, Hosts: []string{"db0.example.net"}}},
		{"missing-intermediate", core.Request{Files: []core.File{pkiFile(t, "ca.pem", core.RoleCAFile), pkiFile(t, "missing-intermediate-chain.pem", core.RoleServerChain)}, Hosts: []string{"db0.example.net"}}},
		{"uri-wrong-host", core.Request{URI: "mongodb://other.example.net:27018/?tls=true", Files: []core.File{pkiFile(t, "ca.pem", core.RoleCAFile), pkiFile(t, "server-chain.pem", core.RoleServerChain)}}},
		{"handover-traps", core.Request{URI: "mongodb://user:secret@db0.example.net,db1.example.net/?ssl=true&ssl_cert_reqs=CERT_NONE&ssl_ca_certs=/etc/ssl/ca.pem&tlsAllowInvalidHostnames=TRUE",
			Files: []core.File{pkiFile(t, "server-chain.pem", core.RoleServerChain), pkiFile(t, "ca.pem", core.RoleAuto)}}},
	}
	h := New(Options{Now: func() time.Time { t.Fatal("the clock was read although the request has at"); return time.Time{} }})
	for _, tc := range cases {
		t.Run(tc.golden, func(t *testing.T) {
			tc.req.At = fixedAt
			w := do(h, "POST", PathInspect, "application/json", bytes.NewReader(mustJSON(t, tc.req)))
			if w.Code != 200 {
				t.Fatalf("status %d: %s", w.Code, w.Body)
			}
			checkCommonHeaders(t, w)
			if ct := w.Header().Get("Content-Type"); ct != "application/json; charset=utf-8" {
				t.Errorf("content type %q", ct)
			}
			want, err := os.ReadFile(filepath.Join("..", "testdata", "golden", tc.golden+".json"))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(w.Body.Bytes(), want) {
				t.Errorf("API report differs from the CLI's golden %s.json:\n%s", tc.golden, firstDiff(w.Body.String(), string(want)))
			}
			// And from core.Inspect itself, compared as parsed JSON.
			var got, direct any
			json.Unmarshal(w.Body.Bytes(), &got)
			json.Unmarshal(mustJSON(t, core.Inspect(tc.req)), &direct)
			if !reflect.DeepEqual(got, direct) {
				t.Error("API report differs from core.Inspect's")
			}
		})
	}
}

func firstDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < len(al) && i < len(bl); i++ {
		if al[i] != bl[i] {
			return fmt.Sprintf("line %d:\n got  %s\n want %s", i+1, al[i], bl[i])
		}
	}
	return fmt.Sprintf("lengths %d vs %d lines", len(al), len(bl))
}

// TestAtDefaultsToNow: a request without "at" is evaluated at the Worker's
// clock (the adapter's job), truncated to the second like the CLI's.
func TestAtDefaultsToNow(t *testing.T) {
	now := time.Date(2026, 6, 2, 3, 4, 5, 678, time.FixedZone("X", 3600))
	h := New(Options{Now: func() time.Time { return now }})
	body := `{"files":[{"name":"server-chain.pem","data":"` + base64.StdEncoding.EncodeToString(pkiFile(t, "server-chain.pem", "").Data) + `"}]}`
	w := do(h, "POST", PathInspect, "application/json; charset=utf-8", strings.NewReader(body))
	if w.Code != 200 {
		t.Fatalf("status %d: %s", w.Code, w.Body)
	}
	var rep struct {
		At     time.Time `json:"at"`
		Checks []struct {
			ID string `json:"id"`
		} `json:"checks"`
	}
	if err := json.Unmarshal(w.Body.Bytes(), &rep); err != nil {
		t.Fatal(err)
	}
	if want := time.Date(2026, 6, 2, 2, 4, 5, 0, time.UTC); !rep.At.Equal(want) || rep.At.Location() != time.UTC {
		t.Errorf("at = %v, want %v", rep.At, want)
	}
	for _, c := range rep.Checks {
		if c.ID == "request.at" {
			t.Error("core saw a request without a time")
		}
	}
}

// countingReader records how much of a body the handler read.
type countingReader struct {
	r io.Reader
	n atomic.Int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n.Add(int64(n))
	return n, err
}

func TestErrors(t *testing.T) {
	logs := &logBuf{}
	h := New(Options{Logf: logs.logf, Now: func() time.Time { return fixedAt }})
	const secret = "SECRET-BODY-MARKER"
	good := string(mustJSON(t, core.Request{Files: []core.File{{Name: "x", Data: []byte(secret)}}}))
	cases := []struct {
		name, method, path, ctype, body string
		status                          int
		code, detail                    string // detail: a substring
		allow                           string
	}{
		{"GET inspect", "GET", PathInspect, "", "", 405, "method_not_allowed", "takes POST", "POST"},
		{"PUT inspect", "PUT", PathInspect, "application/json", good, 405, "method_not_allowed", "not PUT", "POST"},
		{"POST health", "POST", PathHealth, "application/json", good, 405, "method_not_allowed", "", "GET, HEAD"},
		{"DELETE schema", "DELETE", PathSchema, "", "", 405, "method_not_allowed", "", "GET, HEAD"},
		{"OPTIONS without CORS", "OPTIONS", PathInspect, "", "", 405, "method_not_allowed", "", "POST"},
		{"no content type", "POST", PathInspect, "", good, 415, "unsupported_media_type", "application/json", ""},
		{"text/plain", "POST", PathInspect, "text/plain", good, 415, "unsupported_media_type", `"text/plain"`, ""},
		{"form", "POST", PathInspect, "application/x-www-form-urlencoded", "files=" + secret, 415, "unsupported_media_type", "", ""},
		{"latin1", "POST", PathInspect, "application/json; charset=iso-8859-1", good, 415, "unsupported_media_type", "UTF-8", ""},
		{"not JSON", "POST", PathInspect, "application/json", "-----BEGIN CERTIFICATE-----\n" + secret, 400, "bad_json", "not valid JSON", ""},
		{"empty body", "POST", PathInspect, "application/json", "", 400, "bad_json", "empty", ""},
		{"truncated", "POST", PathInspect, "application/json", `{"files":[{"name":"` + secret, 400, "bad_json", "ends too early", ""},
		{"array", "POST", PathInspect, "application/json", `[1,2]`, 400, "bad_json", "expected an object", ""},
		{"two objects", "POST", PathInspect, "application/json", `{} {"uri":"` + secret + `"}`, 400, "bad_json", "exactly one object", ""},
		{"bad base64", "POST", PathInspect, "application/json", `{"files":[{"name":"a.pem","data":"` + secret + `!"}]}`, 400, "bad_field", "files[0].data: not valid base64", ""},
		{"bad base64 in the third file", "POST", PathInspect, "application/json", `{"files":[{"name":"a.pem","data":""},{"name":"b.pem","data":"QQ=="},{"name":"c.pem","data":"QQ=@"}]}`, 400, "bad_field", "files[2].data: not valid base64 (bad byte at offset 2)", ""},
		{"unknown field in a file", "POST", PathInspect, "application/json", `{"files":[{"name":"chain.pem","content":"QQ=="}]}`, 400, "bad_field", "files[0].content: unknown field; a file takes name, role, data and pasted", ""},
		{"pasted not bool", "POST", PathInspect, "application/json", `{"files":[{"name":"a","data":"","pasted":1}]}`, 400, "bad_field", "files[0].pasted: expected true or false", ""},
		{"null", "POST", PathInspect, "application/json", `null`, 400, "bad_json", "expected an object", ""},
		{"files twice", "POST", PathInspect, "application/json", `{"files":[{"name":"a.pem","data":""}],"files":[{"name":"b.pem","data":""}]}`, 400, "bad_field", "files: given twice in one object", ""},
		{"field name case", "POST", PathInspect, "application/json", `{"Files":[]}`, 400, "bad_field", `Files: field names are case-sensitive; write "files"`, ""},
		{"file field case", "POST", PathInspect, "application/json", `{"files":[{"name":"a","DATA":"QQ=="}]}`, 400, "bad_field", `files[0].DATA: field names are case-sensitive; write "data"`, ""},
		{"files not array", "POST", PathInspect, "application/json", `{"files":{"name":"a"}}`, 400, "bad_field", "files: expected an array", ""},
		{"name not string", "POST", PathInspect, "application/json", `{"files":[{"name":5,"data":""}]}`, 400, "bad_field", "files[0].name: expected a string", ""},
		{"bad at", "POST", PathInspect, "application/json", `{"at":"` + secret + `"}`, 400, "bad_field", "at: not an RFC 3339 time", ""},
		{"at number", "POST", PathInspect, "application/json", `{"at":17}`, 400, "bad_field", "at: not an RFC 3339 time", ""},
		{"bad role", "POST", PathInspect, "application/json", `{"files":[{"name":"a","role":"caFile","data":""}]}`, 400, "bad_field", `files[0].role: unknown role "caFile"`, ""},
		{"bad lang", "POST", PathInspect, "application/json", `{"lang":"fr"}`, 400, "bad_field", `lang: unknown language "fr"`, ""},
		{"unknown field", "POST", PathInspect, "application/json", `{"file":[]}`, 400, "bad_field", "file: unknown field", ""},
		{"unknown path", "GET", "/api/v2/inspect", "", "", 404, "not_found", "POST /api/v1/inspect", ""},
	}
	// An address of the site (not /api/) with no page: a page, not JSON.
	if w := do(h, "GET", "/nonexistent", "", strings.NewReader("")); w.Code != 404 || !strings.HasPrefix(w.Header().Get("Content-Type"), "text/html") ||
		w.Header().Get("Content-Security-Policy") != "default-src 'none'" || !strings.Contains(w.Body.String(), `<a href="/">`) {
		t.Errorf("GET /nonexistent: %d %v %s", w.Code, w.Header(), w.Body)
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			w := do(h, tc.method, tc.path, tc.ctype, strings.NewReader(tc.body))
			if w.Code != tc.status {
				t.Fatalf("status %d, want %d: %s", w.Code, tc.status, w.Body)
			}
			checkCommonHeaders(t, w)
			var e apiError
			dec := json.NewDecoder(w.Body)
			dec.DisallowUnknownFields()
			if err := dec.Decode(&e); err != nil {
				t.Fatalf("error body is not {error, detail}: %v", err)
			}
			if e.Error != tc.code || e.Detail == "" || !strings.Contains(e.Detail, tc.detail) {
				t.Errorf("got %+v, want code %s and detail containing %q", e, tc.code, tc.detail)
			}
			if strings.Contains(e.Detail, secret) {
				t.Errorf("error detail quotes the body: %s", e.Detail)
			}
			if got := w.Header().Get("Allow"); got != tc.allow {
				t.Errorf("Allow %q, want %q", got, tc.allow)
			}
		})
	}
	if strings.Contains(logs.String(), secret) {
		t.Errorf("the log holds request data:\n%s", logs)
	}
}

// TestBodyLimit: a declared length over the limit is refused before a byte
// is read; an undeclared (chunked) body is cut at the limit.
func TestBodyLimit(t *testing.T) {
	h := New(Options{Now: func() time.Time { return fixedAt }})
	big := bytes.Repeat([]byte("A"), 20<<20)

	cr := &countingReader{r: bytes.NewReader(big)}
	r := httptest.NewRequest("POST", PathInspect, cr)
	r.Header.Set("Content-Type", "application/json")
	r.ContentLength = int64(len(big))
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	if w.Code != 413 || !strings.Contains(w.Body.String(), `"body_too_large"`) {
		t.Fatalf("declared 20 MB: status %d %s", w.Code, w.Body)
	}
	if cr.n.Load() != 0 {
		t.Errorf("read %d bytes of a body declared too large", cr.n.Load())
	}

	cr = &countingReader{r: bytes.NewReader(big)}
	r = httptest.NewRequest("POST", PathInspect, cr)
	r.Header.Set("Content-Type", "application/json")
	r.ContentLength = -1
	w = httptest.NewRecorder()
	h.ServeHTTP(w, r)
	if w.Code != 413 {
		t.Fatalf("chunked 20 MB: status %d", w.Code)
	}
	checkCommonHeaders(t, w)
	if n := cr.n.Load(); n > MaxBodyBytes+64<<10 {
		t.Errorf("read %d bytes, more than the limit %d", n, MaxBodyBytes)
	}

	// Just under the limit passes the size check (and is then refused as JSON
	// with a bad base64 payload, which proves it was read).
	small := New(Options{MaxBodyBytes: 1000, Now: func() time.Time { return fixedAt }})
	body := `{"files":[{"name":"a","data":"` + strings.Repeat("Q", 1000-34) + `"}]}`
	if len(body) != 1000 {
		t.Fatalf("body is %d bytes", len(body))
	}
	if w := do(small, "POST", PathInspect, "application/json", strings.NewReader(body)); w.Code != 400 {
		t.Errorf("1000-byte body at a 1000-byte limit: %d %s", w.Code, w.Body)
	}
	if w := do(small, "POST", PathInspect, "application/json", strings.NewReader(body+" ")); w.Code != 413 {
		t.Errorf("1001-byte body at a 1000-byte limit: %d %s", w.Code, w.Body)
	}
}

// TestGarbageFiles: files that are no certificate at all still give a
// report (200) that says so, never an error status or a panic.
func TestGarbageFiles(t *testing.T) {
	h := New(Options{Now: func() time.Time { return fixedAt }})
	rng := rand.New(rand.NewSource(1))
	noise := make([]byte, 64<<10)
	rng.Read(noise)
	pem := pkiFile(t, "server-chain.pem", "").Data
	cases := map[string][]core.File{
		"random bytes":    {{Name: "noise.bin", Data: noise}},
		"truncated PEM":   {{Name: "cut.pem", Role: core.RoleServerChain, Data: pem[:len(pem)/2]}},
		"PEM armour only": {{Name: "empty.pem", Role: core.RoleCAFile, Data: []byte("-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n")}},
		"empty file":      {{Name: "zero.pem", Role: core.RoleCertKeyFile}},
		"text as CRL":     {{Name: "crl.pem", Role: core.RoleCRLFile, Data: []byte("hello")}},
		"noise as OCSP":   {{Name: "ocsp.der", Role: core.RoleOCSPResponse, Data: noise[:300]}},
		"100 garbage files": func() []core.File {
			var fs []core.File
			for i := 0; i < 100; i++ {
				fs = append(fs, core.File{Name: fmt.Sprintf("f%d", i), Data: noise[i*100 : i*100+100]})
			}
			return fs
		}(),
	}
	for name, files := range cases {
		t.Run(name, func(t *testing.T) {
			w := do(h, "POST", PathInspect, "application/json", bytes.NewReader(mustJSON(t, core.Request{Files: files, At: fixedAt})))
			if w.Code != 200 {
				t.Fatalf("status %d: %s", w.Code, w.Body)
			}
			var rep core.Report
			if err := json.Unmarshal(w.Body.Bytes(), &rep); err != nil {
				t.Fatal(err)
			}
			if rep.Verdict.Status == "" || len(rep.Inputs) == 0 || len(rep.Checks) == 0 {
				t.Errorf("empty report: verdict %q, %d inputs, %d checks", rep.Verdict.Status, len(rep.Inputs), len(rep.Checks))
			}
			for _, c := range rep.Checks {
				if c.ID == "internal.error" {
					t.Errorf("internal error: %s", c.Detail)
				}
			}
		})
	}
}

// TestPanicRecovered: a panic inside the analysis becomes a 500 that neither
// answers nor logs what the panic said.
func TestPanicRecovered(t *testing.T) {
	logs := &logBuf{}
	h := New(Options{Logf: logs.logf, inspect: func(r core.Request) core.Report {
		panic("boom with " + string(r.Files[0].Data))
	}})
	body := mustJSON(t, core.Request{Files: []core.File{{Name: "k", Data: []byte("PRIVATE KEY BYTES")}}, At: fixedAt})
	w := do(h, "POST", PathInspect, "application/json", bytes.NewReader(body))
	if w.Code != 500 {
		t.Fatalf("status %d", w.Code)
	}
	checkCommonHeaders(t, w)
	var e apiError
	if err := json.Unmarshal(w.Body.Bytes(), &e); err != nil || e.Error != "internal" {
		t.Fatalf("body %s (%v)", w.Body, err)
	}
	for _, s := range []string{w.Body.String(), logs.String()} {
		if strings.Contains(s, "PRIVATE KEY") || strings.Contains(s, "boom") {
			t.Errorf("panic text leaked: %s", s)
		}
	}
	if !strings.Contains(logs.String(), "recovered panic") {
		t.Errorf("panic not logged: %q", logs.String())
	}
	// The handler keeps serving.
	if w := do(h, "GET", PathHealth, "", nil); w.Code != 200 {
		t.Errorf("health after panic: %d", w.Code)
	}
}

func TestHealth(t *testing.T) {
	h := New(Options{})
	w := do(h, "GET", PathHealth, "", nil)
	if w.Code != 200 {
		t.Fatalf("status %d", w.Code)
	}
	checkCommonHeaders(t, w)
	var got Health
	dec := json.NewDecoder(w.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&got); err != nil {
		t.Fatal(err)
	}
	if got.Status != "ok" || got.Name != "certinspect" || got.Version != core.Version || got.SchemaVersion != 1 ||
		got.MaxBodyBytes != MaxBodyBytes || !strings.HasPrefix(got.Build.GoVersion, "go") || got.Build.GOOS == "" {
		t.Errorf("health: %+v", got)
	}
	w = do(h, "HEAD", PathHealth, "", nil)
	if w.Code != 200 || w.Body.Len() != 0 || w.Header().Get("Content-Length") == "0" {
		t.Errorf("HEAD: %d, %d body bytes, Content-Length %q", w.Code, w.Body.Len(), w.Header().Get("Content-Length"))
	}
}

func TestCORS(t *testing.T) {
	off := New(Options{})
	w := do(off, "GET", PathHealth, "", nil, "Origin", "https://tickets.example.com")
	if v := w.Header().Get("Access-Control-Allow-Origin"); v != "" {
		t.Errorf("CORS off but Allow-Origin %q", v)
	}

	on := New(Options{AllowedOrigins: ParseOrigins(" https://tickets.example.com/, http://localhost:3000")})
	w = do(on, "OPTIONS", PathInspect, "", nil, "Origin", "https://tickets.example.com", "Access-Control-Request-Method", "POST")
	if w.Code != 204 || w.Header().Get("Access-Control-Allow-Origin") != "https://tickets.example.com" ||
		!strings.Contains(w.Header().Get("Access-Control-Allow-Methods"), "POST") || w.Header().Get("Access-Control-Allow-Headers") != "Content-Type" {
		t.Errorf("preflight from a listed origin: %d %v", w.Code, w.Header())
	}
	w = do(on, "POST", PathInspect, "application/json", strings.NewReader(`{"at":"2026-06-01T00:00:00Z"}`), "Origin", "http://localhost:3000")
	if w.Code != 200 || w.Header().Get("Access-Control-Allow-Origin") != "http://localhost:3000" || w.Header().Get("Vary") != "Origin" {
		t.Errorf("POST from a listed origin: %d %v", w.Code, w.Header())
	}
	w = do(on, "OPTIONS", PathInspect, "", nil, "Origin", "https://evil.example")
	if w.Code != 405 || w.Header().Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("preflight from another origin: %d %v", w.Code, w.Header())
	}
	w = do(on, "GET", PathHealth, "", nil, "Origin", "https://tickets.example.com.evil.example")
	if w.Header().Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("prefix origin allowed")
	}
	any := New(Options{AllowedOrigins: ParseOrigins("*")})
	w = do(any, "GET", PathHealth, "", nil, "Origin", "https://a.example")
	if w.Header().Get("Access-Control-Allow-Origin") != "https://a.example" {
		t.Errorf("* did not allow an origin")
	}
}

// TestConcurrent: 100 requests at once, mixed, each answered correctly.
func TestConcurrent(t *testing.T) {
	h := New(Options{Now: func() time.Time { return fixedAt }})
	reqs := [][]byte{
		mustJSON(t, core.Request{Files: []core.File{pkiFile(t, "ca.pem", core.RoleCAFile), pkiFile(t, "server-chain.pem", core.RoleServerChain)}, Hosts: []string{"db0.example.net"}, At: fixedAt}),
		mustJSON(t, core.Request{Files: []core.File{pkiFile(t, "ca.pem", core.RoleCAFile), pkiFile(t, "expired-chain.pem", core.RoleServerChain)}, At: fixedAt}),
		mustJSON(t, core.Request{Files: []core.File{pkiFile(t, "wrong-host-chain.pem", core.RoleServerChain)}, URI: "mongodb://db0.example.net/?tls=true", At: fixedAt, Lang: "ja"}),
	}
	want := make([][]byte, len(reqs))
	for i, b := range reqs {
		want[i] = do(h, "POST", PathInspect, "application/json", bytes.NewReader(b)).Body.Bytes()
	}
	var wg sync.WaitGroup
	errs := make(chan string, 100)
	for i := 0; i < 100; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			k := i % len(reqs)
			w := do(h, "POST", PathInspect, "application/json", bytes.NewReader(reqs[k]))
			if w.Code != 200 || !bytes.Equal(w.Body.Bytes(), want[k]) {
				errs <- fmt.Sprintf("request %d: status %d, body differs %v", i, w.Code, !bytes.Equal(w.Body.Bytes(), want[k]))
			}
		}(i)
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

// TestSchemaDescribesReports: the served schema is valid JSON Schema
// structure and every report of the fixtures validates against it.
func TestSchemaDescribesReports(t *testing.T) {
	h := New(Options{})
	w := do(h, "GET", PathSchema, "", nil)
	if w.Code != 200 || w.Header().Get("Content-Type") != "application/schema+json" {
		t.Fatalf("status %d, type %q", w.Code, w.Header().Get("Content-Type"))
	}
	checkCommonHeaders(t, w)
	var schema map[string]any
	if err := json.Unmarshal(w.Body.Bytes(), &schema); err != nil {
		t.Fatal(err)
	}
	defs, _ := schema["$defs"].(map[string]any)
	for _, name := range []string{"report.Check", "report.Certificate", "core.Verdict", "mongouri.Report"} {
		if defs[name] == nil {
			t.Errorf("$defs lacks %s", name)
		}
	}
	reqs := []core.Request{
		{Files: []core.File{pkiFile(t, "ca.pem", core.RoleCAFile), pkiFile(t, "server-chain.pem", core.RoleServerChain)}, Hosts: []string{"db0.example.net"}},
		{URI: "mongodb://u:p@db0.example.net/?tls=true&tlsCAFile=ca.pem&tlsCertificateKeyFile=client.pem", Files: []core.File{
			pkiFile(t, "ca.pem", core.RoleCAFile), pkiFile(t, "client/client-rsa.pem", core.RoleCertKeyFile), pkiFile(t, "server-chain.pem", core.RoleServerChain)},
			ErrorText: "[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: unable to get local issuer certificate (_ssl.c:1006)"},
		{Files: []core.File{{Name: "noise", Data: []byte{0, 1, 2}}}},
		{},
	}
	for i, rq := range reqs {
		rq.At = fixedAt
		var doc any
		json.Unmarshal(mustJSON(t, core.Inspect(rq)), &doc)
		if errs := validate(schema, schema, doc, "$"); len(errs) > 0 {
			t.Errorf("report %d does not validate:\n%s", i, strings.Join(errs, "\n"))
		}
	}
	// The validator itself rejects what the schema forbids.
	bad := map[string]any{"schemaVersion": "one", "extra": true}
	if errs := validate(schema, schema, bad, "$"); len(errs) < 2 {
		t.Errorf("validator accepted a bad report: %v", errs)
	}
}

// validate is a small JSON Schema checker for the keywords SchemaOf emits.
func validate(root, s map[string]any, v any, at string) []string {
	if ref, ok := s["$ref"].(string); ok {
		name := strings.TrimPrefix(ref, "#/$defs/")
		def, _ := root["$defs"].(map[string]any)[name].(map[string]any)
		if def == nil {
			return []string{at + ": dangling " + ref}
		}
		return validate(root, def, v, at)
	}
	if alts, ok := s["anyOf"].([]any); ok {
		var all []string
		for _, a := range alts {
			errs := validate(root, a.(map[string]any), v, at)
			if len(errs) == 0 {
				return nil
			}
			all = append(all, errs...)
		}
		return all
	}
	if enum, ok := s["enum"].([]any); ok {
		found := false
		for _, e := range enum {
			found = found || e == v
		}
		if !found {
			return []string{fmt.Sprintf("%s: %v not in %v", at, v, enum)}
		}
	}
	if typ, ok := s["type"]; ok {
		var types []string
		switch tt := typ.(type) {
		case string:
			types = []string{tt}
		case []any:
			for _, x := range tt {
				types = append(types, x.(string))
			}
		}
		kind := "null"
		switch x := v.(type) {
		case bool:
			kind = "boolean"
		case float64:
			kind = "number"
			if x == float64(int64(x)) {
				kind = "integer"
			}
		case string:
			kind = "string"
		case []any:
			kind = "array"
		case map[string]any:
			kind = "object"
		}
		ok := false
		for _, t := range types {
			ok = ok || t == kind || (t == "number" && kind == "integer")
		}
		if !ok {
			return []string{fmt.Sprintf("%s: %s, want %v", at, kind, types)}
		}
	}
	var errs []string
	switch x := v.(type) {
	case []any:
		if items, ok := s["items"].(map[string]any); ok {
			for i, e := range x {
				errs = append(errs, validate(root, items, e, fmt.Sprintf("%s[%d]", at, i))...)
			}
		}
	case map[string]any:
		props, _ := s["properties"].(map[string]any)
		if req, ok := s["required"].([]any); ok {
			for _, r := range req {
				if _, ok := x[r.(string)]; !ok {
					errs = append(errs, at+": missing "+r.(string))
				}
			}
		}
		for k, e := range x {
			if p, ok := props[k].(map[string]any); ok {
				errs = append(errs, validate(root, p, e, at+"."+k)...)
			} else if ap, ok := s["additionalProperties"].(map[string]any); ok {
				errs = append(errs, validate(root, ap, e, at+"."+k)...)
			} else if s["additionalProperties"] == false {
				errs = append(errs, at+": unexpected property "+k)
			}
		}
	}
	return errs
}

// FuzzInspect: any body gets a JSON answer with a documented status, and
// never a panic.
func FuzzInspect(f *testing.F) {
	f.Add(mustJSON(f, core.Request{Files: []core.File{pkiFile(f, "ca.pem", core.RoleCAFile), pkiFile(f, "server-chain.pem", core.RoleServerChain)}, At: fixedAt}))
	f.Add(mustJSON(f, core.Request{URI: "mongodb+srv://a.example.net/?tls=true", Files: []core.File{pkiFile(f, "client/client-rsa.pem", core.RoleCertKeyFile)}}))
	f.Add([]byte(`{"files":[{"name":"a","role":"bogus","data":"QQ=="}],"lang":"ja"}`))
	f.Add([]byte(`{"at":"2026-06-01T00:00:00Z"} trailing`))
	h := New(Options{MaxBodyBytes: 1 << 20, Now: func() time.Time { return fixedAt }})
	f.Fuzz(func(t *testing.T, body []byte) {
		w := do(h, "POST", PathInspect, "application/json", bytes.NewReader(body))
		switch w.Code {
		case 200, 400, 413:
		default:
			t.Fatalf("status %d: %s", w.Code, w.Body)
		}
		if !json.Valid(w.Body.Bytes()) {
			t.Fatalf("answer is not JSON: %q", w.Body)
		}
	})
}
