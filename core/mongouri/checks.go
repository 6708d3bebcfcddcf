package mongouri

import (
	"sort"
	"strings"

	"certinspect/core/i18n"
	"certinspect/core/report"
)

// Report is the `uri` section of the core report (documented in docs/report.md).
type Report struct {
	// Masked is the connection string with passwords and secret option values masked.
	Masked string `json:"masked"`
	Scheme string `json:"scheme"`
	// Error is the exception MongoClient(uri) raises; absent when it succeeds.
	Error *Error `json:"error,omitempty"`
	// Limit is set when the input hit one of certinspect's limits.
	Limit *report.LimitHit `json:"limit,omitempty"`
	// Warnings are PyMongo's UserWarning texts, in order.
	Warnings []string `json:"warnings"`
	// Hosts: host:port, [IPv6]:port, or a Unix socket path.
	Hosts      []string `json:"hosts"`
	Database   string   `json:"database,omitempty"`
	Collection string   `json:"collection,omitempty"`
	// Username never comes with the password.
	Username string `json:"username,omitempty"`
	// Options are the options PyMongo keeps (secret values masked), by the name as typed.
	Options []ReportOption `json:"options"`
	// Effective maps each TLS option (PyMongo name) to its value and source.
	Effective  map[string]Effective `json:"effective"`
	TLSEnabled bool                 `json:"tlsEnabled"`
	SSLContext *SSLContext          `json:"sslContext,omitempty"`
	SRV        *SRVReport           `json:"srv,omitempty"`
	// Files maps tlsCAFile / tlsCertificateKeyFile / tlsCRLFile to the path named.
	Files map[string]string `json:"files,omitempty"`
}

// ReportOption is one kept option.
type ReportOption struct {
	Name   string `json:"name"`
	Value  any    `json:"value"`
	Source string `json:"source"`
}

// SSLContext is the ssl.SSLContext PyMongo would build.
type SSLContext struct {
	CheckHostname bool `json:"checkHostname"`
	// VerifyMode: CERT_REQUIRED or CERT_NONE.
	VerifyMode   string `json:"verifyMode"`
	CRLCheckLeaf bool   `json:"crlCheckLeaf"`
	// CAStore: "tlsCAFile" (replaces the default store), "system" (OS default
	// store), "none" (CERT_NONE and no tlsCAFile: nothing loaded).
	CAStore string `json:"caStore"`
	// OCSP (PyOpenSSL backend only): "off", "stapledOnly", "stapledAndResponder".
	OCSP string `json:"ocsp"`
}

// SRVReport describes the mongodb+srv lookups.
type SRVReport struct {
	Host        string   `json:"host"`
	ServiceName string   `json:"serviceName"`
	Queries     []string `json:"queries"`
	Commands    []string `json:"commands"`
	DNSApplied  bool     `json:"dnsApplied"`
	// Hosts are the SRV targets read from the pasted answer.
	Hosts []string `json:"hosts,omitempty"`
	TXT   string   `json:"txt,omitempty"`
	Notes []string `json:"notes,omitempty"`
}

func (r *Result) errCopy() *Error {
	if r.Err == nil {
		return nil
	}
	e := *r.Err
	e.Message = r.scrub(e.Message)
	return &e
}

func (r *Result) scrubbedWarnings() []string {
	out := make([]string, len(r.Warnings))
	for i, w := range r.Warnings {
		out[i] = r.scrub(w)
	}
	return out
}

func maskedValue(o *Option) any {
	if sensitiveOptions[o.Key] {
		return maskText
	}
	switch v := o.Value.(type) {
	case []Pair:
		m := map[string]string{}
		for _, p := range v {
			m[p.K] = p.V
			if p.K == "AWS_SESSION_TOKEN" {
				m[p.K] = maskText
			}
		}
		return m
	case [][]Pair:
		out := make([]map[string]string, len(v))
		for i, set := range v {
			out[i] = map[string]string{}
			for _, p := range set {
				out[i][p.K] = p.V
			}
		}
		return out
	}
	return o.Value
}

