package mongouri

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"certinspect/core/i18n"
	"certinspect/core/report"
)

// Every exception and warning text of docs/pymongo-tls-semantics.md, word for word.
func TestMessagesFromSemanticsDocument(t *testing.T) {
	type tc struct {
		uri   string
		class string
		stage string
		msg   string
		warns []string
	}
	cases := []tc{
		// §2 order / grammar
		{uri: "mongo://localhost", class: "InvalidURI", msg: "Invalid URI scheme: URI must begin with 'mongodb://' or 'mongodb+srv://'"},
		{uri: "MONGODB://localhost", class: "InvalidURI", msg: "Invalid URI scheme: URI must begin with 'mongodb://' or 'mongodb+srv://'"},
		{uri: "mongodb://", class: "InvalidURI", msg: "Must provide at least one hostname or IP"},
		{uri: "mongodb://h/?a=1&b=2;c=3", class: "InvalidURI", msg: "Can not mix '&' and ';' for option separators"},
		{uri: "mongodb://h/?tls", class: "InvalidURI", msg: "MongoDB URI options are key=value pairs"},
		{uri: "mongodb://h/?tls=true&", class: "InvalidURI", msg: "MongoDB URI options are key=value pairs"},
		{uri: "mongodb://h/?appname=a=b", class: "InvalidURI", msg: "MongoDB URI options are key=value pairs"},
		{uri: "mongodb://h/?tls=true&TLS=true", warns: []string{"Duplicate URI option 'TLS'."}},
		// §3 booleans, unknown and legacy options
		{uri: "mongodb://h/?tls=TRUE", warns: []string{"The value of tls must be 'true' or 'false'"}},
		{uri: "mongodb://h/?tlsAllowInvalidCertificates=yes", warns: []string{"The value of tlsallowinvalidcertificates must be 'true' or 'false'"}},
		{uri: "mongodb://h/?tls=", warns: []string{"The value of tls must be 'true' or 'false'"}},
		{uri: "mongodb://h/?tlsDisableCertificateRevocationCheck=true", warns: []string{"Unknown option: tlsdisablecertificaterevocationcheck. Did you mean one of (tlsdisableocspendpointcheck, tlscertificatekeyfile, tlsallowinvalidcertificates) or maybe a camelCase version of one? Refer to docstring."}},
		{uri: "mongodb://h/?ssl=true&ssl_cert_reqs=CERT_NONE", warns: []string{"Unknown option: ssl_cert_reqs. Did you mean one of (sockettimeoutms, heartbeatfrequencyms, localthresholdms) or maybe a camelCase version of one? Refer to docstring."}},
		{uri: "mongodb://h/?tlsCAFile=", class: "FileNotFoundError", msg: "[Errno 2] No such file or directory: ''"},
		// §4 tls=false with implying options
		{uri: "mongodb://h/?tls=false&tlsInsecure=false", class: "ConfigurationError", stage: StageClient,
			msg: "TLS has not been enabled but the following tls parameters have been set: tlsallowinvalidcertificates, tlsallowinvalidhostnames, tlsdisableocspendpointcheck. Please set `tls=True` or remove."},
		{uri: "mongodb://h/?tlsCRLFile=c.pem&tlsCAFile=ca.pem&ssl=false&tlsCertificateKeyFilePassword=x&tlsCertificateKeyFile=k.pem", class: "ConfigurationError", stage: StageClient,
			msg: "TLS has not been enabled but the following tls parameters have been set: tlscertificatekeyfile, tlscertificatekeyfilepassword, tlscafile, tlscrlfile. Please set `tls=True` or remove."},
		// §5 conflicts
		{uri: "mongodb://h/?TLSINSECURE=true&tlsAllowInvalidHostnames=bogus", class: "InvalidURI", msg: "URI options TLSINSECURE and tlsAllowInvalidHostnames cannot be specified simultaneously."},
		{uri: "mongodb://h/?tlsInsecure=false&tlsDisableOCSPEndpointCheck=false", class: "InvalidURI", msg: "URI options tlsInsecure and tlsDisableOCSPEndpointCheck cannot be specified simultaneously."},
		{uri: "mongodb://h/?TLSAllowInvalidCertificates=false&TLSDisableOCSPEndpointCheck=true", class: "InvalidURI", msg: "URI options tlsallowinvalidcertificates and TLSDisableOCSPEndpointCheck cannot be specified simultaneously."},
		{uri: "mongodb://h/?tlsCRLFile=c.pem&tlsInsecure=true", class: "InvalidURI", stage: StageClient, msg: "URI option tlsinsecure=True cannot be specified when CRL checking is enabled."},
		{uri: "mongodb://h/?tlsCRLFile=c.pem&tlsAllowInvalidCertificates=true", class: "InvalidURI", stage: StageClient, msg: "URI option tlsallowinvalidcertificates=True cannot be specified when CRL checking is enabled."},
		{uri: "mongodb://h/?tlsCRLFile=c.pem&tlsDisableOCSPEndpointCheck=true", class: "InvalidURI", stage: StageClient, msg: "URI option tlsdisableocspendpointcheck=True cannot be specified when CRL checking is enabled."},
		{uri: "mongodb://h/?SSL=true&Tls=false", class: "InvalidURI", msg: "Can not specify conflicting values for URI options SSL and Tls."},
		{uri: "mongodb://h/?tls=True&ssl=true", class: "InvalidURI", msg: "Can not specify conflicting values for URI options ssl and tls."},
		{uri: "mongodb://h/?tls=yes&ssl=yes", warns: []string{"The value of tls must be 'true' or 'false'", "The value of ssl must be 'true' or 'false'"}},
		{uri: "mongodb://a,b/?directConnection=true", class: "ConfigurationError", msg: "Cannot specify multiple hosts with directConnection=true"},
		{uri: "mongodb://a,b/?loadBalanced=true", class: "ConfigurationError", msg: "Cannot specify multiple hosts with loadBalanced=true"},
		{uri: "mongodb://a/?loadBalanced=true&directConnection=true", class: "ConfigurationError", msg: "Cannot specify directConnection=true with loadBalanced=true"},
		{uri: "mongodb://a/?loadBalanced=true&replicaSet=rs", class: "ConfigurationError", msg: "Cannot specify replicaSet with loadBalanced=true"},
		{uri: "mongodb://a/?srvServiceName=x", class: "ConfigurationError", msg: "The srvServiceName option is only allowed with 'mongodb+srv://' URIs"},
		{uri: "mongodb://a/?srvMaxHosts=2", class: "ConfigurationError", msg: "The srvMaxHosts option is only allowed with 'mongodb+srv://' URIs"},
		{uri: "mongodb://a/?authSource=", class: "InvalidURI", msg: "the authSource database cannot be an empty string"},
		// §7 +srv before DNS
		{uri: "mongodb+srv://a.example.com,b.example.com", class: "InvalidURI", msg: "mongodb+srv:// URIs must include one, and only one, hostname"},
		{uri: "mongodb+srv://a.example.com:27017", class: "InvalidURI", msg: "mongodb+srv:// URIs must not include a port number"},
		{uri: "mongodb+srv://127.0.0.1", class: "ConfigurationError", stage: StageSRV, msg: "Invalid URI host: an IP address is not a valid hostname for 'mongodb+srv://'. Did you mean to use 'mongodb://'?"},
		{uri: "mongodb+srv://[::1]", class: "ConfigurationError", stage: StageSRV, msg: "Invalid URI host: an IP address is not a valid hostname for 'mongodb+srv://'. Did you mean to use 'mongodb://'?"},
		{uri: "mongodb+srv://a.example.com/?directConnection=true", class: "ConfigurationError", msg: "Cannot specify directConnection=true with mongodb+srv:// URIs"},
		// §8 userinfo, hosts
		{uri: "mongodb://a@b@h", class: "InvalidURI", msg: "Username and password must be escaped according to RFC 3986, use urllib.parse.quote_plus"},
		{uri: "mongodb://a:b:c@h", class: "InvalidURI", msg: "Username and password must be escaped according to RFC 3986, use urllib.parse.quote_plus"},
		{uri: "mongodb://a%zz:b@h", class: "InvalidURI", msg: "Username and password must be escaped according to RFC 3986, use urllib.parse.quote_plus"},
		{uri: "mongodb://:pw@h", class: "InvalidURI", msg: "The empty string is not valid username"},
		{uri: "mongodb://user:@h", class: "ConfigurationError", stage: StageClient, msg: "A password is required"},
		{uri: "mongodb://h:27017 ", class: "ValueError", msg: "Port contains whitespace character: ' '"},
		{uri: "mongodb://h:27017\t", class: "ValueError", msg: `Port contains whitespace character: '\t'`},
		{uri: "mongodb://h:x", class: "ValueError", msg: "Port contains non-digit characters. Hint: username and password must be escaped according to RFC 3986, use urllib.parse.quote_plus"},
		{uri: "mongodb://h:0", class: "ValueError", msg: "Port must be an integer between 0 and 65535"},
		{uri: "mongodb://h:65536", class: "ValueError", msg: "Port must be an integer between 0 and 65535"},
		{uri: "mongodb:///tmp/mongodb-27017.sock", class: "InvalidURI", msg: `Bad database name "tmp/mongodb-27017"`},
		{uri: "mongodb://h,", class: "ConfigurationError", msg: "Empty host (or extra comma in host list)"},
		{uri: "mongodb://h/a$b", class: "InvalidURI", msg: `Bad database name "a$b"`},
		// validators
		{uri: "mongodb://h/?readPreference=primary&readPreferenceTags=dc:ny", class: "ConfigurationError", stage: StageClient, msg: "Read preference primary cannot be combined with tags"},
		{uri: "mongodb://h/?maxStalenessSeconds=100", class: "ConfigurationError", stage: StageClient, msg: "Read preference primary cannot be combined with maxStalenessSeconds"},
		{uri: "mongodb://h/?w=0&journal=true", class: "ConfigurationError", stage: StageClient, msg: "Cannot set w to 0 and j to True"},
		{uri: "mongodb://h/?minPoolSize=5&maxPoolSize=2", class: "ValueError", stage: StageClient, msg: "minPoolSize must be smaller or equal to maxPoolSize"},
		{uri: "mongodb://h/?authMechanism=MONGODB-X509", warns: nil},
		{uri: "mongodb://u:p@h/?authMechanism=MONGODB-X509", class: "ConfigurationError", stage: StageClient, msg: "Passwords are not supported by MONGODB-X509"},
		{uri: "mongodb://h/?authMechanism=SCRAM-SHA-256", class: "ConfigurationError", stage: StageClient, msg: "SCRAM-SHA-256 requires a username"},
		{uri: "mongodb://h/?zlibCompressionLevel=10", warns: []string{"zlibcompressionlevel must be between -1 and 9, not 10."}},
		{uri: "mongodb://h/?zlibCompressionLevel=x", warns: []string{"zlibcompressionlevel must be an integer, not 'x'"}},
		{uri: "mongodb://h/?serverMonitoringMode=x", warns: []string{`servermonitoringmode='x' is invalid. Must be one of "auto", "stream", or "poll"`}},
		{uri: "mongodb://h/?readPreferenceTags=invalid", warns: []string{"'invalid' not a valid value for readpreferencetags"}},
		{uri: "mongodb://h/?connectTimeoutMS=-2", warns: []string{"connecttimeoutms must be greater than 0 and less than one billion"}},
		{uri: "mongodb://h/?connectTimeoutMS=x", warns: []string{"connecttimeoutms must be an integer or float"}},
		{uri: "mongodb://h/?maxConnecting=0", warns: []string{"The value of maxconnecting must be a positive integer"}},
		{uri: "mongodb://h/?wTimeoutMS=-2", warns: []string{"The value of wtimeoutms must be a non negative integer"}},
		{uri: "mongodb://h/?maxIdleTimeMS=", warns: []string{"maxidletimems must be an integer or float"}},
		{uri: "mongodb://h/?readPreference=any", warns: []string{"any is not a valid read preference"}},
		{uri: "mongodb://h/?uuidRepresentation=x", warns: []string{"x is an invalid UUID representation. Must be one of ('unspecified', 'standard', 'pythonLegacy', 'javaLegacy', 'csharpLegacy')"}},
		{uri: "mongodb://h/?compressors=zlib,lz4", warns: nil},
		{uri: "mongodb://h/?authMechanismProperties=CANONICALIZE_HOST_NAME:maybe", class: "ValueError",
			msg: "CANONICALIZE_HOST_NAME 'maybe' not in valid options: [False, True, 'none', 'forward', 'forwardAndReverse']"},
		{uri: "mongodb://h/?authMechanismProperties=SERVICE_NAME", warns: []string{"Malformed auth mechanism properties"}},
		{uri: "mongodb://h/?datetime_conversion=bogus", class: "KeyError", msg: "'bogus'"},
	}
	for _, c := range cases {
		r := Parse(c.uri)
		if c.class == "" {
			if r.Err != nil {
				t.Errorf("%q: unexpected %v", c.uri, r.Err)
			}
			if !reflect.DeepEqual(r.Warnings, c.warns) && !(len(r.Warnings) == 0 && len(c.warns) == 0) {
				t.Errorf("%q: warnings\n got %q\nwant %q", c.uri, r.Warnings, c.warns)
			}
			continue
		}
		stage := c.stage
		if stage == "" {
			stage = StageParse
		}
		want := &Error{Class: c.class, Message: c.msg, Stage: stage}
		if r.Err == nil || *r.Err != *want {
			t.Errorf("%q:\n got %+v\nwant %+v", c.uri, r.Err, want)
		}
	}
}

