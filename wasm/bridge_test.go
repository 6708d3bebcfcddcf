//go:build js && wasm

package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"certinspect/core"

	"github.com/hack-pad/safejs"
)

// Run with: GOOS=js GOARCH=wasm go test -exec="$(go env GOROOT)/lib/wasm/go_js_wasm_exec" ./wasm/
// The tests call the bridge exactly as JavaScript does: through the global
// object that register defines.

var at = time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)

const global = "certinspectTest"

func bridge(t *testing.T) safejs.Value {
	t.Helper()
	obj, err := register(global)
	if err != nil {
		t.Fatalf("register: %v", err)
	}
	return obj
}

// must unwraps a setup step; its error means the test harness is broken.
func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

func noErr(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func jsNew(t *testing.T, ctor string, args ...any) safejs.Value {
	t.Helper()
	c := must(safejs.Global().Get(ctor))
	return must(c.New(args...))
}

// jsEval evaluates a JavaScript expression (test-only: builds hostile values).
func jsEval(t *testing.T, expr string) safejs.Value {
	t.Helper()
	fn := jsNew(t, "Function", "return ("+expr+");")
	return must(fn.Invoke())
}

func jsBytes(t *testing.T, b []byte) safejs.Value {
	t.Helper()
	u := jsNew(t, "Uint8Array", len(b))
	if _, err := safejs.CopyBytesToJS(u, b); err != nil {
		t.Fatal(err)
	}
	return u
}

type jsFile struct {
	name, role string
	data       any // []byte or a safejs.Value
}

// jsRequest builds a request object; fields maps to strings, []string,
// []jsFile or raw safejs values.
func jsRequest(t *testing.T, fields map[string]any) safejs.Value {
	t.Helper()
	obj := jsNew(t, "Object")
	for k, v := range fields {
		var val any
		switch x := v.(type) {
		case []string:
			arr := jsNew(t, "Array")
			for i, s := range x {
				noErr(t, arr.SetIndex(i, s))
			}
			val = arr
		case []jsFile:
			arr := jsNew(t, "Array")
			for i, f := range x {
				fo := jsNew(t, "Object")
				noErr(t, fo.Set("name", f.name))
				if f.role != "" {
					noErr(t, fo.Set("role", f.role))
				}
				switch d := f.data.(type) {
				case []byte:
					noErr(t, fo.Set("data", jsBytes(t, d)))
				case safejs.Value:
					noErr(t, fo.Set("data", d))
				}
				noErr(t, arr.SetIndex(i, fo))
			}
			val = arr
		default:
			val = x
		}
		noErr(t, obj.Set(k, val))
	}
	return obj
}

// await calls certinspectTest.inspect(args...) and waits for the promise.
func await(t *testing.T, obj safejs.Value, args ...any) (safejs.Value, string, bool) {
	t.Helper()
	p, err := obj.Call("inspect", args...)
	if err != nil {
		t.Fatalf("inspect threw synchronously: %v", err)
	}
	type result struct {
		v   safejs.Value
		msg string
		ok  bool
	}
	ch := make(chan result, 1)
	onOK := must(safejs.FuncOf(func(_ safejs.Value, a []safejs.Value) any {
		ch <- result{v: a[0], ok: true}
		return nil
	}))
	defer onOK.Release()
	onErr := must(safejs.FuncOf(func(_ safejs.Value, a []safejs.Value) any {
		m, _ := a[0].Get("message")
		s, _ := m.String()
		ch <- result{msg: s}
		return nil
	}))
	defer onErr.Release()
	if _, err := p.Call("then", onOK.Value(), onErr.Value()); err != nil {
		t.Fatalf("inspect did not return a promise: %v", err)
	}
	select {
	case r := <-ch:
		return r.v, r.msg, r.ok
	case <-time.After(60 * time.Second):
		t.Fatal("promise never settled")
	}
	return safejs.Value{}, "", false
}

func stringify(t *testing.T, v safejs.Value) []byte {
	t.Helper()
	j := must(safejs.Global().Get("JSON"))
	s := must(must(j.Call("stringify", v)).String())
	return []byte(s)
}

func fixture(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "testdata", "pki", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// sameJSON compares two JSON documents as values.
func sameJSON(t *testing.T, got, want []byte) {
	t.Helper()
	var g, w any
	if err := json.Unmarshal(got, &g); err != nil {
		t.Fatalf("bridge JSON: %v", err)
	}
	if err := json.Unmarshal(want, &w); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(g, w) {
		t.Errorf("bridge report differs from core.Inspect's JSON\n got: %.2000s\nwant: %.2000s", got, want)
	}
}

func TestInspectMatchesCore(t *testing.T) {
	obj := bridge(t)
	ca, chain := fixture(t, "ca.pem"), fixture(t, "server-chain.pem")
	tests := []struct {
		name  string
		js    map[string]any
		goReq core.Request
	}{
		{
			name: "chain with CA file",
			js: map[string]any{
				"files": []jsFile{{"ca.pem", "tlsCAFile", ca}, {"server-chain.pem", "serverChain", chain}},
				"hosts": []string{"db0.example.net"},
				"at":    "2026-06-01T00:00:00Z",
			},
			goReq: core.Request{
				Files: []core.File{{Name: "ca.pem", Role: core.RoleCAFile, Data: ca}, {Name: "server-chain.pem", Role: core.RoleServerChain, Data: chain}},
				Hosts: []string{"db0.example.net"},
				At:    at,
			},
		},
		{
			name: "uri, error text and language",
			js: map[string]any{
				"uri":       "mongodb://db0.example.net/?tls=true&tlsCAFile=ca.pem",
				"files":     []jsFile{{"ca.pem", "", ca}},
				"errorText": "[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: unable to get local issuer certificate (_ssl.c:1006)",
				"lang":      "ja",
				"at":        "2026-06-01T09:00:00+09:00",
			},
			goReq: core.Request{
				URI:       "mongodb://db0.example.net/?tls=true&tlsCAFile=ca.pem",
				Files:     []core.File{{Name: "ca.pem", Data: ca}},
				ErrorText: "[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: unable to get local issuer certificate (_ssl.c:1006)",
				Lang:      "ja",
				At:        time.Date(2026, 6, 1, 9, 0, 0, 0, time.FixedZone("", 9*3600)),
			},
		},
		{
			name:  "at as a Date, empty request otherwise",
			js:    map[string]any{"at": jsEval(t, `new Date(Date.UTC(2026, 5, 1))`)},
			goReq: core.Request{At: at},
		},
		{
			name:  "ArrayBuffer data",
			js:    map[string]any{"files": []jsFile{{"ca.pem", "tlsCAFile", must(jsBytes(t, ca).Get("buffer"))}}, "at": "2026-06-01T00:00:00Z"},
			goReq: core.Request{Files: []core.File{{Name: "ca.pem", Role: core.RoleCAFile, Data: ca}}, At: at},
		},
	}
	// Pasted text: the flag reaches core (as pasted, a quoted CA file is a
	// warning; as a file, PyMongo could not load it).
	quoted := []byte("> " + strings.ReplaceAll(strings.TrimSuffix(string(ca), "\n"), "\n", "\n> ") + "\n")
	pastedReq := jsRequest(t, map[string]any{"files": []jsFile{{"pasted-1.pem", "tlsCAFile", quoted}, {"server-chain.pem", "serverChain", chain}}, "at": "2026-06-01T00:00:00Z"})
	noErr(t, must(must(pastedReq.Get("files")).Index(0)).Set("pasted", true))
	v, msg, ok := await(t, obj, pastedReq)
	if !ok {
		t.Fatalf("pasted text rejected: %s", msg)
	}
	want, err := json.Marshal(core.Inspect(core.Request{At: at, Files: []core.File{
		{Name: "pasted-1.pem", Role: core.RoleCAFile, Data: quoted, Pasted: true}, {Name: "server-chain.pem", Role: core.RoleServerChain, Data: chain}}}))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(stringify(t, v)), `"status":"warn"`) {
		t.Error("pasted: the report has no warning")
	}
	sameJSON(t, stringify(t, v), want)

	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			v, msg, ok := await(t, obj, jsRequest(t, tc.js))
			if !ok {
				t.Fatalf("rejected: %s", msg)
			}
			want, err := json.Marshal(core.Inspect(tc.goReq))
			if err != nil {
				t.Fatal(err)
			}
			sameJSON(t, stringify(t, v), want)
		})
	}
}