// Report returns the `uri` section of the core report.
func (r *Result) Report() *Report {
	rep := &Report{Masked: r.Masked(), Scheme: "mongodb", Error: r.errCopy(), Warnings: r.scrubbedWarnings(),
		Hosts: []string{}, Options: []ReportOption{}, Effective: r.Effective, TLSEnabled: r.TLSEnabled,
		Database: r.Database, Collection: r.Collection, Username: r.Username}
	if r.SRV {
		rep.Scheme = "mongodb+srv"
	}
	if r.Err != nil && r.Err.Class == "InputLimit" {
		rep.Limit = &report.LimitHit{Limit: r.Err.Limit, Max: r.Err.LimitMax, Input: "uri", Detail: r.Err.Message}
		rep.Masked = ""
	}
	for _, h := range r.Hosts {
		rep.Hosts = append(rep.Hosts, h.String())
	}
	for _, o := range r.Options {
		rep.Options = append(rep.Options, ReportOption{Name: o.Name, Value: maskedValue(o), Source: o.Source})
	}
	if len(r.Files) > 0 {
		rep.Files = r.Files
	}
	if r.TLSEnabled {
		c := &SSLContext{CheckHostname: r.CheckHostname, VerifyMode: "CERT_REQUIRED", CRLCheckLeaf: r.CRLCheckLeaf, CAStore: "system", OCSP: "stapledAndResponder"}
		if !r.VerifyCertificates {
			c.VerifyMode, c.CAStore, c.OCSP = "CERT_NONE", "none", "off"
		} else if !r.OCSPEndpointCheck {
			c.OCSP = "stapledOnly"
		}
		if _, ok := r.Files["tlsCAFile"]; ok {
			c.CAStore = "tlsCAFile"
		}
		rep.SSLContext = c
	}
	if r.SRV && r.SRVHost != "" {
		svc := strings.TrimPrefix(strings.SplitN(r.SRVQueryName(), ".", 2)[0], "_")
		s := &SRVReport{Host: r.SRVHost, ServiceName: svc, Queries: []string{r.SRVQueryName() + " SRV", r.SRVHost + " TXT"},
			Commands: r.DNSCommands(), DNSApplied: r.DNSApplied, TXT: r.txtRaw, Notes: r.dnsNotes}
		for _, h := range r.SRVHosts {
			s.Hosts = append(s.Hosts, h.String())
		}
		rep.SRV = s
	}
	return rep
}

var weakening = map[string]bool{"tlsInsecure": true, "tlsAllowInvalidCertificates": true, "tlsAllowInvalidHostnames": true, "tlsDisableOCSPEndpointCheck": true}

// Supplied is a file given with the connection string: its name and the
// option it was given for (tlsCAFile, tlsCertificateKeyFile, tlsCRLFile),
// or "" when that is not known.
type Supplied struct {
	Name, Role string
}

