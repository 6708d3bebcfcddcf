package main

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"certinspect/core"
	"certinspect/core/i18n"
	"certinspect/core/report"
)

// Text output is for people: the verdict first, then failed checks with
// their fixes, then warnings and the rest, then the certificates.

const (
	ansiReset  = "\x1b[0m"
	ansiBold   = "\x1b[1m"
	ansiRed    = "\x1b[31m"
	ansiGreen  = "\x1b[32m"
	ansiYellow = "\x1b[33m"
	ansiDim    = "\x1b[2m"
)

type painter struct {
	on bool
	t  *i18n.Printer
}

func (p painter) c(code, s string) string {
	if !p.on {
		return s
	}
	return code + s + ansiReset
}

func statusMark(p painter, s report.Status) string {
	switch s {
	case report.Fail:
		return p.c(ansiRed+ansiBold, "FAIL")
	case report.Warn:
		return p.c(ansiYellow+ansiBold, "WARN")
	case report.Pass:
		return p.c(ansiGreen, "PASS")
	case report.Info:
		return p.c(ansiDim, "INFO")
	default:
		return p.c(ansiDim, "SKIP")
	}
}

// clean makes text from certificates safe for a terminal: control characters
// (escape sequences included) and bidirectional overrides are shown escaped.
func clean(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\n' || r == '\t':
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0):
			fmt.Fprintf(&b, "\\x%02x", r)
		case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0x200e, r == 0x200f:
			fmt.Fprintf(&b, "\\u%04x", r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func renderText(w io.Writer, rep core.Report, color bool) {
	p := painter{on: color, t: i18n.New(rep.Lang)}
	out := func(format string, a ...any) { fmt.Fprintf(w, format, a...) }
	v := rep.Verdict
	switch v.Status {
	case "fail":
		out("%s %s\n", p.c(ansiRed+ansiBold, "✗"), p.c(ansiBold, clean(v.Headline)))
	case "warn":
		out("%s %s\n", p.c(ansiYellow+ansiBold, "!"), p.c(ansiBold, clean(v.Headline)))
	default:
		out("%s %s\n", p.c(ansiGreen+ansiBold, "✓"), p.c(ansiBold, clean(v.Headline)))
	}
	if v.PyMongoError != "" {
		out("  %s\n    %s\n", p.t.T("cli.wouldRaise", "PyMongo would raise:", nil), clean(v.PyMongoError))
	}
	if v.FirstFix != "" {
		out("  %s %s\n", p.t.T("cli.fix", "Fix:", nil), clean(v.FirstFix))
	}
	out("  %s\n", p.t.T("cli.asOf", "As of {at}.", i18n.Args{"at": rep.At.Format("2006-01-02 15:04:05 UTC")}))
	for _, l := range rep.Limits {
		out("  %s %s: %s\n", p.c(ansiYellow, "limit"), l.Limit, clean(l.Detail))
	}

	sections := []struct {
		title string
		keep  func(report.Check) bool
	}{
		{p.t.T("cli.failedChecks", "Failed checks", nil), func(c report.Check) bool { return c.Status == report.Fail }},
		{p.t.T("cli.warnings", "Warnings", nil), func(c report.Check) bool { return c.Status == report.Warn }},
		{p.t.T("cli.otherChecks", "Other checks", nil), func(c report.Check) bool { return c.Status != report.Fail && c.Status != report.Warn }},
	}
	for _, s := range sections {
		var cs []report.Check
		for _, c := range rep.Checks {
			if s.keep(c) {
				cs = append(cs, c)
			}
		}
		if len(cs) == 0 {
			continue
		}
		out("\n%s\n", p.c(ansiBold, s.title))
		for _, c := range cs {
			out("  %s %-16s %s\n", statusMark(p, c.Status), c.ID, clean(c.Title))
			full := c.Status == report.Fail || c.Status == report.Warn
			if c.Detail != "" && full {
				out("       %s\n", clean(c.Detail))
			}
			if c.OpenSSLError != nil {
				out("       OpenSSL: %d %s: %s\n", c.OpenSSLError.Code, c.OpenSSLError.Name, c.OpenSSLError.Text)
			}
			if c.Fix != "" && full {
				out("       %s %s\n", p.c(ansiBold, p.t.T("cli.fix", "Fix:", nil)), clean(c.Fix))
			}
			if full {
				for _, cmd := range c.Commands {
					out("         $ %s\n", clean(cmd))
				}
			}
			if len(c.Others) > 0 {
				out("       %s %s\n", p.t.T("cli.wouldDiffer", "Would differ:", nil), clean(strings.Join(c.Others, "; ")))
			}
		}
	}
	renderURI(w, p, rep)
	renderExplain(w, p, rep)
	if len(rep.Inputs) > 0 {
		out("\n%s\n", p.c(ansiBold, p.t.T("cli.inputs", "Inputs", nil)))
		for _, in := range rep.Inputs {
			out("  %s [%s]: %s\n", clean(in.Name), in.Role, clean(in.Summary))
			for _, e := range in.Errors {
				out("    %s %s: %s\n", p.c(ansiYellow, "unreadable"), clean(e.Location), clean(e.Message))
			}
			for _, e := range in.Unsupported {
				out("    %s %s\n", p.c(ansiYellow, "unsupported"), clean(e.Message))
				if e.Command != "" {
					out("      $ %s\n", clean(e.Command))
				}
			}
		}
	}
	if rep.Chain != nil {
		out("\n%s\n", p.c(ansiBold, p.t.T("cli.path", "Path (trust store: {store})", i18n.Args{"store": rep.Chain.Store})))
		for i, l := range rep.Chain.Path {
			state := l.StateText
			if state == "" {
				state = l.State
			}
			mark := p.c(ansiGreen, state)
			if l.State != "ok" {
				mark = p.c(ansiRed, state)
			}
			out("  %s%s [%s] %s\n", strings.Repeat("  ", i), clean(l.Label), mark, p.t.T("cli.path.from", "from {source}", i18n.Args{"source": l.From}))
			if l.Note != "" {
				out("  %s  %s\n", strings.Repeat("  ", i), clean(l.Note))
			}
		}
	}
	if len(rep.Certificates) > 0 {
		out("\n%s\n", p.c(ansiBold, p.t.T("cli.certificates", "Certificates", nil)))
		folded := foldedCertificates(rep)
		var rest []report.Certificate
		for _, c := range rep.Certificates {
			if folded[c.ID] {
				rest = append(rest, c)
				continue
			}
			out("  %s\n", p.c(ansiBold, clean(c.Label)))
			out("    subject  %s\n", clean(c.Subject))
			out("    issuer   %s\n", clean(c.Issuer))
			out("    serial   %s\n", c.Serial)
			out("    valid    %s\n", p.t.T("cli.cert.validity", "{from} to {to} ({state})", i18n.Args{"from": c.NotBefore.Format("2006-01-02"), "to": c.NotAfter.Format("2006-01-02"), "state": clean(c.ValidityText)}))
			if len(c.DNSNames)+len(c.IPAddresses) > 0 {
				out("    names    %s\n", clean(strings.Join(append(append([]string{}, c.DNSNames...), c.IPAddresses...), ", ")))
			}
			key := c.PublicKey.Algorithm
			if c.PublicKey.Curve != "" {
				key += " " + c.PublicKey.Curve
			} else if c.PublicKey.Bits > 0 {
				key += " " + p.t.T("cli.cert.bits", "{bits} bits", i18n.Args{"bits": c.PublicKey.Bits})
			}
			out("    key      %s\n", p.t.T("cli.cert.key", "{key}, signed with {algorithm}", i18n.Args{"key": key, "algorithm": c.SignatureAlgorithm}))
			if c.IsCA {
				out("    CA       %s\n", pathLen(p, c))
			}
			if len(c.ExtKeyUsage) > 0 {
				out("    EKU      %s\n", strings.Join(c.ExtKeyUsage, ", "))
			}
			if c.GoParseError != "" {
				out("    go       %s\n", p.t.T("cli.cert.goParseError", "Go's parser refuses it ({error}); read here as OpenSSL reads it", i18n.Args{"error": clean(c.GoParseError)}))
			}
			if ts := c.TrustSettings; ts != nil {
				out("    trust    %s\n", p.t.T("cli.cert.trust", "{settings} (OpenSSL trust settings in {file})", i18n.Args{"settings": clean(ts.Text), "file": clean(ts.File)}))
			}
			out("    sha256   %s\n", c.FingerprintSHA256)
		}
		if len(rest) > 0 {
			out("  %s\n", p.t.T("cli.certs.more", "{count} more certificates of the CA file (not on the path; --json has them in full):", i18n.Args{"count": len(rest)}))
			for _, c := range rest {
				out("    %s  %s\n", clean(c.Label), p.t.T("cli.certs.moreLine", "expires {date}, sha256 {fp}", i18n.Args{"date": c.NotAfter.Format("2006-01-02"), "fp": shortFingerprint(c.FingerprintSHA256)}))
			}
		}
	}
}

// shortFingerprint is the first eight bytes of a colon-hex fingerprint.
func shortFingerprint(fp string) string {
	if len(fp) > 23 {
		return fp[:23] + "…"
	}
	return fp
}

// certsUnfolded is how many certificates are always described in full.
const certsUnfolded = 12

// foldedCertificates picks, in a report of many certificates (a system
// bundle as CA file), those only in the CA file, not on the path and not the
// subject of a finding: they are listed in one line each. The page folds
// the same ones.
func foldedCertificates(rep core.Report) map[string]bool {
	if len(rep.Certificates) <= certsUnfolded {
		return nil
	}
	featured := map[string]bool{}
	if rep.Chain != nil {
		for _, l := range rep.Chain.Path {
			featured[l.Cert] = true
		}
	}
	for _, in := range rep.Inputs {
		if in.Role != string(core.RoleCAFile) {
			for _, it := range in.Items {
				featured[it.Ref] = true
			}
		}
	}
	for _, c := range rep.Checks {
		if c.Status == report.Fail || c.Status == report.Warn {
			featured[c.Subject] = true
		}
	}
	out := map[string]bool{}
	for _, c := range rep.Certificates {
		if !featured[c.ID] {
			out[c.ID] = true
		}
	}
	return out
}

// pathLen says "yes", with the path length constraint if there is one.
func pathLen(p painter, c report.Certificate) string {
	if c.MaxPathLen == nil {
		return p.t.T("cli.cert.ca", "yes", nil)
	}
	return p.t.T("cli.cert.caPathLen", "yes, path length {n}", i18n.Args{"n": *c.MaxPathLen})
}

// renderURI shows the connection string as PyMongo reads it: the effective
// TLS settings with where each came from, and the SSL context.
func renderURI(w io.Writer, p painter, rep core.Report) {
	u := rep.URI
	if u == nil {
		return
	}
	out := func(format string, a ...any) { fmt.Fprintf(w, format, a...) }
	out("\n%s\n  %s\n", p.c(ansiBold, p.t.T("cli.connectionString", "Connection string", nil)), clean(u.Masked))
	if u.Error != nil {
		out("  %s %s: %s\n", p.c(ansiRed, p.t.T("cli.uri.error", "error", nil)), u.Error.Class, clean(u.Error.Message))
	}
	for _, wr := range u.Warnings {
		out("  %s %s\n", p.c(ansiYellow, p.t.T("cli.uri.warning", "warning", nil)), clean(wr))
	}
	if len(u.Hosts) > 0 {
		out("  %s\n", p.t.T("cli.uri.hosts", "hosts: {hosts}", i18n.Args{"hosts": clean(strings.Join(u.Hosts, ", "))}))
	}
	if len(u.Effective) > 0 {
		names := make([]string, 0, len(u.Effective))
		for k := range u.Effective {
			names = append(names, k)
		}
		sort.Strings(names)
		out("  %s\n", p.t.T("cli.effective", "Effective TLS settings:", nil))
		for _, k := range names {
			e := u.Effective[k]
			val := fmt.Sprint(e.Value)
			if e.Value == nil {
				val = "-"
			}
			src := e.Source
			if e.By != "" {
				src += " (" + e.By + ")"
			}
			if e.Dropped != "" {
				src += ", ignored value " + e.Dropped
			}
			out("    %-30s %-12s %s\n", k, clean(val), clean(src))
		}
	}
	if c := u.SSLContext; c != nil {
		out("  %s: verify_mode=%s check_hostname=%t crl_check_leaf=%t CA store=%s OCSP=%s\n", p.t.T("cli.uri.sslContext", "SSL context", nil), c.VerifyMode, c.CheckHostname, c.CRLCheckLeaf, c.CAStore, c.OCSP)
	} else {
		out("  %s\n", p.t.T("cli.tlsOff", "TLS is off: PyMongo would connect without TLS.", nil))
	}
}

// renderExplain shows the pasted error explained, and the hand-over.
func renderExplain(w io.Writer, p painter, rep core.Report) {
	out := func(format string, a ...any) { fmt.Fprintf(w, format, a...) }
	for _, e := range rep.Explain {
		out("\n%s %s\n", p.c(ansiBold, p.t.T("cli.explained", "Error explained:", nil)), e.ID)
		if e.Host != "" {
			out("  host: %s\n", clean(e.Host))
		}
		out("  %s\n", clean(e.Meaning))
		for i, c := range e.Causes {
			out("  %d. %s\n     %s\n", i+1, clean(c.Text), clean(c.Confirm))
		}
		for _, ev := range e.Evidence {
			out("  evidence: %s\n", clean(ev.Text))
		}
		for _, f := range e.Fixes {
			out("  fix: %s\n", clean(f))
		}
	}
	if h := rep.Handover; h != nil {
		out("\n%s\n", p.c(ansiBold, p.t.T("cli.handover", "Hand-over", nil)))
		if h.ConnectionString != "" {
			out("  Connection string: %s\n", clean(h.ConnectionString))
			for _, c := range h.Corrections {
				out("    %s %s %s%s\n", c.Change, c.Option, clean(c.From), arrow(c.To))
			}
		}
		out("  mongosh: %s\n", clean(h.Mongosh))
		for _, c := range h.Commands {
			out("  # %s\n  $ %s\n", clean(c.Purpose), clean(c.Command))
		}
	}
}

func arrow(to string) string {
	if to == "" {
		return ""
	}
	return " → " + clean(to)
}
