package core

import (
	"crypto/x509"
	"fmt"
	"sort"
	"strings"

	"certinspect/core/certid"
	"certinspect/core/decode"
	"certinspect/core/explain"
	"certinspect/core/i18n"
	"certinspect/core/mongouri"
	"certinspect/core/pemfile"
	"certinspect/core/report"
	"certinspect/core/sclient"
)

// Documented limits on a whole request (per-file limits live in decode).
const (
	MaxTotalBytes = 128 << 20
	MaxFiles      = 64
	MaxHosts      = 100
)

// input is one decoded file with its role.
type input struct {
	file       File
	role       Role
	roleSource string
	dec        *decode.Result
	// openSSLSees, for a tlsCAFile that loads, holds the fingerprints of the
	// certificates OpenSSL takes from it (nil: no such restriction).
	openSSLSees map[string]bool
	// caTrust, for a tlsCAFile, holds the OpenSSL trust settings of its
	// TRUSTED CERTIFICATE blocks, by fingerprint.
	caTrust map[string]*pemfile.Trust
	// caCRLs, for a tlsCAFile, are the CRLs OpenSSL loads from it (DER).
	caCRLs [][]byte
}

// inspection carries the state of one Inspect call.
type inspection struct {
	req    Request
	p      *i18n.Printer
	rep    *Report
	inputs []*input
	server *serverAnalysis
	// caUnseen are the tlsCAFile certificates OpenSSL does not load.
	caUnseen []unseenCert
	// certsByFP are all distinct certificates seen, for describing them once.
	certsByFP map[string]*x509.Certificate
	// defects are the certificates read through a repaired copy (defect.go),
	// by fingerprint; unreadableLeaf is the server certificate when Go's
	// parser refuses it for another reason. repairedLocs are the repaired
	// certificates' places, as file and location joined by a NUL.
	defects        map[string]*defect
	repairedLocs   map[string]bool
	unreadableLeaf *unreadableCert
	// undecided are the ids of warning checks whose outcome depends on what
	// is not known here (the server's configuration): the verdict then makes
	// no prediction.
	undecided []string
	// chainUnreliable is set when the server chain is not one server's (an
	// input holding several s_client transcripts): the handshake's failures
	// then predict nothing either.
	chainUnreliable bool
	// explains caches the pasted error's explanations (explained: done).
	explains  []explain.Explanation
	explained bool
	certOrder []string
	certSrc   map[string][]string
	uri       *mongouri.Result
	tls       tlsSettings
}

// Inspect runs every analysis on the request and returns the report. It never
// panics on any input: a panic inside becomes a failed check, and the rest of
// the report is kept.
func Inspect(req Request) (rep Report) {
	p := i18n.New(req.Lang)
	rep = Report{
		SchemaVersion: report.SchemaVersion,
		Tool:          report.Tool{Name: "certinspect", Version: Version},
		At:            req.At.UTC(),
		Lang:          p.Lang,
		Inputs:        []report.Input{},
		Certificates:  []report.Certificate{},
		Checks:        []report.Check{},
	}
	defer func() {
		if r := recover(); r != nil {
			rep.Checks = append(rep.Checks, report.Check{
				ID: "internal.error", Status: report.Fail,
				Title:  p.T("internal.title", "certinspect hit an internal error", nil),
				Detail: p.T("internal.detail", "The analysis stopped early: {reason}. The results above are incomplete. Please report this with the inputs (without private keys).", i18n.Args{"reason": fmt.Sprint(r)}),
			})
			rep.Verdict = verdict(&rep, nil, p)
		}
	}()
	in := &inspection{req: req, p: p, rep: &rep, certsByFP: map[string]*x509.Certificate{}, defects: map[string]*defect{}, repairedLocs: map[string]bool{}, certSrc: map[string][]string{}}
	in.run()
	return rep
}

func (in *inspection) run() {
	p := in.p
	if in.req.At.IsZero() {
		in.add(report.Check{ID: "request.at", Status: report.Fail,
			Title:  p.T("request.at.title", "No evaluation time given", nil),
			Detail: p.T("request.at.detail", "Every verdict depends on the date; the front end must set it (now, or the date of the customer's error).", nil)})
		in.rep.Verdict = verdict(in.rep, nil, p)
		return
	}
	in.parseURI()
	in.decodeInputs()
	in.uriChecks()
	in.describeCertificates()
	in.checkCAFiles()
	in.analyzeServerChain()
	in.checkRevocation()
	in.otherClients()
	if in.server != nil {
		// Drawn after revocation, which can add a problem to the path.
		in.rep.Chain = in.server.chainReport(in.p)
	}
	in.analyzeKeyFiles()
	in.readTranscripts()
	in.explainError()
	in.buildHandover()
	sortChecks(in.rep.Checks)
	in.rep.Verdict = verdict(in.rep, in, p)
}

