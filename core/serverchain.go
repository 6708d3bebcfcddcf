package core

import (
	"bytes"
	"crypto/x509"
	"fmt"
	"sort"
	"strings"
	"time"

	"certinspect/core/certid"
	"certinspect/core/i18n"
	"certinspect/core/report"
	"certinspect/core/shell"
	"certinspect/core/signature"
	"certinspect/core/x509err"
)

// serverAnalysis is everything known about the server's certificate path.
type serverAnalysis struct {
	leaf      *node
	presented []*node
	trusted   []*node
	store     string
	result    pathResult
	problems  []problem // sorted in OpenSSL's order
	hosts     []hostMatch
	// presentedCache holds presentedChain's result.
	presentedCache []report.PresentedCert
	// unreadableIssuer is the certificate the path lacks, present but
	// unreadable here (noteUnreadableIssuer), or nil.
	unreadableIssuer *unreadableCert
	// unreadableLeaf is the server certificate when Go's parser refuses it
	// and OpenSSL's answer for it is not known (leaf is then nil).
	unreadableLeaf *unreadableCert
	// unseenCA are tlsCAFile certificates OpenSSL does not load (ca.load):
	// a missing issuer may be one of them.
	unseenCA []unseenCert
	// caMissing is the tlsCAFile path the connection string names when the
	// file was not supplied: the trust store is then not known.
	caMissing string
}

// missingCA records that the tlsCAFile named by the connection string was
// not supplied: whether the path reaches a trusted root is not known, so
// the problems of building it are not OpenSSL's.
func (a *serverAnalysis) missingCA(path string) {
	a.caMissing = path
	kept := a.problems[:0]
	for _, pr := range a.problems {
		if pr.stage != stageBuild {
			kept = append(kept, pr)
		}
	}
	a.problems = kept
}

// expiryWarnDays is when validity.period starts warning.
const expiryWarnDays = 30

// analyzeServer builds the path for the presented chain and evaluates it.
// checkHost is false when PyMongo would not check host names.
func analyzeServer(presented, trusted []*node, store string, hosts []string, checkHost bool, at time.Time) *serverAnalysis {
	a := &serverAnalysis{presented: presented, trusted: trusted, store: store}
	a.leaf = findLeaf(presented)
	if a.leaf == nil {
		return a
	}
	var untrusted []*node
	for _, n := range presented {
		if n != a.leaf {
			untrusted = append(untrusted, n)
		}
	}
	a.result = buildPath(a.leaf, trusted, untrusted, at)
	a.problems = pathProblems(a.result, at)
	for _, h := range hosts {
		m := matchHost(h, a.leaf.cert)
		if d := a.leaf.defect; d != nil && len(d.DNSDropped) > 0 && m.rule == "cn-fallback" {
			// OpenSSL saw a DNS name in the subjectAltName (one Go refuses,
			// defect.go), so it never looks at the subject CN.
			m.matched, m.rule, m.by, m.goWouldReject = false, "none", "", false
		}
		a.hosts = append(a.hosts, m)
		if checkHost && !m.matched {
			name := "X509_V_ERR_HOSTNAME_MISMATCH"
			if m.isIP {
				name = "X509_V_ERR_IP_ADDRESS_MISMATCH"
			}
			a.problems = append(a.problems, problem{stage: stageHost, depth: 0, err: x509err.Must(name), cert: a.leaf, check: "hostname.match", kind: "host", note: m.host})
		}
	}
	sort.SliceStable(a.problems, func(i, j int) bool { return a.problems[i].before(a.problems[j]) })
	return a
}

// firstProblem is the error OpenSSL reports for a host: the first problem in
// OpenSSL's order that concerns this host (host-name problems of other hosts
// do not count).
func (a *serverAnalysis) firstProblem(host string) *problem {
	if a.caMissing != "" {
		return nil // the first error depends on what the CA file holds
	}
	for i := range a.problems {
		p := &a.problems[i]
		if undecidedKind(p.kind) {
			return nil // OpenSSL's answer from this stage on is not known
		}
		if p.kind == "host" && p.note != normalizeHost(host) || p.kind == "issuerUnreadable" || p.kind == "issuerMalformed" {
			continue // another host's name; or OpenSSL's error for it is not known
		}
		return p
	}
	return nil
}

// undecided reports whether the path holds a problem whose OpenSSL outcome
// is not known here (an unreadable issuer or server certificate, entries of
// the server certificate Go cannot read under name constraints).
func (a *serverAnalysis) undecided() bool {
	if a.unreadableIssuer != nil || a.unreadableLeaf != nil || a.caMissing != "" {
		return true
	}
	for _, p := range a.problems {
		if undecidedKind(p.kind) {
			return true
		}
	}
	return false
}

// undecidedKind reports whether a problem marks the point of OpenSSL's
// verification from which its answer is not known here: entries Go cannot
// read under name constraints, a signature algorithm Go cannot verify.
func undecidedKind(kind string) bool { return kind == "sanConstrained" || kind == "signatureUnknown" }

func (a *serverAnalysis) chainReport(p *i18n.Printer) *report.Chain {
	if a.leaf == nil {
		return nil
	}
	ch := &report.Chain{Store: a.store, Complete: a.result.end == endAnchored}
	bad := map[*node]string{}
	for _, pr := range a.problems {
		if _, ok := bad[pr.cert]; !ok && pr.cert != nil && pr.kind != "host" {
			bad[pr.cert] = pr.kind
		}
	}
	for i, n := range a.result.path {
		state := "ok"
		if k, ok := bad[n]; ok {
			state = k
		}
		link := report.PathLink{Cert: n.fp, Label: certid.Label(n.cert), From: n.from, State: state, StateText: linkStateText(p, state)}
		if i == len(a.result.path)-1 && a.result.end != endAnchored {
			link.Note = p.T("chain.path.stops", "the path stops here: {reason}", i18n.Args{"reason": a.problems0Text()})
		}
		ch.Path = append(ch.Path, link)
	}
	ch.Presented = a.presentedChain(p)
	return ch
}

// presentedChain labels each certificate as the server presented it, in file
// order: leaf, intermediate, root (not needed), extra or duplicate, and out of
// order where it is. Computed once: both the chain drawing and the
// chain.presented checks use it.
func (a *serverAnalysis) presentedChain(p *i18n.Printer) []report.PresentedCert {
	if a.presentedCache != nil {
		return a.presentedCache
	}
	var out []report.PresentedCert
	onPath := map[string]int{}
	for i, n := range a.result.path {
		onPath[n.fp] = i
	}
	seen := map[string]int{}
	lastPos := -1
	for i, n := range a.presented {
		pc := report.PresentedCert{Cert: n.fp, Label: certid.Label(n.cert)}
		pos, inPath := onPath[n.fp]
		switch {
		case seen[n.fp] > 0:
			pc.Role = "duplicate"
			pc.Notes = append(pc.Notes, p.T("chain.presented.duplicate", "duplicate of certificate #{n}", i18n.Args{"n": seen[n.fp]}))
		case !inPath:
			pc.Role = "extra"
			pc.Notes = append(pc.Notes, p.T("chain.presented.extra", "not part of the path: the server sends it for nothing", nil))
		case pos == 0:
			pc.Role = "leaf"
		case selfSigned(n):
			pc.Role = "root"
			pc.Notes = append(pc.Notes, p.T("chain.presented.rootIncluded", "root included: not needed, clients use their own copy", nil))
		default:
			pc.Role = "intermediate"
		}
		if inPath && seen[n.fp] == 0 {
			if pos < lastPos {
				pc.Notes = append(pc.Notes, p.T("chain.presented.outOfOrder", "out of order: TLS expects the leaf first, then each issuer", nil))
			}
			lastPos = pos
		}
		if seen[n.fp] == 0 {
			seen[n.fp] = i + 1
		}
		out = append(out, pc)
	}
	a.presentedCache = out
	return out
}

