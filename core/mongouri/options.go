package mongouri

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// rawOpt is one option as _parse_options keeps it before validation.
type rawOpt struct {
	name string // cased key (last spelling)
	key  string
	val  string   // unquote_plus'd (raw for authMechanismProperties)
	tags []string // readPreferenceTags values (raw)
}

// verr is a validator failure: a warning (option dropped) unless fatal.
type verr struct {
	class string
	msg   string
	fatal bool
}

type validator func(name, v string) (any, *verr)

// validators is URI_OPTIONS_VALIDATOR_MAP (+ NONSPEC_OPTIONS_VALIDATOR_MAP and
// the ssl alias): the options PyMongo accepts in a URI.
var validators map[string]validator

// validatorNames lists the keys of that map (difflib's possibilities).
var validatorNames []string

// mechanisms is pymongo.auth_shared.MECHANISMS. PyMongo prints tuple(frozenset)
// whose order depends on PYTHONHASHSEED; this fixed order is one of them.
var mechanisms = []string{"GSSAPI", "MONGODB-OIDC", "MONGODB-X509", "MONGODB-AWS", "PLAIN", "SCRAM-SHA-1", "SCRAM-SHA-256", "DEFAULT"}

// mechanismProps is common._MECHANISM_PROPS (same remark on order).
var mechanismProps = []string{"SERVICE_NAME", "SERVICE_HOST", "CANONICALIZE_HOST_NAME", "SERVICE_REALM", "AWS_SESSION_TOKEN", "ENVIRONMENT", "TOKEN_RESOURCE"}

var readPrefModes = []string{"primary", "primaryPreferred", "secondary", "secondaryPreferred", "nearest"}

var uuidReps = []string{"unspecified", "standard", "pythonLegacy", "javaLegacy", "csharpLegacy"}

// decodeErrorHandlers: a frozenset in PyMongo (printed order varies).
var decodeErrorHandlers = []string{"strict", "replace", "ignore"}

// Compressors the modelled PyMongo has available. python-snappy and zstandard
// are optional extras; the checks say so when they are named.
var supportedCompressors = map[string]bool{"snappy": true, "zlib": true, "zstd": true}

func init() {
	validators = map[string]validator{
		"appname":                       vAppname,
		"authmechanism":                 vAuthMechanism,
		"authmechanismproperties":       vAuthMechProps,
		"authsource":                    vString,
		"compressors":                   vCompressors,
		"connecttimeoutms":              vTimeoutOrNoneOrZero,
		"directconnection":              vBool,
		"heartbeatfrequencyms":          vTimeoutOrNone,
		"journal":                       vBool,
		"localthresholdms":              vPositiveFloatOrZero,
		"maxidletimems":                 vTimeoutOrNone,
		"maxconnecting":                 vPositiveInt,
		"maxpoolsize":                   vNonNegInt,
		"maxstalenessseconds":           vMaxStaleness,
		"readconcernlevel":              vString,
		"readpreference":                vReadPrefMode,
		"readpreferencetags":            nil, // special: list of raw values
		"replicaset":                    vString,
		"retryreads":                    vBool,
		"retrywrites":                   vBool,
		"loadbalanced":                  vBool,
		"serverselectiontimeoutms":      vTimeoutOrZero,
		"sockettimeoutms":               vTimeoutOrNoneOrZero,
		"tls":                           vBool,
		"tlsallowinvalidcertificates":   vBool,
		"tlsallowinvalidhostnames":      vBool,
		"tlscafile":                     vReadable,
		"tlscertificatekeyfile":         vReadable,
		"tlscertificatekeyfilepassword": vString,
		"tlsdisableocspendpointcheck":   vBool,
		"tlsinsecure":                   vBool,
		"w":                             vW,
		"wtimeoutms":                    vNonNegInt,
		"zlibcompressionlevel":          vZlibLevel,
		"srvservicename":                vString,
		"srvmaxhosts":                   vNonNegInt,
		"timeoutms":                     vPositiveFloatOrZero,
		"servermonitoringmode":          vServerMonitoringMode,
		"maxadaptiveretries":            vNonNegInt,
		"enableoverloadretargeting":     vBool,
		// NONSPEC_OPTIONS_VALIDATOR_MAP
		"connect": vBool,
		"driver":  func(n, v string) (any, *verr) { return nil, &verr{msg: n + " must be an instance of DriverInfo"} },
		"server_api": func(n, v string) (any, *verr) {
			return nil, &verr{msg: n + " must be an instance of ServerApi, not <class 'str'>"}
		},
		"fsync":                        vBool,
		"minpoolsize":                  vNonNegInt,
		"tlscrlfile":                   vReadable,
		"tz_aware":                     vBool,
		"unicode_decode_error_handler": vDecodeErrorHandler,
		"uuidrepresentation":           vUUIDRep,
		"waitqueuemultiple":            vNonNegInt,
		"waitqueuetimeoutms":           vTimeoutOrNone,
		"datetime_conversion":          vDatetimeConversion,
		// URI_OPTIONS_ALIAS_MAP
		"ssl": vBool,
	}
	for k := range validators {
		validatorNames = append(validatorNames, k)
	}
}

