// Package mongouri reads MongoDB connection strings exactly as PyMongo's
// MongoClient(uri) does (PyMongo 4.17 / 4.18.0.dev0, mongo-python-driver commit
// ebc4bffcc842464e48a3edbd04802d1a42bc818a): the same processing order, the same
// exceptions and warnings word for word, the same TLS implication rules, and the
// mongodb+srv:// string and DNS rules. It is pure: no network, no files, no clock.
// The reference is docs/pymongo-tls-semantics.md (shared docs).
package mongouri

import (
	"strconv"
	"strings"
)

// Limits on untrusted input. A string beyond them is refused with an error
// naming the limit (never silently truncated).
const (
	MaxURILength  = 64 * 1024
	MaxOptions    = 1000
	MaxDNSAnswer  = 64 * 1024
	MaxDNSRecords = 1000
	DefaultPort   = 27017
	SRVScheme     = "mongodb+srv://"
	Scheme        = "mongodb://"
)

// Error stages: where in MongoClient construction the exception is raised.
const (
	// StageLimit: certinspect refused the input (size/count limit); PyMongo not modelled.
	StageLimit = "limit"
	// StageParse: pymongo.uri_parser.parse_uri raises it too.
	StageParse = "parse"
	// StageClient: only MongoClient construction raises it (auth, TLS, read preference ...).
	StageClient = "client"
	// StageSRV: raised by the SRV resolver before any DNS query (IP literal host).
	StageSRV = "srv"
	// StageDNS: raised after the SRV/TXT answers were read.
	StageDNS = "dns"
)

// Error is the exception PyMongo would raise.
type Error struct {
	// Class is PyMongo's (or Python's) exception class: InvalidURI,
	// ConfigurationError, ValueError, FileNotFoundError, KeyError; "InputLimit"
	// when certinspect refused the input.
	Class string `json:"class"`
	// Message is PyMongo's exact text (a quotation, never translated).
	Message string `json:"message"`
	Stage   string `json:"stage"`
	// Limit names the limit that was hit (Class "InputLimit" only).
	Limit    string `json:"limit,omitempty"`
	LimitMax int64  `json:"limitMax,omitempty"`
}

func (e *Error) Error() string { return e.Class + ": " + e.Message }

// Host is one seed: a host name, IP address or Unix socket path.
type Host struct {
	Name string `json:"host"`
	// Port is 0 for Unix sockets and for the mongodb+srv:// host itself.
	Port int `json:"port,omitempty"`
	// Type: "hostname", "ipv4", "ip_literal" (IPv6 in brackets), "unix".
	Type string `json:"type"`
}

// String renders host:port, [addr]:port, or the socket path.
func (h Host) String() string {
	switch {
	case h.Type == "unix":
		return h.Name
	case h.Type == "ip_literal" && h.Port != 0:
		return "[" + h.Name + "]:" + strconv.Itoa(h.Port)
	case h.Type == "ip_literal":
		return "[" + h.Name + "]"
	case h.Port != 0:
		return h.Name + ":" + strconv.Itoa(h.Port)
	}
	return h.Name
}

// Option is one validated option as PyMongo keeps it.
type Option struct {
	// Name is the key as typed (its last spelling when repeated).
	Name string
	// Key is the lowercase key.
	Key string
	// Value is the validated value: bool, int64, float64 (milliseconds, as
	// typed; PyMongo stores seconds), string, []string (compressors),
	// []Pair (authMechanismProperties), [][]Pair (readPreferenceTags), or nil
	// (a "0" timeout meaning no limit).
	Value any
	// Source: "uri" or "txt" (from the DNS TXT record).
	Source string
}

// Pair is one key:value of authMechanismProperties or of a read preference tag set.
type Pair struct{ K, V string }