func (a *serverAnalysis) problems0Text() string {
	for _, pr := range a.problems {
		if pr.stage == stageBuild {
			return pr.err.Text
		}
	}
	return ""
}

func (a *serverAnalysis) hostReport() []report.HostMatch {
	var out []report.HostMatch
	for _, h := range a.hosts {
		out = append(out, report.HostMatch{Host: h.host, Cert: a.leaf.fp, Matched: h.matched, Rule: h.rule, By: h.by})
	}
	return out
}

func certLabel(n *node) string {
	if n == nil {
		return ""
	}
	return fmt.Sprintf("%q", certid.Label(n.cert))
}

func issuerName(n *node) string { return nameString(n.cert.RawIssuer) }

func subjectName(n *node) string { return nameString(n.cert.RawSubject) }

func storeName(store string, p *i18n.Printer) string {
	if store == storeBundled {
		return p.T("chain.store.bundled", "the bundled Mozilla roots (standing in for the system store or certifi that PyMongo would use)", nil)
	}
	return p.T("chain.store.caFile", "the tlsCAFile", nil)
}

// checks renders the server checks.
func (a *serverAnalysis) checks(checkHost bool, hostsGiven bool, at time.Time, p *i18n.Printer) []report.Check {
	var out []report.Check
	if a.leaf == nil && a.unreadableLeaf != nil {
		u := a.unreadableLeaf
		args := i18n.Args{"file": u.file, "location": u.Location, "reason": u.Reason}
		return []report.Check{
			{ID: "chain.trusted", Status: report.Warn, Subject: u.file, SubjectLabel: u.file,
				Title:    p.T("chain.leafUnreadable.title", "The server certificate in {file} cannot be read here", args),
				Detail:   p.T("chain.leafUnreadable.detail", "In {file}, {location} is the server's own certificate, but Go's parser, which certinspect uses, refuses it: {reason}. OpenSSL reads some encodings Go refuses, so whether PyMongo accepts this server cannot be predicted here, and the other certificates of the chain are not checked in its place.", args),
				Fix:      p.T("chain.leafUnreadable.fix", "Run openssl verify on the same files (below): its answer is PyMongo's. Whatever it says, the certificate breaks RFC 5280: the Go driver and other strict clients refuse it, so have it reissued.", args),
				Commands: []string{"openssl x509 -noout -text -in " + shell.Quote(u.file), "openssl verify -CAfile <tlsCAFile> -untrusted " + shell.Quote(u.file) + " -purpose sslserver " + shell.Quote(u.file)}},
		}
	}
	if a.leaf == nil {
		return []report.Check{
			{ID: "chain.trusted", Status: report.Skip, Title: p.T("chain.skip.title", "No server certificate supplied", nil),
				Detail:   p.T("chain.skip.detail", "Give the server's chain (the output of openssl s_client -showcerts, or the PEM file mongod uses as net.tls.certificateKeyFile) to check it.", nil),
				Commands: []string{"openssl s_client -connect <host>:27017 -servername <host> -showcerts </dev/null"}},
		}
	}
	byCheck := map[string][]problem{}
	for _, pr := range a.problems {
		byCheck[pr.check] = append(byCheck[pr.check], pr)
	}
	// chain.trusted
	if a.caMissing != "" {
		var labels []string
		for _, n := range a.result.path {
			labels = append(labels, certid.Label(n.cert))
		}
		args := i18n.Args{"path": a.caMissing, "chain": strings.Join(labels, " → ")}
		out = append(out, report.Check{ID: "chain.trusted", Status: report.Warn, Subject: a.leaf.fp, SubjectLabel: certid.Label(a.leaf.cert),
			Title:    p.T("chain.caMissing.title", "tlsCAFile {path} was not supplied: whether PyMongo trusts the chain is not known", args),
			Detail:   p.T("chain.caMissing.detail", "The connection string names tlsCAFile={path}, so PyMongo trusts the CA certificates in that file and nothing else (not the system store). Without the file the chain ({chain}) cannot be checked against them; the other checks below still hold. If the path does not exist on the client, PyMongo fails before connecting (FileNotFoundError).", args),
			Fix:      p.T("chain.caMissing.fix", "Ask the customer for {path} (the file itself, as the client reads it) and add it here as the tlsCAFile.", args),
			Commands: []string{"ls -l " + shell.Quote(a.caMissing), "openssl crl2pkcs7 -nocrl -certfile " + shell.Quote(a.caMissing) + " | openssl pkcs7 -print_certs -noout"}})
	} else if prs := byCheck["chain.trusted"]; len(prs) > 0 {
		for _, pr := range prs {
			out = append(out, a.problemCheck(pr, p))
		}
	} else {
		var labels []string
		for _, n := range a.result.path {
			labels = append(labels, certid.Label(n.cert))
		}
		ok := report.Check{ID: "chain.trusted", Status: report.Pass, Subject: a.leaf.fp, SubjectLabel: certid.Label(a.leaf.cert),
			Title:  p.T("chain.ok.title", "The chain builds to a trusted root", nil),
			Detail: p.T("chain.ok.detail", "Path: {path}. The root comes from {store}.", i18n.Args{"path": strings.Join(labels, " → "), "store": storeName(a.store, p)})}
		if top := a.result.path[len(a.result.path)-1]; top.aux.Restricts() {
			args := i18n.Args{"path": strings.Join(labels, " → "), "label": certid.Label(top.cert), "file": top.file, "uses": trustUsesText(top.aux, p)}
			ok.Detail = p.T("chain.ok.detailTrustSettings", "Path: {path}. {file} holds {label} with OpenSSL trust settings ({uses}), which make it a trust anchor for TLS servers on its own.", args)
			if !selfSigned(top) {
				ok.Title = p.T("chain.ok.titleTrustSettings", "The chain builds to {label}, trusted for TLS servers by its trust settings", args)
				ok.Others = []string{p.T("chain.ok.othersTrustSettings", "clients that do not read OpenSSL trust settings need the root of {label} in their CA file", args)}
			}
		}
		if top := a.result.path[len(a.result.path)-1]; top.from == string(RoleCRLFile) {
			args := i18n.Args{"path": strings.Join(labels, " → "), "label": certid.Label(top.cert), "file": top.file}
			ok.Detail = p.T("chain.ok.fromCRLFile", "Path: {path}. The anchor {label} comes from the tlsCRLFile {file}, not from the CA file: PyMongo loads the CRL file into the same trust store (load_verify_locations), so certificates in it are trusted too. The connection breaks if the CRL file is replaced by one without it; put {label} in the tlsCAFile.", args)
		}
		out = append(out, ok)
	}
	out = append(out, a.presentationChecks(p)...)
	// validity.period
	out = append(out, a.validityChecks(byCheck["validity.period"], at, p)...)
	// purpose.server
	if prs := byCheck["purpose.server"]; len(prs) > 0 {
		for _, pr := range prs {
			out = append(out, a.problemCheck(pr, p))
		}
	} else {
		out = append(out, report.Check{ID: "purpose.server", Status: report.Pass, Subject: a.leaf.fp, SubjectLabel: certid.Label(a.leaf.cert),
			Title: p.T("purpose.ok.title", "The server certificate may be used for TLS servers", nil),
			Detail: p.T("purpose.ok.detail", "Extended key usage: {eku}; key usage: {ku}.", i18n.Args{
				"eku": orNone(extKeyUsageList(a.leaf.cert), p), "ku": orNone(keyUsageList(a.leaf.cert.KeyUsage), p)})})
	}
	// crypto.strength
	if prs := byCheck["crypto.strength"]; len(prs) > 0 {
		for _, pr := range prs {
			out = append(out, a.problemCheck(pr, p))
		}
	} else {
		out = append(out, report.Check{ID: "crypto.strength", Status: report.Pass, Subject: a.leaf.fp, SubjectLabel: certid.Label(a.leaf.cert),
			Title: p.T("strength.ok.title", "Keys and signatures meet OpenSSL security level 2", nil)})
	}
	out = append(out, a.strengthWarnings(p)...)
	// hostname.match
	out = append(out, a.hostChecks(checkHost, hostsGiven, p)...)
	// lint.*: RFC 5280 / CA/Browser Forum rules (core/lint.go)
	out = append(out, a.lintChecks(p)...)
	return out
}

