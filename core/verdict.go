package core

import (
	"fmt"

	"certinspect/core/i18n"
	"certinspect/core/report"
)

// verdict sums the report up: would PyMongo connect, and if not, the first
// error it would raise and the first fix. Construction-time errors
// (connection string, key file) come before anything a handshake would meet;
// within the handshake OpenSSL's own order decides.
func verdict(rep *Report, in *inspection, p *i18n.Printer) Verdict {
	var firstFail, firstWarn *report.Check
	for i := range rep.Checks {
		c := &rep.Checks[i]
		switch c.Status {
		case report.Fail:
			if firstFail == nil {
				firstFail = c
			}
		case report.Warn:
			if firstWarn == nil {
				firstWarn = c
			}
		}
	}
	v := Verdict{Status: "ok"}
	if ce := in.constructionErrorOrEmpty(); ce != "" {
		v.PyMongoError = ce
		for i := range rep.Checks {
			if rep.Checks[i].ID == "uri.valid" && rep.Checks[i].Status == report.Fail {
				firstFail = &rep.Checks[i]
				break
			}
		}
	} else if in != nil && in.server != nil && in.server.leaf != nil && in.tls.enabled {
		if pe, host, pr := in.predictHandshakeError(); pe != "" {
			v.Status = "fail"
			v.PyMongoError = pe
			v.CheckID = pr.check
			for i := range rep.Checks {
				c := &rep.Checks[i]
				if c.ID == pr.check && c.Status == report.Fail && (c.Subject == pr.cert.fp || c.Subject == host) {
					firstFail = c
					break
				}
			}
		}
	}
	switch {
	case firstFail != nil:
		v.Status = "fail"
		v.CheckID = firstFail.ID
		v.Headline = p.T("verdict.fail", "PyMongo would not connect: {reason}", i18n.Args{"reason": firstFail.Title})
		v.FirstFix = firstFail.Fix
	case firstWarn != nil:
		v.Status = "warn"
		v.CheckID = firstWarn.ID
		v.Headline = p.T("verdict.warn", "PyMongo would connect, but: {reason}", i18n.Args{"reason": firstWarn.Title})
		v.FirstFix = firstWarn.Fix
	case in != nil && in.server != nil && in.server.leaf != nil:
		v.Headline = p.T("verdict.ok", "PyMongo would connect: the chain is trusted and every check passed", nil)
	default:
		v.Headline = p.T("verdict.nothing", "Nothing failed in what was supplied; give the server chain, the CA file and the connection string for a full verdict", nil)
	}
	return v
}

// predictHandshakeError returns the message PyMongo would print for the
// first host whose handshake fails, in PyMongo's framing, and the problem.
func (in *inspection) predictHandshakeError() (msg, host string, pr *problem) {
	hosts := in.hosts()
	if len(hosts) == 0 {
		hosts = []string{""}
	}
	for _, h := range hosts {
		pr := in.server.firstProblem(h)
		if pr == nil {
			continue
		}
		hp := "<host>:27017"
		if h != "" {
			hp = hostPort(h)
		}
		return pyMongoVerifyError(hp, pr), normalizeHost(h), pr
	}
	return "", "", nil
}

// pyMongoVerifyError frames a verification failure as PyMongo prints it
// inside ServerSelectionTimeoutError: no "SSL handshake failed" prefix for
// certificate verification errors, and Python's own wording for host-name
// mismatches.
func pyMongoVerifyError(hostPort string, pr *problem) string {
	reason := pr.err.Text
	switch pr.err.Name {
	case "X509_V_ERR_HOSTNAME_MISMATCH":
		reason = fmt.Sprintf("Hostname mismatch, certificate is not valid for '%s'.", pr.note)
	case "X509_V_ERR_IP_ADDRESS_MISMATCH":
		reason = fmt.Sprintf("IP address mismatch, certificate is not valid for '%s'.", pr.note)
	}
	return fmt.Sprintf("pymongo.errors.ServerSelectionTimeoutError: %s: [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: %s (_ssl.c:…), Timeout: 30s, Topology Description: <…>", hostPort, reason)
}

func (in *inspection) constructionErrorOrEmpty() string {
	if in == nil {
		return ""
	}
	return in.constructionError()
}
