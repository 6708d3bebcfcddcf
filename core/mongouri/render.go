package mongouri

import (
	"math"
	"sort"
	"strconv"
	"strings"

	"certinspect/core/shell"
)

// sensitiveOptions are option keys whose values are secrets.
var sensitiveOptions = map[string]bool{"tlscertificatekeyfilepassword": true, "proxypassword": true}

const maskText = "*****"

// secretSpans finds the byte ranges of secrets in the raw connection string:
// the userinfo password and the values of secret options.
func secretSpans(s string) [][2]int {
	var spans [][2]int
	start := 0
	if i := strings.Index(s, "://"); i >= 0 {
		start = i + 3
	}
	rest := s[start:]
	hostDB, opts, hasOpts := strings.Cut(rest, "?")
	hostPart := hostDB
	if i := strings.IndexByte(hostDB, '/'); i >= 0 {
		hostPart = hostDB[:i]
	}
	at := strings.LastIndexByte(hostPart, '@')
	if at < 0 {
		// PyMongo would not see a userinfo; a password with an unescaped '/'
		// or '?' still has to be hidden: take the last '@' before any '='.
		// Over-masking is preferred to leaking.
		at = strings.LastIndexByte(rest, '@')
		if at >= 0 && strings.ContainsAny(rest[at:], "=&;") {
			at = -1
		}
	}
	if at > 0 {
		if c := strings.IndexByte(rest[:at], ':'); c >= 0 && c+1 < at {
			spans = append(spans, [2]int{start + c + 1, start + at})
		}
	}
	if hasOpts {
		base := start + len(hostDB) + 1
		sep := "&"
		if !strings.Contains(opts, "&") && strings.Contains(opts, ";") {
			sep = ";"
		}
		off := 0
		for _, item := range strings.Split(opts, sep) {
			k, v, ok := strings.Cut(item, "=")
			lk := strings.ToLower(k)
			if ok && v != "" && (sensitiveOptions[lk] || (lk == "authmechanismproperties" && strings.Contains(strings.ToUpper(unquotePlus(v)), "AWS_SESSION_TOKEN"))) {
				spans = append(spans, [2]int{base + off + len(k) + 1, base + off + len(item)})
			}
			off += len(item) + len(sep)
		}
	}
	return spans
}

// Masked returns the connection string with passwords and secret option values
// replaced by *****.
func (r *Result) Masked() string { return maskString(r.Input) }

// notShown stands for an input that is PEM text, not a connection string.
const notShown = "(PEM text, not a connection string: not shown)"

func maskString(s string) string {
	if strings.Contains(s, "-----BEGIN") || strings.Contains(s, "PRIVATE KEY") {
		// A PEM file pasted where the connection string goes: it may be a
		// private key, which no report may hold.
		return notShown
	}
	spans := secretSpans(s)
	if len(spans) == 0 {
		return s
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i][0] < spans[j][0] })
	var b strings.Builder
	prev := 0
	for _, sp := range spans {
		if sp[0] < prev {
			continue
		}
		b.WriteString(s[prev:sp[0]])
		b.WriteString(maskText)
		prev = sp[1]
	}
	b.WriteString(s[prev:])
	return b.String()
}

// secrets returns the secret strings (raw and decoded, and their pieces) that
// must not appear in any message.
func (r *Result) secrets() []string {
	var out []string
	add := func(v string) {
		if len(v) >= 2 {
			out = append(out, v)
		}
	}
	for _, sp := range secretSpans(r.Input) {
		raw := r.Input[sp[0]:sp[1]]
		add(raw)
		add(unquotePlus(raw))
		for _, piece := range strings.FieldsFunc(raw, func(c rune) bool { return strings.ContainsRune("/?#@&;=,:", c) }) {
			add(piece)
			add(unquotePlus(piece))
		}
	}
	if r.hasPass {
		add(r.password)
	}
	if r.hasKeyPassword {
		add(r.keyPassword)
	}
	sort.Slice(out, func(i, j int) bool { return len(out[i]) > len(out[j]) })
	return out
}

// scrub hides secrets in a message.
func (r *Result) scrub(msg string) string {
	for _, s := range r.secrets() {
		if strings.Contains(msg, s) {
			msg = strings.ReplaceAll(msg, s, maskText)
		}
	}
	return msg
}

// unreserved characters are never escaped when rendering.
func escape(s string, keep string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("-._~"+keep, c) >= 0 {
			b.WriteByte(c)
		} else {
			b.WriteString("%" + strings.ToUpper(strconv.FormatUint(uint64(c)>>4, 16)+strconv.FormatUint(uint64(c)&15, 16)))
		}
	}
	return b.String()
}