func vString(_, v string) (any, *verr) { return v, nil }

func vBool(name, v string) (any, *verr) {
	if v != "true" && v != "false" {
		return nil, &verr{msg: "The value of " + name + " must be 'true' or 'false'"}
	}
	return v == "true", nil
}

func vInt(name, v string) (int64, *verr) {
	n, ok := pyInt(v)
	if !ok {
		return 0, &verr{msg: "The value of " + name + " must be an integer"}
	}
	return n, nil
}

func vPositiveInt(name, v string) (any, *verr) {
	n, e := vInt(name, v)
	if e != nil {
		return nil, e
	}
	if n <= 0 {
		return nil, &verr{msg: "The value of " + name + " must be a positive integer"}
	}
	return n, nil
}

func vNonNegInt(name, v string) (any, *verr) {
	n, e := vInt(name, v)
	if e != nil {
		return nil, e
	}
	if n < 0 {
		return nil, &verr{msg: "The value of " + name + " must be a non negative integer"}
	}
	return n, nil
}

func vMaxStaleness(name, v string) (any, *verr) {
	if v == "-1" {
		return int64(-1), nil
	}
	return vPositiveInt(name, v)
}

func vPositiveFloat(name, v string) (any, *verr) {
	f, ok := pyFloat(v)
	if !ok {
		return nil, &verr{msg: name + " must be an integer or float"}
	}
	if !(0 < f && f < 1e9) {
		return nil, &verr{msg: name + " must be greater than 0 and less than one billion"}
	}
	return f, nil
}

func vPositiveFloatOrZero(name, v string) (any, *verr) {
	if v == "0" {
		return float64(0), nil
	}
	return vPositiveFloat(name, v)
}

// vTimeoutOrZero: serverSelectionTimeoutMS ("0" is zero).
func vTimeoutOrZero(name, v string) (any, *verr) { return vPositiveFloatOrZero(name, v) }

// vTimeoutOrNoneOrZero: "0" means no timeout (None).
func vTimeoutOrNoneOrZero(name, v string) (any, *verr) {
	if v == "0" {
		return nil, nil
	}
	return vPositiveFloat(name, v)
}

func vTimeoutOrNone(name, v string) (any, *verr) { return vPositiveFloat(name, v) }

func vReadable(name, v string) (any, *verr) {
	if v == "" {
		// open('') fails; OSError is not caught by PyMongo's validation loop.
		return nil, &verr{class: "FileNotFoundError", msg: "[Errno 2] No such file or directory: ''", fatal: true}
	}
	return v, nil
}

func vAppname(name, v string) (any, *verr) {
	if len(v) > 128 {
		return nil, &verr{msg: name + " must be <= 128 bytes"}
	}
	return v, nil
}

func vAuthMechanism(name, v string) (any, *verr) {
	for _, m := range mechanisms {
		if v == m {
			return v, nil
		}
	}
	return nil, &verr{msg: name + " must be in " + pyTupleRepr(mechanisms)}
}

func vAuthMechProps(name, v string) (any, *verr) {
	v = unquotePlus(v)
	var props []Pair
	set := func(k, val string) {
		for i := range props {
			if props[i].K == k {
				props[i].V = val
				return
			}
		}
		props = append(props, Pair{k, val})
	}
	for _, opt := range strings.Split(v, ",") {
		key, val, _ := strings.Cut(opt, ":")
		if val == "" {
			return nil, &verr{msg: "Malformed auth mechanism properties"}
		}
		known := false
		for _, p := range mechanismProps {
			if key == p {
				known = true
			}
		}
		if !known {
			if strings.Contains(key, "AWS_SESSION_TOKEN") {
				return nil, &verr{msg: "auth mechanism properties must be key:value pairs like AWS_SESSION_TOKEN:<token>"}
			}
			return nil, &verr{msg: key + " is not a supported auth mechanism property. Must be one of " + pyTupleRepr(mechanismProps)}
		}
		if key == "CANONICALIZE_HOST_NAME" {
			switch val {
			case "true", "false", "none", "forward", "forwardAndReverse":
			default:
				// contains CANONICALIZE_HOST_NAME: PyMongo re-raises instead of warning
				return nil, &verr{class: "ValueError", fatal: true,
					msg: "CANONICALIZE_HOST_NAME '" + val + "' not in valid options: [False, True, 'none', 'forward', 'forwardAndReverse']"}
			}
		}
		set(key, val)
	}
	return props, nil
}

