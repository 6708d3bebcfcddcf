package mongouri

import (
	"net/netip"
	"strings"
)

// optList helpers: PyMongo's _CaseInsensitiveDictionary semantics on an
// ordered slice (assignment keeps the first position, updates the cased key).

func getOpt(opts []*Option, key string) *Option {
	for _, o := range opts {
		if o.Key == key {
			return o
		}
	}
	return nil
}

func setOpt(opts []*Option, name string, v any, source string) []*Option {
	k := strings.ToLower(name)
	for _, o := range opts {
		if o.Key == k {
			o.Name, o.Value, o.Source = name, v, source
			return opts
		}
	}
	return append(opts, &Option{Name: name, Key: k, Value: v, Source: source})
}

func delOpt(opts []*Option, key string) ([]*Option, *Option) {
	for i, o := range opts {
		if o.Key == key {
			return append(opts[:i:i], opts[i+1:]...), o
		}
	}
	return opts, nil
}

func copyOpts(opts []*Option) []*Option {
	out := make([]*Option, len(opts))
	for i, o := range opts {
		c := *o
		out[i] = &c
	}
	return out
}

func isTrue(o *Option) bool {
	if o == nil {
		return false
	}
	b, ok := o.Value.(bool)
	return ok && b
}

// normalized is MongoClient._normalize_and_validate_options: the security checks
// on typed values, tlsInsecure expansion and ssl → tls. It returns the
// normalized copy and the error PyMongo raises (class InvalidURI), if any.
func normalized(in []*Option) ([]*Option, *Error) {
	opts := copyOpts(in)
	inv := func(m string) *Error { return &Error{Class: "InvalidURI", Stage: StageClient, Message: m} }
	if ti := getOpt(opts, "tlsinsecure"); ti != nil {
		for _, k := range implicitInsecure {
			if o := getOpt(opts, k); o != nil {
				return opts, inv("URI options " + ti.Name + " and " + o.Name + " cannot be specified simultaneously.")
			}
		}
	}
	if aic := getOpt(opts, "tlsallowinvalidcertificates"); aic != nil {
		if o := getOpt(opts, "tlsdisableocspendpointcheck"); o != nil {
			return opts, inv("URI options tlsallowinvalidcertificates and " + o.Name + " cannot be specified simultaneously.")
		}
		if isTrue(aic) {
			opts = setOpt(opts, "tlsdisableocspendpointcheck", true, "implied")
		}
	}
	if crl := getOpt(opts, "tlscrlfile"); crl != nil {
		for _, k := range []string{"tlsinsecure", "tlsallowinvalidcertificates", "tlsdisableocspendpointcheck"} {
			if isTrue(getOpt(opts, k)) {
				return opts, inv("URI option " + k + "=True cannot be specified when CRL checking is enabled.")
			}
		}
	}
	s, t := getOpt(opts, "ssl"), getOpt(opts, "tls")
	if s != nil && t != nil && s.Value != t.Value {
		return opts, inv("Can not specify conflicting values for URI options " + s.Name + " and " + t.Name + ".")
	}
	if ti := getOpt(opts, "tlsinsecure"); ti != nil {
		for _, k := range implicitInsecure {
			opts = setOpt(opts, k, ti.Value, "tlsInsecure")
		}
	}
	var ssl *Option
	if opts, ssl = delOpt(opts, "ssl"); ssl != nil {
		opts = setOpt(opts, "tls", ssl.Value, ssl.Source)
	}
	return opts, nil
}

// clientStage models the rest of MongoClient.__init__ after the URI parse:
// security checks on typed values, ClientOptions (credentials, pool sizes, TLS,
// read preference, write concern).
func (r *Result) clientStage() bool {
	opts, err := normalized(r.Options)
	if err != nil {
		r.Err = err
		return false
	}
	if e := checkOptions(len(r.Hosts), func(k string) (bool, bool) {
		o := getOpt(opts, k)
		return o != nil && truthy(o.Value), o != nil
	}); e != nil {
		e.Stage = StageClient
		r.Err = e
		return false
	}
	if e := clientOptions(r, opts, false); e != nil {
		r.Err = e
		return false
	}
	return true
}