func orNone(xs []string, p *i18n.Printer) string {
	if len(xs) == 0 {
		return p.T("common.none", "none (no restriction)", nil)
	}
	return strings.Join(xs, ", ")
}

func (a *serverAnalysis) presentationChecks(p *i18n.Printer) []report.Check {
	var out []report.Check
	for i, pc := range a.presentedChain(p) {
		if len(pc.Notes) == 0 {
			continue
		}
		out = append(out, report.Check{ID: "chain.presented", Status: report.Info, Subject: pc.Cert, SubjectLabel: pc.Label,
			Title: p.T("chain.presented.title", "Server chain, certificate #{n} ({label}): {notes}", i18n.Args{"n": i + 1, "label": pc.Label, "notes": strings.Join(pc.Notes, "; ")}),
			Fix:   p.T("chain.presented.fix", "Not an error for PyMongo, but the server's certificate file should hold the leaf first, then each intermediate, once, and nothing else.", nil)})
	}
	return out
}

func (a *serverAnalysis) validityChecks(prs []problem, at time.Time, p *i18n.Printer) []report.Check {
	var out []report.Check
	failed := map[*node]bool{}
	for _, pr := range prs {
		failed[pr.cert] = true
		out = append(out, a.problemCheck(pr, p))
	}
	for _, n := range a.result.path {
		if failed[n] {
			continue
		}
		days := daysBetween(at, n.cert.NotAfter)
		if !timeValid(n.cert, at) {
			// An anchor trusted by its settings, not self-issued: OpenSSL
			// does not check its dates (internal_verify), so only other
			// clients refuse it.
			args := i18n.Args{"label": certid.Label(n.cert), "from": fmtTime(n.cert.NotBefore), "to": fmtTime(n.cert.NotAfter), "file": n.file}
			out = append(out, report.Check{ID: "validity.period", Status: report.Warn, Subject: n.fp, SubjectLabel: certid.Label(n.cert),
				Title:  p.T("validity.anchorOutside.title", "The trust anchor {label} is outside its validity period", args),
				Detail: p.T("validity.anchorOutside.detail", "{label} is valid from {from} to {to}. It is the anchor of the path because {file} trusts it for TLS servers by its trust settings, and OpenSSL does not check the dates of an anchor that is not self-signed, so PyMongo connects; clients that check every certificate's dates do not.", args),
				Fix:    p.T("validity.anchorOutside.fix", "Replace {label} in {file} with its current certificate, or trust the root CA instead.", args),
				Others: []string{p.T("validity.anchorOutside.others", "Go crypto/x509 (Go driver) and other clients check the anchor's dates", nil)}})
			continue
		}
		if days < expiryWarnDays {
			out = append(out, report.Check{ID: "validity.period", Status: report.Warn, Subject: n.fp, SubjectLabel: certid.Label(n.cert),
				Title:  p.T("validity.soon.title", "{label} expires in {days} days", i18n.Args{"label": certid.Label(n.cert), "days": days}),
				Detail: p.T("validity.soon.detail", "It is valid until {date}. After that PyMongo fails with \"certificate has expired\".", i18n.Args{"date": fmtTime(n.cert.NotAfter)}),
				Fix:    p.T("validity.soon.fix", "Renew this certificate before {date} and deploy the new one (with its chain) on every member.", i18n.Args{"date": fmtTime(n.cert.NotAfter)})})
		}
	}
	if len(prs) == 0 {
		out = append(out, report.Check{ID: "validity.period", Status: report.Pass, Subject: a.leaf.fp, SubjectLabel: certid.Label(a.leaf.cert),
			Title:  p.T("validity.ok.title", "Every certificate on the path is valid on {at}", i18n.Args{"at": fmtTime(at)}),
			Detail: p.T("validity.ok.detail", "The server certificate is valid from {from} to {to}.", i18n.Args{"from": fmtTime(a.leaf.cert.NotBefore), "to": fmtTime(a.leaf.cert.NotAfter)})})
	}
	return out
}

func (a *serverAnalysis) strengthWarnings(p *i18n.Printer) []report.Check {
	var out []report.Check
	for i, n := range a.result.path {
		if i == len(a.result.path)-1 && weakSignature(n.cert) && selfSigned(n) {
			out = append(out, report.Check{ID: "crypto.strength", Status: report.Info, Subject: n.fp, SubjectLabel: certid.Label(n.cert),
				Title:  p.T("strength.rootSha1.title", "The root {label} is self-signed with {alg}", i18n.Args{"label": certid.Label(n.cert), "alg": n.cert.SignatureAlgorithm.String()}),
				Detail: p.T("strength.rootSha1.detail", "A trust anchor's own signature is not checked, so this does not matter to OpenSSL.", nil)})
		}
		if describeKey(n.cert.PublicKey).Algorithm == "DSA" {
			out = append(out, report.Check{ID: "crypto.strength", Status: report.Warn, Subject: n.fp, SubjectLabel: certid.Label(n.cert),
				Title: p.T("strength.dsa.title", "{label} has a DSA key", i18n.Args{"label": certid.Label(n.cert)}),
				Fix:   p.T("strength.dsa.fix", "DSA is deprecated and TLS 1.3 cannot use it; reissue with an RSA (2048 bits or more) or ECDSA key.", nil)})
		}
	}
	return out
}

