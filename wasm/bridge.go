//go:build js && wasm

package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"syscall/js"
	"time"

	"certinspect/core"

	"github.com/hack-pad/safejs"
)

// Bounds on what one request may carry across the bridge. core bounds its own
// work further; these only stop a page from handing the Go heap more than it
// can hold.
const (
	maxFiles      = 64
	maxFileBytes  = 128 << 20 // a 1M-entry CRL is about 40 MB
	maxTotalBytes = 192 << 20
	maxTextBytes  = 1 << 20 // uri, errorText, dnsAnswer, keyPassword
	maxHosts      = 64
)

// inspectFunc is core.Inspect; tests replace it to exercise panic recovery.
var inspectFunc = core.Inspect

// nowFunc gives the default evaluation time when a request has no "at". Only
// the bridge reads the clock; core never does.
var nowFunc = time.Now

// progressInterval throttles progress callbacks so that a scan of a million
// CRL entries does not post a million messages.
var progressInterval = 50 * time.Millisecond

// requestFields lists the keys a request object may have, in the order the
// error message names them.
var requestFields = []string{"uri", "files", "keyPassword", "hosts", "at", "errorText", "dnsAnswer", "lang"}

var fileFields = []string{"name", "role", "data", "pasted"}

// keep holds the exported functions for the life of the program.
var keep []safejs.Func

// register defines the global object `name` with `version` and
// `inspect(request[, onProgress]) → Promise<report>`.
func register(name string) (safejs.Value, error) {
	inspect, err := safejs.FuncOf(jsInspect)
	if err != nil {
		return safejs.Value{}, err
	}
	keep = append(keep, inspect)
	objCtor, err := safejs.Global().Get("Object")
	if err != nil {
		return safejs.Value{}, err
	}
	obj, err := objCtor.New()
	if err != nil {
		return safejs.Value{}, err
	}
	if err := obj.Set("version", core.Version); err != nil {
		return safejs.Value{}, err
	}
	if err := obj.Set("inspect", inspect.Value()); err != nil {
		return safejs.Value{}, err
	}
	if err := safejs.Global().Set(name, obj); err != nil {
		return safejs.Value{}, err
	}
	return obj, nil
}

// jsInspect is certinspect.inspect: it returns a Promise at once and does the
// work in a goroutine, so that the caller's event loop keeps turning.
func jsInspect(_ safejs.Value, args []safejs.Value) any {
	var (
		resolve, reject safejs.Value
		once            sync.Once
	)
	executor, err := safejs.FuncOf(func(_ safejs.Value, a []safejs.Value) any {
		if len(a) >= 2 {
			resolve, reject = a[0], a[1]
		}
		return nil
	})
	if err != nil {
		return nil
	}
	defer executor.Release()
	promiseCtor, err := safejs.Global().Get("Promise")
	if err != nil {
		return nil
	}
	promise, err := promiseCtor.New(executor.Value())
	if err != nil {
		return nil
	}
	settle := func(report safejs.Value, fail error) {
		once.Do(func() {
			if fail != nil {
				_, _ = reject.Invoke(jsError(fail.Error()))
				return
			}
			_, _ = resolve.Invoke(report)
		})
	}

	// The request is read now, synchronously: the caller may reuse its
	// buffers as soon as inspect returns.
	req, err := safeReadRequest(args)
	if err != nil {
		settle(safejs.Value{}, err)
		return promise
	}
	go func() {
		out, err := runInspect(req)
		if err != nil {
			settle(safejs.Value{}, err)
			return
		}
		v, err := parseJSON(out)
		if err != nil {
			settle(safejs.Value{}, fmt.Errorf("certinspect: could not hand the report to JavaScript: %v", err))
			return
		}
		settle(v, nil)
	}()
	return promise
}

