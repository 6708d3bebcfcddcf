package core

import (
	"math"
	"regexp"
	"strconv"
	"strings"

	"certinspect/core/i18n"
	"certinspect/core/mongouri"
	"certinspect/core/report"
)

// tlsSettings is what the rest of the analysis needs from the connection
// string: whether and how PyMongo verifies the server.
type tlsSettings struct {
	known         bool // a connection string was given
	enabled       bool
	verify        bool
	checkHostname bool
	crlCheckLeaf  bool
}

func defaultTLS() tlsSettings {
	return tlsSettings{enabled: true, verify: true, checkHostname: true}
}

// parseURI reads the connection string as PyMongo's MongoClient does.
func (in *inspection) parseURI() {
	in.tls = defaultTLS()
	if strings.TrimSpace(in.req.URI) == "" {
		return
	}
	r := mongouri.Parse(in.req.URI)
	if in.req.DNSAnswer != "" {
		r.ApplyDNS(in.req.DNSAnswer)
	}
	in.uri = r
	in.rep.URI = r.Report()
	in.tls = tlsSettings{known: true, enabled: r.TLSEnabled, verify: r.VerifyCertificates, checkHostname: r.CheckHostname, crlCheckLeaf: r.CRLCheckLeaf}
	if r.Err != nil && r.Err.Class == "InputLimit" {
		in.rep.Limits = append(in.rep.Limits, report.LimitHit{Limit: r.Err.Limit, Max: r.Err.LimitMax, Input: "uri", Detail: r.Err.Message})
	}
}

// uriChecks adds the connection-string checks (after the files are known, so
// options naming files that were not supplied can be listed).
func (in *inspection) uriChecks() {
	if in.uri == nil {
		return
	}
	var files []mongouri.Supplied
	for _, it := range in.inputs {
		files = append(files, mongouri.Supplied{Name: it.file.Name, Role: string(it.role)})
	}
	checks := in.uri.Checks(in.p, files)
	ce := in.constructionError()
	for i := range checks {
		c := &checks[i]
		switch {
		case c.Status != report.Fail:
		case c.ID == "uri.valid" && ce != "":
			c.PyMongoError = ce
		case c.ID == "tls.enabled" && !in.tls.enabled:
			// Without TLS, a server that requires it closes the connection.
			host := "<host>:27017"
			if hs := in.uriHosts(); len(hs) > 0 {
				host = hostPort(hs[0])
			}
			c.PyMongoError = "pymongo.errors.ServerSelectionTimeoutError: " + host + ": connection closed, Timeout: " + in.selectionTimeout() + "s, Topology Description: <…>"
		}
	}
	in.add(checks...)
}

// uriRole returns the role the connection string gives a file, by base name.
func (in *inspection) uriRole(name string) Role {
	if in.uri == nil {
		return ""
	}
	switch in.uri.MatchFile(name) {
	case "tlsCAFile":
		return RoleCAFile
	case "tlsCertificateKeyFile":
		return RoleCertKeyFile
	case "tlsCRLFile":
		return RoleCRLFile
	}
	return ""
}

// uriHosts are the hosts PyMongo connects to: the seeds, or for
// mongodb+srv:// the SRV targets of a pasted DNS answer. Unix sockets have no
// host name to check.
func (in *inspection) uriHosts() []string {
	if in.uri == nil {
		return nil
	}
	hosts := in.uri.Hosts
	if in.uri.SRV {
		hosts = in.uri.SRVHosts
	}
	var out []string
	for _, h := range hosts {
		if h.Type == "unix" || h.Port == 0 && in.uri.SRV {
			continue
		}
		out = append(out, h.String())
	}
	return out
}

// keyPassword is the password for the client key: the request's own, else
// tlsCertificateKeyFilePassword from the connection string.
func (in *inspection) keyPassword() (pw, source string, given bool) {
	if in.req.KeyPassword != "" {
		return in.req.KeyPassword, "option", true
	}
	if in.uri != nil {
		if pw, ok := in.uri.KeyPassword(); ok {
			return pw, "uri", true
		}
	}
	return "", "", false
}

// constructionError is the exception MongoClient(uri) raises, framed as
// PyMongo prints it, or "".
func (in *inspection) constructionError() string {
	if in.uri == nil || in.uri.Err == nil || in.uri.Err.Class == "InputLimit" {
		return ""
	}
	e := in.uri.Err
	prefix := "pymongo.errors."
	switch e.Class {
	case "ValueError", "KeyError", "FileNotFoundError", "TypeError":
		prefix = ""
	}
	return prefix + e.Class + ": " + e.Message
}

// unverifiedNote explains why chain problems do not stop PyMongo.
func unverifiedNote(p *i18n.Printer) string {
	return p.T("uri.unverified.note", "PyMongo would not fail on this: certificate verification is off (tlsAllowInvalidCertificates or tlsInsecure), so it would connect to anyone presenting any certificate.", nil)
}

// selectionTimeout is the server selection timeout as PyMongo prints it in
// ServerSelectionTimeoutError ("Timeout: 30s"): its default is the int 30;
// serverSelectionTimeoutMS becomes float seconds (5000 → 5.0), 0 the int 0.
func (in *inspection) selectionTimeout() string {
	if in.uri != nil {
		for _, o := range in.uri.Options {
			if o.Key != "serverselectiontimeoutms" {
				continue
			}
			if ms, ok := o.Value.(float64); ok {
				if ms == 0 {
					return "0"
				}
				return pyFloatRepr(ms / 1000)
			}
		}
	}
	// Without the option, a pasted ServerSelectionTimeoutError tells the
	// timeout the customer's client runs with.
	if m := pastedTimeout.FindStringSubmatch(in.errorText()); m != nil {
		return m[1]
	}
	return "30"
}

// pastedTimeout finds PyMongo's ", Timeout: 1.5s, Topology Description"
// in a pasted error.
var pastedTimeout = regexp.MustCompile(`, Timeout: ([0-9]+(?:\.[0-9]+)?(?:e-?[0-9]+)?)s, Topology Description`)

// pyFloatRepr formats f as Python's repr does: the shortest digits, ".0"
// for whole numbers, exponent form below 1e-4 and from 1e16.
func pyFloatRepr(f float64) string {
	if a := math.Abs(f); a != 0 && (a < 1e-4 || a >= 1e16) {
		return strconv.FormatFloat(f, 'e', -1, 64)
	}
	s := strconv.FormatFloat(f, 'f', -1, 64)
	if !strings.ContainsAny(s, ".eE") {
		s += ".0"
	}
	return s
}