func (a *serverAnalysis) hostChecks(checkHost, hostsGiven bool, p *i18n.Printer) []report.Check {
	var out []report.Check
	if !hostsGiven {
		return []report.Check{{ID: "hostname.match", Status: report.Skip, Subject: a.leaf.fp, SubjectLabel: certid.Label(a.leaf.cert),
			Title:  p.T("host.skip.title", "No host name to check", nil),
			Detail: p.T("host.skip.detail", "Give the connection string or the host names the client connects to.", nil)}}
	}
	all := append(append([]string{}, a.leaf.cert.DNSNames...), ipStrings(a.leaf)...)
	if d := a.leaf.defect; d != nil {
		all = append(all, d.Dropped...) // as OpenSSL sees them (defect.go)
	}
	names := strings.Join(all, ", ")
	if names == "" {
		names = p.T("host.noSAN", "no subject alternative names", nil)
	}
	for _, h := range a.hosts {
		c := report.Check{ID: "hostname.match", Subject: h.host, SubjectLabel: h.host}
		switch {
		case h.matched && h.rule == "cn-fallback":
			c.Status = report.Warn
			c.Title = p.T("host.cn.title", "{host} matches only the subject CN", i18n.Args{"host": h.host})
			c.Detail = p.T("host.cn.detail", "The certificate has no DNS subject alternative name, so OpenSSL (and PyMongo through Python's ssl) falls back to the CN \"{cn}\" and connects. Go and the Go driver, browsers, and clients that follow RFC 6125 strictly ignore the CN and reject it.", i18n.Args{"cn": h.by})
			c.Fix = p.T("host.cn.fix", "Reissue the server certificate with subjectAltName DNS:{host} so every client accepts it.", i18n.Args{"host": h.host})
			c.Others = []string{p.T("others.goDriver", "Go crypto/x509 (Go driver)", nil), p.T("others.browsers", "browsers", nil), p.T("others.java", "Java (HTTPS endpoint identification)", nil)}
		case h.matched:
			c.Status = report.Pass
			c.Title = p.T("host.ok.title", "{host} matches the server certificate", i18n.Args{"host": h.host})
			c.Detail = p.T("host.ok.detail", "Matched by the {rule} rule against {by}.", i18n.Args{"rule": h.rule, "by": h.by})
		case !checkHost:
			c.Status = report.Info
			c.Title = p.T("host.unchecked.title", "{host} does not match, but PyMongo would not check", i18n.Args{"host": h.host})
			c.Detail = p.T("host.unchecked.detail", "The certificate is for {names}. Host name checking is off (tlsAllowInvalidHostnames, tlsInsecure or tlsAllowInvalidCertificates), so PyMongo connects anyway, and anyone able to intercept the connection could too.", i18n.Args{"names": names})
			c.Fix = p.T("host.unchecked.fix", "Reissue the certificate with subjectAltName DNS:{host} and remove the option that disables the check.", i18n.Args{"host": h.host})
		default:
			e := x509err.Must("X509_V_ERR_HOSTNAME_MISMATCH")
			if h.isIP {
				e = x509err.Must("X509_V_ERR_IP_ADDRESS_MISMATCH")
			}
			c.Status = report.Fail
			c.OpenSSLError = e.Report()
			c.Title = p.T("host.fail.title", "{host} does not match the server certificate", i18n.Args{"host": h.host})
			if h.isIP {
				c.Detail = p.T("host.fail.ipDetail", "The client connects to the IP address {host}, but the certificate has no IP subject alternative name for it (it is for {names}). OpenSSL never matches an IP address against the CN.", i18n.Args{"host": h.host, "names": names})
				c.Fix = p.T("host.fail.ipFix", "Connect with a host name the certificate names, or reissue it with subjectAltName IP:{host}.", i18n.Args{"host": h.host})
			} else {
				switch {
				case len(all) == 0 && a.leaf.cert.Subject.CommonName != "":
					c.Detail = p.T("host.fail.noSANDetail", "The certificate has no subject alternative names; OpenSSL then compares the host with the subject CN \"{cn}\", which does not match either.", i18n.Args{"cn": a.leaf.cert.Subject.CommonName})
				case len(all) == 0:
					c.Detail = p.T("host.fail.noNamesDetail", "The certificate names no host at all: no subject alternative names and no subject CN.", nil)
				case hasWildcard(all):
					c.Detail = p.T("host.fail.detail", "The certificate is for {names}. A wildcard covers exactly one label (*.example.net matches db0.example.net, not a.db0.example.net or example.net).", i18n.Args{"names": names})
				default:
					c.Detail = p.T("host.fail.namesDetail", "The certificate is for {names}.", i18n.Args{"names": names})
				}
				c.Fix = p.T("host.fail.fix", "Connect with a host name the certificate names (use the same names as in the replica set configuration), or reissue the certificate with subjectAltName DNS:{host}. tlsAllowInvalidHostnames=true would hide the problem and must not be used in production.", i18n.Args{"host": h.host})
				if bare := strings.TrimSuffix(h.host, "."); bare != h.host && bare != "" && matchHost(bare, a.leaf.cert).matched {
					args := i18n.Args{"host": h.host, "bare": bare, "names": names}
					c.Detail = p.T("host.fail.trailingDot", "{host} ends with a dot. Python's ssl hands the name to OpenSSL as written, and OpenSSL compares it with the certificate's names ({names}) as they are, so the dot alone makes it match none of them; without the dot, {bare} matches.", args)
					c.Fix = p.T("host.fail.trailingDotFix", "Remove the trailing dot from the host in the connection string (write {bare}).", args)
					c.Others = []string{p.T("host.fail.trailingDotOthers", "Go crypto/x509 (Go driver) ignores a trailing dot", nil)}
				}
			}
		}
		out = append(out, c)
	}
	return out
}

// hasWildcard reports whether a certificate name is a wildcard ("*.example.net").
func hasWildcard(names []string) bool {
	for _, n := range names {
		if strings.Contains(n, "*") {
			return true
		}
	}
	return false
}

func ipStrings(n *node) []string {
	var out []string
	for _, ip := range n.cert.IPAddresses {
		out = append(out, "IP:"+ip.String())
	}
	return out
}

// unseenIssuer is the tlsCAFile certificate OpenSSL does not load that
// would have issued n, if there is one.
func (a *serverAnalysis) unseenIssuer(n *node) *unseenCert {
	for i := range a.unseenCA {
		if bytes.Equal(a.unseenCA[i].cert.RawSubject, n.cert.RawIssuer) {
			return &a.unseenCA[i]
		}
	}
	return nil
}

