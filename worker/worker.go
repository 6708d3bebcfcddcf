// Package worker is certinspect's HTTP API: a plain http.Handler over core.Inspect.
// It runs natively (tests, a local server) and, compiled to js/wasm, inside a
// Cloudflare Worker through github.com/syumai/workers (see worker/app).
//
//	POST /api/v1/inspect  JSON core.Request (file data base64) -> JSON core.Report
//	GET  /api/v1/health   version and build info
//	GET  /api/v1/schema   JSON Schema of the report
//
// Errors are JSON {"error": code, "detail": text}. Nothing from a request body
// is ever logged. The Worker runtime starts a fresh Go instance per request, so
// this package does no work at initialisation: everything is built on demand.
package worker

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"certinspect/core"
	"certinspect/core/report"
)

// MaxBodyBytes is the documented limit on a POST /api/v1/inspect body. With
// base64 that is about 12 MiB of files, well inside a Worker's 128 MB memory.
const MaxBodyBytes = 16 << 20

// Paths of the API.
const (
	PathInspect = "/api/v1/inspect"
	PathHealth  = "/api/v1/health"
	PathSchema  = "/api/v1/schema"
)

// Options configure a Handler.
type Options struct {
	// AllowedOrigins lists the origins (scheme://host[:port]) that may call the
	// API from a browser on another site. Empty: CORS is off. "*" allows any
	// origin.
	AllowedOrigins []string
	// MaxBodyBytes overrides MaxBodyBytes when > 0 (tests).
	MaxBodyBytes int64
	// Now gives the evaluation time when a request has no "at"; default time.Now.
	Now func() time.Time
	// Logf, when set, receives one line per failed request (status >= 500) and
	// per recovered panic. It never receives anything from a request body.
	Logf func(format string, args ...any)
	// inspect replaces core.Inspect (tests of the panic path).
	inspect func(core.Request) core.Report
}

// ParseOrigins splits a comma- or space-separated list of origins (the
// CORS_ALLOWED_ORIGINS Worker variable).
func ParseOrigins(s string) []string {
	var out []string
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' || r == '\n' || r == '\t' }) {
		out = append(out, strings.TrimRight(f, "/"))
	}
	return out
}

type handler struct {
	opt     Options
	origins map[string]bool
	anyOrig bool
}