func TestTLSSemantics(t *testing.T) {
	type eff struct {
		tls, verify, host, crl, ocsp bool
		tlsSource                    string
	}
	cases := []struct {
		uri  string
		want eff
	}{
		{"mongodb://h", eff{false, true, true, false, true, "default"}},
		{"mongodb://h/?tls=TRUE", eff{false, true, true, false, true, "default"}},
		{"mongodb+srv://c.example.com/?tls=FALSE", eff{true, true, true, false, true, "srv"}},
		{"mongodb+srv://c.example.com/?ssl=false", eff{false, true, true, false, true, "uri"}},
		{"mongodb://h/?tlsCAFile=ca.pem", eff{true, true, true, false, true, "implied"}},
		{"mongodb://h/?tlsCertificateKeyFilePassword=", eff{false, true, true, false, true, "default"}},
		{"mongodb://h/?tlsInsecure=true", eff{false, false, false, false, false, "default"}},
		{"mongodb://h/?tlsInsecure=false", eff{true, true, true, false, true, "implied"}},
		{"mongodb://h/?tls=true&tlsAllowInvalidCertificates=true", eff{true, false, false, false, false, "uri"}},
		{"mongodb://h/?tls=true&tlsAllowInvalidHostnames=true", eff{true, true, false, false, true, "uri"}},
		{"mongodb://h/?tls=true&tlsDisableOCSPEndpointCheck=true", eff{true, true, true, false, false, "uri"}},
		{"mongodb://h/?tlsCRLFile=%2Fetc%2Fcrl.pem", eff{true, true, true, true, true, "implied"}},
		{"mongodb://h/?tlsAllowInvalidHostnames=false", eff{true, true, true, false, true, "implied"}},
		{"mongodb://h/?ssl=true", eff{true, true, true, false, true, "uri"}},
	}
	for _, c := range cases {
		r := Parse(c.uri)
		got := eff{r.TLSEnabled, r.VerifyCertificates, r.CheckHostname, r.CRLCheckLeaf, r.OCSPEndpointCheck, r.Effective["tls"].Source}
		if got != c.want {
			t.Errorf("%s: got %+v want %+v", c.uri, got, c.want)
		}
	}
	r := Parse("mongodb://h/?tlsInsecure=true")
	for _, k := range []string{"tlsAllowInvalidCertificates", "tlsAllowInvalidHostnames", "tlsDisableOCSPEndpointCheck"} {
		if e := r.Effective[k]; e.Value != true || e.Source != "tlsInsecure" {
			t.Errorf("%s = %+v, want expanded from tlsInsecure", k, e)
		}
	}
	r = Parse("mongodb://h/?tls=true&tlsAllowInvalidCertificates=true")
	if e := r.Effective["tlsDisableOCSPEndpointCheck"]; e.Value != true || e.Source != "implied" {
		t.Errorf("OCSP = %+v, want implied by tlsAllowInvalidCertificates", e)
	}
	if e := Parse("mongodb://h/?tls=TRUE").Effective["tls"]; e.Dropped != "TRUE" {
		t.Errorf("dropped value not recorded: %+v", e)
	}
}