// problemCheck renders one problem as a failing check.
func (a *serverAnalysis) problemCheck(pr problem, p *i18n.Printer) report.Check {
	n := pr.cert
	label := certid.Label(n.cert)
	c := report.Check{ID: pr.check, Status: report.Fail, Subject: n.fp, SubjectLabel: label, OpenSSLError: pr.err.Report()}
	args := i18n.Args{"label": label, "issuer": issuerName(n), "subject": subjectName(n), "store": storeName(a.store, p), "depth": pr.depth}
	switch pr.kind {
	case "noIssuer":
		c.Title = p.T("chain.noIssuer.title", "No issuer found for {label}", args)
		args["aki"] = "-"
		if len(n.cert.AuthorityKeyId) > 0 {
			args["aki"] = certid.ColonHex(n.cert.AuthorityKeyId)
		}
		unseen := a.unseenIssuer(n)
		why, akidRejected := a.rejectedIssuers(n, p)
		switch {
		case unseen != nil:
			args["file"], args["location"] = unseen.file, unseen.location
			c.Detail = p.T("chain.noIssuer.detailUnseenCA", "{label} was issued by \"{issuer}\" (authority key id {aki}). {file} holds that certificate ({location}), but where OpenSSL does not read it (see ca.load), and the server chain does not hold it, so PyMongo finds no issuer.", args)
		case why != "":
			c.Detail = p.T("chain.noIssuer.detailRejected", "{label} was issued by \"{issuer}\" (authority key id {aki}), and no certificate with that subject in the server chain or in {store} qualifies as its issuer.", args)
		default:
			c.Detail = p.T("chain.noIssuer.detail", "{label} was issued by \"{issuer}\" (authority key id {aki}), but no certificate with that subject is in the server chain or in {store}.", args)
		}
		if why != "" {
			c.Detail += " " + why
		}
		if t := a.trustedCopy(a.leaf); t != nil {
			args["file"], args["leaf"] = t.file, certid.Label(a.leaf.cert)
			c.Detail += " " + p.T("chain.noIssuer.leafInCA", "{file} holds the server certificate {leaf} itself: OpenSSL, as Python's ssl runs it, does not trust a server certificate because it is in the CA file; it needs the root CA that issued the chain.", args)
		}
		if pr.depth == 0 && len(a.presented) == 1 {
			c.Detail += " " + p.T("chain.noIssuer.leafOnly", "The server sent only its own certificate: the intermediate is missing.", nil)
		}
		if a.store == storeBundled {
			c.Fix = p.T("chain.noIssuer.fixBundled", "\"{issuer}\" is not a public CA known to the system store. Give PyMongo the customer's CA certificate with tlsCAFile=<ca.pem>, and make the server send its intermediates.", args)
		} else {
			c.Fix = p.T("chain.noIssuer.fix", "Make the server send its full chain (net.tls.certificateKeyFile must hold the server certificate followed by every intermediate), or add the CA certificate \"{issuer}\" and its root to the tlsCAFile.", args)
		}
		c.Commands = []string{"openssl s_client -connect <host>:27017 -servername <host> -showcerts </dev/null", "openssl x509 -in <issuer.pem> -noout -subject -ext subjectKeyIdentifier"}
		if unseen != nil {
			c.Fix = p.T("chain.noIssuer.fixUnseenCA", "Fix the layout of {file} as ca.load says, so that OpenSSL loads \"{issuer}\" from it.", args)
		} else if akidRejected {
			args["serial"] = n.names.akidSerial
			c.Fix = p.T("chain.noIssuer.fixAkid", "Give the server chain (or the tlsCAFile) the issue of \"{issuer}\" that {label} names (serial {serial}), or reissue {label} from the current CA certificate: reissuing a CA certificate under a new serial number breaks the certificates whose authority key identifier names the old one.", args)
		}
	case "invalidCert", "criticalMarked", "sigAlgMismatch", "explicitCurve":
		d := n.defect
		args["file"], args["location"], args["reason"], args["ext"] = d.file, d.location, d.Reason, d.Ext
		switch pr.kind {
		case "invalidCert":
			c.Title = p.T("chain.invalidCert.title", "OpenSSL treats the server certificate {label} as invalid", args)
			if d.Ext != "" {
				c.Detail = p.T("chain.invalidCert.detailExt", "In {file}, {location}: the {ext} extension appears twice or cannot be decoded ({reason}). OpenSSL then marks the certificate invalid and never finds an issuer for it, whatever the CA file holds: PyMongo fails with \"unable to get local issuer certificate\" even though the chain looks complete.", args)
			} else {
				c.Detail = p.T("chain.invalidCert.detail", "In {file}, {location}: {reason}. OpenSSL then marks the certificate invalid and never finds an issuer for it, whatever the CA file holds: PyMongo fails with \"unable to get local issuer certificate\" even though the chain looks complete.", args)
			}
		case "criticalMarked":
			c.Title = p.T("chain.criticalMarked.title", "The server certificate {label} marks {ext} critical", args)
			if pr.depth > 0 {
				c.Title = p.T("chain.criticalMarked.titleCA", "The CA certificate {label} marks {ext} critical", args)
			}
			c.Detail = p.T("chain.criticalMarked.detail", "In {file}, {location}: the {ext} extension is marked critical, which RFC 5280 forbids ({reason}). OpenSSL does not process that extension as critical, so it refuses the certificate with \"unhandled critical extension\" once the rest of the chain checks out.", args)
		case "sigAlgMismatch":
			c.Title = p.T("chain.sigAlgMismatch.title", "The server certificate {label} names two different signature algorithms", args)
			if pr.depth > 0 {
				c.Title = p.T("chain.sigAlgMismatch.titleCA", "The CA certificate {label} names two different signature algorithms", args)
			}
			c.Detail = p.T("chain.sigAlgMismatch.detail", "In {file}, {location}: the signature algorithm outside the signed part differs from the one inside it ({reason}). OpenSSL compares the two before checking the signature and fails with \"certificate signature failure\".", args)
		case "explicitCurve":
			c.Title = p.T("chain.explicitCurve.title", "The key of the server certificate {label} spells out its curve's parameters", args)
			if pr.depth > 0 {
				c.Title = p.T("chain.explicitCurve.titleCA", "The key of the CA certificate {label} spells out its curve's parameters", args)
			}
			c.Detail = p.T("chain.explicitCurve.detail", "In {file}, {location}: the elliptic-curve key gives the parameters of its curve ({ext}) instead of the curve's name ({reason}). OpenSSL 3 refuses such a key in a certificate chain with \"Certificate public key has explicit ECC parameters\"; OpenSSL 1.1.1 accepted it, so the certificate may have worked before a client upgrade.", args)
		}
		c.Fix = p.T("chain.defect.fix", "Reissue the server certificate from the CA following RFC 5280 (the CA's software or profile produced this defect; the command below shows the certificate as OpenSSL reads it), then install it on every server.", args)
		if pr.depth > 0 {
			c.Fix = p.T("chain.defect.fixCA", "Reissue the CA certificate {label} following RFC 5280 (the command below shows it as OpenSSL reads it), then replace it in {file} and, for an intermediate, on every server.", args)
		}
		c.Commands = []string{"openssl x509 -noout -text -in " + shell.Quote(d.file)}
		if pr.kind == "explicitCurve" && pr.depth == 0 {
			c.Fix = p.T("chain.explicitCurve.fix", "Reissue the server certificate for a key that names its curve. Keys made by some HSMs and old tools carry explicit parameters; the second command below writes a copy of such a key with the curve named, and a certificate request from it gets a certificate OpenSSL 3 accepts.", args)
			c.Commands = append(c.Commands, "openssl ec -in server-key.pem -param_enc named_curve -out server-key-named.pem")
		}
		c.Others = []string{p.T("chain.defect.others", "Go crypto/x509 (Go driver) cannot even read the certificate: {reason}", args)}
	case "sanEntrySyntax":
		d := n.defect
		args["file"], args["location"], args["entry"], args["ca"] = d.file, d.location, pr.note, certid.Label(pr.other.cert)
		c.Title = p.T("chain.sanEntrySyntax.title", "{ca} constrains IP addresses, and {label} has one OpenSSL cannot compare", args)
		c.Detail = p.T("chain.sanEntrySyntax.detail", "In {file}, {location}: the subjectAltName holds {entry}, an IP address of neither 4 nor 16 bytes (Go refuses the certificate for it). OpenSSL reads it, and checking it against the IP name constraints of {ca} fails with \"unsupported or invalid name syntax\".", args)
		c.Fix = p.T("chain.sanEntrySyntax.fix", "Reissue the server certificate with each IP address as 4 bytes (IPv4) or 16 bytes (IPv6): openssl writes them so from subjectAltName=IP:192.0.2.10.", args)
		c.Commands = []string{"openssl x509 -noout -ext subjectAltName -in " + shell.Quote(d.file)}
	case "sanConstrained":
		d := n.defect
		args["file"], args["location"], args["entries"], args["ca"] = d.file, d.location, strings.Join(d.Dropped, ", "), certid.Label(pr.other.cert)
		c.Status = report.Warn
		c.OpenSSLError = nil
		c.Title = p.T("chain.sanConstrained.title", "Name constraints of {ca} over entries of {label} that cannot be read here", args)
		c.Detail = p.T("chain.sanConstrained.detail", "In {file}, {location}: the subjectAltName of the server certificate holds entries Go's parser refuses ({entries}). OpenSSL checks them against the name constraints of {ca}, and whether it accepts them cannot be predicted here; nothing before that check fails.", args)
		c.Fix = p.T("chain.sanConstrained.fix", "Run openssl verify on the same files (below): its answer is PyMongo's. Have the server certificate reissued without the malformed entries either way.", args)
		c.Commands = []string{"openssl x509 -noout -ext subjectAltName -in " + shell.Quote(d.file), "openssl verify -CAfile <tlsCAFile> -untrusted <server-chain.pem> -purpose sslserver <server.pem>"}
	case "issuerUnreadable":
		u := a.unreadableIssuer
		args["file"], args["location"], args["reason"] = u.file, u.Location, u.Reason
		c.Status = report.Warn
		c.OpenSSLError = nil
		c.Title = p.T("chain.issuerUnreadable.title", "The issuer of {label} is in {file} but cannot be read here", args)
		c.Detail = p.T("chain.issuerUnreadable.detail", "In {file}, {location} is a certificate for \"{issuer}\", the one that would complete the chain, but Go's parser, which certinspect uses, refuses it: {reason}. OpenSSL reads some encodings Go refuses, so whether PyMongo trusts this chain cannot be predicted here; the rest of the report still holds.", args)
		c.Fix = p.T("chain.issuerUnreadable.fix", "Run openssl verify on the same files (below). If OpenSSL refuses the certificate too, reissue it following RFC 5280; if it accepts it, so will PyMongo as far as this certificate goes, but the Go driver and other strict clients will not.", args)
		c.Commands = []string{"openssl x509 -noout -text -in " + shell.Quote(u.file), "openssl verify -CAfile <tlsCAFile> -untrusted <server-chain.pem> -purpose sslserver <server.pem>"}
	case "issuerMalformed":
		u := a.unreadableIssuer
		args["file"], args["location"], args["reason"] = u.file, u.Location, u.Reason
		c.OpenSSLError = nil // OpenSSL refuses it, but with which error depends on where it stops
		c.Title = p.T("chain.issuerMalformed.title", "The issuer of {label}, in {file}, is malformed", args)
		c.Detail = p.T("chain.issuerMalformed.detail", "In {file}, {location} is the certificate for \"{issuer}\" that would complete the chain, but it breaks RFC 5280: {reason}. OpenSSL refuses such a certificate too, so PyMongo cannot use this chain (the exact error depends on where OpenSSL meets it: loading the CA file, or verifying the chain).", args)
		c.Fix = p.T("chain.issuerMalformed.fix", "Reissue the CA certificate \"{issuer}\" following RFC 5280 (the customer's CA team can see the problem with the command below), then replace it in {file} and on the servers.", args)
		c.Commands = []string{"openssl x509 -noout -text -in " + shell.Quote(u.file)}
	case "trustedNotRoot":
		c.Title = p.T("chain.trustedNotRoot.title", "The tlsCAFile holds the intermediate {label} but not its root", args)
		c.Detail = p.T("chain.trustedNotRoot.detail", "OpenSSL, as Python's ssl runs it, needs the path to end at a self-signed root in the CA file; an intermediate alone is not a trust anchor (no partial-chain mode). The root \"{issuer}\" is missing.", args)
		c.Fix = p.T("chain.trustedNotRoot.fix", "Append the root CA certificate \"{issuer}\" to the tlsCAFile (keep the intermediate too if the server does not send it).", args)
		c.Others = []string{p.T("chain.trustedNotRoot.others", "Go crypto/x509 (Go driver) accepts an intermediate in the root pool as an anchor", nil)}
	case "rejected":
		a := n.aux
		args["file"] = n.file
		args["uses"] = trustUsesText(a, p)
		c.Title = p.T("chain.rejected.title", "{file} marks the CA {label} as not trusted for TLS servers", args)
		c.Detail = p.T("chain.rejected.detail", "In {file}, {label} is a TRUSTED CERTIFICATE block: the certificate followed by OpenSSL trust settings ({uses}). OpenSSL, as Python's ssl runs it, uses such a CA to verify a server only if the settings trust it for serverAuth (TLS server authentication) and do not reject it, so PyMongo refuses the chain with 'certificate rejected'.", args)
		c.Fix = p.T("chain.rejected.fix", "Give PyMongo the CA certificate without trust settings, as a plain -----BEGIN CERTIFICATE----- block (the command below writes one). If the file is a system trust bundle (such as ca-bundle.trust.crt), the system distrusts this CA on purpose: use the certificate of the CA that issued the server certificates instead.", args)
		c.Commands = []string{"openssl x509 -in " + shell.Quote(n.file) + " -out ca-plain.pem"}
		c.Others = []string{p.T("chain.rejected.others", "Go crypto/x509 (Go driver) does not read TRUSTED CERTIFICATE blocks at all", nil)}
	case "selfSignedLeaf":
		c.Title = p.T("chain.selfSignedLeaf.title", "The server certificate {label} is self-signed and not trusted", args)
		c.Detail = p.T("chain.selfSignedLeaf.detail", "The server presents a self-signed certificate that is not in {store}.", args)
		c.Fix = p.T("chain.selfSignedLeaf.fix", "Put this exact certificate in the tlsCAFile PyMongo uses, or (better) issue the server a certificate from the customer's CA.", nil)
	case "untrustedRoot":
		c.Title = p.T("chain.untrustedRoot.title", "The chain ends at the root {label}, which is not trusted", args)
		c.Detail = p.T("chain.untrustedRoot.detail", "The server sent the self-signed root \"{subject}\", but {store} does not contain it: the CA file is for another CA.", args)
		c.Fix = p.T("chain.untrustedRoot.fix", "Use a tlsCAFile that contains the root \"{subject}\" (the CA that issued the server certificates).", args)
	case "tooLong":
		c.Title = p.T("chain.tooLong.title", "The certificate chain is too long", nil)
		c.Detail = p.T("chain.tooLong.detail", "OpenSSL stops after 100 intermediates.", nil)
		c.Fix = p.T("chain.tooLong.fix", "Check the server chain for a loop of cross-signed certificates and remove extra certificates.", nil)
	case "criticalExtension":
		args["oids"] = strings.Join(Describe(n.cert, time.Time{}, p).UnknownCriticalExtensions, ", ")
		c.Title = p.T("chain.critical.title", "{label} has a critical extension OpenSSL does not understand", args)
		c.Detail = p.T("chain.critical.detail", "Critical extension(s) {oids}: a client must reject a certificate with a critical extension it does not process.", args)
		c.Fix = p.T("chain.critical.fix", "Reissue the certificate without these extensions, or mark them non-critical.", nil)
	case "notCA":
		args["child"] = certid.Label(pr.other.cert)
		c.Title = p.T("chain.notCA.title", "{label} is not a CA certificate but issued {child}", args)
		switch {
		case hasExtension(n.cert, oidKeyUsage) && n.cert.KeyUsage&x509.KeyUsageCertSign == 0:
			args["ku"] = orNone(keyUsageList(n.cert.KeyUsage), p)
			c.Detail = p.T("chain.notCA.detailKU", "Its key usage ({ku}) lacks keyCertSign, so it may not issue certificates (OpenSSL still builds the path through it, then refuses it).", args)
		case !hasExtension(n.cert, oidBasicConstraints) && caKind(n.cert) != 0:
			c.Detail = p.T("chain.notCA.detailNoBC", "It has no basic constraints extension. OpenSSL 3 accepts that of a trust anchor but requires basicConstraints CA:TRUE of every intermediate CA.", args)
		default:
			c.Detail = p.T("chain.notCA.detail", "Its basic constraints say CA:FALSE (or are missing), or its key usage lacks keyCertSign, so it may not issue certificates.", args)
		}
		c.Fix = p.T("chain.notCA.fix", "Issue the server certificate from a real CA (basicConstraints CA:TRUE, keyUsage keyCertSign).", nil)
	case "purpose":
		args["eku"] = orNone(extKeyUsageList(n.cert), p)
		args["ku"] = orNone(keyUsageList(n.cert.KeyUsage), p)
		if pr.depth == 0 {
			c.Title = p.T("purpose.leaf.title", "The server certificate {label} is not for TLS servers", args)
			c.Detail = p.T("purpose.leaf.detail", "Extended key usage: {eku}; key usage: {ku}. A TLS server certificate needs serverAuth in the extended key usage (when present) and digitalSignature or keyEncipherment in the key usage (when present).", args)
			c.Fix = p.T("purpose.leaf.fix", "Reissue the server certificate with extendedKeyUsage = serverAuth (add clientAuth too if members use it to authenticate to each other).", nil)
			if nsCertType(n.cert)&nsSSLServer == 0 {
				c.Detail += " " + p.T("purpose.leaf.detailNS", "It also has a Netscape certificate type (nsCertType) without SSL server, and OpenSSL refuses such a certificate for a server whatever its other usages say.", args)
				c.Fix = p.T("purpose.leaf.fixNS", "Reissue the server certificate without nsCertType (or with nsCertType = server) and with extendedKeyUsage = serverAuth; old easy-rsa versions add nsCertType = client to client certificates, so check that the server did not get a client certificate.", nil)
			}
		} else {
			c.Title = p.T("purpose.ca.title", "The CA {label} does not allow TLS server certificates", args)
			c.Detail = p.T("purpose.ca.detail", "Its extended key usage is {eku}, which excludes serverAuth; OpenSSL applies a CA's extended key usage to everything below it.", args)
			c.Fix = p.T("purpose.ca.fix", "Use a CA whose extended key usage includes serverAuth (or has none).", nil)
			if ekuAllows(n.cert, x509.ExtKeyUsageServerAuth) {
				c.Detail = p.T("purpose.ca.detailNotCA", "OpenSSL does not take it for a CA (its basic constraints or key usage, see chain.trusted), and a certificate that is no CA cannot vouch for TLS servers either.", args)
				c.Fix = p.T("chain.notCA.fix", "Issue the server certificate from a real CA (basicConstraints CA:TRUE, keyUsage keyCertSign).", nil)
			}
		}
	case "pathLength":
		args["max"] = n.cert.MaxPathLen
		c.Title = p.T("chain.pathLength.title", "Path length constraint of {label} exceeded", args)
		c.Detail = p.T("chain.pathLength.detail", "{label} allows at most {max} CA certificate(s) below it, but the path has more.", args)
		c.Fix = p.T("chain.pathLength.fix", "Issue the server certificate directly from a CA the constraint allows, or reissue {label} with a larger pathLenConstraint.", args)
	case "eeKeyTooSmall", "caKeyTooSmall":
		k := describeKey(n.cert.PublicKey)
		args["alg"], args["bits"] = k.Algorithm, k.Bits
		c.Title = p.T("strength.key.title", "{label} has a {bits}-bit {alg} key, too small for OpenSSL security level 2", args)
		c.Detail = p.T("strength.key.detail", "Debian, Ubuntu and other current systems (Python 3.10+ on OpenSSL 3) require RSA keys of at least 2048 bits and EC keys of at least 224 bits. An older platform may still accept it.", nil)
		c.Fix = p.T("strength.key.fix", "Reissue {label} with an RSA key of 2048 bits or more (or ECDSA P-256).", args)
		c.Commands = []string{"openssl req -new -newkey rsa:2048 -nodes -keyout server.key -out server.csr"}
	case "weakDigest":
		args["alg"] = n.cert.SignatureAlgorithm.String()
		c.Title = p.T("strength.digest.title", "{label} is signed with {alg}, too weak for OpenSSL security level 2", args)
		c.Detail = p.T("strength.digest.detail", "SHA-1 and MD5 signatures are refused below the root on current systems (Python 3.10+ on OpenSSL 3). An older platform may still accept it.", nil)
		c.Fix = p.T("strength.digest.fix", "Have the CA reissue {label} with a SHA-256 signature.", args)
	case "signatureUnknown":
		args["by"], args["algorithm"] = certid.Label(pr.other.cert), strings.TrimPrefix(pr.note, signature.ErrUnknown.Error()+": ")
		c.Status = report.Warn
		c.OpenSSLError = nil
		c.Title = p.T("chain.signatureUnknown.title", "The signature on {label} ({algorithm}) cannot be checked here", args)
		c.Detail = p.T("chain.signatureUnknown.detail", "{by} signed {label} with {algorithm}, which OpenSSL verifies but certinspect (Go's crypto) cannot, so whether PyMongo trusts the chain cannot be predicted here; nothing before this check fails. The Go driver and other clients built on Go's crypto/x509 refuse the certificate.", args)
		c.Fix = p.T("chain.signatureUnknown.fix", "Run openssl verify on the same files (below): its answer is PyMongo's. Certificates signed with RSA or ECDSA and SHA-256 work with every driver.", args)
		c.Commands = []string{"openssl x509 -noout -text -certopt no_pubkey,no_sigdump,no_extensions -in <server-chain.pem>", "openssl verify -CAfile <tlsCAFile> -untrusted <server-chain.pem> -purpose sslserver <server.pem>"}
	case "badSignature":
		args["by"] = certid.Label(pr.other.cert)
		c.Title = p.T("chain.badSignature.title", "The signature on {label} does not verify with {by}'s key", args)
		c.Detail = p.T("chain.badSignature.detail", "The issuer's name matches, but its key did not make this signature: two different CAs share a name, or the certificate was altered.", nil)
		c.Fix = p.T("chain.badSignature.fix", "Find the CA certificate whose key really signed {label} (compare the authority key id with the CA's subject key id) and use that one.", args)
	case "expired":
		args["date"] = fmtTime(n.cert.NotAfter)
		c.Title = p.T("validity.expired.title", "{label} expired on {date}", args)
		c.Detail = p.T("validity.expired.detail", "OpenSSL (and so PyMongo) rejects every certificate outside its validity period, at any depth of the chain.", nil)
		if pr.depth == 0 {
			c.Fix = p.T("validity.expired.fixLeaf", "Renew the server certificate and deploy it (with its chain) on every member, then restart or rotate certificates (db.rotateCertificates()).", nil)
		} else {
			c.Fix = p.T("validity.expired.fixCA", "The CA certificate {label} has expired: get its renewed version into the tlsCAFile and the server chain (and reissue what it signed if the key changed).", args)
		}
	case "timeFormat":
		args["field"] = pr.note
		c.Title = p.T("validity.timeFormat.title", "The {field} date of {label} is not written as OpenSSL requires", args)
		c.Detail = p.T("validity.timeFormat.detail", "X.509 dates must give the seconds and end in Z (UTCTime YYMMDDHHMMSSZ, GeneralizedTime YYYYMMDDHHMMSSZ). This one does not (no seconds, or a time zone offset): Go reads it, but OpenSSL cannot compare it with the current time and rejects the certificate.", args)
		c.Fix = p.T("validity.timeFormat.fix", "Reissue {label} with a CA that writes dates as RFC 5280 requires (every current CA tool does). To see the dates as written:", args)
		c.Commands = []string{"openssl asn1parse -in <certificate.pem> | grep -E 'UTCTIME|GENERALIZEDTIME'"}
	case "notYetValid":
		args["date"] = fmtTime(n.cert.NotBefore)
		c.Title = p.T("validity.notYet.title", "{label} is not valid until {date}", args)
		c.Detail = p.T("validity.notYet.detail", "Either the certificate was issued with a future start date or the client's clock is behind.", nil)
		c.Fix = p.T("validity.notYet.fix", "Check the client's clock (timedatectl), or wait until {date}, or reissue the certificate with a correct start date.", args)
	case "nameConstraint":
		args["ca"] = certid.Label(pr.other.cert)
		args["name"] = pr.note
		c.Title = p.T("chain.nameConstraint.title", "{name} in {label} is outside the names {ca} may issue for", args)
		c.Detail = p.T("chain.nameConstraint.detail", "{ca} carries name constraints, and {name} is not within them.", args)
		c.Fix = p.T("chain.nameConstraint.fix", "Issue the certificate from a CA allowed to issue for {name}, or use a host name inside the constrained domain.", args)
	case "nameConstraintsTooMany":
		args["ca"] = certid.Label(pr.other.cert)
		names, constraints, _ := strings.Cut(pr.note, "/")
		args["names"], args["constraints"] = names, constraints
		c.Title = p.T("chain.ncTooMany.title", "OpenSSL will not check the name constraints of {ca} against {label}", args)
		c.Detail = p.T("chain.ncTooMany.detail", "{label} has {names} names (subject attributes and subjectAltName entries) and {ca} {constraints} name constraints: more than 2^20 comparisons, which OpenSSL refuses to start (NAME_CHECK_MAX), failing with \"unspecified certificate verification error\".", args)
		c.Fix = p.T("chain.ncTooMany.fix", "Reissue the certificate with far fewer names, or the CA with far fewer name constraints; no real PKI needs this many.", args)
	case "nameConstraintsBudget":
		c.Title = p.T("chain.ncBudget.title", "Too many name-constraint comparisons", nil)
		c.Detail = p.T("chain.ncBudget.detail", "The certificates ask for more than {max} name comparisons; the check stopped there. No real PKI needs this many.", i18n.Args{"max": maxNameConstraintChecks})
	default:
		c.Title = pr.err.Text
	}
	return c
}