// Checks renders the connection-string checks.
func (r *Result) Checks(p *i18n.Printer, suppliedFiles []Supplied) []report.Check {
	var out []report.Check
	masked := r.Masked()
	// uri.valid
	if e := r.errCopy(); e != nil {
		c := report.Check{ID: "uri.valid", Status: report.Fail, Subject: masked}
		if e.Class == "InputLimit" {
			c.Title = p.T("uri.limit.title", "Connection string not read: it exceeds a limit ({limit})", i18n.Args{"limit": e.Limit})
			c.Detail = e.Message
			c.Fix = p.T("uri.limit.fix", "Paste only the connection string itself; a real one is far below {max}.", i18n.Args{"max": e.LimitMax})
			c.Subject = ""
		} else {
			c.Title = p.T("uri.valid.fail.title", "PyMongo refuses this connection string ({class})", i18n.Args{"class": e.Class})
			c.Detail = e.Class + ": " + e.Message
			c.Fix = r.errorFix(p, e)
			if e.Stage == StageClient {
				c.Detail += "\n" + p.T("uri.valid.clientOnly", "pymongo.uri_parser.parse_uri() accepts the string; MongoClient() raises this when it is constructed.", nil)
			}
			if e.Stage == StageDNS {
				c.Detail += "\n" + p.T("uri.valid.afterDNS", "Raised after the DNS SRV/TXT lookup, from the pasted DNS answer.", nil)
			}
		}
		out = append(out, c)
	} else {
		out = append(out, report.Check{ID: "uri.valid", Status: report.Pass, Subject: masked,
			Title:  p.T("uri.valid.pass.title", "PyMongo accepts this connection string", nil),
			Detail: p.T("uri.valid.pass.detail", "Hosts: {hosts}.", i18n.Args{"hosts": strings.Join(r.Report().Hosts, ", ")})})
	}
	// uri.warning
	for _, w := range r.scrubbedWarnings() {
		out = append(out, r.warningCheck(p, w))
	}
	if r.Err != nil && r.Err.Class == "InputLimit" {
		return out
	}
	out = append(out, r.tlsChecks(p, suppliedFiles)...)
	out = append(out, r.fileChecks(p, suppliedFiles)...)
	if c, ok := r.srvCheck(p); ok {
		out = append(out, c)
	}
	if c, ok := r.otherDrivers(p); ok {
		out = append(out, c)
	}
	return out
}

func (r *Result) errorFix(p *i18n.Printer, e *Error) string {
	m := e.Message
	switch {
	case e.Class == "FileNotFoundError":
		return p.T("uri.fix.emptyPath", "A TLS file option has an empty value: give the path of the file or remove the option.", nil)
	case strings.Contains(m, "must be escaped according to RFC 3986"), strings.Contains(m, "Port contains non-digit"):
		return p.T("uri.fix.escape", "Percent-encode the username and password, e.g. in Python: urllib.parse.quote_plus(password). Characters such as @ : / ? # [ ] % must be escaped.", nil)
	case strings.HasPrefix(m, "Invalid URI scheme"):
		return p.T("uri.fix.scheme", "Start the string with mongodb:// or mongodb+srv:// (lowercase).", nil)
	case strings.Contains(m, "cannot be specified simultaneously"):
		return p.T("uri.fix.insecureConflict", "tlsInsecure already sets tlsAllowInvalidCertificates, tlsAllowInvalidHostnames and tlsDisableOCSPEndpointCheck; tlsAllowInvalidCertificates already disables OCSP. Keep only one of the named options.", nil)
	case strings.Contains(m, "when CRL checking is enabled"):
		return p.T("uri.fix.crlInsecure", "A CRL check needs certificate verification: remove tlsCRLFile or the option that turns verification off.", nil)
	case strings.HasPrefix(m, "Can not specify conflicting values"):
		return p.T("uri.fix.sslTls", "ssl is an alias of tls: give one of them, once, with true or false.", nil)
	case strings.HasPrefix(m, "TLS has not been enabled"):
		return p.T("uri.fix.tlsFalse", "Either set tls=true, or remove the TLS options named in the message.", nil)
	case strings.HasPrefix(m, "mongodb+srv:// URIs must not include a port"):
		return p.T("uri.fix.srvPort", "Remove the port: mongodb+srv:// takes the ports from the SRV records. To connect to a given port, use mongodb://host:port.", nil)
	case strings.HasPrefix(m, "mongodb+srv:// URIs must include one"):
		return p.T("uri.fix.srvHosts", "Give exactly one SRV host name with mongodb+srv://, or list all hosts with mongodb://.", nil)
	case strings.Contains(m, "an IP address is not a valid hostname"):
		return p.T("uri.fix.srvIP", "mongodb+srv:// needs a DNS name with SRV records; for an IP address use mongodb://.", nil)
	case strings.HasPrefix(m, "Invalid SRV host"):
		return p.T("uri.fix.srvParent", "Every SRV target must be in the same parent domain as the SRV host name; fix the SRV records or use mongodb:// with the hosts listed.", nil)
	case strings.HasPrefix(m, "A password is required"):
		return p.T("uri.fix.password", "Add the password to the userinfo (user:password@host), percent-encoded, or use an authMechanism that needs none (MONGODB-X509).", nil)
	}
	return p.T("uri.fix.generic", "Correct the connection string as the message says.", nil)
}