// safeReadRequest reads the arguments and turns any panic into an error.
func safeReadRequest(args []safejs.Value) (req core.Request, err error) {
	defer func() {
		if r := recover(); r != nil {
			if fmt.Sprint(r) == "bad type flag" {
				// syscall/js cannot tell the type of a BigInt (and of values
				// only newer engines have): name the likely culprit.
				err = errors.New("certinspect.inspect: cannot read the request: it holds a value of a type the bridge does not know (a BigInt?); use numbers, strings, arrays, objects and Uint8Array only")
				return
			}
			err = fmt.Errorf("certinspect.inspect: cannot read the request (%v); check that it is a plain object of strings, arrays and Uint8Array", r)
		}
	}()
	if len(args) == 0 {
		return req, errors.New("certinspect.inspect: missing request: pass an object such as {files: [{name, role, data: Uint8Array}], at: \"2026-06-01T00:00:00Z\"}")
	}
	req, err = readRequest(args[0])
	if err != nil {
		return req, err
	}
	if len(args) > 1 && args[1].Type() == safejs.TypeFunction {
		req.Progress = progressReporter(args[1])
	}
	return req, nil
}

// runInspect calls core and marshals the report exactly as the CLI does; a
// panic anywhere inside becomes an error for this call only.
func runInspect(req core.Request) (out []byte, err error) {
	defer func() {
		if r := recover(); r != nil {
			stack := string(debug.Stack())
			if len(stack) > 2000 {
				stack = stack[:2000]
			}
			err = fmt.Errorf("certinspect: internal error (this is a bug; please report it with the inputs' kinds, not their contents): %v\n%s", r, stack)
		}
	}()
	rep := inspectFunc(req)
	return json.Marshal(rep)
}

func parseJSON(b []byte) (safejs.Value, error) {
	j, err := safejs.Global().Get("JSON")
	if err != nil {
		return safejs.Value{}, err
	}
	return j.Call("parse", string(b))
}

func jsError(msg string) any {
	ctor, err := safejs.Global().Get("Error")
	if err != nil {
		return msg
	}
	v, err := ctor.New(msg)
	if err != nil {
		return msg
	}
	return v
}

// progressReporter calls fn(stage, done, total), at most every
// progressInterval, and always for the first and the last step of a stage.
func progressReporter(fn safejs.Value) func(stage string, done, total int64) {
	var (
		mu        sync.Mutex
		last      time.Time
		lastStage string
	)
	return func(stage string, done, total int64) {
		mu.Lock()
		now := time.Now()
		send := stage != lastStage || done >= total || now.Sub(last) >= progressInterval
		if send {
			last, lastStage = now, stage
		}
		mu.Unlock()
		if send {
			// A throwing progress callback must not stop the inspection.
			_, _ = fn.Invoke(stage, float64(done), float64(total))
		}
	}
}

// readRequest turns the JavaScript request object into a core.Request,
// rejecting anything malformed with a message that names the field.
func readRequest(v safejs.Value) (core.Request, error) {
	var req core.Request
	if v.Type() != safejs.TypeObject {
		return req, fmt.Errorf("certinspect.inspect: the request must be an object, got %s", v.Type())
	}
	if err := checkKeys(v, "request", requestFields); err != nil {
		return req, err
	}
	var err error
	if req.URI, err = optString(v, "uri", "request"); err != nil {
		return req, err
	}
	if req.KeyPassword, err = optString(v, "keyPassword", "request"); err != nil {
		return req, err
	}
	if req.ErrorText, err = optString(v, "errorText", "request"); err != nil {
		return req, err
	}
	if req.DNSAnswer, err = optString(v, "dnsAnswer", "request"); err != nil {
		return req, err
	}
	if req.Lang, err = optString(v, "lang", "request"); err != nil {
		return req, err
	}
	if req.Hosts, err = readHosts(v); err != nil {
		return req, err
	}
	if req.At, err = readAt(v); err != nil {
		return req, err
	}
	if req.Files, err = readFiles(v); err != nil {
		return req, err
	}
	return req, nil
}

func checkKeys(v safejs.Value, what string, known []string) error {
	obj, err := safejs.Global().Get("Object")
	if err != nil {
		return err
	}
	keys, err := obj.Call("keys", v)
	if err != nil {
		return fmt.Errorf("certinspect.inspect: cannot read the %s's fields: %v", what, jsThrown(err))
	}
	n, err := length(keys)
	if err != nil {
		return err
	}
	for i := 0; i < n; i++ {
		k, err := reflectGet(keys, i)
		if err != nil {
			return err
		}
		s, err := k.String()
		if err != nil {
			return err
		}
		ok := false
		for _, f := range known {
			if s == f {
				ok = true
				break
			}
		}
		if !ok {
			return fmt.Errorf("certinspect.inspect: unknown %s field %q (known fields: %s)", what, truncate(s, 40), strings.Join(known, ", "))
		}
	}
	return nil
}