// trustedCopy returns the trust-store copy of n's certificate, if the
// trust store holds it.
func (a *serverAnalysis) trustedCopy(n *node) *node {
	for _, t := range a.trusted {
		if t.fp == n.fp {
			return t
		}
	}
	return nil
}

// rejectedIssuers explains certificates that have the issuer's name but were
// not accepted as the issuer; akid is set when one was refused only for the
// serial number or issuer name the authority key identifier gives.
func (a *serverAnalysis) rejectedIssuers(n *node, p *i18n.Printer) (why string, akid bool) {
	all := append(append([]*node{}, a.presented...), a.trusted...)
	var parts []string
	for _, c := range candidatesByName(n.names.issuer, all) {
		if c == n {
			continue
		}
		switch {
		case invalid(c):
			parts = append(parts, p.T("chain.rejected.invalid", "{cand} ({file}, {location}) has the right name, but OpenSSL treats it as invalid ({reason}) and never uses it as an issuer.", i18n.Args{"cand": certid.Label(c.cert), "file": c.defect.file, "location": c.defect.location, "reason": c.defect.Reason}))
		case len(n.cert.AuthorityKeyId) > 0 && len(c.cert.SubjectKeyId) > 0 && string(n.cert.AuthorityKeyId) != string(c.cert.SubjectKeyId):
			parts = append(parts, p.T("chain.rejected.aki", "{cand} has the right name but a different key (subject key id {ski}): it is another generation of that CA.", i18n.Args{"cand": certid.Label(c.cert), "ski": certid.ColonHex(c.cert.SubjectKeyId)}))
		case !akidIssuerSerialMatch(c, n):
			akid = true
			parts = append(parts, p.T("chain.rejected.akidSerial", "{cand} has the right name and key, but the authority key identifier of {label} names the CA certificate by another serial number or issuer ({serial}): it names an earlier or later issue of that CA certificate, and OpenSSL does not take this one as the issuer.", i18n.Args{"cand": certid.Label(c.cert), "label": certid.Label(n.cert), "serial": n.names.akidSerial}))
		case !keyTypeMatchesSignature(c.cert, n.cert):
			parts = append(parts, p.T("chain.rejected.keyType", "{cand} has the right name but a different key type than the signature needs.", i18n.Args{"cand": certid.Label(c.cert)}))
		}
	}
	return strings.Join(parts, " "), akid
}

