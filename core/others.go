package core

import (
	"crypto/x509"
	"errors"
	"time"

	"certinspect/core/certid"
	"certinspect/core/i18n"
	"certinspect/core/report"
)

// goVerdict runs Go's crypto/x509 verifier (what the Go driver and many Go
// tools use) on the same chain, and returns its error (nil: Go accepts it).
func goVerdict(a *serverAnalysis, host string, at time.Time) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = errors.New("crypto/x509 failed on this input")
		}
	}()
	// Go 1.23+ refuses negative serial numbers when it parses: crypto/tls
	// fails the handshake on such a certificate from the server, and
	// AppendCertsFromPEM skips one in the CA file. (certinspect reads them,
	// as OpenSSL does, through GODEBUG x509negativeserial=1 in go.mod.) The
	// same goes for a certificate read through a repaired copy (defect.go).
	for _, n := range a.presented {
		if reason := goRefuses(n); reason != "" {
			return errors.New("tls: failed to parse certificate from server: " + reason)
		}
	}
	roots := x509.NewCertPool()
	for _, n := range a.trusted {
		// Go reads only CERTIFICATE blocks, not TRUSTED CERTIFICATE.
		if n.aux == nil && goRefuses(n) == "" {
			roots.AddCert(n.cert)
		}
	}
	inter := x509.NewCertPool()
	for _, n := range a.presented {
		if n != a.leaf {
			inter.AddCert(n.cert)
		}
	}
	_, err = a.leaf.cert.Verify(x509.VerifyOptions{
		DNSName:       normalizeHost(host),
		Roots:         roots,
		Intermediates: inter,
		CurrentTime:   at,
		KeyUsages:     []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	})
	return err
}

// goRefuses is Go's parse error for a certificate certinspect reads as
// OpenSSL does ("" when Go reads it too).
func goRefuses(n *node) string {
	switch {
	case n.defect != nil:
		return n.defect.Reason
	case n.cert.SerialNumber.Sign() < 0:
		return "x509: negative serial number"
	}
	return ""
}

// otherClients says, as info, when Go's verifier would decide the other way
// than OpenSSL as PyMongo runs it: "works with the Go driver, fails in
// PyMongo" (or the reverse) is a common ticket.
func (in *inspection) otherClients() {
	a := in.server
	if a == nil || a.leaf == nil || !in.tls.verify || len(a.trusted) == 0 || a.unreadableIssuer != nil {
		return // nothing to compare; or PyMongo's own verdict is unknown
	}
	hosts := in.hosts()
	host := ""
	if len(hosts) > 0 {
		host = hosts[0]
	}
	if !in.tls.checkHostname {
		host = ""
	}
	goErr := goVerdict(a, host, in.req.At)
	pyFails := a.firstProblem(host) != nil
	p := in.p
	switch {
	case goErr == nil && pyFails:
		in.add(report.Check{ID: "chain.others", Status: report.Info, Subject: a.leaf.fp, SubjectLabel: certid.Label(a.leaf.cert),
			Title:  p.T("others.goAccepts.title", "Go's crypto/x509 (the Go driver) would accept this chain", nil),
			Detail: p.T("others.goAccepts.detail", "Go builds paths differently (an intermediate in the CA file is an anchor, no security-level rules, no CRL check), so a Go client can connect where PyMongo fails. That does not make the chain right for PyMongo.", nil),
			Others: []string{p.T("others.goDriver", "Go crypto/x509 (Go driver)", nil)}})
	case goErr != nil && !pyFails:
		detail := p.T("others.goRejects.detail", "PyMongo connects, but Go says: {error}. Go ignores the subject CN, refuses SHA-1 signatures and applies stricter name rules.", i18n.Args{"error": goErr.Error()})
		for _, n := range a.trusted {
			if n.aux != nil {
				detail = p.T("others.goRejects.detailTrusted", "PyMongo connects, but Go says: {error}. Go reads only -----BEGIN CERTIFICATE----- blocks, so it ignores the TRUSTED CERTIFICATE blocks of {file} (OpenSSL trust settings) that PyMongo trusts.", i18n.Args{"error": goErr.Error(), "file": n.file})
				break
			}
			if reason := goRefuses(n); reason != "" {
				detail = p.T("others.goRejects.detailUnparsed", "PyMongo connects, but Go says: {error}. Go's parser refuses {label} in {file} ({reason}), so a Go client leaves it out of its trust store.", i18n.Args{"error": goErr.Error(), "label": certid.Label(n.cert), "file": n.file, "reason": reason})
				break
			}
		}
		in.add(report.Check{ID: "chain.others", Status: report.Info, Subject: a.leaf.fp, SubjectLabel: certid.Label(a.leaf.cert),
			Title:  p.T("others.goRejects.title", "Go's crypto/x509 (the Go driver) would reject this chain", nil),
			Detail: detail,
			Others: []string{p.T("others.goDriver", "Go crypto/x509 (Go driver)", nil)}})
	}
}
