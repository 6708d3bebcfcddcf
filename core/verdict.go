package core

import (
	"fmt"
	"strings"

	"certinspect/core/explain"
	"certinspect/core/i18n"
	"certinspect/core/report"
)

// The phases of PyMongo's sequence: MongoClient construction (the
// connection string, then the SSL context loading tlsCertificateKeyFile,
// tlsCRLFile and tlsCAFile, in that order) comes before any handshake.
const (
	phaseURI = iota
	phaseKeyFile
	phaseCRLFile
	phaseCAFile
	phaseTLS
	phaseHandshake
)

// phase places a failing check in PyMongo's sequence.
func phase(c *report.Check) int {
	id := c.ID
	switch {
	case id == "uri.valid":
		return phaseURI
	case strings.HasPrefix(id, "key."):
		return phaseKeyFile
	case id == "ca.load":
		return phaseCAFile
	case strings.HasPrefix(id, "crl.") && c.OpenSSLError != nil &&
		(c.OpenSSLError.Name == "X509_R_NO_CERTIFICATE_OR_CRL_FOUND" || c.OpenSSLError.Name == "ERR_R_PEM_LIB"):
		return phaseCRLFile
	case id == "tls.enabled":
		return phaseTLS
	default:
		return phaseHandshake
	}
}

// verdict sums the report up: would PyMongo connect, and if not, the first
// error it would raise and the first fix. Within the handshake, OpenSSL's own
// order of checks decides which error is printed.
func verdict(rep *Report, in *inspection, p *i18n.Printer) Verdict {
	var first, firstWarn *report.Check
	for i := range rep.Checks {
		c := &rep.Checks[i]
		switch c.Status {
		case report.Fail:
			if first == nil || phase(c) < phase(first) {
				first = c
			}
		case report.Warn:
			if firstWarn == nil {
				firstWarn = c
			}
		}
	}
	if first != nil && phase(first) == phaseHandshake && in != nil && in.chainUnreliable {
		first = nil // the handshake's checks ran on certificates no server sends together
	}
	v := Verdict{Status: "ok"}
	// Hosts whose handshakes would succeed while others fail (a host name
	// the certificate lacks): PyMongo connects to those.
	var failing, fine []string
	// OpenSSL's order decides the printed error, unless a certificate the
	// chain needs could not be read here: then the order is not known.
	if first != nil && phase(first) == phaseHandshake && in != nil && in.server != nil && in.server.leaf != nil && in.tls.enabled && in.server.unreadableIssuer == nil {
		failing, fine = in.hostOutcomes()
		if pe, host, pr := in.predictHandshakeError(); pe != "" {
			v.PyMongoError = pe
			for i := range rep.Checks {
				c := &rep.Checks[i]
				if c.ID == pr.check && c.Status == report.Fail && (c.Subject == pr.cert.fp || c.Subject == host) {
					first = c
					break
				}
			}
		}
	}
	switch {
	case first != nil:
		v.Status = "fail"
		v.CheckID = first.ID
		v.Headline = p.T("verdict.fail", "PyMongo would not connect: {reason}", i18n.Args{"reason": first.Title})
		if len(failing) > 0 && len(fine) > 0 {
			v.Headline = p.T("verdict.failSome", "PyMongo would not connect to {failing} (it would to {fine}): {reason}",
				i18n.Args{"failing": strings.Join(failing, ", "), "fine": strings.Join(fine, ", "), "reason": first.Title})
		}
		v.FirstFix = fixWithCommand(first)
		if v.PyMongoError == "" {
			v.PyMongoError = first.PyMongoError
		}
	case firstWarn != nil:
		v.Status = "warn"
		undecided := undecidedCheck(rep, in)
		if undecided != nil {
			firstWarn = undecided
		}
		v.CheckID = firstWarn.ID
		v.Headline = p.T("verdict.warn", "PyMongo would connect, but: {reason}", i18n.Args{"reason": firstWarn.Title})
		if undecided != nil || in != nil && in.uri == nil && (in.server == nil || in.server.leaf == nil) && len(in.rep.KeyFiles) == 0 {
			// Nothing was supplied that PyMongo's behaviour can be judged on.
			v.Headline = p.T("verdict.notEnough", "Not enough to predict PyMongo's behaviour: {reason}", i18n.Args{"reason": firstWarn.Title})
		}
		v.FirstFix = fixWithCommand(firstWarn)
	case in != nil && in.server != nil && in.server.leaf != nil:
		v.Headline = p.T("verdict.ok", "PyMongo would connect: the chain is trusted and every check passed", nil)
	case in != nil && len(in.explanations()) > 0:
		// Only the customer's error to go on: it failed, and here is why.
		ex := in.explanations()[0]
		v.Status = "warn"
		v.CheckID = explain.CheckID(ex.ID)
		v.Headline = p.T("verdict.explained", "The pasted error: {meaning} Give the server chain, the CA file and the connection string to check it here.", i18n.Args{"meaning": ex.Meaning})
		if len(ex.CheckIDs) == 0 { // not something the files can confirm (a refused connection, DNS)
			v.Headline = p.T("verdict.explainedOnly", "The pasted error: {meaning}", i18n.Args{"meaning": ex.Meaning})
		}
		if len(ex.Fixes) > 0 {
			v.FirstFix = ex.Fixes[0]
		}
	default:
		v.Headline = p.T("verdict.nothing", "Nothing failed in what was supplied; give the server chain, the CA file and the connection string for a full verdict", nil)
	}
	return v
}