func (in *inspection) add(cs ...report.Check) { in.rep.Checks = append(in.rep.Checks, cs...) }

// decodeInputs sniffs every file, decides its role and lists it in the report.
func (in *inspection) decodeInputs() {
	p := in.p
	total := 0
	for i, f := range in.req.Files {
		if i >= MaxFiles {
			in.rep.Limits = append(in.rep.Limits, report.LimitHit{Limit: "maxFiles", Max: MaxFiles,
				Detail: p.T("limit.files", "Only the first {max} files were read; {n} were given.", i18n.Args{"max": MaxFiles, "n": len(in.req.Files)})})
			break
		}
		total += len(f.Data)
		if total > MaxTotalBytes {
			in.rep.Limits = append(in.rep.Limits, report.LimitHit{Limit: "maxTotalBytes", Max: MaxTotalBytes, Input: f.Name,
				Detail: p.T("limit.total", "The files together exceed {max} bytes; {name} and the files after it were not read.", i18n.Args{"max": MaxTotalBytes, "name": f.Name})})
			break
		}
		name := f.Name
		if name == "" {
			name = fmt.Sprintf("input-%d", i+1)
		}
		if len(name) > MaxNameBytes {
			// The name is repeated for every certificate of the file.
			name = boundName(name)
			in.rep.Limits = append(in.rep.Limits, report.LimitHit{Limit: LimitNameBytes, Max: MaxNameBytes, Input: name,
				Detail: p.T("limit.name", "A file name longer than {max} bytes was shortened to {name}.", i18n.Args{"max": MaxNameBytes, "name": name})})
		}
		dec := decode.Decode(name, f.Data, decode.DefaultLimits(), p)
		it := &input{file: f, dec: dec}
		it.file.Name = name
		in.inputs = append(in.inputs, it)
		in.rep.Limits = append(in.rep.Limits, dec.Limits...)
	}
	in.assignRoles()
	in.readDefectiveCertificates()
	for _, it := range in.inputs {
		in.rep.Inputs = append(in.rep.Inputs, report.Input{
			Name: it.file.Name, Role: string(it.role), RoleSource: it.roleSource, Size: len(it.file.Data),
			Format: it.dec.Format, Summary: it.dec.Summary, Items: nonNilItems(it.dec.Items),
			Errors: it.dec.Errors, Unsupported: it.dec.Unsupported, Warnings: it.dec.Warnings,
		})
		in.inputChecks(it)
	}
}

func nonNilItems(x []report.Item) []report.Item {
	if x == nil {
		return []report.Item{}
	}
	return x
}

// assignRoles gives every file a role: the user's, else the connection
// string's option naming it, else one sniffed from its content.
func (in *inspection) assignRoles() {
	hasCA := false
	for _, it := range in.inputs {
		if it.file.Role != "" && it.file.Role != RoleAuto {
			it.role, it.roleSource = it.file.Role, "user"
		} else if r := in.uriRole(it.file.Name); r != "" {
			it.role, it.roleSource = r, "uri"
		}
		if it.role == RoleCAFile {
			hasCA = true
		}
	}
	var autos []*input
	for _, it := range in.inputs {
		if it.role != "" {
			continue
		}
		d := it.dec
		switch {
		case len(d.Keys) > 0:
			it.role = RoleCertKeyFile
		case len(d.CRLs) > 0 && len(d.Certs) == 0:
			it.role = RoleCRLFile
		case len(d.OCSP) > 0 && len(d.Certs) == 0:
			it.role = RoleOCSPResponse
		case d.Format == "s_client":
			it.role = RoleServerChain
		case len(d.Certs) > 0:
			autos = append(autos, it)
			continue
		case d.IsText && explain.LooksLikeError(string(it.file.Data[:min(len(it.file.Data), explain.MaxInput)])):
			// (LooksLikeError reads only MaxInput bytes: no copy of a large file.)
			it.role = RoleErrorText
		default:
			it.role = RoleAuto
		}
		it.roleSource = "sniffed"
	}
	// Certificate-only files: one holding a server (non-CA) certificate is the
	// server chain; one holding only CA certificates is the CA file when a
	// server chain is present and no CA file was named.
	for _, it := range autos {
		it.roleSource = "sniffed"
		if hasLeaf(it.dec) {
			it.role = RoleServerChain
		}
	}
	for _, it := range autos {
		if it.role != "" {
			continue
		}
		if !hasCA && anyRole(in.inputs, RoleServerChain) {
			it.role = RoleCAFile
			hasCA = true
		} else {
			it.role = RoleServerChain
		}
	}
}