// warningSubject extracts the option a warning is about.
func warningSubject(w string) string {
	for _, pre := range []string{"Unknown option: ", "The value of "} {
		if strings.HasPrefix(w, pre) {
			rest := w[len(pre):]
			if i := strings.IndexAny(rest, ". "); i >= 0 {
				return rest[:i]
			}
		}
	}
	if strings.HasPrefix(w, "Duplicate URI option '") {
		return strings.TrimSuffix(strings.TrimPrefix(w, "Duplicate URI option '"), "'.")
	}
	return ""
}

func (r *Result) warningCheck(p *i18n.Printer, w string) report.Check {
	subj := warningSubject(w)
	c := report.Check{ID: "uri.warning", Status: report.Warn, Subject: subj, Detail: "UserWarning: " + w,
		Title: p.T("uri.warning.title", "PyMongo warns and ignores this option", nil),
		Fix:   p.T("uri.warning.fix", "Correct or remove the option; PyMongo applies its default instead.", nil)}
	switch {
	case (subj == "tls" || subj == "ssl") && strings.HasPrefix(w, "The value of"):
		c.Title = p.T("uri.warning.tlsBool.title", "{option}={value} is ignored: TLS setting falls back to the default", i18n.Args{"option": subj, "value": r.Dropped[subj]})
		if r.TLSEnabled {
			c.Detail += "\n" + p.T("uri.warning.tlsBool.on", "TLS stays ON (default for mongodb+srv:// or implied by other options).", nil)
		} else {
			c.Detail += "\n" + p.T("uri.warning.tlsBool.off", "The connection is NOT encrypted: PyMongo accepts only lowercase true or false, anything else is dropped.", nil)
		}
		c.Fix = p.T("uri.warning.tlsBool.fix", "Write {option}=true (lowercase).", i18n.Args{"option": subj})
	case strings.HasPrefix(w, "The value of") && strings.HasSuffix(w, "must be 'true' or 'false'"):
		c.Fix = p.T("uri.warning.bool.fix", "Write {option}=true or {option}=false in lowercase; the value given was ignored.", i18n.Args{"option": subj})
	case strings.HasPrefix(w, "Unknown option: ssl_") || strings.HasPrefix(w, "Unknown option: ssl."):
		c.Title = p.T("uri.warning.legacy.title", "PyMongo 3 option {option} is ignored by PyMongo 4", i18n.Args{"option": subj})
		c.Detail += "\n" + p.T("uri.warning.legacy.detail", "The ssl_* options were removed in PyMongo 4.0, so this setting has no effect (ssl_cert_reqs=CERT_NONE no longer turns verification off; ssl_ca_certs no longer selects a CA file).", nil)
		c.Fix = p.T("uri.warning.legacy.fix", "Use the tls* names: ssl_ca_certs → tlsCAFile, ssl_certfile+ssl_keyfile → tlsCertificateKeyFile, ssl_pem_passphrase → tlsCertificateKeyFilePassword, ssl_crlfile → tlsCRLFile, ssl_cert_reqs=CERT_NONE → tlsAllowInvalidCertificates=true (testing only), ssl_match_hostname=false → tlsAllowInvalidHostnames=true.", nil)
	case subj == "tlsdisablecertificaterevocationcheck":
		c.Detail += "\n" + p.T("uri.warning.revocation.detail", "PyMongo does not support tlsDisableCertificateRevocationCheck: the option is ignored. PyMongo checks revocation only via OCSP (PyOpenSSL) or tlsCRLFile.", nil)
		c.Fix = p.T("uri.warning.revocation.fix", "Remove it; to skip contacting the OCSP responder use tlsDisableOCSPEndpointCheck=true.", nil)
	case strings.HasPrefix(w, "Unknown option:"):
		c.Fix = p.T("uri.warning.unknown.fix", "Check the spelling against the PyMongo documentation; the option is ignored. (The Node.js driver, mongosh and Compass reject unknown options.)", nil)
	case strings.HasPrefix(w, "Duplicate URI option"):
		c.Fix = p.T("uri.warning.duplicate.fix", "Give the option once; PyMongo uses the last value.", nil)
	}
	return c
}