// reflectGet reads v[key] through Reflect.get called with Value.Call: unlike
// Value.Get/Index/Length (whose JavaScript side has no try/catch), a throwing
// getter or Proxy trap then becomes an error instead of unwinding through the
// Go stack.
func reflectGet(v safejs.Value, key any) (safejs.Value, error) {
	r, err := safejs.Global().Get("Reflect")
	if err != nil {
		return safejs.Value{}, err
	}
	val, err := r.Call("get", v, key)
	if err != nil {
		return val, jsThrown(err)
	}
	return val, nil
}

// jsThrown turns a JavaScript exception into an error whose text is safe to
// format: syscall/js's js.Error.Error() reads .message with Value.Get, which
// panics for a thrown non-object and throws through the Go stack for a
// throwing getter or Proxy.
func jsThrown(err error) error {
	var je js.Error
	if !errors.As(err, &je) {
		return err
	}
	return errors.New(describeThrown(safejs.Safe(je.Value)))
}

func describeThrown(v safejs.Value) (s string) {
	defer func() {
		if recover() != nil {
			s = "it threw a value that is not an Error"
		}
	}()
	switch v.Type() {
	case safejs.TypeString:
		str, err := v.String()
		if err == nil {
			return "it threw " + strconv.Quote(truncate(str, 200))
		}
	case safejs.TypeObject:
		r, err := safejs.Global().Get("Reflect")
		if err == nil {
			if m, err := r.Call("get", v, "message"); err == nil && m.Type() == safejs.TypeString {
				if str, err := m.String(); err == nil {
					return truncate(str, 200)
				}
			}
		}
	}
	return "it threw a value that is not an Error"
}

// length reads v.length safely.
func length(v safejs.Value) (int, error) {
	l, err := reflectGet(v, "length")
	if err != nil {
		return 0, err
	}
	if l.Type() != safejs.TypeNumber {
		return 0, fmt.Errorf("length is %s, not a number", l.Type())
	}
	f, err := l.Float()
	if err != nil || f != f || f < 0 || f > 1<<31 {
		return 0, fmt.Errorf("length is not a valid count")
	}
	return int(f), nil
}

// tag returns Object.prototype.toString.call(v): "[object Uint8Array]", ...
func tag(v safejs.Value) string {
	obj, err := safejs.Global().Get("Object")
	if err != nil {
		return ""
	}
	proto, err := obj.Get("prototype")
	if err != nil {
		return ""
	}
	ts, err := proto.Get("toString")
	if err != nil {
		return ""
	}
	r, err := safejs.Global().Get("Reflect")
	if err != nil {
		return ""
	}
	args, err := safejs.ValueOf([]any{})
	if err != nil {
		return ""
	}
	s, err := r.Call("apply", ts, v, args)
	if err != nil {
		return ""
	}
	str, _ := s.String()
	return str
}

// isView reports ArrayBuffer.isView(v): true only for genuine typed arrays
// and DataViews (never for a Proxy).
func isView(v safejs.Value) bool {
	ab, err := safejs.Global().Get("ArrayBuffer")
	if err != nil {
		return false
	}
	r, err := ab.Call("isView", v)
	if err != nil {
		return false
	}
	b, err := r.Bool()
	return err == nil && b
}

// get returns the property, treating undefined and null as absent.
func get(v safejs.Value, key, what string) (safejs.Value, bool, error) {
	p, err := reflectGet(v, key)
	if err != nil {
		return p, false, fmt.Errorf("certinspect.inspect: cannot read %s.%s: %v", what, key, err)
	}
	if p.IsUndefined() || p.IsNull() {
		return p, false, nil
	}
	return p, true, nil
}

func optString(v safejs.Value, key, what string) (string, error) {
	p, ok, err := get(v, key, what)
	if err != nil || !ok {
		return "", err
	}
	if p.Type() != safejs.TypeString {
		return "", fmt.Errorf("certinspect.inspect: %s.%s must be a string, got %s", what, key, p.Type())
	}
	s, err := p.String()
	if err != nil {
		return "", err
	}
	if len(s) > maxTextBytes {
		return "", fmt.Errorf("certinspect.inspect: %s.%s is %d bytes long; the limit is %d", what, key, len(s), maxTextBytes)
	}
	return s, nil
}