// Result is what MongoClient(uri) would see.
type Result struct {
	Input string
	// SRV is true for mongodb+srv://.
	SRV bool
	// Hosts are the seeds (for +srv the SRV host until a DNS answer is applied).
	Hosts []Host
	// SRVHost is the mongodb+srv host name (lowercased).
	SRVHost string
	// DNSApplied is true when ApplyDNS ran (whatever its outcome).
	DNSApplied bool
	// SRVHosts are the hosts read from the pasted SRV answer.
	SRVHosts   []Host
	Username   string
	HasUser    bool
	password   string
	hasPass    bool
	Database   string
	Collection string
	// Options are the validated options, in PyMongo's dict order, not yet
	// normalized (ssl stays ssl, tlsInsecure not expanded).
	Options []*Option
	// Warnings are PyMongo's UserWarning texts, in order.
	Warnings []string
	// Err is the exception MongoClient(uri) raises (nil: construction succeeds
	// as far as a connection string can tell).
	Err *Error
	// Dropped maps a lowercase option key to the raw values PyMongo warned
	// about and ignored.
	Dropped map[string]string

	// Effective TLS configuration (after normalization, at MongoClient level).
	TLSEnabled         bool
	VerifyCertificates bool
	CheckHostname      bool
	CRLCheckLeaf       bool
	OCSPEndpointCheck  bool
	// Files maps tlsCAFile / tlsCertificateKeyFile / tlsCRLFile to the path.
	Files map[string]string
	// Effective is the per-option table (PyMongo option name → value and source).
	Effective map[string]Effective
	// TLSImpliedBy lists (lowercase, PyMongo order) the options that turn TLS on implicitly.
	TLSImpliedBy []string

	keyPassword    string
	hasKeyPassword bool
	// txtOptions is the raw TXT option string applied by ApplyDNS.
	txtRaw   string
	dnsNotes []string
	limitHit *Error
}

// Effective is one row of the effective TLS table.
type Effective struct {
	Value any `json:"value"`
	// Source: "uri", "default", "srv" (implied by mongodb+srv://), "implied"
	// (implied by another option), "tlsInsecure" (expanded from it).
	Source string `json:"source"`
	// By names the option that implied the value (Source "implied"/"tlsInsecure").
	By string `json:"by,omitempty"`
	// Dropped is the raw URI value PyMongo warned about and ignored.
	Dropped string `json:"dropped,omitempty"`
}

// KeyPassword returns tlsCertificateKeyFilePassword (never render it).
func (r *Result) KeyPassword() (string, bool) { return r.keyPassword, r.hasKeyPassword }

// Password returns the userinfo password (never render it). An empty password
// counts as none, as in PyMongo.
func (r *Result) Password() (string, bool) { return r.password, r.hasPass }

// Option returns the validated option with this (case-insensitive) name.
func (r *Result) Option(name string) (*Option, bool) {
	k := strings.ToLower(name)
	for _, o := range r.Options {
		if o.Key == k {
			return o, true
		}
	}
	return nil, false
}

func (r *Result) fail(stage, class, msg string) {
	if r.Err == nil {
		r.Err = &Error{Class: class, Message: msg, Stage: stage}
	}
}

func (r *Result) warn(msg string) { r.Warnings = append(r.Warnings, msg) }

// Parse reads a connection string as PyMongo's MongoClient(uri) does.
func Parse(uri string) *Result {
	r := &Result{Input: uri, Dropped: map[string]string{}}
	if len(uri) > MaxURILength {
		r.Err = &Error{Class: "InputLimit", Stage: StageLimit, Limit: "uri.length", LimitMax: MaxURILength,
			Message: "connection string is " + strconv.Itoa(len(uri)) + " bytes; the limit is " + strconv.Itoa(MaxURILength) + " bytes (64 KiB)"}
		return r
	}
	if !r.parse() || !r.clientStage() {
		r.computeTLS()
		r.scrubAll()
		return r
	}
	r.computeTLS()
	if r.SRV {
		r.srvStage()
	}
	r.scrubAll()
	return r
}

// scrubAll hides passwords that PyMongo's own messages would echo (a password
// with an unescaped '/' ends up in "Bad database name ...").
func (r *Result) scrubAll() {
	if r.Err != nil {
		r.Err.Message = r.scrub(r.Err.Message)
	}
	for i, w := range r.Warnings {
		r.Warnings[i] = r.scrub(w)
	}
}