// New returns the API handler.
func New(opt Options) http.Handler {
	if opt.MaxBodyBytes <= 0 {
		opt.MaxBodyBytes = MaxBodyBytes
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if opt.inspect == nil {
		opt.inspect = core.Inspect
	}
	h := &handler{opt: opt, origins: map[string]bool{}}
	for _, o := range opt.AllowedOrigins {
		if o == "*" {
			h.anyOrig = true
		} else if o != "" {
			h.origins[o] = true
		}
	}
	return h
}

// apiError is the body of every error response.
type apiError struct {
	Error  string `json:"error"`
	Detail string `json:"detail"`
}

// statusWriter remembers whether headers went out, for the panic path.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

func (h *handler) logf(format string, args ...any) {
	if h.opt.Logf != nil {
		h.opt.Logf(format, args...)
	}
}

func (h *handler) ServeHTTP(rw http.ResponseWriter, r *http.Request) {
	w := &statusWriter{ResponseWriter: rw}
	hd := w.Header()
	hd.Set("Cache-Control", "no-store")
	hd.Set("X-Content-Type-Options", "nosniff")
	hd.Set("Referrer-Policy", "no-referrer")
	defer func() {
		if v := recover(); v != nil {
			// The panic value may quote request data: log only its type.
			h.logf("certinspect worker: recovered panic (%T) serving %s %s", v, r.Method, r.URL.Path)
			if w.status == 0 {
				writeError(w, http.StatusInternalServerError, "internal", "The server hit an internal error. Nothing from the request was kept; try again, and report it if it persists.")
			}
		}
	}()
	corsOK := h.cors(w, r)
	if r.Method == http.MethodOptions {
		if corsOK {
			hd.Set("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
			hd.Set("Access-Control-Allow-Headers", "Content-Type")
			hd.Set("Access-Control-Max-Age", "600")
			w.WriteHeader(http.StatusNoContent)
			return
		}
	}
	switch r.URL.Path {
	case PathInspect:
		if !allow(w, r, http.MethodPost) {
			return
		}
		h.inspect(w, r)
	case PathHealth:
		if !allow(w, r, http.MethodGet, http.MethodHead) {
			return
		}
		writeJSON(w, r, http.StatusOK, health(h.opt.MaxBodyBytes))
	case PathSchema:
		if !allow(w, r, http.MethodGet, http.MethodHead) {
			return
		}
		hd.Set("Content-Type", "application/schema+json")
		w.WriteHeader(http.StatusOK)
		if r.Method != http.MethodHead {
			w.Write(ReportSchema())
		}
	default:
		if !strings.HasPrefix(r.URL.Path, "/api/") {
			// A page of the site that does not exist (the site's files are
			// served before the Worker runs): a page, not the API's JSON.
			hd.Set("Content-Type", "text/html; charset=utf-8")
			hd.Set("Content-Security-Policy", "default-src 'none'")
			w.WriteHeader(http.StatusNotFound)
			if r.Method != http.MethodHead {
				io.WriteString(w, notFoundPage)
			}
			return
		}
		writeError(w, http.StatusNotFound, "not_found", fmt.Sprintf("No API at %s. The API is POST %s, GET %s and GET %s.", safePath(r.URL.Path), PathInspect, PathHealth, PathSchema))
	}
	if w.status >= 500 {
		h.logf("certinspect worker: %s %s -> %d", r.Method, r.URL.Path, w.status)
	}
}

// cors adds the CORS response headers when the request's Origin is allowed.
func (h *handler) cors(w http.ResponseWriter, r *http.Request) bool {
	if !h.anyOrig && len(h.origins) == 0 {
		return false
	}
	w.Header().Add("Vary", "Origin")
	o := r.Header.Get("Origin")
	if o == "" || !(h.anyOrig || h.origins[o]) {
		return false
	}
	w.Header().Set("Access-Control-Allow-Origin", o)
	return true
}

func allow(w http.ResponseWriter, r *http.Request, methods ...string) bool {
	for _, m := range methods {
		if r.Method == m {
			return true
		}
	}
	w.Header().Set("Allow", strings.Join(methods, ", "))
	writeError(w, http.StatusMethodNotAllowed, "method_not_allowed",
		fmt.Sprintf("%s takes %s, not %s.", r.URL.Path, strings.Join(methods, " or "), safeToken(r.Method)))
	return false
}

func (h *handler) inspect(w http.ResponseWriter, r *http.Request) {
	ct := r.Header.Get("Content-Type")
	mt, params, err := mime.ParseMediaType(ct)
	if ct == "" || err != nil || mt != "application/json" {
		writeError(w, http.StatusUnsupportedMediaType, "unsupported_media_type",
			fmt.Sprintf("Send the request as Content-Type: application/json (got %q).", safeToken(ct)))
		return
	}
	if cs, ok := params["charset"]; ok && !strings.EqualFold(cs, "utf-8") {
		writeError(w, http.StatusUnsupportedMediaType, "unsupported_media_type",
			fmt.Sprintf("The JSON must be UTF-8 (got charset=%s).", safeToken(cs)))
		return
	}
	max := h.opt.MaxBodyBytes
	if r.ContentLength > max {
		writeError(w, http.StatusRequestEntityTooLarge, "body_too_large", tooLarge(max))
		return
	}
	if r.Body == nil {
		writeError(w, http.StatusBadRequest, "bad_json", "The request has no body; send a JSON object (see GET "+PathSchema+" and the README).")
		return
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, max+1))
	if err != nil {
		writeError(w, http.StatusBadRequest, "bad_body", "The request body could not be read completely; send it again.")
		return
	}
	if int64(len(body)) > max {
		writeError(w, http.StatusRequestEntityTooLarge, "body_too_large", tooLarge(max))
		return
	}
	req, field, detail := decodeRequest(body)
	body = nil
	if detail != "" {
		code := "bad_json"
		if field != "" && field != "(top level)" {
			code = "bad_field"
		}
		writeError(w, http.StatusBadRequest, code, detail)
		return
	}
	if req.At.IsZero() {
		// The adapter's job: core never reads the clock.
		req.At = h.opt.Now().UTC().Truncate(time.Second)
	}
	rep := h.opt.inspect(req)
	writeJSON(w, r, http.StatusOK, rep)
}

// notFoundPage answers a site address that has no page.
const notFoundPage = `<!doctype html>
<html lang="en"><meta charset="utf-8"><title>Not found · certinspect</title>
<p>There is no page at this address. <a href="/">Open the certificate inspector</a>.</p>
</html>
`

func tooLarge(max int64) string {
	return fmt.Sprintf("The request body is larger than %d bytes (%d MiB), the API's limit. Inspect larger files (a very large CRL) with the CLI or the web page, which run locally.", max, max>>20)
}

// decodeRequest parses and validates a request. On a problem it returns the
// field at fault ("" for malformed JSON) and a text for the client; the text
// never quotes the body beyond a field name or a short token.
func decodeRequest(body []byte) (req core.Request, field, detail string) {
	if bytes.Equal(bytes.TrimSpace(body), []byte("null")) {
		return req, "(top level)", "The body is JSON null; expected an object like {\"files\":[{\"name\":\"chain.pem\",\"data\":\"<base64>\"}]}."
	}
	if fld, d := keyProblem(body); d != "" {
		return req, fld, d
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		if fld, d, ok := fileError(body); ok {
			return req, fld, d
		}
		return req, jsonErrField(err), jsonErrDetail(err, body)
	}
	if _, err := dec.Token(); err != io.EOF {
		return req, "", "The body has more after the JSON object; send exactly one object."
	}
	for i, f := range req.Files {
		if !f.Role.Valid() {
			names := make([]string, len(core.Roles))
			for k, r := range core.Roles {
				names[k] = string(r)
			}
			fld := fmt.Sprintf("files[%d].role", i)
			return req, fld, fmt.Sprintf("%s: unknown role %q; use one of %s.", fld, safeToken(string(f.Role)), strings.Join(names, ", "))
		}
	}
	switch req.Lang {
	case "", "en", "ja":
	default:
		return req, "lang", fmt.Sprintf("lang: unknown language %q; use \"en\" or \"ja\".", safeToken(req.Lang))
	}
	return req, "", ""
}

// The request's and a file's field names, as written in JSON.
var (
	requestFields = []string{"uri", "files", "keyPassword", "hosts", "at", "errorText", "dnsAnswer", "lang"}
	fileFields    = []string{"name", "role", "data", "pasted"}
)

// keyProblem finds what encoding/json lets pass silently: a field given
// twice in one object (the second "files" would replace the first) and a
// field name in another case ("Files"). It reports nothing for malformed
// JSON, which the decoder then describes.
func keyProblem(body []byte) (field, detail string) {
	dec := json.NewDecoder(bytes.NewReader(body))
	broken := false // malformed JSON: stop, the decoder describes it
	token := func() json.Token {
		tok, err := dec.Token()
		if err != nil {
			broken = true
		}
		return tok
	}
	var value func(path string, fields []string) (string, string)
	value = func(path string, fields []string) (string, string) {
		switch token() {
		case json.Delim('['):
			for i := 0; !broken && dec.More(); i++ {
				if f, d := value(fmt.Sprintf("%s[%d]", path, i), fields); d != "" {
					return f, d
				}
			}
		case json.Delim('{'):
			seen := map[string]bool{}
			for !broken && dec.More() {
				k, ok := token().(string)
				if !ok {
					broken = true
					break
				}
				at := k
				if path != "" {
					at = path + "." + k
				}
				if seen[k] {
					return at, fmt.Sprintf("%s: given twice in one object; give each field once.", safeToken(at))
				}
				seen[k] = true
				for _, f := range fields {
					if f != k && strings.EqualFold(f, k) {
						return at, fmt.Sprintf("%s: field names are case-sensitive; write %q.", safeToken(at), f)
					}
				}
				var sub []string
				if path == "" && k == "files" {
					sub = fileFields
				}
				if f, d := value(at, sub); d != "" {
					return f, d
				}
			}
		default:
			return "", "" // a scalar, or malformed
		}
		token() // the closing ] or }
		return "", ""
	}
	return value("", requestFields)
}

// fileError finds the first of files[] that does not decode on its own and
// says which one and why ("files[2].data: not valid base64 …"), for an
// error json reports without the index.
func fileError(body []byte) (field, detail string, ok bool) {
	var probe struct {
		Files []json.RawMessage `json:"files"`
	}
	if json.Unmarshal(body, &probe) != nil {
		return "", "", false
	}
	for i, raw := range probe.Files {
		var f core.File
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.DisallowUnknownFields()
		err := dec.Decode(&f)
		if err == nil {
			continue
		}
		at := fmt.Sprintf("files[%d]", i)
		var te *json.UnmarshalTypeError
		var ce base64.CorruptInputError
		switch {
		case errors.As(err, &ce):
			return at + ".data", fmt.Sprintf("%s.data: not valid base64 (bad byte at offset %d). Encode each file's bytes with standard base64 (RFC 4648, with padding).", at, int64(ce)), true
		case errors.As(err, &te) && te.Field != "":
			return at + "." + te.Field, fmt.Sprintf("%s.%s: expected %s, got a JSON %s.", at, te.Field, jsonKind(te.Type.String()), te.Value), true
		case errors.As(err, &te):
			return at, fmt.Sprintf("%s: expected an object, got a JSON %s.", at, te.Value), true
		case strings.HasPrefix(err.Error(), "json: unknown field "):
			f := safeToken(jsonErrField(err))
			return at + "." + f, fmt.Sprintf("%s.%s: unknown field; a file takes name, role, data and pasted.", at, f), true
		}
	}
	return "", "", false
}

func jsonErrField(err error) string {
	var te *json.UnmarshalTypeError
	var ce base64.CorruptInputError
	var pe *time.ParseError
	switch {
	case errors.As(err, &te):
		if te.Field == "" {
			return "(top level)"
		}
		return te.Field
	case errors.As(err, &ce):
		return "files[].data"
	case errors.As(err, &pe), strings.Contains(err.Error(), "Time.UnmarshalJSON"):
		return "at"
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		return strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
	}
	return ""
}

func jsonErrDetail(err error, body []byte) string {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	var ce base64.CorruptInputError
	var pe *time.ParseError
	switch {
	case errors.As(err, &se):
		return fmt.Sprintf("The body is not valid JSON (%s, at byte %d). Send a JSON object like {\"files\":[{\"name\":\"chain.pem\",\"data\":\"<base64>\"}]}.", se.Error(), se.Offset)
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		if len(strings.TrimSpace(string(body))) == 0 {
			return "The body is empty; send a JSON object like {\"files\":[{\"name\":\"chain.pem\",\"data\":\"<base64>\"}]}."
		}
		return "The JSON ends too early; send a complete object."
	case errors.As(err, &te):
		f := te.Field
		if f == "" {
			f = "the body"
		}
		return fmt.Sprintf("%s: expected %s, got a JSON %s.", f, jsonKind(te.Type.String()), te.Value)
	case errors.As(err, &ce):
		return fmt.Sprintf("files[].data: not valid base64 (bad byte at offset %d). Encode each file's bytes with standard base64 (RFC 4648, with padding).", int64(ce))
	case errors.As(err, &pe), strings.Contains(err.Error(), "Time.UnmarshalJSON"):
		return "at: not an RFC 3339 time; use for example \"2026-06-01T00:00:00Z\", or leave it out for now."
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		f := jsonErrField(err)
		return fmt.Sprintf("%s: unknown field; the request takes uri, files, keyPassword, hosts, at, errorText, dnsAnswer and lang.", safeToken(f))
	}
	return "The body is not a valid request: " + safeToken(err.Error())
}

func jsonKind(goType string) string {
	switch {
	case goType == "string", strings.HasSuffix(goType, "Role"):
		return "a string"
	case goType == "[]uint8":
		return "a base64 string"
	case strings.HasPrefix(goType, "[]"):
		return "an array"
	case goType == "bool":
		return "true or false"
	case goType == "time.Time":
		return "an RFC 3339 time string"
	case strings.Contains(goType, "Request"), strings.Contains(goType, "File"):
		return "an object"
	}
	return goType
}

// safeToken bounds and cleans a short client-supplied token before it is
// echoed in an error text.
func safeToken(s string) string {
	const max = 64
	if len(s) > max {
		s = s[:max] + "…"
	}
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return '?'
		}
		return r
	}, s)
}