// clientOptions is ClientOptions(...) construction order. srvTLS adds the
// implicit tls=True of mongodb+srv (after DNS).
func clientOptions(r *Result, opts []*Option, srvTLS bool) *Error {
	cfg := func(m string) *Error { return &Error{Class: "ConfigurationError", Stage: StageClient, Message: m} }
	val := func(m string) *Error { return &Error{Class: "ValueError", Stage: StageClient, Message: m} }
	str := func(k string) (string, bool) {
		if o := getOpt(opts, k); o != nil {
			s, ok := o.Value.(string)
			return s, ok
		}
		return "", false
	}
	// credentials
	mech, hasMech := str("authmechanism")
	if !hasMech && r.HasUser {
		mech, hasMech = "DEFAULT", true
	}
	if r.HasUser || hasMech {
		source, hasSource := str("authsource")
		if mech != "MONGODB-X509" && mech != "MONGODB-AWS" && mech != "MONGODB-OIDC" && !r.HasUser {
			return cfg(mech + " requires a username")
		}
		props := map[string]string{}
		if o := getOpt(opts, "authmechanismproperties"); o != nil {
			for _, p := range o.Value.([]Pair) {
				props[p.K] = p.V
			}
		}
		switch mech {
		case "GSSAPI":
			if hasSource && source != "$external" {
				return val("authentication source must be $external or None for GSSAPI")
			}
		case "MONGODB-X509":
			if r.hasPass {
				return cfg("Passwords are not supported by MONGODB-X509")
			}
			if hasSource && source != "$external" {
				return val("authentication source must be $external or None for MONGODB-X509")
			}
		case "MONGODB-AWS":
			if r.HasUser && !r.hasPass {
				return cfg("username without a password is not supported by MONGODB-AWS")
			}
			if hasSource && source != "$external" {
				return cfg("authentication source must be $external or None for MONGODB-AWS")
			}
		case "MONGODB-OIDC":
			if r.hasPass {
				return cfg("password is not supported by MONGODB-OIDC")
			}
			env, hasEnv := props["ENVIRONMENT"]
			switch {
			case !hasEnv:
				return cfg("authentication with MONGODB-OIDC requires providing either a callback or a environment")
			case env == "test":
				if r.HasUser {
					return cfg("test environment for MONGODB-OIDC does not support username")
				}
			case env == "azure":
				if props["TOKEN_RESOURCE"] == "" {
					return cfg("Azure environment for MONGODB-OIDC requires a TOKEN_RESOURCE auth mechanism property")
				}
			case env == "gcp":
				if props["TOKEN_RESOURCE"] == "" {
					return cfg("GCP provider for MONGODB-OIDC requires a TOKEN_RESOURCE auth mechanism property")
				}
			case env == "k8s":
			default:
				return cfg("unrecognized ENVIRONMENT for MONGODB-OIDC: " + env)
			}
		case "PLAIN":
		default:
			if !r.hasPass {
				return cfg("A password is required")
			}
		}
	}
	// pool sizes
	maxPool := int64(100)
	hasMax := true
	if o := getOpt(opts, "maxpoolsize"); o != nil {
		maxPool = o.Value.(int64)
	}
	minPool := int64(0)
	if o := getOpt(opts, "minpoolsize"); o != nil {
		minPool = o.Value.(int64)
	}
	if hasMax && minPool > maxPool {
		return val("minPoolSize must be smaller or equal to maxPoolSize")
	}
	// TLS (_parse_ssl_options)
	enabled := tlsImplying(opts)
	if t := getOpt(opts, "tls"); t != nil && len(enabled) > 0 && !truthy(t.Value) {
		return cfg("TLS has not been enabled but the following tls parameters have been set: " + strings.Join(enabled, ", ") + ". Please set `tls=True` or remove.")
	}
	// read preference
	mode := "primary"
	if s, ok := str("readpreference"); ok {
		mode = s
	}
	if mode == "primary" {
		if o := getOpt(opts, "readpreferencetags"); o != nil {
			sets := o.Value.([][]Pair)
			if !(len(sets) == 1 && len(sets[0]) == 0) {
				return cfg("Read preference primary cannot be combined with tags")
			}
		}
		if o := getOpt(opts, "maxstalenessseconds"); o != nil && o.Value.(int64) != -1 {
			return cfg("Read preference primary cannot be combined with maxStalenessSeconds")
		}
	}
	// write concern
	j, fs := getOpt(opts, "journal"), getOpt(opts, "fsync")
	if fs != nil && truthy(fs.Value) && j != nil && truthy(j.Value) {
		return cfg("Can't set both j and fsync at the same time")
	}
	if w := getOpt(opts, "w"); w != nil && w.Value == int64(0) && isTrue(j) {
		return cfg("Cannot set w to 0 and j to True")
	}
	return nil
}

// tlsImplying lists, in PyMongo's order and spelling, the options that turn TLS on.
func tlsImplying(opts []*Option) []string {
	var out []string
	for _, k := range []string{"tlscertificatekeyfile", "tlscertificatekeyfilepassword", "tlscafile", "tlscrlfile"} {
		if o := getOpt(opts, k); o != nil && truthy(o.Value) {
			out = append(out, k)
		}
	}
	for _, k := range implicitInsecure {
		if o := getOpt(opts, k); o != nil && !truthy(o.Value) {
			out = append(out, k)
		}
	}
	return out
}