func TestDefaultAtIsNow(t *testing.T) {
	obj := bridge(t)
	defer func(f func() time.Time) { nowFunc = f }(nowFunc)
	nowFunc = func() time.Time { return time.Date(2031, 2, 3, 4, 5, 6, 7, time.UTC) }
	v, msg, ok := await(t, obj, jsRequest(t, map[string]any{}))
	if !ok {
		t.Fatalf("rejected: %s", msg)
	}
	var rep struct{ At time.Time }
	if err := json.Unmarshal(stringify(t, v), &rep); err != nil {
		t.Fatal(err)
	}
	if want := time.Date(2031, 2, 3, 4, 5, 6, 0, time.UTC); !rep.At.Equal(want) {
		t.Errorf("at = %v, want %v", rep.At, want)
	}
}

func TestBadRequests(t *testing.T) {
	obj := bridge(t)
	ca := fixture(t, "ca.pem")
	tests := []struct {
		name string
		args func(t *testing.T) []any
		want string
	}{
		{"no request", func(t *testing.T) []any { return nil }, "missing request"},
		{"a number", func(t *testing.T) []any { return []any{42} }, "must be an object, got number"},
		{"a string", func(t *testing.T) []any { return []any{"ca.pem"} }, "must be an object, got string"},
		{"null", func(t *testing.T) []any { return []any{safejs.Null()} }, "must be an object, got null"},
		{"unknown field", func(t *testing.T) []any {
			return []any{jsRequest(t, map[string]any{"tlsCAFile": "ca.pem"})}
		}, `unknown request field "tlsCAFile"`},
		{"files not an array", func(t *testing.T) []any {
			return []any{jsRequest(t, map[string]any{"files": "ca.pem"})}
		}, "request.files must be an array"},
		{"file not an object", func(t *testing.T) []any {
			return []any{jsEval(t, `{files: ["ca.pem"]}`)}
		}, "request.files[0] must be an object"},
		{"file data as string", func(t *testing.T) []any {
			return []any{jsEval(t, `{files: [{name: "ca.pem", data: "-----BEGIN CERTIFICATE-----"}]}`)}
		}, "request.files[0].data must be a Uint8Array"},
		{"file data as base64 array", func(t *testing.T) []any {
			return []any{jsEval(t, `{files: [{name: "ca.pem", data: [1, 2, 3]}]}`)}
		}, "request.files[0].data must be a Uint8Array"},
		{"file without data", func(t *testing.T) []any {
			return []any{jsEval(t, `{files: [{name: "ca.pem", role: "tlsCAFile"}]}`)}
		}, `request.files[0] ("ca.pem") has no data`},
		{"unknown file field", func(t *testing.T) []any {
			return []any{jsEval(t, `{files: [{name: "a", bytes: new Uint8Array(1)}]}`)}
		}, `unknown file field "bytes"`},
		{"bad role", func(t *testing.T) []any {
			return []any{jsRequest(t, map[string]any{"files": []jsFile{{"ca.pem", "trustStore", ca}}})}
		}, `request.files[0].role "trustStore" is not a role; use one of auto, serverChain, tlsCAFile`},
		{"pasted not a boolean", func(t *testing.T) []any {
			return []any{jsEval(t, `{files: [{name: "a", data: new Uint8Array(1), pasted: "yes"}]}`)}
		}, "request.files[0].pasted must be true or false, got string"},
		{"name not a string", func(t *testing.T) []any {
			return []any{jsEval(t, `{files: [{name: 7, data: new Uint8Array(1)}]}`)}
		}, "request.files[0].name must be a string, got number"},
		{"at not RFC 3339", func(t *testing.T) []any {
			return []any{jsRequest(t, map[string]any{"at": "01/06/2026"})}
		}, `request.at "01/06/2026" is not an RFC 3339 date-time`},
		{"at a number", func(t *testing.T) []any {
			return []any{jsRequest(t, map[string]any{"at": 1780272000000})}
		}, "request.at must be an RFC 3339 date-time string"},
		{"at an invalid Date", func(t *testing.T) []any {
			return []any{jsRequest(t, map[string]any{"at": jsEval(t, `new Date("nope")`)})}
		}, "request.at is an invalid Date"},
		{"hosts a string", func(t *testing.T) []any {
			return []any{jsRequest(t, map[string]any{"hosts": "db0.example.net"})}
		}, "request.hosts must be an array"},
		{"host a number", func(t *testing.T) []any {
			return []any{jsEval(t, `{hosts: ["db0.example.net", 5]}`)}
		}, "request.hosts[1] must be a string, got number"},
		{"uri an object", func(t *testing.T) []any {
			return []any{jsEval(t, `{uri: {host: "db0"}}`)}
		}, "request.uri must be a string, got object"},
		{"throwing getter", func(t *testing.T) []any {
			return []any{jsEval(t, `{get uri() { throw new Error("getter exploded") }}`)}
		}, "cannot read request.uri"},
		{"throwing proxy", func(t *testing.T) []any {
			return []any{jsEval(t, `new Proxy({}, {ownKeys() { throw new Error("no keys") }})`)}
		}, "cannot read the request's fields"},
		{"throwing array trap", func(t *testing.T) []any {
			return []any{jsEval(t, `{files: new Proxy([], {get() { throw new Error("trap") }})}`)}
		}, "cannot read request.files: "},
		{"throwing file getter", func(t *testing.T) []any {
			return []any{jsEval(t, `{files: [{name: "a.pem", get data() { throw new Error("gone") }}]}`)}
		}, "cannot read request.files[0].data"},
		{"proxy posing as bytes", func(t *testing.T) []any {
			return []any{jsEval(t, `{files: [{name: "a.pem", data: new Proxy(new Uint8Array(4), {})}]}`)}
		}, "request.files[0].data must be a Uint8Array"},
		{"Int16Array data", func(t *testing.T) []any {
			return []any{jsEval(t, `{files: [{name: "a.pem", data: new Int16Array(4)}]}`)}
		}, "request.files[0].data must be a Uint8Array"},
		{"too many files", func(t *testing.T) []any {
			return []any{jsEval(t, `{files: Array.from({length: 65}, (_, i) => ({name: "f" + i, data: new Uint8Array(1)}))}`)}
		}, "request.files has 65 files; the limit is 64"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, msg, ok := await(t, obj, tc.args(t)...)
			if ok {
				t.Fatalf("resolved; want a rejection containing %q", tc.want)
			}
			if !strings.Contains(msg, tc.want) {
				t.Errorf("rejection %q does not contain %q", msg, tc.want)
			}
		})
	}
}