func (r *Result) tlsChecks(p *i18n.Printer, supplied []Supplied) []report.Check {
	var out []report.Check
	tls := r.Effective["tls"]
	var src string
	switch tls.Source {
	case "uri":
		src = p.T("tls.source.uri", "set in the connection string", nil)
	case "srv":
		src = p.T("tls.source.srv", "implied by mongodb+srv://", nil)
	case "implied":
		src = p.T("tls.source.implied", "implied by {option}", i18n.Args{"option": tls.By})
	default:
		src = p.T("tls.source.default", "default (no tls option)", nil)
	}
	c := report.Check{ID: "tls.enabled", Status: report.Info, Subject: "tls"}
	if r.TLSEnabled {
		c.Title = p.T("tls.enabled.on", "TLS is on ({source})", i18n.Args{"source": src})
		store := p.T("tls.store.system", "the system default trust store", nil)
		if f, ok := r.Files["tlsCAFile"]; ok {
			store = p.T("tls.store.caFile", "only the certificates in tlsCAFile {path} (it replaces the system store)", i18n.Args{"path": f})
		}
		c.Detail = p.T("tls.enabled.detail", "Certificate chain check: {chain}. Hostname check: {host}. CA certificates: {store}.", i18n.Args{
			"chain": onOff(p, r.VerifyCertificates), "host": onOff(p, r.CheckHostname), "store": store})
		if r.CRLCheckLeaf {
			c.Detail += " " + p.T("tls.enabled.crl", "tlsCRLFile: the server certificate (leaf only) is checked against the CRL, which must be PEM; PyMongo raises \"tlsCRLFile cannot be used with PyOpenSSL\" when PyOpenSSL (pymongo[ocsp]) is installed.", nil)
		}
	} else {
		c.Title = p.T("tls.enabled.off", "TLS is off ({source})", i18n.Args{"source": src})
		c.Detail = p.T("tls.enabled.offDetail", "PyMongo connects without TLS; a server that requires TLS closes the connection (client sees \"connection closed\").", nil)
		if len(supplied) > 0 {
			c.Status = report.Fail
			c.Detail += " " + p.T("tls.enabled.offFiles", "Certificates were supplied, so TLS was probably intended.", nil)
		}
		if tls.Dropped != "" {
			c.Status = report.Fail
			c.Detail += " " + p.T("tls.enabled.dropped", "The value {value} was ignored because PyMongo accepts only lowercase true/false.", i18n.Args{"value": tls.Dropped})
		}
		c.Fix = p.T("tls.enabled.fix", "Add tls=true (lowercase) to the connection string.", nil)
	}
	out = append(out, c)
	for _, name := range []string{"tlsInsecure", "tlsAllowInvalidCertificates", "tlsAllowInvalidHostnames", "tlsDisableOCSPEndpointCheck"} {
		e := r.Effective[name]
		if b, _ := e.Value.(bool); !b || !r.TLSEnabled {
			continue
		}
		ck := report.Check{ID: "tls.insecure", Status: report.Warn, Subject: name}
		switch name {
		case "tlsInsecure":
			ck.Title = p.T("tls.insecure.insecure.title", "tlsInsecure=true turns all certificate checks off", nil)
			ck.Detail = p.T("tls.insecure.insecure.detail", "Any server certificate is accepted: wrong CA, expired, revoked, or for another host. A man-in-the-middle goes unnoticed.", nil)
		case "tlsAllowInvalidCertificates":
			ck.Title = p.T("tls.insecure.certs.title", "Certificate verification is off (CERT_NONE)", nil)
			ck.Detail = p.T("tls.insecure.certs.detail", "The server certificate is not verified at all: untrusted or expired certificates, wrong host names and revocation are all ignored (hostname check and OCSP are off too).", nil)
		case "tlsAllowInvalidHostnames":
			ck.Title = p.T("tls.insecure.hosts.title", "Hostname verification is off", nil)
			ck.Detail = p.T("tls.insecure.hosts.detail", "Any trusted certificate is accepted for any host: a certificate issued for another name by the same CA is enough to impersonate the server.", nil)
		case "tlsDisableOCSPEndpointCheck":
			ck.Title = p.T("tls.insecure.ocsp.title", "OCSP responder is not contacted", nil)
			ck.Detail = p.T("tls.insecure.ocsp.detail", "Without a stapled OCSP response a revoked server certificate is not detected (PyOpenSSL backend only).", nil)
		}
		if e.Source != "uri" {
			ck.Detail += " " + p.T("tls.insecure.via", "(set by {option})", i18n.Args{"option": e.By})
		}
		ck.Fix = p.T("tls.insecure.fix", "Do not use {option} in production: give the CA that signed the server certificate with tlsCAFile and fix the certificate instead.", i18n.Args{"option": name})
		out = append(out, ck)
	}
	return out
}