func safePath(p string) string { return safeToken(p) }

func writeError(w http.ResponseWriter, status int, code, detail string) {
	writeJSON(w, nil, status, apiError{Error: code, Detail: detail})
}

// writeJSON writes v the way the CLI's --json does (two-space indent, one
// trailing newline), so the API's report is byte for byte the CLI's.
func writeJSON(w http.ResponseWriter, r *http.Request, status int, v any) {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		status = http.StatusInternalServerError
		b.Reset()
		b.WriteString(`{"error":"internal","detail":"The response could not be encoded."}` + "\n")
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	if r != nil && r.Method == http.MethodHead {
		// No Content-Length without the body: workerd fails a response that
		// announces bytes it does not send.
		w.WriteHeader(status)
		return
	}
	w.Header().Set("Content-Length", strconv.Itoa(b.Len()))
	w.WriteHeader(status)
	io.WriteString(w, b.String())
}

// Health is the body of GET /api/v1/health.
type Health struct {
	Status        string    `json:"status"`
	Name          string    `json:"name"`
	Version       string    `json:"version"`
	SchemaVersion int       `json:"schemaVersion"`
	Build         BuildInfo `json:"build"`
	MaxBodyBytes  int64     `json:"maxBodyBytes"`
}

// BuildInfo is what the Go toolchain recorded in the binary.
type BuildInfo struct {
	GoVersion   string `json:"goVersion"`
	GOOS        string `json:"goos"`
	GOARCH      string `json:"goarch"`
	VCSRevision string `json:"vcsRevision,omitempty"`
	VCSTime     string `json:"vcsTime,omitempty"`
	VCSModified bool   `json:"vcsModified,omitempty"`
	Module      string `json:"module,omitempty"`
}

func health(max int64) Health {
	h := Health{Status: "ok", Name: "certinspect", Version: core.Version, SchemaVersion: report.SchemaVersion, MaxBodyBytes: max,
		Build: BuildInfo{GoVersion: runtime.Version(), GOOS: runtime.GOOS, GOARCH: runtime.GOARCH}}
	if bi, ok := debug.ReadBuildInfo(); ok {
		h.Build.Module = bi.Main.Path
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				h.Build.VCSRevision = s.Value
			case "vcs.time":
				h.Build.VCSTime = s.Value
			case "vcs.modified":
				h.Build.VCSModified = s.Value == "true"
			}
		}
	}
	return h
}
