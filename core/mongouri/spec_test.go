package mongouri

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
)

const specDir = "../../testdata/spec/mongodb"

type specCase struct {
	Description string          `json:"description"`
	URI         string          `json:"uri"`
	Valid       bool            `json:"valid"`
	Warning     bool            `json:"warning"`
	Hosts       []specHost      `json:"hosts"`
	Auth        *specAuth       `json:"auth"`
	Options     map[string]any  `json:"options"`
	RawOptions  json.RawMessage `json:"-"`
}

type specHost struct {
	Type string `json:"type"`
	Host string `json:"host"`
	Port *int   `json:"port"`
}

type specAuth struct {
	Username *string `json:"username"`
	Password *string `json:"password"`
	DB       *string `json:"db"`
}

// deviation is what PyMongo does instead of what a spec case expects.
type deviation struct {
	why string
	// err, when set, is the exception MongoClient raises although the spec
	// (which models parsing) expects a valid string.
	err *Error
	// warns are warnings PyMongo emits instead of accepting/erroring.
	warns []string
	// user is PyMongo's username when it differs.
	user string
	// db/coll: PyMongo splits the path at the first '.' into database and collection.
	db, coll string
	// unixHost: index of a host that PyMongo reads as a Unix socket (it ends in .sock).
	unixHost int
}

const revocationWarning = "Unknown option: tlsdisablecertificaterevocationcheck. Did you mean one of (tlsdisableocspendpointcheck, tlscertificatekeyfile, tlsallowinvalidcertificates) or maybe a camelCase version of one? Refer to docstring."

// proxyWarn is PyMongo's warning for a proxy option (suggestions computed with
// CPython's difflib over PyMongo's validator names).
func proxyWarn(name string) string {
	m := map[string]string{
		"proxyhost":     "Unknown option: proxyhost. Did you mean one of (srvmaxhosts, minpoolsize, localthresholdms) or maybe a camelCase version of one? Refer to docstring.",
		"proxyport":     "Unknown option: proxyport. Did you mean one of (srvmaxhosts, compressors, authmechanismproperties) or maybe a camelCase version of one? Refer to docstring.",
		"proxyusername": "Unknown option: proxyusername. Did you mean one of (srvservicename, journal, appname) or maybe a camelCase version of one? Refer to docstring.",
		"proxypassword": "Unknown option: proxypassword. Did you mean one of (compressors, tlscertificatekeyfilepassword, replicaset) or maybe a camelCase version of one? Refer to docstring.",
	}
	return m[name]
}

// deviations names every spec case where PyMongo (MongoClient) deliberately
// differs from the specification; each is asserted with PyMongo's behaviour.
func deviationFor(file string, c specCase) (deviation, bool) {
	switch {
	case strings.Contains(c.URI, "tlsDisableCertificateRevocationCheck"):
		return deviation{why: "PyMongo does not support tlsDisableCertificateRevocationCheck (skipped upstream): it warns Unknown option", warns: []string{revocationWarning}, unixHost: -1}, true
	case file == "proxy-options.json":
		var w []string
		seen := map[string]bool{}
		for _, item := range strings.Split(strings.SplitN(c.URI, "?", 2)[1], "&") {
			k := strings.ToLower(strings.SplitN(item, "=", 2)[0])
			if seen[k] {
				w = append(w, "Duplicate URI option '"+strings.SplitN(item, "=", 2)[0]+"'.")
			}
			seen[k] = true
		}
		var keys []string
		for _, item := range strings.Split(strings.SplitN(c.URI, "?", 2)[1], "&") {
			k := strings.ToLower(strings.SplitN(item, "=", 2)[0])
			if seen[k] {
				keys = append(keys, k)
				seen[k] = false
			}
		}
		for _, k := range keys {
			w = append(w, proxyWarn(k))
		}
		return deviation{why: "PyMongo has no SOCKS5 proxy options: Unknown option warnings", warns: w, unixHost: -1}, true
	case strings.Contains(c.URI, "serverSelectionTryOnce=false"):
		return deviation{why: "serverSelectionTryOnce is for single-threaded drivers; PyMongo warns Unknown option",
			warns: []string{"Unknown option: serverselectiontryonce. Did you mean one of (serverselectiontimeoutms, servermonitoringmode, server_api) or maybe a camelCase version of one? Refer to docstring."}, unixHost: -1}, true
	case c.Description == "Subdelimiters in user/pass don't need escaping (PLAIN)":
		return deviation{why: "PyMongo decodes userinfo with unquote_plus: '+' becomes a space", user: "!$&'()* ,;=", unixHost: -1}, true
	case c.Description == "Username without password", c.Description == "Username with empty password",
		c.Description == "Escaped username and database without password":
		return deviation{why: "parse_uri accepts it; MongoClient builds SCRAM credentials and raises", unixHost: -1,
			err: &Error{Class: "ConfigurationError", Stage: StageClient, Message: "A password is required"}}, true
	case c.Description == "Comma in a key value pair causes a warning":
		return deviation{why: "the malformed authMechanismProperties are dropped; MongoClient then has MONGODB-OIDC without ENVIRONMENT", unixHost: -1,
			err: &Error{Class: "ConfigurationError", Stage: StageClient, Message: "authentication with MONGODB-OIDC requires providing either a callback or a environment"}}, true
	case file == "valid-db-with-dotted-name.json":
		db, coll, _ := strings.Cut(*c.Auth.DB, ".")
		return deviation{why: "PyMongo splits the path at the first '.': database and collection", db: db, coll: coll, unixHost: -1}, true
	case strings.HasPrefix(c.URI, "mongodb://mongodb-27017.sock,"):
		return deviation{why: "PyMongo reads any host ending in .sock as a Unix socket (parse_host), the spec expects a hostname", unixHost: 0}, true
	}
	return deviation{unixHost: -1}, false
}