func fmtFloat(f float64) string {
	if f == math.Trunc(f) && math.Abs(f) < 1e15 {
		return strconv.FormatInt(int64(f), 10)
	}
	return strconv.FormatFloat(f, 'g', -1, 64)
}

// renderValue renders a validated value so that PyMongo reads it back to the
// same value.
func renderValue(o *Option) (string, bool) {
	switch v := o.Value.(type) {
	case nil:
		return "0", true // a "0" timeout (no limit)
	case bool:
		return strconv.FormatBool(v), true
	case int64:
		return strconv.FormatInt(v, 10), true
	case float64:
		return escape(fmtFloat(v), ""), true
	case string:
		return escape(v, ""), true
	case []string:
		if len(v) == 0 {
			return "", false
		}
		parts := make([]string, len(v))
		for i, s := range v {
			parts[i] = escape(s, "")
		}
		return strings.Join(parts, ","), true
	case []Pair:
		parts := make([]string, len(v))
		for i, p := range v {
			parts[i] = escape(p.K+":"+p.V, "")
			if p.K == "AWS_SESSION_TOKEN" { // a secret: never in a rendered string
				parts[i] = escape(p.K+":", "") + SessionTokenPlaceholder
			}
		}
		return strings.Join(parts, escape(",", "")), true
	}
	return "", false
}

// String renders the parsed result back into a connection string (with the
// password, for round-trip tests; use Masked for display).
func (r *Result) String() string {
	var b strings.Builder
	r.writeAuthority(&b, escape(r.password, ""))
	if r.Database != "" || r.Collection != "" {
		b.WriteString("/" + escape(r.Database, ""))
		if r.Collection != "" {
			b.WriteString("." + escape(r.Collection, ""))
		}
	}
	var items []string
	for _, o := range r.Options {
		if o.Source != "uri" {
			continue
		}
		if sets, ok := o.Value.([][]Pair); ok {
			for _, set := range sets {
				parts := make([]string, len(set))
				for i, p := range set {
					parts[i] = escape(p.K, "") + ":" + escape(p.V, "")
				}
				items = append(items, o.Name+"="+strings.Join(parts, ","))
			}
			continue
		}
		if v, ok := renderValue(o); ok {
			items = append(items, o.Name+"="+v)
		}
	}
	if len(items) > 0 {
		if r.Database == "" && r.Collection == "" {
			b.WriteString("/")
		}
		b.WriteString("?" + strings.Join(items, "&"))
	}
	return b.String()
}

// MatchFile says which TLS file option names a supplied file with this base
// name ("/etc/ssl/ca.pem" and "C:\\certs\\ca.pem" both match "ca.pem"), or "".
func (r *Result) MatchFile(name string) string {
	base := baseName(name)
	if base == "" {
		return ""
	}
	for _, k := range []string{"tlsCAFile", "tlsCertificateKeyFile", "tlsCRLFile"} {
		if p, ok := r.Files[k]; ok && baseName(p) == base {
			return k
		}
	}
	return ""
}

func baseName(p string) string {
	p = strings.TrimRight(p, "/\\")
	if i := strings.LastIndexAny(p, "/\\"); i >= 0 {
		p = p[i+1:]
	}
	return p
}

// DNSCommands returns ready-to-run dig and nslookup commands for the SRV and
// TXT lookups PyMongo performs.
func (r *Result) DNSCommands() []string {
	if !r.SRV || r.SRVHost == "" {
		return nil
	}
	q, h := shell.Quote(r.SRVQueryName()), shell.Quote(r.SRVHost)
	return []string{
		"dig +noall +answer SRV " + q,
		"dig +noall +answer TXT " + h,
		"nslookup -type=SRV " + q,
		"nslookup -type=TXT " + h,
	}
}

// writeAuthority writes the scheme, the userinfo (with password as given:
// escaped, or a placeholder) and the host list.
func (r *Result) writeAuthority(b *strings.Builder, password string) {
	if r.SRV {
		b.WriteString(SRVScheme)
	} else {
		b.WriteString(Scheme)
	}
	if r.HasUser {
		b.WriteString(escape(r.Username, ""))
		if r.hasPass {
			b.WriteString(":" + password)
		}
		b.WriteString("@")
	}
	hosts := r.Hosts
	if r.SRV {
		hosts = []Host{{Name: r.SRVHost, Type: "hostname"}}
	}
	for i, h := range hosts {
		if i > 0 {
			b.WriteString(",")
		}
		if h.Type == "ip_literal" {
			b.WriteString("[" + escape(h.Name, ":") + "]")
		} else {
			b.WriteString(escape(h.Name, ""))
		}
		if h.Port != 0 && h.Type != "unix" {
			b.WriteString(":" + strconv.Itoa(h.Port))
		}
	}
}
