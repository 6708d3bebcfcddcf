package mongouri

import (
	"sort"
	"strings"
)

// Placeholders used in place of secrets in rendered strings and snippets.
const (
	PasswordPlaceholder    = "<password>"
	KeyPasswordPlaceholder = "<key-password>"
	// SessionTokenPlaceholder stands for authMechanismProperties'
	// AWS_SESSION_TOKEN value.
	SessionTokenPlaceholder = "<aws-session-token>"
)

// legacyNames maps PyMongo 3's ssl_* options (unknown in PyMongo 4, so
// silently ignored) to the PyMongo 4 option that does the same.
var legacyNames = map[string]string{
	"ssl_ca_certs":       "tlsCAFile",
	"ssl_certfile":       "tlsCertificateKeyFile",
	"ssl_pem_passphrase": "tlsCertificateKeyFilePassword",
	"ssl_crlfile":        "tlsCRLFile",
}

// weakening options are removed from a corrected string: production must
// verify the server.
var weakeningKeys = map[string]string{
	"tlsinsecure":                 "tlsInsecure",
	"tlsallowinvalidcertificates": "tlsAllowInvalidCertificates",
	"tlsallowinvalidhostnames":    "tlsAllowInvalidHostnames",
}

// Correction is one change Corrected made, in plain words (English; the
// option names are quoted as they are).
type Correction struct {
	Option string `json:"option"`
	// Change: "fixed" (an ignored value rewritten), "renamed" (a PyMongo 3
	// name), "removed" (weakens verification, or unknown), "added".
	Change string `json:"change"`
	From   string `json:"from,omitempty"`
	To     string `json:"to,omitempty"`
}

// Corrected renders the connection string as it should be written for
// PyMongo 4: booleans PyMongo ignored are spelt lowercase, PyMongo 3 ssl_*
// names become their tls* names, options that weaken verification are
// removed, and secrets are placeholders. files adds the TLS file options the
// engineer supplied but the string does not name (option → path).
func (r *Result) Corrected(files map[string]string) (string, []Correction) {
	var changes []Correction
	type item struct{ name, value string }
	var items []item
	present := map[string]bool{}
	for _, o := range r.Options {
		if o.Source != "uri" {
			continue
		}
		if n, ok := weakeningKeys[o.Key]; ok {
			if v, _ := o.Value.(bool); v {
				changes = append(changes, Correction{Option: n, Change: "removed", From: "true"})
				continue
			}
		}
		if o.Key == "tlscertificatekeyfilepassword" {
			items = append(items, item{o.Name, KeyPasswordPlaceholder})
			present[o.Key] = true
			continue
		}
		if sets, ok := o.Value.([][]Pair); ok {
			for _, set := range sets {
				parts := make([]string, len(set))
				for i, p := range set {
					parts[i] = escape(p.K, "") + ":" + escape(p.V, "")
				}
				items = append(items, item{o.Name, strings.Join(parts, ",")})
			}
			present[o.Key] = true
			continue
		}
		if v, ok := renderValue(o); ok {
			items = append(items, item{o.Name, v})
			present[o.Key] = true
		}
	}
	// Options PyMongo warned about and dropped.
	keys := make([]string, 0, len(r.Dropped))
	for k := range r.Dropped {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		raw := r.Dropped[k]
		low := strings.ToLower(strings.TrimSpace(raw))
		switch {
		case isBoolOption(k) && (low == "true" || low == "false"):
			name := canonicalName(k)
			if _, weak := weakeningKeys[k]; weak && low == "true" {
				changes = append(changes, Correction{Option: name, Change: "removed", From: raw})
				continue
			}
			if k == "ssl" {
				name = "tls"
			}
			items = append(items, item{name, low})
			present[strings.ToLower(name)] = true
			changes = append(changes, Correction{Option: name, Change: "fixed", From: raw, To: low})
		case legacyNames[k] != "":
			to := legacyNames[k]
			if present[strings.ToLower(to)] {
				continue
			}
			v := escape(raw, "/:\\")
			if k == "ssl_pem_passphrase" {
				v = KeyPasswordPlaceholder
			}
			items = append(items, item{to, v})
			present[strings.ToLower(to)] = true
			changes = append(changes, Correction{Option: to, Change: "renamed", From: k})
		default:
			changes = append(changes, Correction{Option: k, Change: "removed", From: raw})
		}
	}
	fileKeys := make([]string, 0, len(files))
	for k := range files {
		fileKeys = append(fileKeys, k)
	}
	sort.Strings(fileKeys)
	for _, k := range fileKeys {
		if present[strings.ToLower(k)] {
			continue
		}
		items = append(items, item{k, escape(files[k], "/:\\")})
		present[strings.ToLower(k)] = true
		changes = append(changes, Correction{Option: k, Change: "added", To: files[k]})
	}
	if !present["tls"] && !present["ssl"] && !r.SRV && (len(files) > 0 || r.TLSEnabled) {
		items = append([]item{{"tls", "true"}}, items...)
		changes = append(changes, Correction{Option: "tls", Change: "added", To: "true"})
	}

	var b strings.Builder
	r.writeAuthority(&b, PasswordPlaceholder)
	b.WriteString("/")
	if r.Database != "" {
		b.WriteString(escape(r.Database, ""))
		if r.Collection != "" {
			b.WriteString("." + escape(r.Collection, ""))
		}
	}
	if len(items) > 0 {
		parts := make([]string, len(items))
		for i, it := range items {
			parts[i] = it.name + "=" + it.value
		}
		b.WriteString("?" + strings.Join(parts, "&"))
	}
	return b.String(), changes
}

var boolOptionNames = map[string]string{
	"tls": "tls", "ssl": "ssl", "tlsinsecure": "tlsInsecure",
	"tlsallowinvalidcertificates": "tlsAllowInvalidCertificates",
	"tlsallowinvalidhostnames":    "tlsAllowInvalidHostnames",
	"tlsdisableocspendpointcheck": "tlsDisableOCSPEndpointCheck",
	"directconnection":            "directConnection", "loadbalanced": "loadBalanced",
	"retrywrites": "retryWrites", "retryreads": "retryReads", "journal": "journal",
}

func isBoolOption(k string) bool { _, ok := boolOptionNames[k]; return ok }

func canonicalName(k string) string {
	if n, ok := boolOptionNames[k]; ok {
		return n
	}
	return k
}