// fixWithCommand is a check's fix for the verdict, which shows no commands:
// a fix that introduces its command ("To see it with OpenSSL:") gets it.
func fixWithCommand(c *report.Check) string {
	if strings.HasSuffix(c.Fix, ":") && len(c.Commands) > 0 {
		return c.Fix + " " + c.Commands[0]
	}
	return c.Fix
}

// undecidedCheck is the check that keeps the report from predicting
// PyMongo's outcome even though nothing failed: the chain's issuer is present
// but unreadable here, or the server certificate itself (chain.trusted as a
// warning), or the key file holds what certinspect cannot check (a key it
// cannot decrypt or use: keyfile.Summary.Undecided), or another check said
// its outcome depends on what is not known here (inspection.undecided).
func undecidedCheck(rep *Report, in *inspection) *report.Check {
	if in == nil {
		return nil
	}
	var ids []string
	if in.server != nil && in.server.undecided() {
		ids = append(ids, "chain.trusted")
	}
	for _, kf := range rep.KeyFiles {
		if kf.Undecided != "" {
			ids = append(ids, kf.Undecided)
		}
	}
	ids = append(ids, in.undecided...)
	for _, id := range ids {
		for i := range rep.Checks {
			if c := &rep.Checks[i]; c.ID == id && c.Status == report.Warn {
				return c
			}
		}
	}
	return nil
}

// hostOutcomes splits the hosts into those whose handshake fails and those
// whose handshake succeeds (with the same server chain).
func (in *inspection) hostOutcomes() (failing, fine []string) {
	for _, h := range in.hosts() {
		if in.server.firstProblem(h) != nil {
			failing = append(failing, normalizeHost(h))
		} else {
			fine = append(fine, normalizeHost(h))
		}
	}
	return failing, fine
}

// predictHandshakeError returns the message PyMongo would print when the
// handshakes fail, in PyMongo's framing, with the first failing host and its
// problem. PyMongo's Topology._error_message joins the error of every server
// that has one with "," (each error names its host:port; with one server,
// there is nothing to join), in the order of the seed list.
func (in *inspection) predictHandshakeError() (msg, host string, pr *problem) {
	hosts := in.hosts()
	if len(hosts) == 0 {
		hosts = []string{""}
	}
	var errs []string
	for _, h := range hosts {
		p := in.server.firstProblem(h)
		if p == nil {
			continue
		}
		hp := "<host>:27017"
		if h != "" {
			hp = hostPort(h)
		}
		if pr == nil {
			host, pr = normalizeHost(h), p
		}
		errs = append(errs, serverVerifyError(hp, p))
	}
	if pr == nil {
		return "", "", nil
	}
	return fmt.Sprintf("pymongo.errors.ServerSelectionTimeoutError: %s, Timeout: %ss, Topology Description: <…>", strings.Join(errs, ","), in.selectionTimeout()), host, pr
}

// serverVerifyError is a server's error as PyMongo records it: no "SSL
// handshake failed" prefix for certificate verification errors, and
// Python's own wording for host-name mismatches.
func serverVerifyError(hostPort string, pr *problem) string {
	reason := pr.err.Text
	switch pr.err.Name {
	case "X509_V_ERR_HOSTNAME_MISMATCH":
		reason = fmt.Sprintf("Hostname mismatch, certificate is not valid for '%s'.", pr.note)
	case "X509_V_ERR_IP_ADDRESS_MISMATCH":
		reason = fmt.Sprintf("IP address mismatch, certificate is not valid for '%s'.", pr.note)
	}
	return fmt.Sprintf("%s: [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: %s (_ssl.c:…)", hostPort, reason)
}