func loadSpec(t *testing.T, sub string) map[string][]specCase {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(specDir, sub, "tests", "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no spec files in %s: %v", sub, err)
	}
	out := map[string][]specCase{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var doc struct {
			Tests []specCase `json:"tests"`
		}
		if err := json.Unmarshal(data, &doc); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		out[filepath.Base(f)] = doc.Tests
	}
	return out
}

// specValue converts a validated value to the JSON shape the spec uses.
func specValue(v any) any {
	switch x := v.(type) {
	case int64:
		return float64(x)
	case []Pair:
		m := map[string]any{}
		for _, p := range x {
			m[p.K] = p.V
		}
		return m
	case [][]Pair:
		out := []any{}
		for _, set := range x {
			m := map[string]any{}
			for _, p := range set {
				m[p.K] = p.V
			}
			out = append(out, m)
		}
		return out
	case []string:
		out := []any{}
		for _, s := range x {
			out = append(out, s)
		}
		return out
	}
	return v
}

func normalizeExpected(v any) any {
	// CANONICALIZE_HOST_NAME etc. are strings in PyMongo's parsed properties.
	if m, ok := v.(map[string]any); ok {
		out := map[string]any{}
		for k, x := range m {
			if b, ok := x.(bool); ok {
				x = fmt.Sprint(b)
			}
			out[k] = x
		}
		return out
	}
	return v
}

func compareOptions(t *testing.T, r *Result, want map[string]any) {
	t.Helper()
	opts, _ := normalized(r.Options)
	for k, w := range want {
		lk := strings.ToLower(k)
		if lk == "ssl" {
			lk = "tls"
		}
		var got any
		if lk == "tls" && r.SRV {
			got = r.TLSEnabled
		} else if o := getOpt(opts, lk); o != nil {
			got = specValue(o.Value)
		} else {
			t.Errorf("option %s missing (want %v)", k, w)
			continue
		}
		if !reflect.DeepEqual(got, normalizeExpected(w)) {
			t.Errorf("option %s = %#v, want %#v", k, got, w)
		}
	}
}