func hasLeaf(d *decode.Result) bool {
	for _, c := range d.Certs {
		if !c.Cert.IsCA {
			return true
		}
	}
	return false
}

func anyRole(ins []*input, r Role) bool {
	for _, it := range ins {
		if it.role == r {
			return true
		}
	}
	return false
}

// inputChecks reports unreadable or unsupported content as checks, so it
// reaches the verdict and every front end.
func (in *inspection) inputChecks(it *input) {
	p := in.p
	if it.role == RoleErrorText {
		return // text for the explainer, not a file that failed to read
	}
	for _, e := range it.dec.Errors {
		title := p.T("input.error.title", "{name}: part of the file could not be read", i18n.Args{"name": it.file.Name})
		if in.repairedAt(it.file.Name, e.Location) {
			title = p.T("input.repaired.title", "{name}: a certificate Go's parser refuses, read as OpenSSL reads it", i18n.Args{"name": it.file.Name})
		}
		in.add(report.Check{ID: "input.read", Status: report.Warn, Subject: it.file.Name, SubjectLabel: it.file.Name,
			Title: title, Detail: e.Location + ": " + e.Message, Fix: e.Advice, Commands: nonEmpty(e.Command)})
	}
	for _, e := range it.dec.Unsupported {
		in.add(report.Check{ID: "input.format", Status: report.Warn, Subject: it.file.Name, SubjectLabel: it.file.Name,
			Title:  p.T("input.unsupported.title", "{name}: {what}", i18n.Args{"name": it.file.Name, "what": e.Message}),
			Detail: e.Location, Fix: e.Advice, Commands: nonEmpty(e.Command)})
	}
	nothing := len(it.dec.Certs)+len(it.dec.Keys)+len(it.dec.CRLs)+len(it.dec.OCSP) == 0
	if nothing && len(it.dec.Errors) == 0 && len(it.dec.Unsupported) == 0 && it.role != RoleAuto {
		in.add(report.Check{ID: "input.read", Status: report.Warn, Subject: it.file.Name, SubjectLabel: it.file.Name,
			Title:  p.T("input.nothing.title", "{name}: nothing usable found", i18n.Args{"name": it.file.Name}),
			Detail: p.T("input.nothing.detail", "No certificate, key, CRL or OCSP response was found in it ({summary}).", i18n.Args{"summary": it.dec.Summary}),
			Fix:    p.T("input.nothing.fix", "Ask the customer for the PEM file itself (it starts with -----BEGIN CERTIFICATE-----).", nil)})
	}
}

func nonEmpty(s string) []string {
	if s == "" {
		return nil
	}
	return []string{s}
}

// describeCertificates lists each distinct certificate once, with the files
// it came from.
func (in *inspection) describeCertificates() {
	total := 0
	seen := map[string]bool{}
	for _, it := range in.inputs {
		for _, c := range it.dec.Certs {
			fp := certid.Fingerprint(c.Cert)
			if !seen[fp] {
				seen[fp] = true
				total++
			}
			if _, ok := in.certsByFP[fp]; !ok {
				if len(in.certOrder) >= MaxPathCertificates {
					continue
				}
				in.certsByFP[fp] = c.Cert
				in.certOrder = append(in.certOrder, fp)
			}
			in.certSrc[fp] = append(in.certSrc[fp], it.file.Name+" ("+c.Location+")")
		}
	}
	if total > MaxPathCertificates {
		in.limitPathCertificates(total)
	}
	for _, fp := range in.certOrder {
		d := Describe(in.certsByFP[fp], in.req.At, in.p)
		d.Sources = in.certSrc[fp]
		if def := in.defects[fp]; def != nil {
			d.GoParseError = def.Reason // described from the repaired copy (defect.go)
		}
		in.rep.Certificates = append(in.rep.Certificates, d)
	}
}

// nodes turns the certificates of the files with role r into path-builder
// nodes.
func (in *inspection) nodes(r Role, trusted bool) []*node {
	var out []*node
	i := 0
	for _, it := range in.inputs {
		if it.role != r {
			continue
		}
		// Items keep duplicates in file order (Certs holds each certificate
		// once), so the presented chain is shown as the server sends it.
		byFP := map[string]*x509.Certificate{}
		for _, c := range it.dec.Certs {
			byFP[certid.Fingerprint(c.Cert)] = c.Cert
		}
		for _, item := range it.dec.Items {
			c := byFP[item.Ref]
			if item.Kind != "certificate" || c == nil || in.certsByFP[item.Ref] == nil {
				continue // not a certificate, or past MaxPathCertificates
			}
			if it.openSSLSees != nil && !it.openSSLSees[item.Ref] {
				continue // in the file, but not where OpenSSL reads it
			}
			out = append(out, &node{cert: c, names: namesOf(c), trusted: trusted, from: string(r), index: i, fp: item.Ref, aux: it.caTrust[item.Ref], file: it.file.Name, defect: in.defects[item.Ref]})
			i++
		}
	}
	return out
}