func vCompressors(name, v string) (any, *verr) { return strings.Split(v, ","), nil }

func vW(name, v string) (any, *verr) {
	n, ok := pyInt(v)
	if !ok {
		return v, nil
	}
	if n < 0 {
		return nil, &verr{msg: "The value of " + name + " must be a non negative integer"}
	}
	return n, nil
}

func vZlibLevel(name, v string) (any, *verr) {
	n, ok := pyInt(v)
	if !ok {
		return nil, &verr{msg: name + " must be an integer, not " + pyRepr(v)}
	}
	if n < -1 || n > 9 {
		return nil, &verr{msg: name + " must be between -1 and 9, not " + strconv.FormatInt(n, 10) + "."}
	}
	return n, nil
}

func vReadPrefMode(_, v string) (any, *verr) {
	for _, m := range readPrefModes {
		if v == m {
			return v, nil
		}
	}
	return nil, &verr{msg: v + " is not a valid read preference"}
}

func vServerMonitoringMode(name, v string) (any, *verr) {
	switch v {
	case "auto", "stream", "poll":
		return v, nil
	}
	return nil, &verr{msg: name + "=" + pyRepr(v) + " is invalid. Must be one of \"auto\", \"stream\", or \"poll\""}
}

func vUUIDRep(_, v string) (any, *verr) {
	for _, u := range uuidReps {
		if v == u {
			return v, nil
		}
	}
	return nil, &verr{msg: v + " is an invalid UUID representation. Must be one of " + pyTupleRepr(uuidReps)}
}

func vDecodeErrorHandler(_, v string) (any, *verr) {
	for _, u := range decodeErrorHandlers {
		if v == u {
			return v, nil
		}
	}
	return nil, &verr{msg: v + " is an invalid Unicode decode error handler. Must be one of " + pyTupleRepr(decodeErrorHandlers)}
}

func vDatetimeConversion(_, v string) (any, *verr) {
	if pyIsDigit(v) {
		n, ok := pyDecimal(v)
		if !ok {
			return nil, &verr{msg: "invalid literal for int() with base 10: " + pyRepr(v)}
		}
		if n < 1 || n > 4 {
			return nil, &verr{msg: strconv.FormatInt(n, 10) + " is not a valid DatetimeConversion"}
		}
		return n, nil
	}
	switch v {
	case "DATETIME", "DATETIME_CLAMP", "DATETIME_MS", "DATETIME_AUTO":
		return v, nil
	}
	// DatetimeConversion[value] raises KeyError, which PyMongo does not catch.
	return nil, &verr{class: "KeyError", msg: pyRepr(v), fatal: true}
}

// vTags is validate_read_preference_tags over the accumulated raw values.
func vTags(name string, values []string) (any, *verr) {
	var sets [][]Pair
	for _, ts := range values {
		if ts == "" {
			sets = append(sets, []Pair{})
			continue
		}
		var tags []Pair
		for _, tag := range strings.Split(ts, ",") {
			parts := strings.Split(tag, ":")
			if len(parts) != 2 {
				return nil, &verr{msg: pyRepr(ts) + " not a valid value for " + name}
			}
			k, v := unquotePlus(parts[0]), unquotePlus(parts[1])
			found := false
			for i := range tags {
				if tags[i].K == k {
					tags[i].V, found = v, true
				}
			}
			if !found {
				tags = append(tags, Pair{k, v})
			}
		}
		sets = append(sets, tags)
	}
	return sets, nil
}

// splitOptions is uri_parser_shared.split_options(validate=True, warn=True,
// normalize=False) for a URI (source "uri") or a TXT record (source "txt").
// It returns the validated options, or sets r.Err.
func (r *Result) splitOptions(opts string) bool {
	out, err := r.splitOptionsTo(opts, "uri")
	if err != nil {
		r.Err = err
		return false
	}
	r.Options = out
	return true
}