func onOff(p *i18n.Printer, b bool) string {
	if b {
		return p.T("common.on", "on", nil)
	}
	return p.T("common.off", "off", nil)
}

func (r *Result) fileChecks(p *i18n.Printer, supplied []Supplied) []report.Check {
	var out []report.Check
	have := map[string]bool{}
	forRole := map[string]string{}
	for _, s := range supplied {
		have[baseName(s.Name)] = true
		if s.Role != "" && forRole[s.Role] == "" {
			forRole[s.Role] = s.Name
		}
	}
	names := make([]string, 0, len(r.Files))
	for k := range r.Files {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, opt := range names {
		path := r.Files[opt]
		c := report.Check{ID: "uri.files", Subject: opt}
		switch other := forRole[opt]; {
		case have[baseName(path)]:
			c.Status = report.Info
			c.Title = p.T("uri.files.matched.title", "{option} names {file}, which was supplied", i18n.Args{"option": opt, "file": baseName(path)})
			c.Detail = p.T("uri.files.matched.detail", "The supplied file is read as {option}. PyMongo opens {path} on the client host when MongoClient is created; it must exist and be readable there.", i18n.Args{"option": opt, "path": path})
		case other != "":
			// The user said which file it is: a renamed copy, a paste.
			args := i18n.Args{"option": opt, "file": other, "path": path}
			c.Status = report.Info
			c.Title = p.T("uri.files.inPlace.title", "{option} names {path}; {file} is read in its place", args)
			c.Detail = p.T("uri.files.inPlace.detail", "{file} was given as the {option} and is checked as the content of {path}. PyMongo opens {path} on the client host when MongoClient is created; make sure it is the same file there.", args)
		default:
			c.Status = report.Warn
			c.Title = p.T("uri.files.missing.title", "{option} names {path}, which was not supplied", i18n.Args{"option": opt, "path": path})
			c.Detail = p.T("uri.files.missing.detail", "Without the file its content cannot be checked. PyMongo raises FileNotFoundError if the path does not exist on the client host.", nil)
			c.Fix = p.T("uri.files.missing.fix", "Ask the customer for the file {path} and add it here.", i18n.Args{"path": path})
		}
		out = append(out, c)
	}
	return out
}

func (r *Result) srvCheck(p *i18n.Printer) (report.Check, bool) {
	if !r.SRV || r.SRVHost == "" {
		return report.Check{}, false
	}
	c := report.Check{ID: "uri.srv", Status: report.Info, Subject: r.SRVHost, Commands: r.DNSCommands(),
		Title:  p.T("uri.srv.title", "mongodb+srv:// looks up {query} (SRV) and {host} (TXT)", i18n.Args{"query": r.SRVQueryName(), "host": r.SRVHost}),
		Detail: p.T("uri.srv.detail", "The SRV targets must share the parent domain of {host}; at most one TXT record, with only authSource, replicaSet and loadBalanced. Paste the output of the commands to check the answer.", i18n.Args{"host": r.SRVHost})}
	if r.DNSApplied {
		hosts := make([]string, len(r.SRVHosts))
		for i, h := range r.SRVHosts {
			hosts[i] = h.String()
		}
		if r.Err != nil && r.Err.Stage == StageDNS {
			c.Status = report.Fail
			c.Detail = r.Err.Class + ": " + r.scrub(r.Err.Message)
		} else {
			c.Status = report.Pass
			c.Detail = p.T("uri.srv.resolved", "The pasted DNS answer gives the hosts {hosts}.", i18n.Args{"hosts": strings.Join(hosts, ", ")})
		}
	}
	return c, true
}

func (r *Result) otherDrivers(p *i18n.Printer) (report.Check, bool) {
	var notes []string
	unknown := false
	for _, w := range r.Warnings {
		if strings.HasPrefix(w, "Unknown option:") {
			unknown = true
		}
	}
	if unknown {
		notes = append(notes, p.T("uri.other.unknown", "Unknown options are an error there (MongoParseError: option … is not supported), while PyMongo only warns.", nil))
	}
	if len(r.Dropped) > 0 {
		notes = append(notes, p.T("uri.other.badValue", "An invalid value is an error there, while PyMongo warns and uses the default.", nil))
	}
	if _, ok := r.Option("tlsDisableOCSPEndpointCheck"); ok {
		notes = append(notes, p.T("uri.other.ocsp", "tlsDisableOCSPEndpointCheck is not supported there (no OCSP): the string is rejected.", nil))
	}
	if r.Effective["tls"].Source == "implied" {
		notes = append(notes, p.T("uri.other.implied", "TLS files and tlsInsecure=false do not turn TLS on there: without tls=true the Node.js driver connects without TLS.", nil))
	}
	if _, ok := r.Files["tlsCAFile"]; ok {
		notes = append(notes, p.T("uri.other.caStore", "mongosh and Compass add the OS trust store and Node's bundled roots to tlsCAFile; PyMongo uses only tlsCAFile. A server chain to a public CA works there and fails in PyMongo.", nil))
	} else if r.TLSEnabled {
		notes = append(notes, p.T("uri.other.bundled", "The Node.js driver trusts its bundled Mozilla roots, PyMongo the OS store: a private CA installed in the OS store works in PyMongo only.", nil))
	}
	if strings.Contains(r.Input, ";") && !strings.Contains(r.Input, "&") && strings.Contains(r.Input, "?") {
		notes = append(notes, p.T("uri.other.semicolon", "';' is not an option separator there.", nil))
	}
	for _, w := range r.Warnings {
		if strings.HasPrefix(w, "Duplicate URI option") {
			notes = append(notes, p.T("uri.other.duplicate", "A repeated option is an error there.", nil))
			break
		}
	}
	if len(notes) == 0 {
		return report.Check{}, false
	}
	return report.Check{ID: "uri.otherDrivers", Status: report.Info, Subject: "uri",
		Title:  p.T("uri.other.title", "The Node.js driver, mongosh and Compass read this string differently", nil),
		Detail: strings.Join(notes, "\n"), Others: []string{p.T("uri.other.nodeDriver", "Node.js driver", nil), "mongosh", "Compass"}}, true
}
