package mongouri

import (
	"strings"
	"testing"

	"certinspect/core/i18n"
)

// FuzzDNSAnswer feeds pasted DNS answers (dig, nslookup, host:port lists)
// through ParseDNSAnswer and through ApplyDNS on mongodb+srv connection
// strings: no panic, the documented record limit holds, and the checks and
// report still build.
func FuzzDNSAnswer(f *testing.F) {
	seeds := []string{
		"_mongodb._tcp.cluster0.example.net. 60 IN SRV 0 5 27017 shard-00-00.example.net.\n_mongodb._tcp.cluster0.example.net. 60 IN SRV 0 5 27017 shard-00-01.example.net.\ncluster0.example.net. 60 IN TXT \"authSource=admin&replicaSet=atlas-abc\"\n",
		"_mongodb._tcp.cluster0.example.net\tservice = 0 5 27017 shard-00-00.example.net.\ncluster0.example.net\ttext = \"authSource=admin\"\n",
		"shard-00-00.example.net:27017, shard-00-01.example.net:27017\n",
		"; <<>> DiG 9.18 <<>> SRV _mongodb._tcp.cluster0.example.net\n;; ANSWER SECTION:\n",
		"cluster0.example.net. 60 IN TXT \"a\" \"b=c\" \"\\\"quoted\\\"\"\n",
		"h:99999999999999999999\n[::1]:27017\n",
	}
	uris := []string{"mongodb+srv://cluster0.example.net/?tls=true", "mongodb+srv://u:p@cluster0.example.net/db?srvServiceName=custom&srvMaxHosts=1", "mongodb+srv://a.b/"}
	for i, s := range seeds {
		f.Add(uris[i%len(uris)], s)
	}
	f.Fuzz(func(t *testing.T, uri, answer string) {
		a, err := ParseDNSAnswer(answer)
		if err == nil && len(a.SRV)+len(a.TXT) > MaxDNSRecords+1 {
			t.Fatalf("%d records read, limit %d", len(a.SRV)+len(a.TXT), MaxDNSRecords)
		}
		if err != nil && (err.Message == "" || err.Class == "") {
			t.Fatalf("empty error %+v", err)
		}
		if !strings.HasPrefix(uri, "mongodb+srv://") {
			uri = "mongodb+srv://" + uri
		}
		r := Parse(uri)
		r.ApplyDNS(answer)
		_ = r.Checks(i18n.English, nil)
		_ = r.Report()
		_ = r.String()
	})
}