func (in *inspection) hosts() []string {
	if len(in.req.Hosts) > 0 {
		hs := in.req.Hosts
		if len(hs) > MaxHosts {
			hs = hs[:MaxHosts]
		}
		return hs
	}
	if hs := in.uriHosts(); len(hs) > 0 {
		return hs
	}
	// An s_client transcript names the host it connected to.
	var hs []string
	for _, it := range in.inputs {
		if it.dec.Format != "s_client" {
			continue
		}
		if t, ok := sclient.Parse(string(it.file.Data)); ok && t.ServerName != "" {
			hs = append(hs, t.ServerName)
		}
	}
	if len(hs) > 0 {
		return hs
	}
	// A pasted error names the hosts PyMongo tried (host:port), in order.
	seen := map[string]bool{}
	for _, ex := range in.explanations() {
		if h := ex.Host; h != "" && !seen[h] && len(hs) < MaxHosts {
			seen[h] = true
			hs = append(hs, h)
		}
	}
	return hs
}

func (in *inspection) analyzeServerChain() {
	presented := in.nodes(RoleServerChain, false)
	trusted := in.nodes(RoleCAFile, true)
	store := string(RoleCAFile)
	caMissing := ""
	if in.uri != nil && in.tls.verify && !anyRole(in.inputs, RoleCAFile) {
		caMissing = in.uri.Files["tlsCAFile"] // PyMongo trusts that file only: not the system store
	}
	if !anyRole(in.inputs, RoleCAFile) && caMissing == "" {
		store = storeBundled
		if len(presented) > 0 {
			for i, r := range bundledRoots() {
				trusted = append(trusted, &node{cert: r.cert, names: r.names, trusted: true, from: storeBundled, index: i, fp: r.fp})
			}
		}
	}
	// PyMongo loads tlsCRLFile with load_verify_locations too, before the
	// CA file: the certificates in it join the same trust store, and where
	// both files hold a certificate, the CRL file's copy (and its trust
	// settings) is the one OpenSSL keeps.
	have := map[string][]*node{}
	for _, n := range trusted {
		have[n.fp] = append(have[n.fp], n)
	}
	for _, n := range in.nodes(RoleCRLFile, true) {
		if copies, ok := have[n.fp]; ok {
			for _, c := range copies {
				c.aux, c.file = n.aux, n.file
			}
			continue
		}
		have[n.fp] = []*node{n}
		trusted = append(trusted, n)
	}
	hosts := in.hosts()
	var a *serverAnalysis
	if in.unreadableLeaf != nil {
		a = &serverAnalysis{presented: presented, trusted: trusted, store: store, unreadableLeaf: in.unreadableLeaf}
	} else {
		a = analyzeServer(presented, trusted, store, hosts, in.tls.checkHostname, in.req.At)
	}
	a.unseenCA = in.caUnseen
	if caMissing != "" && a.leaf != nil {
		a.missingCA(caMissing)
	}
	if a.leaf != nil && in.tls.verify { // unverified, the chain does not matter to PyMongo
		a.noteUnreadableIssuer(append(in.unreadableCerts(RoleServerChain), in.unreadableCerts(RoleCAFile)...))
	}
	in.server = a
	in.serverLimits(a)
	in.rep.Chain = a.chainReport(in.p)
	if a.leaf != nil {
		in.rep.Hosts = a.hostReport()
	}
	checks := a.checks(in.tls.checkHostname, len(hosts) > 0, in.req.At, in.p)
	if !in.tls.verify {
		// PyMongo would not verify: what would fail is only information.
		for i := range checks {
			if checks[i].Status == report.Fail {
				checks[i].Status = report.Info
				checks[i].Detail = strings.TrimSpace(checks[i].Detail + " " + unverifiedNote(in.p))
			}
		}
		a.problems = nil
	}
	in.add(checks...)
}

// sortChecks orders checks for people: failures first, then warnings, then
// the rest, keeping the analysis order within a status.
func sortChecks(cs []report.Check) {
	sort.SliceStable(cs, func(i, j int) bool { return cs[i].Status.Rank() < cs[j].Status.Rank() })
}

// hostPort renders host:port as PyMongo prints it.
func hostPort(h string) string {
	if strings.HasPrefix(h, "[") || strings.Count(h, ":") == 1 {
		return h
	}
	if strings.Contains(h, ":") {
		return "[" + h + "]:27017"
	}
	return h + ":27017"
}

// Version is the tool's version, set by the build (-ldflags -X).
var Version = "dev"