func readHosts(v safejs.Value) ([]string, error) {
	p, ok, err := get(v, "hosts", "request")
	if err != nil || !ok {
		return nil, err
	}
	if !isArray(p) {
		return nil, fmt.Errorf("certinspect.inspect: request.hosts must be an array of host names, got %s", p.Type())
	}
	n, err := length(p)
	if err != nil {
		return nil, fmt.Errorf("certinspect.inspect: cannot read request.hosts: %v", err)
	}
	if n > maxHosts {
		return nil, fmt.Errorf("certinspect.inspect: request.hosts has %d entries; the limit is %d", n, maxHosts)
	}
	hosts := make([]string, 0, n)
	for i := 0; i < n; i++ {
		h, err := reflectGet(p, i)
		if err != nil {
			return nil, fmt.Errorf("certinspect.inspect: cannot read request.hosts[%d]: %v", i, err)
		}
		if h.Type() != safejs.TypeString {
			return nil, fmt.Errorf("certinspect.inspect: request.hosts[%d] must be a string, got %s", i, h.Type())
		}
		s, err := h.String()
		if err != nil {
			return nil, err
		}
		if len(s) > 1024 {
			return nil, fmt.Errorf("certinspect.inspect: request.hosts[%d] is %d bytes long; a host name is at most 1024", i, len(s))
		}
		hosts = append(hosts, s)
	}
	return hosts, nil
}

// readAt accepts an RFC 3339 string or a Date; absent means now.
func readAt(v safejs.Value) (time.Time, error) {
	p, ok, err := get(v, "at", "request")
	if err != nil {
		return time.Time{}, err
	}
	if !ok {
		return nowFunc().UTC().Truncate(time.Second), nil
	}
	if p.Type() == safejs.TypeObject && tag(p) == "[object Date]" {
		if isDate, ms := dateMillis(p); isDate {
			f, err := ms.Float()
			if err != nil || f != f {
				return time.Time{}, errors.New("certinspect.inspect: request.at is an invalid Date")
			}
			t := time.UnixMilli(int64(f)).UTC()
			if t.Year() < 0 || t.Year() > 9999 {
				return time.Time{}, fmt.Errorf("certinspect.inspect: request.at is in the year %d; use a date between the years 0 and 9999", t.Year())
			}
			return t, nil
		}
	}
	if p.Type() != safejs.TypeString {
		return time.Time{}, fmt.Errorf("certinspect.inspect: request.at must be an RFC 3339 date-time string such as \"2026-06-01T00:00:00Z\" or a Date, got %s", p.Type())
	}
	s, err := p.String()
	if err != nil {
		return time.Time{}, err
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("certinspect.inspect: request.at %q is not an RFC 3339 date-time such as \"2026-06-01T00:00:00Z\"", truncate(s, 60))
	}
	return t, nil
}