func runSpecCase(t *testing.T, file string, c specCase) {
	r := Parse(c.URI)
	if r.SRV && r.Err == nil {
		if a, ok := stubAnswer(r.SRVQueryName(), r.SRVHost); ok {
			r.applyAnswer(a)
		}
	}
	dev, isDev := deviationFor(file, c)
	if isDev {
		t.Logf("PyMongo deviation: %s", dev.why)
		switch {
		case dev.err != nil:
			if r.Err == nil || *r.Err != *dev.err {
				t.Fatalf("want MongoClient error %+v, got %+v", dev.err, r.Err)
			}
		case dev.warns != nil:
			if r.Err != nil {
				t.Fatalf("PyMongo accepts with warnings, got error %+v", r.Err)
			}
			if !reflect.DeepEqual(r.Warnings, dev.warns) {
				t.Fatalf("warnings\n got %q\nwant %q", r.Warnings, dev.warns)
			}
			return
		case dev.user != "":
			if r.Username != dev.user {
				t.Fatalf("username %q, want %q", r.Username, dev.user)
			}
		}
	}
	if !c.Valid {
		if r.Err == nil {
			t.Fatalf("want an error, got none (warnings %q)", r.Warnings)
		}
		if r.Err.Stage == StageLimit {
			t.Fatalf("limit error %+v", r.Err)
		}
		return
	}
	if r.Err != nil && !(isDev && dev.err != nil) {
		t.Fatalf("unexpected error %+v", r.Err)
	}
	if got := len(r.Warnings) > 0; got != c.Warning {
		t.Fatalf("warning=%v, want %v (%q)", got, c.Warning, r.Warnings)
	}
	if c.Hosts != nil {
		if len(c.Hosts) != len(r.Hosts) {
			t.Fatalf("hosts %+v, want %+v", r.Hosts, c.Hosts)
		}
		for i, h := range c.Hosts {
			g := r.Hosts[i]
			if isDev && dev.unixHost == i {
				if g.Type != "unix" || g.Name != h.Host || g.Port != 0 {
					t.Errorf("host %d = %+v, want PyMongo's unix socket", i, g)
				}
				continue
			}
			if g.Name != h.Host || g.Type != h.Type {
				t.Errorf("host %d = %+v, want %+v", i, g, h)
			}
			if h.Port != nil && *h.Port != g.Port {
				t.Errorf("host %d port %d, want %d", i, g.Port, *h.Port)
			}
			if h.Port == nil && g.Port != DefaultPort && g.Port != 0 {
				t.Errorf("host %d port %d, want default", i, g.Port)
			}
		}
	}
	if c.Auth != nil {
		if c.Auth.Username != nil && r.Username != *c.Auth.Username && !(isDev && dev.user != "") {
			t.Errorf("username %q, want %q", r.Username, *c.Auth.Username)
		}
		if c.Auth.Username == nil && r.HasUser {
			t.Errorf("username %q, want none", r.Username)
		}
		pw, has := r.Password()
		if c.Auth.Password != nil && *c.Auth.Password != "" && (pw != *c.Auth.Password && !(isDev && dev.user != "")) {
			t.Errorf("password mismatch")
		}
		if (c.Auth.Password == nil || *c.Auth.Password == "") && has {
			t.Errorf("password set, want none")
		}
		if isDev && dev.db != "" {
			if r.Database != dev.db || r.Collection != dev.coll {
				t.Errorf("db %q coll %q, want PyMongo's %q / %q", r.Database, r.Collection, dev.db, dev.coll)
			}
		} else if c.Auth.DB != nil && r.Database != *c.Auth.DB {
			t.Errorf("db %q, want %q", r.Database, *c.Auth.DB)
		}
		if c.Auth.DB == nil && r.Database != "" {
			t.Errorf("db %q, want none", r.Database)
		}
	}
	if c.Options != nil {
		compareOptions(t, r, c.Options)
	}
}

func TestSpecConnectionStringAndURIOptions(t *testing.T) {
	total, devs := 0, 0
	for _, sub := range []string{"connection-string", "uri-options"} {
		files := loadSpec(t, sub)
		names := make([]string, 0, len(files))
		for n := range files {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, f := range names {
			for i, c := range files[f] {
				total++
				if _, ok := deviationFor(f, c); ok {
					devs++
				}
				t.Run(fmt.Sprintf("%s/%s/%d_%s", sub, f, i, c.Description), func(t *testing.T) { runSpecCase(t, f, c) })
			}
		}
	}
	if total != 257 {
		t.Errorf("ran %d spec cases, want all 257", total)
	}
	// 26 revocation + 15 proxy + 1 serverSelectionTryOnce + 1 '+' + 4 MongoClient-only
	// errors + 4 dotted database names + 2 unescaped ".sock" hosts
	if devs != 53 {
		t.Errorf("%d named deviations, want 53", devs)
	}
}
