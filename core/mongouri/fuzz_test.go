package mongouri

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"certinspect/core/i18n"
)

// FuzzParse: no panic, bounded work, and a string that MongoClient accepts
// renders to one that parses to the same result.
func FuzzParse(f *testing.F) {
	for _, sub := range []string{"connection-string", "uri-options"} {
		files, _ := filepath.Glob(filepath.Join(specDir, sub, "tests", "*.json"))
		for _, file := range files {
			data, _ := os.ReadFile(file)
			var doc struct {
				Tests []struct {
					URI string `json:"uri"`
				} `json:"tests"`
			}
			_ = json.Unmarshal(data, &doc)
			for _, c := range doc.Tests {
				f.Add(c.URI)
			}
		}
	}
	f.Add("mongodb+srv://u:p@c.example.com/db.coll?tls=TRUE&readPreferenceTags=a:b,c:d&readPreferenceTags=&authMechanismProperties=SERVICE_NAME:x%2Cy")
	f.Fuzz(func(t *testing.T, s string) {
		r := Parse(s)
		_ = r.Checks(i18n.English, []Supplied{{Name: "ca.pem"}})
		_ = r.Report()
		r.ApplyDNS("x.example.com:27017")
		r = Parse(s)
		if r.Err != nil || !validUTF8(s) {
			return
		}
		out := r.String()
		r2 := Parse(out)
		if r2.Err != nil {
			t.Fatalf("%q rendered as %q: %v", s, out, r2.Err)
		}
		if !sameResult(r, r2) {
			t.Fatalf("%q rendered as %q parses differently:\n%+v\n%+v", s, out, summary(r), summary(r2))
		}
	})
}

func validUTF8(s string) bool { return isValidUTF8(s) }

func summary(r *Result) map[string]any {
	opts := map[string]any{}
	for _, o := range r.Options {
		opts[o.Key] = o.Value
	}
	pw, _ := r.Password()
	return map[string]any{"hosts": r.Hosts, "user": r.Username, "hasUser": r.HasUser, "pw": pw, "db": r.Database, "coll": r.Collection, "opts": opts, "srv": r.SRV, "tls": r.TLSEnabled}
}

func sameResult(a, b *Result) bool { return reflect.DeepEqual(summary(a), summary(b)) }