func readFiles(v safejs.Value) ([]core.File, error) {
	p, ok, err := get(v, "files", "request")
	if err != nil || !ok {
		return nil, err
	}
	if !isArray(p) {
		return nil, fmt.Errorf("certinspect.inspect: request.files must be an array of {name, role, data}, got %s", p.Type())
	}
	n, err := length(p)
	if err != nil {
		return nil, fmt.Errorf("certinspect.inspect: cannot read request.files: %v", err)
	}
	if n > maxFiles {
		return nil, fmt.Errorf("certinspect.inspect: request.files has %d files; the limit is %d", n, maxFiles)
	}
	u8, err := safejs.Global().Get("Uint8Array")
	if err != nil {
		return nil, err
	}
	files := make([]core.File, 0, n)
	total := 0
	for i := 0; i < n; i++ {
		what := fmt.Sprintf("request.files[%d]", i)
		f, err := reflectGet(p, i)
		if err != nil {
			return nil, fmt.Errorf("certinspect.inspect: cannot read %s: %v", what, err)
		}
		if f.Type() != safejs.TypeObject {
			return nil, fmt.Errorf("certinspect.inspect: %s must be an object {name, role, data}, got %s", what, f.Type())
		}
		if err := checkKeys(f, "file", fileFields); err != nil {
			return nil, fmt.Errorf("%v in %s", err, what)
		}
		var file core.File
		if file.Name, err = optString(f, "name", what); err != nil {
			return nil, err
		}
		if file.Name == "" {
			file.Name = fmt.Sprintf("file-%d", i+1)
		}
		role, err := optString(f, "role", what)
		if err != nil {
			return nil, err
		}
		if p, ok, err := get(f, "pasted", what); err != nil {
			return nil, err
		} else if ok {
			if p.Type() != safejs.TypeBoolean {
				return nil, fmt.Errorf("certinspect.inspect: %s.pasted must be true or false, got %s", what, p.Type())
			}
			if file.Pasted, err = p.Bool(); err != nil {
				return nil, err
			}
		}
		file.Role = core.Role(role)
		if !file.Role.Valid() {
			names := make([]string, len(core.Roles))
			for k, r := range core.Roles {
				names[k] = string(r)
			}
			return nil, fmt.Errorf("certinspect.inspect: %s.role %q is not a role; use one of %s", what, truncate(role, 40), strings.Join(names, ", "))
		}
		d, ok, err := get(f, "data", what)
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, fmt.Errorf("certinspect.inspect: %s (%q) has no data: pass the file's bytes as a Uint8Array", what, truncate(file.Name, 60))
		}
		if tag(d) == "[object ArrayBuffer]" {
			if d, err = u8.New(d); err != nil {
				return nil, fmt.Errorf("certinspect.inspect: cannot read %s.data: %v", what, err)
			}
		}
		if !isView(d) || tag(d) != "[object Uint8Array]" {
			return nil, fmt.Errorf("certinspect.inspect: %s.data must be a Uint8Array (or ArrayBuffer) of the file's bytes, got %s", what, d.Type())
		}
		size, err := length(d)
		if err != nil {
			return nil, fmt.Errorf("certinspect.inspect: cannot read %s.data: %v", what, err)
		}
		if size > maxFileBytes {
			return nil, fmt.Errorf("certinspect.inspect: %s (%q) is %d bytes; the limit is %d MiB per file", what, truncate(file.Name, 60), size, maxFileBytes>>20)
		}
		total += size
		if total > maxTotalBytes {
			return nil, fmt.Errorf("certinspect.inspect: the files add up to more than %d MiB, the limit for one request", maxTotalBytes>>20)
		}
		// A fresh copy made by the Uint8Array constructor reads the bytes
		// through the array's internal slots: no own "length" or subarray()
		// of the caller's object runs, and a detached buffer is a TypeError
		// here (caught) rather than inside CopyBytesToGo (not caught).
		fresh, err := u8.New(d)
		if err != nil {
			return nil, fmt.Errorf("certinspect.inspect: cannot read %s.data: %v", what, jsThrown(err))
		}
		if n, err := length(fresh); err != nil || n != size {
			return nil, fmt.Errorf("certinspect.inspect: cannot read %s.data: its length changed while it was read", what)
		}
		file.Data = make([]byte, size)
		if _, err := safejs.CopyBytesToGo(file.Data, fresh); err != nil {
			return nil, fmt.Errorf("certinspect.inspect: cannot copy %s.data: %v", what, err)
		}
		files = append(files, file)
	}
	return files, nil
}

// dateMillis calls Date.prototype.getTime on v (a TypeError for non-Dates).
func dateMillis(v safejs.Value) (bool, safejs.Value) {
	date, err := safejs.Global().Get("Date")
	if err != nil {
		return false, safejs.Value{}
	}
	proto, err := date.Get("prototype")
	if err != nil {
		return false, safejs.Value{}
	}
	getTime, err := proto.Get("getTime")
	if err != nil {
		return false, safejs.Value{}
	}
	r, err := safejs.Global().Get("Reflect")
	if err != nil {
		return false, safejs.Value{}
	}
	args, err := safejs.ValueOf([]any{})
	if err != nil {
		return false, safejs.Value{}
	}
	ms, err := r.Call("apply", getTime, v, args)
	if err != nil {
		return false, safejs.Value{}
	}
	return true, ms
}

func isArray(v safejs.Value) bool {
	arr, err := safejs.Global().Get("Array")
	if err != nil {
		return false
	}
	r, err := arr.Call("isArray", v)
	if err != nil {
		return false
	}
	b, err := r.Bool()
	return err == nil && b
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
