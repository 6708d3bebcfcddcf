package mongouri

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
)

// The seedlist spec cases assume DNS records under test.build.10gen.cc. Their
// upstream README (not copied) has the table; testdata/spec/mongodb/README.md
// reproduces it. The stub below is built from that table, cross-checked
// against what each case expects (seeds, options, error):
//   - test22 gets two SRV records (27017, 27018) because srv-service-name.json
//     expects two seeds although the upstream table lists one;
//   - every SRV target is localhost.test.build.10gen.cc unless the table says
//     otherwise (test12..test19 return hosts outside the parent domain).
const d = "test.build.10gen.cc"

var lh = "localhost." + d

type stubRec struct {
	srv []SRVRecord
	txt [][]string
}

func srv(ports ...int) []SRVRecord {
	var out []SRVRecord
	for _, p := range ports {
		out = append(out, SRVRecord{Target: lh, Port: p})
	}
	return out
}

var stub = map[string]stubRec{
	"_mongodb._tcp.test1." + d:     {srv: srv(27017, 27018)},
	"_mongodb._tcp.test2." + d:     {srv: srv(27018, 27019)},
	"_mongodb._tcp.test3." + d:     {srv: srv(27017)},
	"_mongodb._tcp.test5." + d:     {srv: srv(27017), txt: [][]string{{"replicaSet=repl0&authSource=thisDB"}}},
	"_mongodb._tcp.test6." + d:     {srv: srv(27017), txt: [][]string{{"replicaSet=repl0"}, {"authSource=otherDB"}}},
	"_mongodb._tcp.test7." + d:     {srv: srv(27017), txt: [][]string{{"ssl=false"}}},
	"_mongodb._tcp.test8." + d:     {srv: srv(27017), txt: [][]string{{"authSource"}}},
	"_mongodb._tcp.test10." + d:    {srv: srv(27017), txt: [][]string{{"socketTimeoutMS=500"}}},
	"_mongodb._tcp.test11." + d:    {srv: srv(27017), txt: [][]string{{"replicaS", "et=rep", "l0"}}},
	"_mongodb._tcp.test12." + d:    {srv: []SRVRecord{{Target: "localhost.build.10gen.cc", Port: 27017}}},
	"_mongodb._tcp.test13." + d:    {srv: []SRVRecord{{Target: "test.build.10gen.cc", Port: 27017}}},
	"_mongodb._tcp.test14." + d:    {srv: []SRVRecord{{Target: "localhost.not-test.build.10gen.cc", Port: 27017}}},
	"_mongodb._tcp.test15." + d:    {srv: []SRVRecord{{Target: "localhost.test.not-build.10gen.cc", Port: 27017}}},
	"_mongodb._tcp.test16." + d:    {srv: []SRVRecord{{Target: "localhost.test.build.not-10gen.cc", Port: 27017}}},
	"_mongodb._tcp.test17." + d:    {srv: []SRVRecord{{Target: "localhost.test.build.10gen.not-cc", Port: 27017}}},
	"_mongodb._tcp.test18." + d:    {srv: []SRVRecord{{Target: "localhost.sub.test.build.10gen.cc", Port: 27017}}},
	"_mongodb._tcp.test19." + d:    {srv: []SRVRecord{{Target: "localhost.evil.build.10gen.cc", Port: 27017}, {Target: lh, Port: 27017}}},
	"_mongodb._tcp.test20." + d:    {srv: srv(27017), txt: [][]string{{"loadBalanced=true"}}},
	"_mongodb._tcp.test21." + d:    {srv: srv(27017), txt: [][]string{{"loadBalanced=false"}}},
	"_customname._tcp.test22." + d: {srv: srv(27017, 27018)},
	"_mongodb._tcp.test23." + d:    {srv: srv(8000)},
	"_mongodb._tcp.test24." + d:    {srv: srv(8000), txt: [][]string{{"loadBalanced=true"}}},
}