func TestPanicIsRecoveredAndNextCallWorks(t *testing.T) {
	obj := bridge(t)
	req := func() safejs.Value {
		return jsRequest(t, map[string]any{"files": []jsFile{{"ca.pem", "tlsCAFile", fixture(t, "ca.pem")}}, "at": "2026-06-01T00:00:00Z"})
	}
	orig := inspectFunc
	defer func() { inspectFunc = orig }()
	inspectFunc = func(core.Request) core.Report {
		var m map[string]int
		m["boom"]++ // nil map write: a real runtime panic
		return core.Report{}
	}
	_, msg, ok := await(t, obj, req())
	if ok {
		t.Fatal("a panicking inspect resolved")
	}
	if !strings.Contains(msg, "internal error") || !strings.Contains(msg, "assignment to entry in nil map") {
		t.Errorf("rejection %q does not name the panic", msg)
	}

	inspectFunc = orig
	v, msg, ok := await(t, obj, req())
	if !ok {
		t.Fatalf("the call after a panic was rejected: %s", msg)
	}
	var rep struct {
		SchemaVersion int `json:"schemaVersion"`
	}
	if err := json.Unmarshal(stringify(t, v), &rep); err != nil || rep.SchemaVersion == 0 {
		t.Errorf("the call after a panic returned %s (err %v)", stringify(t, v), err)
	}
}