// srvStage is the _SrvResolver constructor check (before any DNS query).
func (r *Result) srvStage() {
	if _, err := netip.ParseAddr(r.SRVHost); err == nil || isIPv4(r.SRVHost) {
		r.fail(StageSRV, "ConfigurationError", "Invalid URI host: an IP address is not a valid hostname for 'mongodb+srv://'. Did you mean to use 'mongodb://'?")
	}
}

// camel maps lowercase TLS option names to PyMongo's spelling.
var camel = map[string]string{
	"tls": "tls", "ssl": "ssl", "tlsinsecure": "tlsInsecure",
	"tlsallowinvalidcertificates": "tlsAllowInvalidCertificates",
	"tlsallowinvalidhostnames":    "tlsAllowInvalidHostnames",
	"tlsdisableocspendpointcheck": "tlsDisableOCSPEndpointCheck",
	"tlscafile":                   "tlsCAFile", "tlscertificatekeyfile": "tlsCertificateKeyFile",
	"tlscertificatekeyfilepassword": "tlsCertificateKeyFilePassword",
	"tlscrlfile":                    "tlsCRLFile",
}

// TLSOptionNames lists the rows of the effective TLS table, in display order.
var TLSOptionNames = []string{"tls", "tlsInsecure", "tlsAllowInvalidCertificates", "tlsAllowInvalidHostnames",
	"tlsDisableOCSPEndpointCheck", "tlsCAFile", "tlsCertificateKeyFile", "tlsCertificateKeyFilePassword", "tlsCRLFile"}

// computeTLS fills the effective TLS configuration from the options (best
// effort when construction fails, so the report can still show it).
func (r *Result) computeTLS() {
	opts, _ := normalized(r.Options)
	raw := r.Options
	r.Files = map[string]string{}
	r.Effective = map[string]Effective{}
	for _, k := range []string{"tlscafile", "tlscertificatekeyfile", "tlscrlfile"} {
		if o := getOpt(opts, k); o != nil {
			if s, ok := o.Value.(string); ok && s != "" {
				r.Files[camel[k]] = s
			}
		}
	}
	if o := getOpt(opts, "tlscertificatekeyfilepassword"); o != nil {
		r.keyPassword, _ = o.Value.(string)
		r.hasKeyPassword = true
	}
	r.TLSImpliedBy = tlsImplying(opts)
	// tls
	var tlsE Effective
	t := getOpt(opts, "tls")
	switch {
	case t != nil:
		tlsE = Effective{Value: truthy(t.Value), Source: "uri"}
		if getOpt(raw, "tls") == nil {
			tlsE.By = "ssl"
		}
	case r.SRV:
		tlsE = Effective{Value: true, Source: "srv"}
	case len(r.TLSImpliedBy) > 0:
		tlsE = Effective{Value: true, Source: "implied", By: camel[r.TLSImpliedBy[0]]}
	default:
		tlsE = Effective{Value: false, Source: "default"}
	}
	if d, ok := r.Dropped["tls"]; ok {
		tlsE.Dropped = d
	} else if d, ok := r.Dropped["ssl"]; ok {
		tlsE.Dropped = d
	}
	r.Effective["tls"] = tlsE
	r.TLSEnabled = tlsE.Value.(bool)
	for _, k := range []string{"tlsinsecure", "tlsallowinvalidcertificates", "tlsallowinvalidhostnames", "tlsdisableocspendpointcheck"} {
		e := Effective{Value: false, Source: "default"}
		if o := getOpt(opts, k); o != nil {
			e.Value = truthy(o.Value)
			switch o.Source {
			case "tlsInsecure":
				e.Source, e.By = "tlsInsecure", "tlsInsecure"
			case "implied":
				e.Source, e.By = "implied", "tlsAllowInvalidCertificates"
			default:
				e.Source = "uri"
			}
		}
		if d, ok := r.Dropped[k]; ok {
			e.Dropped = d
		}
		r.Effective[camel[k]] = e
	}
	for _, k := range []string{"tlscafile", "tlscertificatekeyfile", "tlscertificatekeyfilepassword", "tlscrlfile"} {
		e := Effective{Value: nil, Source: "default"}
		if o := getOpt(opts, k); o != nil {
			e.Value, e.Source = o.Value, "uri"
			if k == "tlscertificatekeyfilepassword" {
				e.Value = "*****"
			}
		}
		r.Effective[camel[k]] = e
	}
	aic := r.Effective["tlsAllowInvalidCertificates"].Value.(bool)
	aih := r.Effective["tlsAllowInvalidHostnames"].Value.(bool)
	dis := r.Effective["tlsDisableOCSPEndpointCheck"].Value.(bool)
	r.VerifyCertificates = !aic
	r.CheckHostname = !aic && !aih
	_, r.CRLCheckLeaf = r.Files["tlsCRLFile"]
	r.OCSPEndpointCheck = !aic && !dis
}