func (r *Result) splitOptionsTo(opts, source string) ([]*Option, *Error) {
	kv := func() *Error {
		return &Error{Class: "InvalidURI", Stage: StageParse, Message: "MongoDB URI options are key=value pairs"}
	}
	and, semi := strings.Contains(opts, "&"), strings.Contains(opts, ";")
	var items []string
	switch {
	case and && semi:
		return nil, &Error{Class: "InvalidURI", Stage: StageParse, Message: "Can not mix '&' and ';' for option separators"}
	case and:
		items = strings.Split(opts, "&")
	case semi:
		items = strings.Split(opts, ";")
	case strings.Contains(opts, "="):
		items = strings.FieldsFunc(opts, pyIsSpace) // str.split(None)
	default:
		return nil, kv()
	}
	if len(items) > MaxOptions {
		return nil, &Error{Class: "InputLimit", Stage: StageLimit, Limit: "uri.options", LimitMax: MaxOptions,
			Message: "the connection string has " + strconv.Itoa(len(items)) + " options; the limit is " + strconv.Itoa(MaxOptions)}
	}
	var raws []*rawOpt
	idx := map[string]*rawOpt{}
	for _, item := range items {
		parts := strings.Split(item, "=")
		if len(parts) != 2 {
			return nil, kv()
		}
		key, value := parts[0], parts[1]
		lk := strings.ToLower(key)
		if lk == "readpreferencetags" {
			ro := idx[lk]
			if ro == nil {
				ro = &rawOpt{name: key, key: lk}
				idx[lk] = ro
				raws = append(raws, ro)
			}
			ro.tags = append(ro.tags, value)
			continue
		}
		ro := idx[lk]
		if ro != nil {
			r.warn("Duplicate URI option '" + key + "'.")
			ro.name = key
		} else {
			ro = &rawOpt{name: key, key: lk}
			idx[lk] = ro
			raws = append(raws, ro)
		}
		if lk == "authmechanismproperties" {
			ro.val = value
		} else {
			ro.val = unquotePlus(value)
		}
	}
	if err := rawSecurity(idx); err != nil {
		return nil, err
	}
	var out []*Option
	for _, ro := range raws {
		var v any
		var e *verr
		if ro.key == "readpreferencetags" {
			v, e = vTags(ro.key, ro.tags)
		} else if fn, ok := validators[ro.key]; ok {
			v, e = fn(ro.key, ro.val)
		} else {
			msg := "Unknown option: " + ro.key + "."
			if s := closeMatches(ro.key, validatorNames); len(s) > 0 {
				msg += " Did you mean one of (" + strings.Join(s, ", ") + ") or maybe a camelCase version of one? Refer to docstring."
			}
			e = &verr{msg: msg}
		}
		if e != nil {
			if e.fatal {
				return out, &Error{Class: e.class, Stage: StageParse, Message: e.msg}
			}
			r.warn(e.msg)
			if source == "uri" {
				if ro.key == "readpreferencetags" {
					r.Dropped[ro.key] = strings.Join(ro.tags, "&")
				} else {
					r.Dropped[ro.key] = ro.val
				}
			}
			continue
		}
		out = append(out, &Option{Name: ro.name, Key: ro.key, Value: v, Source: source})
	}
	for _, o := range out {
		if o.Key == "authsource" && o.Value == "" {
			return out, &Error{Class: "InvalidURI", Stage: StageParse, Message: "the authSource database cannot be an empty string"}
		}
	}
	return out, nil
}

// implicitInsecure is _IMPLICIT_TLSINSECURE_OPTS. PyMongo iterates a Python set
// (order varies between runs); certinspect uses this fixed order.
var implicitInsecure = []string{"tlsallowinvalidcertificates", "tlsallowinvalidhostnames", "tlsdisableocspendpointcheck"}

// rawSecurity is _handle_security_options on the raw strings (parse level).
func rawSecurity(idx map[string]*rawOpt) *Error {
	inv := func(m string) *Error { return &Error{Class: "InvalidURI", Stage: StageParse, Message: m} }
	if ti := idx["tlsinsecure"]; ti != nil {
		for _, k := range implicitInsecure {
			if o := idx[k]; o != nil {
				return inv("URI options " + ti.name + " and " + o.name + " cannot be specified simultaneously.")
			}
		}
	}
	if idx["tlsallowinvalidcertificates"] != nil {
		if o := idx["tlsdisableocspendpointcheck"]; o != nil {
			return inv("URI options tlsallowinvalidcertificates and " + o.name + " cannot be specified simultaneously.")
		}
	}
	s, t := idx["ssl"], idx["tls"]
	if s != nil && t != nil && s.val != t.val {
		// truth_value maps only "true"/"false" to booleans; other strings compare as text
		return inv("Can not specify conflicting values for URI options " + s.name + " and " + t.name + ".")
	}
	return nil
}

var _ = utf8.RuneError