// linkStateText names a path link's state (a problem kind) for the chain
// picture: a few words, in the report's language.
func linkStateText(p *i18n.Printer, state string) string {
	switch state {
	case "ok":
		return p.T("chain.link.ok", "OK", nil)
	case "badSignature":
		return p.T("chain.link.badSignature", "signature does not verify", nil)
	case "signatureUnknown":
		return p.T("chain.link.signatureUnknown", "signature not checkable here", nil)
	case "caKeyTooSmall":
		return p.T("chain.link.caKeyTooSmall", "CA key too small", nil)
	case "eeKeyTooSmall":
		return p.T("chain.link.eeKeyTooSmall", "key too small", nil)
	case "criticalExtension":
		return p.T("chain.link.criticalExtension", "unhandled critical extension", nil)
	case "expired":
		return p.T("chain.link.expired", "expired", nil)
	case "notYetValid":
		return p.T("chain.link.notYetValid", "not yet valid", nil)
	case "timeFormat":
		return p.T("chain.link.timeFormat", "date not readable by OpenSSL", nil)
	case "nameConstraint":
		return p.T("chain.link.nameConstraint", "violates name constraints", nil)
	case "nameConstraintsBudget":
		return p.T("chain.link.nameConstraintsBudget", "name constraints too complex to check", nil)
	case "nameConstraintsTooMany":
		return p.T("chain.link.nameConstraintsTooMany", "too many names for OpenSSL's name-constraint check", nil)
	case "noIssuer":
		return p.T("chain.link.noIssuer", "issuer not found", nil)
	case "issuerUnreadable":
		return p.T("chain.link.issuerUnreadable", "issuer unreadable here", nil)
	case "invalidCert":
		return p.T("chain.link.invalidCert", "invalid for OpenSSL", nil)
	case "sanEntrySyntax":
		return p.T("chain.link.sanEntrySyntax", "IP address OpenSSL cannot compare with name constraints", nil)
	case "sanConstrained":
		return p.T("chain.link.sanConstrained", "names unreadable here under name constraints", nil)
	case "criticalMarked":
		return p.T("chain.link.criticalMarked", "extension wrongly marked critical", nil)
	case "sigAlgMismatch":
		return p.T("chain.link.sigAlgMismatch", "signature algorithms differ", nil)
	case "explicitCurve":
		return p.T("chain.link.explicitCurve", "explicit curve parameters", nil)
	case "issuerMalformed":
		return p.T("chain.link.issuerMalformed", "issuer malformed", nil)
	case "notCA":
		return p.T("chain.link.notCA", "not a CA", nil)
	case "pathLength":
		return p.T("chain.link.pathLength", "path length constraint exceeded", nil)
	case "purpose":
		return p.T("chain.link.purpose", "not for this purpose", nil)
	case "rejected":
		return p.T("chain.link.rejected", "rejected by its trust settings", nil)
	case "selfSignedLeaf":
		return p.T("chain.link.selfSignedLeaf", "self-signed, not trusted", nil)
	case "tooLong":
		return p.T("chain.link.tooLong", "chain too long", nil)
	case "trustedNotRoot":
		return p.T("chain.link.trustedNotRoot", "trusted, but not a root", nil)
	case "untrustedRoot":
		return p.T("chain.link.untrustedRoot", "root not trusted", nil)
	case "weakDigest":
		return p.T("chain.link.weakDigest", "weak signature hash", nil)
	}
	return state
}