func TestLargeInputs(t *testing.T) {
	obj := bridge(t)
	// 24 MiB of PEM-looking noise plus the CA: the bridge copies it and core
	// answers (whatever it makes of the noise) without the bridge failing.
	big := bytes.Repeat([]byte("-----BEGIN CERTIFICATE-----\nTUlJQ2dq\n-----END CERTIFICATE-----\n"), (24<<20)/66)
	v, msg, ok := await(t, obj, jsRequest(t, map[string]any{
		"files": []jsFile{{"ca.pem", "tlsCAFile", fixture(t, "ca.pem")}, {"big.pem", "", big}},
		"at":    "2026-06-01T00:00:00Z",
	}))
	if !ok {
		t.Fatalf("24 MiB input rejected: %s", msg)
	}
	if len(stringify(t, v)) == 0 {
		t.Fatal("empty report")
	}

	// Over the per-file limit: refused before any copy into Go.
	_, msg, ok = await(t, obj, jsEval(t, `{files: [{name: "huge.crl", data: new Uint8Array(129 * 1024 * 1024)}]}`))
	if ok || !strings.Contains(msg, `request.files[0] ("huge.crl") is 135266304 bytes; the limit is 128 MiB per file`) {
		t.Errorf("129 MiB file: ok=%v msg=%q", ok, msg)
	}
}

func TestProgressIsThrottled(t *testing.T) {
	var calls []string
	fn := must(safejs.FuncOf(func(_ safejs.Value, a []safejs.Value) any {
		s, _ := a[0].String()
		d, _ := a[1].Int()
		n, _ := a[2].Int()
		calls = append(calls, s+":"+itoa(d)+"/"+itoa(n))
		return nil
	}))
	defer fn.Release()
	defer func(d time.Duration) { progressInterval = d }(progressInterval)
	progressInterval = time.Hour
	report := progressReporter(fn.Value())
	for i := int64(0); i <= 1000; i++ {
		report("crl", i, 1000)
	}
	report("ocsp", 0, 1)
	want := []string{"crl:0/1000", "crl:1000/1000", "ocsp:0/1"}
	if !reflect.DeepEqual(calls, want) {
		t.Errorf("progress calls = %v, want %v", calls, want)
	}

	// A throwing callback does not stop the work.
	throwing := jsEval(t, `() => { throw new Error("listener failed") }`)
	progressReporter(throwing)("crl", 1, 2)
}

func itoa(i int) string {
	b, _ := json.Marshal(i)
	return string(b)
}

func TestVersion(t *testing.T) {
	obj := bridge(t)
	v := must(must(obj.Get("version")).String())
	if v != core.Version {
		t.Errorf("version = %q, want %q", v, core.Version)
	}
}