// stubAnswer returns the stubbed answer for a query (TXT records hang off the
// same entry; test4 and unknown names have no SRV record).
func stubAnswer(qname, host string) (*DNSAnswer, bool) {
	if !strings.HasSuffix(host, "10gen.cc") {
		return nil, false
	}
	rec := stub[qname]
	return &DNSAnswer{SRV: rec.srv, TXT: rec.txt}, true
}

type seedCase struct {
	URI           string         `json:"uri"`
	Seeds         []string       `json:"seeds"`
	NumSeeds      *int           `json:"numSeeds"`
	Options       map[string]any `json:"options"`
	ParsedOptions map[string]any `json:"parsed_options"`
	Error         bool           `json:"error"`
}

func TestSpecSeedlistDiscovery(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(specDir, "initial-dns-seedlist-discovery", "tests", "*", "*.json"))
	if len(files) != 53 {
		t.Fatalf("found %d seedlist cases, want 53", len(files))
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var c seedCase
		if err := json.Unmarshal(data, &c); err != nil {
			t.Fatal(err)
		}
		name := filepath.Base(filepath.Dir(f)) + "/" + filepath.Base(f)
		t.Run(name, func(t *testing.T) {
			r := Parse(c.URI)
			if r.Err == nil {
				a, _ := stubAnswer(r.SRVQueryName(), r.SRVHost)
				r.applyAnswer(a)
			}
			if c.Error {
				if r.Err == nil {
					t.Fatalf("want an error; hosts %v", r.Hosts)
				}
				return
			}
			if r.Err != nil {
				t.Fatalf("unexpected error %+v", r.Err)
			}
			var got []string
			for _, h := range r.Hosts {
				got = append(got, h.String())
			}
			if c.NumSeeds != nil && len(got) != *c.NumSeeds {
				t.Errorf("%d seeds, want %d", len(got), *c.NumSeeds)
			}
			if c.Seeds != nil {
				want := append([]string(nil), c.Seeds...)
				sort.Strings(want)
				g := append([]string(nil), got...)
				sort.Strings(g)
				if !reflect.DeepEqual(g, want) {
					t.Errorf("seeds %v, want %v", g, want)
				}
			}
			if c.Options != nil {
				compareOptions(t, r, c.Options)
				if v, ok := c.Options["ssl"]; ok && v != r.TLSEnabled {
					t.Errorf("TLS %v, want %v", r.TLSEnabled, v)
				}
			}
			for k, v := range c.ParsedOptions {
				switch k {
				case "user":
					if r.Username != v {
						t.Errorf("user %q, want %q", r.Username, v)
					}
				case "password":
					if pw, _ := r.Password(); pw != v {
						t.Errorf("password mismatch")
					}
				case "db", "auth_database", "defaultDatabase":
					if r.Database != v {
						t.Errorf("db %q, want %q", r.Database, v)
					}
				default:
					t.Errorf("unhandled parsed_options key %s", k)
				}
			}
		})
	}
}

// TestCloseMatchesMatchesCPython compares the difflib port with
// difflib.get_close_matches(word, <PyMongo's 53 URI validator names>, cutoff=0.2)
// as computed by CPython 3 (testdata/difflib.json, generated once with python3).
func TestCloseMatchesMatchesCPython(t *testing.T) {
	data, err := os.ReadFile("testdata/difflib.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases [][2]any
	if err := json.Unmarshal(data, &cases); err != nil {
		t.Fatal(err)
	}
	if len(validatorNames) != 53 {
		t.Fatalf("%d validator names, want PyMongo's 53", len(validatorNames))
	}
	for _, c := range cases {
		word := c[0].(string)
		var want []string
		for _, x := range c[1].([]any) {
			want = append(want, x.(string))
		}
		if got := closeMatches(word, validatorNames); !reflect.DeepEqual(got, want) {
			t.Errorf("closeMatches(%.40q) = %q, want %q", word, got, want)
		}
	}
}