// parse models uri_parser_shared._validate_uri(uri, warn=True, normalize=False).
func (r *Result) parse() bool {
	uri := r.Input
	var rest string
	switch {
	case strings.HasPrefix(uri, Scheme):
		rest = uri[len(Scheme):]
	case strings.HasPrefix(uri, SRVScheme):
		r.SRV = true
		rest = uri[len(SRVScheme):]
	default:
		r.fail(StageParse, "InvalidURI", "Invalid URI scheme: URI must begin with 'mongodb://' or 'mongodb+srv://'")
		return false
	}
	if rest == "" {
		r.fail(StageParse, "InvalidURI", "Must provide at least one hostname or IP")
		return false
	}
	hostDB, opts, _ := strings.Cut(rest, "?")
	hostPart := hostDB
	var db string
	if i := strings.IndexByte(hostDB, '/'); i >= 0 {
		hostPart, db = hostDB[:i], hostDB[i+1:]
	}
	if db != "" {
		db = unquotePlus(db)
		if d, c, ok := strings.Cut(db, "."); ok {
			db, r.Collection = d, c
		}
		if strings.ContainsAny(db, "/ \"$") {
			r.fail(StageParse, "InvalidURI", "Bad database name \""+db+"\"")
			return false
		}
		r.Database = db
	}
	if opts != "" {
		if !r.splitOptions(opts) {
			return false
		}
	}
	hosts := hostPart
	if i := strings.LastIndexByte(hostPart, '@'); i >= 0 {
		userinfo := hostPart[:i]
		hosts = hostPart[i+1:]
		if strings.Contains(userinfo, "@") || strings.Count(userinfo, ":") > 1 || unquotedPercent(userinfo) {
			r.fail(StageParse, "InvalidURI", "Username and password must be escaped according to RFC 3986, use urllib.parse.quote_plus")
			return false
		}
		user, pass, _ := strings.Cut(userinfo, ":")
		if user == "" {
			r.fail(StageParse, "InvalidURI", "The empty string is not valid username")
			return false
		}
		r.Username, r.HasUser = unquotePlus(user), true
		r.password = unquotePlus(pass)
		r.hasPass = r.password != ""
	}
	if strings.Contains(hosts, "/") { // unreachable through MongoClient (see semantics §8), kept for fidelity
		r.fail(StageParse, "InvalidURI", "Any '/' in a unix domain socket must be percent-encoded: "+hostPart)
		return false
	}
	hosts = unquotePlus(hosts)
	if r.SRV {
		if b, ok := r.optBool("directconnection"); ok && b {
			r.fail(StageParse, "ConfigurationError", "Cannot specify directConnection=true with mongodb+srv:// URIs")
			return false
		}
		nodes, err := splitHosts(hosts, 0)
		if err != nil {
			r.Err = err
			return false
		}
		if len(nodes) != 1 {
			r.fail(StageParse, "InvalidURI", "mongodb+srv:// URIs must include one, and only one, hostname")
			return false
		}
		if nodes[0].Port != 0 {
			r.fail(StageParse, "InvalidURI", "mongodb+srv:// URIs must not include a port number")
			return false
		}
		r.Hosts = nodes
		r.SRVHost = nodes[0].Name
	} else {
		if _, ok := r.Option("srvServiceName"); ok {
			r.fail(StageParse, "ConfigurationError", "The srvServiceName option is only allowed with 'mongodb+srv://' URIs")
			return false
		}
		if o, ok := r.Option("srvMaxHosts"); ok && o.Value.(int64) != 0 {
			r.fail(StageParse, "ConfigurationError", "The srvMaxHosts option is only allowed with 'mongodb+srv://' URIs")
			return false
		}
		nodes, err := splitHosts(hosts, DefaultPort)
		if err != nil {
			r.Err = err
			return false
		}
		r.Hosts = nodes
	}
	if err := checkOptions(len(r.Hosts), r.optBool); err != nil {
		r.Err = err
		return false
	}
	return true
}

// checkOptions is uri_parser_shared._check_options.
func checkOptions(nodes int, get func(string) (bool, bool)) *Error {
	dc, _ := get("directconnection")
	lb, _ := get("loadbalanced")
	if nodes > 1 && dc {
		return &Error{Class: "ConfigurationError", Stage: StageParse, Message: "Cannot specify multiple hosts with directConnection=true"}
	}
	if lb {
		if nodes > 1 {
			return &Error{Class: "ConfigurationError", Stage: StageParse, Message: "Cannot specify multiple hosts with loadBalanced=true"}
		}
		if dc {
			return &Error{Class: "ConfigurationError", Stage: StageParse, Message: "Cannot specify directConnection=true with loadBalanced=true"}
		}
		if rs, _ := get("replicaset"); rs {
			return &Error{Class: "ConfigurationError", Stage: StageParse, Message: "Cannot specify replicaSet with loadBalanced=true"}
		}
	}
	return nil
}

// optBool reports an option's Python truthiness (and whether it is present).
func (r *Result) optBool(key string) (bool, bool) {
	o, ok := r.Option(key)
	if !ok {
		return false, false
	}
	return truthy(o.Value), true
}

func truthy(v any) bool {
	switch x := v.(type) {
	case nil:
		return false
	case bool:
		return x
	case int64:
		return x != 0
	case float64:
		return x != 0
	case string:
		return x != ""
	case []string:
		return len(x) > 0
	case []Pair:
		return len(x) > 0
	case [][]Pair:
		return len(x) > 0
	}
	return true
}