func TestSecretsNeverRendered(t *testing.T) {
	uris := []string{
		"mongodb://alice:s3cr%40t@h/?tls=true&tlsCertificateKeyFilePassword=hunter2&tlsCertificateKeyFile=%2Fetc%2Fclient.pem",
		"mongodb://alice:foo/secretpart@localhost/db",
		"mongodb://alice:pa?ss=word@host",
		"mongodb://u:verysecret@h/?authMechanismProperties=AWS_SESSION_TOKEN:tok3n&authMechanism=MONGODB-AWS",
		"mongodb://u:verysecret@h/?tlsCertificateKeyFilePassword=hunter2&tlsCertificateKeyFilePassword=hunter3",
		"mongodb://AKIAEXAMPLE:verysecret@h/?authMechanism=MONGODB-AWS&authMechanismProperties=AWS_SESSION_TOKEN:tok3n&tls=true",
		// A private key pasted where the connection string goes.
		"-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7keyMaterialX\n-----END PRIVATE KEY-----\n",
	}
	secrets := []string{"s3cr", "hunter2", "hunter3", "secretpart", "ss=word", "verysecret", "tok3n", "keyMaterialX", "MIIEvQIB"}
	for _, u := range uris {
		r := Parse(u)
		js, _ := json.Marshal(r.Report())
		cs, _ := json.Marshal(r.Checks(i18n.English, []Supplied{{Name: "client.pem"}}))
		corrected, _ := r.Corrected(nil) // the hand-over's string, its snippets' source
		all := string(js) + string(cs) + r.Masked() + corrected
		if r.Err != nil {
			all += r.Err.Message
		}
		for _, s := range secrets {
			if strings.Contains(all, s) {
				t.Errorf("%s: secret %q rendered: %s", u, s, all)
			}
		}
	}
	if got := Parse("mongodb://alice:pw@h/?tlsCertificateKeyFilePassword=x").Masked(); got != "mongodb://alice:*****@h/?tlsCertificateKeyFilePassword=*****" {
		t.Errorf("masked = %q", got)
	}
	if pw, ok := Parse("mongodb://h/?tlsCertificateKeyFilePassword=k%2By").KeyPassword(); !ok || pw != "k+y" {
		t.Errorf("key password %q %v", pw, ok)
	}
}

