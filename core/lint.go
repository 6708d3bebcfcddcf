package core

import (
	"crypto/x509"

	"certinspect/core/i18n"
	"certinspect/core/lint"
	"certinspect/core/report"
)

// lintChecks runs the RFC 5280 / CA/Browser Forum rules of package lint over
// the built server path (leaf first, then each issuer up to the anchor, as far
// as the path got) and returns one check per finding ("lint.<rule>", Subject =
// certificate fingerprint, Rule = citation). host is the first host checked
// ("" when none).
func lintChecks(path []*x509.Certificate, host string, p *i18n.Printer) []report.Check {
	return lint.Checks(lint.Run(path, host, p))
}

// lintChecks lints the path a built (just the leaf when no path was built).
func (a *serverAnalysis) lintChecks(p *i18n.Printer) []report.Check {
	if a == nil || a.leaf == nil {
		return nil
	}
	path := make([]*x509.Certificate, 0, len(a.result.path))
	for _, n := range a.result.path {
		path = append(path, n.cert)
	}
	if len(path) == 0 {
		path = append(path, a.leaf.cert)
	}
	host := ""
	if len(a.hosts) > 0 {
		host = a.hosts[0].host
	}
	checks := lintChecks(path, host, p)
	// A rule that finds what the engine already reports with the same
	// OpenSSL error on the same certificate is kept for its citation, as
	// information, so the failure is not counted twice.
	engine := map[string]bool{}
	for _, pr := range a.problems {
		if pr.cert != nil {
			engine[pr.cert.fp+"/"+pr.err.Name] = true
		}
	}
	// The chain checks model these OpenSSL errors over the whole path: where
	// they reached a trust anchor and found none, a rule predicting one (it
	// knows neither trust settings nor OpenSSL's rules for an anchor) is
	// wrong about PyMongo, and only a warning about stricter clients.
	modelled := map[string]bool{"X509_V_ERR_INVALID_PURPOSE": true, "X509_V_ERR_INVALID_CA": true, "X509_V_ERR_UNHANDLED_CRITICAL_EXTENSION": true}
	found := map[string]bool{}
	for _, pr := range a.problems {
		found[pr.err.Name] = true
	}
	for i := range checks {
		c := &checks[i]
		switch {
		case c.Status != report.Fail || c.OpenSSLError == nil:
		case engine[c.Subject+"/"+c.OpenSSLError.Name]:
			c.Status = report.Info
			c.Detail += " " + p.T("lint.alsoEngine", "The same problem is reported by the chain checks above.", nil)
		case a.result.end == endAnchored && modelled[c.OpenSSLError.Name] && !found[c.OpenSSLError.Name]:
			c.Status = report.Warn
			c.OpenSSLError = nil
			c.Detail += " " + p.T("lint.engineAccepts", "OpenSSL, as PyMongo runs it, accepts this path all the same (the trust anchor's OpenSSL trust settings, or OpenSSL's rules for a trust anchor), so PyMongo connects; stricter clients may refuse it.", nil)
		}
	}
	if d := a.leaf.defect; d != nil && len(d.Dropped) > 0 {
		// The copy lacks the subjectAltName entries Go refuses (defect.go);
		// the certificate itself has them: no "empty" or "missing" SAN.
		kept := checks[:0]
		for _, c := range checks {
			if c.Subject != a.leaf.fp || c.ID != "lint.sanEmpty" && c.ID != "lint.sanMissing" && c.ID != "lint.cnNotInSAN" {
				kept = append(kept, c)
			}
		}
		checks = kept
	}
	return checks
}