// splitHosts is uri_parser_shared.split_hosts; defaultPort 0 means None.
func splitHosts(hosts string, defaultPort int) ([]Host, *Error) {
	var nodes []Host
	for _, entity := range strings.Split(hosts, ",") {
		if entity == "" {
			return nil, &Error{Class: "ConfigurationError", Stage: StageParse, Message: "Empty host (or extra comma in host list)"}
		}
		port := defaultPort
		if strings.HasSuffix(entity, ".sock") {
			port = 0
		}
		h, err := parseHost(entity, port)
		if err != nil {
			return nil, err
		}
		nodes = append(nodes, h)
		if len(nodes) > MaxOptions { // bound work; PyMongo has no limit
			return nil, &Error{Class: "InputLimit", Stage: StageLimit, Limit: "uri.hosts", LimitMax: MaxOptions,
				Message: "more than " + strconv.Itoa(MaxOptions) + " hosts in the connection string"}
		}
	}
	return nodes, nil
}

func valueErr(msg string) *Error { return &Error{Class: "ValueError", Stage: StageParse, Message: msg} }

// parseHost is uri_parser_shared.parse_host.
func parseHost(entity string, defaultPort int) (Host, *Error) {
	host := entity
	port := ""
	hasPort := false
	typ := ""
	switch {
	case entity[0] == '[':
		if !strings.Contains(entity, "]") {
			return Host{}, valueErr("an IPv6 address literal must be enclosed in '[' and ']' according to RFC 2732.")
		}
		typ = "ip_literal"
		if i := strings.Index(entity, "]:"); i >= 0 {
			host, port, hasPort = entity[1:i], entity[i+2:], true
		} else {
			host = pySlice(entity, 1, -1)
		}
	case strings.HasSuffix(entity, ".sock"):
		return Host{Name: entity, Port: defaultPort, Type: "unix"}, nil
	case strings.Contains(entity, ":"):
		if strings.Count(entity, ":") > 1 {
			return Host{}, valueErr("Reserved characters such as ':' must be escaped according RFC 2396. An IPv6 address literal must be enclosed in '[' and ']' according to RFC 2732.")
		}
		host, port, _ = strings.Cut(entity, ":")
		hasPort = true
	}
	p := defaultPort
	if hasPort {
		n, err := parsePort(port)
		if err != nil {
			return Host{}, err
		}
		p = n
	}
	host = strings.ToLower(host)
	if typ == "" {
		typ = "hostname"
		if isIPv4(host) {
			typ = "ipv4"
		}
	}
	return Host{Name: host, Port: p, Type: typ}, nil
}

// pySlice is Python's s[i:j] on code points with a negative j.
func pySlice(s string, i, j int) string {
	rs := []rune(s)
	if j < 0 {
		j += len(rs)
	}
	if i > len(rs) {
		i = len(rs)
	}
	if j < i {
		return ""
	}
	return string(rs[i:j])
}

func isIPv4(h string) bool {
	parts := strings.Split(h, ".")
	if len(parts) != 4 {
		return false
	}
	for _, p := range parts {
		if p == "" || len(p) > 3 {
			return false
		}
		n := 0
		for _, c := range p {
			if c < '0' || c > '9' {
				return false
			}
			n = n*10 + int(c-'0')
		}
		if n > 255 {
			return false
		}
	}
	return true
}

func parsePort(port string) (int, *Error) {
	if !pyIsDigit(port) {
		allSpaceOrDigit := true
		for _, c := range port {
			if !pyIsSpace(c) && !pyIsDigitRune(c) {
				allSpaceOrDigit = false
				break
			}
		}
		if allSpaceOrDigit {
			for _, c := range port {
				if pyIsSpace(c) {
					return 0, valueErr("Port contains whitespace character: " + pyReprRune(c))
				}
			}
		}
		return 0, valueErr("Port contains non-digit characters. Hint: username and password must be escaped according to RFC 3986, use urllib.parse.quote_plus")
	}
	n, ok := pyDecimal(port)
	if !ok {
		// str.isdigit() accepts digits (superscripts, circled digits) that int() rejects.
		return 0, valueErr("invalid literal for int() with base 10: " + pyRepr(port))
	}
	if n > 65535 || n <= 0 {
		return 0, valueErr("Port must be an integer between 0 and 65535")
	}
	return int(n), nil
}