func TestMatchFile(t *testing.T) {
	r := Parse(`mongodb://h/?tlsCAFile=%2Fetc%2Fssl%2Fmongo%2Fca.pem&tlsCertificateKeyFile=C:%5Ccerts%5Cclient.pem&tlsCRLFile=crl.pem`)
	for name, want := range map[string]string{"ca.pem": "tlsCAFile", "/tmp/x/client.pem": "tlsCertificateKeyFile", `D:\crl.pem`: "tlsCRLFile", "other.pem": "", "": ""} {
		if got := r.MatchFile(name); got != want {
			t.Errorf("MatchFile(%q) = %q, want %q", name, got, want)
		}
	}
	if r.Files["tlsCertificateKeyFile"] != `C:\certs\client.pem` {
		t.Errorf("files %v", r.Files)
	}
}

func findChecks(cs []report.Check, id string) []report.Check {
	var out []report.Check
	for _, c := range cs {
		if c.ID == id {
			out = append(out, c)
		}
	}
	return out
}

func TestChecksAndReport(t *testing.T) {
	p := i18n.English
	// tls=TRUE with certificates supplied: loud failure
	r := Parse("mongodb://h/?tls=TRUE&tlsCAFile=ca.pem&tls=TRUE")
	_ = r
	r = Parse("mongodb://h/?tls=TRUE")
	cs := r.Checks(p, []Supplied{{Name: "ca.pem"}})
	if c := findChecks(cs, "tls.enabled"); len(c) != 1 || c[0].Status != report.Fail || !strings.Contains(c[0].Detail, "TRUE") {
		t.Errorf("tls.enabled = %+v", c)
	}
	if c := findChecks(cs, "uri.warning"); len(c) != 1 || !strings.HasPrefix(c[0].Detail, "UserWarning: The value of tls must be 'true' or 'false'\n") || !strings.Contains(c[0].Title, "TRUE") {
		t.Errorf("uri.warning = %+v", c)
	}
	// insecure options and otherDrivers
	r = Parse("mongodb://h/?tlsInsecure=true&tls=true&foo=1")
	cs = r.Checks(p, nil)
	if c := findChecks(cs, "tls.insecure"); len(c) != 4 {
		t.Errorf("tls.insecure: %d checks, want 4 (tlsInsecure + 3 expanded)", len(c))
	}
	if c := findChecks(cs, "uri.otherDrivers"); len(c) != 1 || c[0].Status != report.Info || len(c[0].Others) == 0 {
		t.Errorf("otherDrivers = %+v", c)
	}
	// files
	r = Parse("mongodb://h/?tlsCAFile=%2Fetc%2Fca.pem&tlsCertificateKeyFile=client.pem")
	cs = r.Checks(p, []Supplied{{Name: "ca.pem"}})
	fc := findChecks(cs, "uri.files")
	if len(fc) != 2 || fc[0].Subject != "tlsCAFile" || fc[0].Status != report.Info || fc[1].Status != report.Warn {
		t.Errorf("uri.files = %+v", fc)
	}
	// A file given for the option under another name (a renamed copy, a
	// paste) is read in its place; a file of another role is not.
	cs = r.Checks(p, []Supplied{{Name: "ca.pem (2)", Role: "tlsCAFile"}, {Name: "pasted-1.pem", Role: "tlsCRLFile"}})
	fc = findChecks(cs, "uri.files")
	if len(fc) != 2 || fc[0].Status != report.Info || !strings.Contains(fc[0].Title, "ca.pem (2) is read in its place") || fc[1].Status != report.Warn {
		t.Errorf("uri.files in place = %+v", fc)
	}
	// srv
	r = Parse("mongodb+srv://user:pw@Cluster0.abc.mongodb.net/app?srvServiceName=mongo&authSource=admin")
	rep := r.Report()
	if rep.SRV == nil || rep.SRV.Queries[0] != "_mongo._tcp.cluster0.abc.mongodb.net SRV" || rep.SRV.Commands[0] != "dig +noall +answer SRV _mongo._tcp.cluster0.abc.mongodb.net" {
		t.Fatalf("srv = %+v", rep.SRV)
	}
	if rep.SSLContext == nil || rep.SSLContext.VerifyMode != "CERT_REQUIRED" || !rep.SSLContext.CheckHostname || rep.SSLContext.CAStore != "system" {
		t.Errorf("sslContext = %+v", rep.SSLContext)
	}
	if rep.Username != "user" || rep.Database != "app" || rep.Masked != "mongodb+srv://user:*****@Cluster0.abc.mongodb.net/app?srvServiceName=mongo&authSource=admin" {
		t.Errorf("report = %+v", rep)
	}
	r.ApplyDNS(`;; ANSWER SECTION:
_mongo._tcp.cluster0.abc.mongodb.net. 60 IN SRV 0 0 27017 ac-1-shard-00-00.abc.mongodb.net.
_mongo._tcp.cluster0.abc.mongodb.net. 60 IN SRV 0 0 27017 ac-1-shard-00-01.abc.mongodb.net.
cluster0.abc.mongodb.net. 60 IN TXT "authSource=other&replicaSet=atlas-1" ""`)
	if r.Err != nil {
		t.Fatalf("dns: %v", r.Err)
	}
	if got := r.Report().Hosts; !reflect.DeepEqual(got, []string{"ac-1-shard-00-00.abc.mongodb.net:27017", "ac-1-shard-00-01.abc.mongodb.net:27017"}) {
		t.Errorf("hosts %v", got)
	}
	if o, _ := r.Option("authSource"); o.Value != "admin" {
		t.Errorf("URI authSource must override TXT: %v", o.Value)
	}
	if o, _ := r.Option("replicaSet"); o == nil || o.Value != "atlas-1" || o.Source != "txt" {
		t.Errorf("replicaSet from TXT: %+v", o)
	}
	if c := findChecks(r.Checks(p, nil), "uri.srv"); len(c) != 1 || c[0].Status != report.Pass {
		t.Errorf("uri.srv = %+v", c)
	}
	// limits
	long := "mongodb://h/?" + strings.Repeat("a", MaxURILength)
	r = Parse(long)
	if r.Err == nil || r.Err.Limit != "uri.length" || r.Report().Limit == nil {
		t.Errorf("length limit: %+v", r.Err)
	}
	many := "mongodb://h/?" + strings.Repeat("w=1&", MaxOptions) + "w=1"
	r = Parse(many)
	if r.Err == nil || r.Err.Limit != "uri.options" || !strings.Contains(r.Err.Message, "1000") {
		t.Errorf("options limit: %+v", r.Err)
	}
	if c := findChecks(r.Checks(p, nil), "uri.valid"); len(c) != 1 || c[0].Status != report.Fail || !strings.Contains(c[0].Title, "uri.options") {
		t.Errorf("limit check %+v", c)
	}
}

func TestApplyDNSRules(t *testing.T) {
	cases := []struct{ uri, answer, err string }{
		{"mongodb+srv://blogs.mongodb.com", "cluster.testmongodb.com:27017", "Invalid SRV host: cluster.testmongodb.com"},
		{"mongodb+srv://mongo.local", "mongo.local:27017", "Invalid SRV host: return address is identical to SRV hostname"},
		{"mongodb+srv://a.b.example.com", "a.b.example.com:27017", ""},
		{"mongodb+srv://mongo.local", "db1.mongo.local:27017", ""},
		{"mongodb+srv://c.example.com", "", "The DNS query name does not exist: _mongodb._tcp.c.example.com."},
		{"mongodb+srv://c.example.com", "x.example.com:1\nc.example.com. 60 IN TXT \"a=b\"\nc.example.com. 60 IN TXT \"c=d\"", "Only one TXT record is supported"},
		{"mongodb+srv://c.example.com", "x.example.com:1\nc.example.com. 60 IN TXT \"ssl=false\"", "Only authSource, replicaSet, and loadBalanced are supported from DNS"},
		{"mongodb+srv://c.example.com", "x.example.com:1\nc.example.com. 60 IN TXT \"authSource\"", "MongoDB URI options are key=value pairs"},
		{"mongodb+srv://c.example.com/?srvMaxHosts=1", "x.example.com:1\nc.example.com. 60 IN TXT \"replicaSet=rs\"", "You cannot specify replicaSet with srvMaxHosts"},
		{"mongodb+srv://c.example.com/?srvMaxHosts=1", "x.example.com:1\nc.example.com. 60 IN TXT \"loadBalanced=true\"", "You cannot specify loadBalanced with srvMaxHosts"},
		{"mongodb+srv://c.example.com/", "x.example.com:1,y.example.com:2\nc.example.com. 60 IN TXT \"loadBalanced=true\"", "Cannot specify multiple hosts with loadBalanced=true"},
		{"mongodb+srv://c.example.com", "_mongodb._tcp.c.example.com\tservice = 0 5 27017 x.example.com.", ""},
	}
	for _, c := range cases {
		r := Parse(c.uri)
		r.ApplyDNS(c.answer)
		got := ""
		if r.Err != nil {
			got = r.Err.Message
		}
		if got != c.err {
			t.Errorf("%s + %q: got %q want %q", c.uri, c.answer, got, c.err)
		}
	}
}
