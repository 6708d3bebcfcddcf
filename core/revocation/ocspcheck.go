package revocation

import (
	"bytes"
	"crypto"
	"crypto/x509"
	"encoding/base64"
	"errors"
	"strings"

	"certinspect/core/certid"
	"certinspect/core/i18n"
	"certinspect/core/report"
	"certinspect/core/shell"

	"golang.org/x/crypto/ocsp"
)

func ocspRules(p *i18n.Printer) string {
	return p.T("ocsp.rules", "PyMongo checks OCSP only when PyOpenSSL is installed (the pymongo[ocsp] extra); with the standard ssl module it does no OCSP at all. A response the server staples must be successful, signed by the issuing CA or by a responder certificate that CA issued with the OCSPSigning extended key usage (included in the response), current, and not revoked; otherwise the handshake fails with 'invalid status response'. Without a staple PyMongo asks the responder named in the certificate (5 s limit) unless tlsDisableOCSPEndpointCheck=true, and fails only on a valid 'revoked' answer; any responder problem is ignored (soft fail).", nil)
}

func checkOCSP(inputs []OCSPInput, opt Options, p *i18n.Printer, res *Result) []report.Check {
	var checks []report.Check
	leaf := opt.Leaf
	certs := allCerts(opt)
	var leafIssuer *x509.Certificate
	if leaf != nil {
		if len(opt.Path) > 1 && bytes.Equal(opt.Path[0].Raw, leaf.Raw) {
			leafIssuer = opt.Path[1]
		} else {
			leafIssuer = issuerOf(leaf, certs)
		}
		res.Request = requestHelp(leaf, leafIssuer)
	}
	// tlsCRLFile implies the standard ssl module (PyOpenSSL refuses it): no OCSP.
	applies := !(opt.CRLFileGiven && !opt.PyOpenSSL)
	notApplied := p.T("ocsp.notAppliedCRL", "With tlsCRLFile, PyMongo can only run on the standard ssl module, which does no OCSP (where PyOpenSSL is installed, the pymongo[ocsp] extra, MongoClient refuses tlsCRLFile outright: \"tlsCRLFile cannot be used with PyOpenSSL\"): this result does not affect the connection.", nil)
	mustStaple := MustStaple(leaf)
	rules := ocspRules(p)

	var evals []*ocspEval
	for _, in := range inputs {
		info := OCSPInfo{Source: in.Name}
		d, err := parseOCSP(in.DER)
		c := report.Check{ID: "ocsp.status", Subject: in.Name}
		if leaf != nil {
			c.SubjectLabel = certid.Label(leaf)
		}
		args := i18n.Args{"file": in.Name}
		if leaf != nil {
			args["cert"] = certid.Label(leaf)
			args["serial"] = certid.SerialHex(leaf.SerialNumber)
		}
		softOrHard := report.Warn
		if mustStaple {
			softOrHard = report.Fail
		}
		stapleText := p.T("ocsp.asStaple", "If the server staples this response, PyMongo fails the handshake ('invalid status response'); if it came from the responder, PyMongo ignores it and connects.", nil)
		if mustStaple {
			stapleText = p.T("ocsp.asStapleMust", "The server certificate is must-staple, so only a stapled response counts, and PyMongo fails the handshake with this one ('invalid status response').", nil)
		}
		switch {
		case err != nil:
			if errors.Is(err, errTooManySingles) {
				res.Limits = append(res.Limits, report.LimitHit{Limit: LimitOCSPResponses, Max: MaxOCSPResponses, Input: in.Name,
					Detail: p.T("ocsp.limit.detail", "{file} holds more than {max} single responses; it was not read.", i18n.Args{"file": in.Name, "max": MaxOCSPResponses})})
			}
			info.Error = err.Error()
			c.Status = softOrHard
			args["error"] = err.Error()
			c.Title = p.T("ocsp.unreadable.title", "The OCSP response cannot be read", nil)
			c.Detail = p.T("ocsp.unreadable.detail", "{file}: {error}.", args) + " " + stapleText
			c.Fix = p.T("ocsp.unreadable.fix", "Fetch the response again with the openssl ocsp command below (it saves DER with -respout).", nil)
		case d.info.ResponseStatusCode != 0:
			info = d.info
			info.Source = in.Name
			c.Status = softOrHard
			args["status"] = info.ResponseStatus
			c.Title = p.T("ocsp.unsuccessful.title", "The OCSP responder answered {status}", args)
			c.Detail = p.T("ocsp.unsuccessful.detail", "{file} has response status {status} and no certificate status.", args) + " " + unsuccessfulMeaning(info.ResponseStatusCode, p) + " " + stapleText
			c.Fix = p.T("ocsp.unsuccessful.fix", "Ask the CA to fix its responder, or fetch a new response later with the command below.", nil)
		default:
			e := d.evaluate(opt, certs, leafIssuer)
			evals = append(evals, e)
			info = d.info
			info.Source = in.Name
			u := e.used
			for _, pr := range e.problems {
				info.Problems = append(info.Problems, problemText(pr, e, p))
			}
			args["status"] = info.Responses[indexOf(d, u)].Status
			args["this"] = day(u.this)
			args["responder"] = responderText(&info)
			if u.hasNext {
				args["next"] = day(u.next)
			} else {
				args["next"] = p.T("ocsp.noNext", "none", nil)
			}
			facts := p.T("ocsp.facts", "{file}: {status}, signed by {responder}, thisUpdate {this}, nextUpdate {next}.", args)
			switch {
			case leaf == nil:
				c.Status = report.Info
				c.Title = p.T("ocsp.noLeaf.title", "OCSP response read; no server certificate to check it for", nil)
				c.Detail = facts
			case !info.ForLeaf:
				// Not evidence about the leaf either way; PyMongo itself would
				// take it as a staple when it is valid (no serial check).
				c.Status = report.Warn
				for_ := p.T("ocsp.forUnknown", "a certificate that was not supplied", nil)
				if u.forCert != nil {
					for_ = certid.Label(u.forCert) + " (" + certid.Fingerprint(u.forCert)[:16] + "…)"
				}
				args["for"] = for_
				args["forSerial"] = certid.SerialHex(u.serial)
				c.Title = p.T("ocsp.otherCert.title", "The OCSP response is for another certificate", nil)
				c.Detail = facts + " " + p.T("ocsp.otherCert.detail", "It is for {for} (serial {forSerial}), not for the server certificate {cert} (serial {serial}). PyMongo does not compare the serial of a stapled response: if it is validly signed and current, PyMongo uses its status as if it were the server's. A response fetched from the responder for another serial is ignored.", args)
				c.Fix = p.T("ocsp.otherCert.fix", "Fetch the response for the server certificate itself (command below); if the server staples this one, its stapling configuration uses the wrong certificate.", nil)
			case len(e.problems) > 0:
				c.Status = softOrHard
				c.Title = p.T("ocsp.invalid.title", "PyMongo would not accept this OCSP response", nil)
				c.Detail = facts + " " + strings.Join(info.Problems, " ") + " " + stapleText
				c.Fix = p.T("ocsp.invalid.fix", "Fetch a fresh response from the CA's responder (command below) and make sure the server staples a current one; if the responder signs badly, the CA must fix it.", nil)
			case u.status == ocsp.Revoked:
				c.Status = report.Fail
				args["date"] = day(u.revokedAt)
				args["reason"] = p.T("ocsp.reason.none", "no reason given", nil)
				if u.reason >= 0 {
					args["reason"] = reasonName(u.reason)
				}
				c.Title = p.T("ocsp.revoked.title", "OCSP says the server certificate is revoked", nil)
				c.Detail = facts + " " + p.T("ocsp.revoked.detail", "The responder says {cert} (serial {serial}) was revoked on {date} ({reason}). Stapled or fetched, PyMongo fails the handshake ('invalid status response').", args)
				c.Fix = p.T("ocsp.revoked.fix", "The server needs a new certificate: have the CA issue one and install it on every mongod and mongos.", nil)
			case u.status == ocsp.Unknown:
				c.Status = report.Warn
				c.Title = p.T("ocsp.unknown.title", "The OCSP responder does not know the server certificate", nil)
				c.Detail = facts + " " + p.T("ocsp.unknown.detail", "The status is 'unknown': the responder does not know {cert} (serial {serial}), usually because it serves another CA or the certificate was not issued by that CA's database. PyMongo fails only on 'revoked', so it connects.", args)
				c.Fix = p.T("ocsp.unknown.fix", "Check that the certificate's AIA names the responder of the CA that issued it.", nil)
			default:
				c.Status = report.Pass
				c.Title = p.T("ocsp.good.title", "OCSP says the server certificate is good", nil)
				c.Detail = facts + " " + p.T("ocsp.good.detail", "It is for {cert} (serial {serial}), validly signed and current; PyMongo accepts it stapled or fetched.", args)
			}
		}
		if c.Status == report.Fail {
			c.OpenSSLError = &invalidStatusResponse
		}
		if !applies {
			if c.Status == report.Fail {
				c.Status = report.Warn
			} else if c.Status == report.Pass {
				c.Status = report.Info
			}
			c.OpenSSLError = nil
			c.Detail += " " + notApplied
		}
		c.Detail += " " + rules
		if res.Request != nil && c.Status != report.Pass && c.Status != report.Info {
			c.Commands = res.Request.Commands
		}
		res.OCSP = append(res.OCSP, info)
		checks = append(checks, c)
	}

	if len(inputs) == 0 && leaf != nil {
		c := report.Check{ID: "ocsp.status", Status: report.Skip, Subject: certid.Fingerprint(leaf), SubjectLabel: certid.Label(leaf),
			Title: p.T("ocsp.none.title", "No OCSP response supplied", nil)}
		args := i18n.Args{"cert": certid.Label(leaf)}
		switch {
		case len(leaf.OCSPServer) == 0:
			c.Detail = p.T("ocsp.none.noAIA", "{cert} names no OCSP responder, so without a staple PyMongo has nothing to ask and connects (soft fail).", args)
		case opt.TLSDisableOCSPEndpointCheck:
			args["url"] = leaf.OCSPServer[0]
			c.Detail = p.T("ocsp.none.disabled", "tlsDisableOCSPEndpointCheck=true: without a staple PyMongo does not ask the responder {url} and connects.", args)
		default:
			args["url"] = leaf.OCSPServer[0]
			c.Detail = p.T("ocsp.none.endpoint", "Without a staple PyMongo (with pymongo[ocsp]) asks the responder {url} during the handshake; a firewall blocking it only delays the connection (5 s) but a 'revoked' answer fails it. Fetch the response with the command below to know what it says.", args)
		}
		if !applies {
			c.Detail += " " + notApplied
		}
		c.Detail += " " + rules
		if res.Request != nil {
			c.Commands = res.Request.Commands
		}
		checks = append(checks, c)
	}

	if mustStaple {
		c := report.Check{ID: "ocsp.mustStaple", Subject: certid.Fingerprint(leaf), SubjectLabel: certid.Label(leaf),
			Rule: "RFC 7633"}
		args := i18n.Args{"cert": certid.Label(leaf)}
		ok := false
		for _, e := range evals {
			if e.doc.info.ForLeaf && len(e.problems) == 0 && e.used.status != ocsp.Revoked {
				ok = true
			}
		}
		switch {
		case ok:
			c.Status = report.Pass
			c.Title = p.T("ocsp.mustStaple.pass.title", "Must-staple certificate with a valid response", nil)
			c.Detail = p.T("ocsp.mustStaple.pass.detail", "{cert} requires a stapled OCSP response (TLS feature status_request). A supplied response is valid for it; the server must staple a current one on every handshake.", args)
		case len(inputs) == 0:
			// Whether the server staples is not known (mongod does by
			// default), nor whether PyOpenSSL is installed: a warning.
			c.Status = report.Warn
			c.Title = p.T("ocsp.mustStaple.none.title", "Must-staple certificate: the server must staple an OCSP response", nil)
			c.Detail = p.T("ocsp.mustStaple.none.detail", "{cert} requires a stapled OCSP response (TLS feature status_request). PyMongo with pymongo[ocsp] fails the handshake with 'invalid status response' when the server staples none; no response was supplied to show that it does.", args)
			c.Fix = p.T("ocsp.mustStaple.none.fix", "Make every mongod/mongos staple: ocspEnabled=true (the default on Linux since MongoDB 4.4) and the servers must reach the responder named in the certificate. Or have the certificate reissued without must-staple.", nil)
		default:
			c.Status = report.Fail
			c.Title = p.T("ocsp.mustStaple.bad.title", "Must-staple certificate without a valid response", nil)
			c.Detail = p.T("ocsp.mustStaple.bad.detail", "{cert} requires a stapled OCSP response (TLS feature status_request), and none of the supplied responses is a valid, current, not-revoked one for it (see ocsp.status). PyMongo with pymongo[ocsp] fails the handshake with 'invalid status response'.", args)
			c.Fix = p.T("ocsp.mustStaple.bad.fix", "Make the servers staple a fresh response from the CA's responder (ocspEnabled=true, responder reachable from the servers).", nil)
			c.OpenSSLError = &invalidStatusResponse
		}
		if !applies {
			if c.Status != report.Pass {
				c.Status = report.Info
			}
			c.OpenSSLError = nil
			c.Detail += " " + notApplied
		}
		c.Others = []string{p.T("ocsp.others.stdlib", "PyMongo without PyOpenSSL (standard ssl): no OCSP check, connects", nil)}
		if res.Request != nil && c.Status == report.Fail {
			c.Commands = res.Request.Commands
		}
		checks = append(checks, c)
	}
	return checks
}

func indexOf(d *ocspDoc, s *single) int {
	for i := range d.singles {
		if &d.singles[i] == s {
			return i
		}
	}
	return 0
}

func responderText(info *OCSPInfo) string {
	who := info.ResponderName
	if who == "" {
		who = "key hash " + info.ResponderKeyHash
	}
	switch info.Signer {
	case "issuer":
		return who + " (the issuing CA)"
	case "delegated":
		return who + " (delegated responder)"
	}
	return who
}

func unsuccessfulMeaning(code int, p *i18n.Printer) string {
	switch code {
	case 1:
		return p.T("ocsp.status.malformedRequest", "malformedRequest: the responder could not read the request.", nil)
	case 2:
		return p.T("ocsp.status.internalError", "internalError: the responder failed internally.", nil)
	case 3:
		return p.T("ocsp.status.tryLater", "tryLater: the responder is temporarily unable to answer.", nil)
	case 5:
		return p.T("ocsp.status.sigRequired", "sigRequired: the responder wants signed requests, which PyMongo and mongod do not send.", nil)
	case 6:
		return p.T("ocsp.status.unauthorized", "unauthorized: the responder does not answer for this CA (wrong responder URL, or the CA no longer runs it).", nil)
	}
	return p.T("ocsp.status.other", "This status is not defined by RFC 6960.", nil)
}

func problemText(code string, e *ocspEval, p *i18n.Printer) string {
	info := &e.doc.info
	args := i18n.Args{"signer": info.SignerLabel, "error": info.SignatureError}
	if e.ca != nil {
		args["ca"] = certid.Label(e.ca)
	}
	if e.used.hasNext {
		args["next"] = day(e.used.next)
	}
	args["this"] = day(e.used.this)
	switch code {
	case "multiple":
		args["n"] = len(e.doc.singles)
		return p.T("ocsp.problem.multiple", "It holds {n} certificate statuses; PyMongo (through the cryptography package) reads only responses with exactly one and fails otherwise.", args)
	case "noIssuer":
		return p.T("ocsp.problem.noIssuer", "The issuing CA's certificate was not supplied, so the signature cannot be checked.", args)
	case "badSignature":
		return p.T("ocsp.problem.badSignature", "Its signature does not verify with the key of {signer} ({error}).", args)
	case "delegateNotEmbedded":
		return p.T("ocsp.problem.notEmbedded", "It is signed by a delegated responder whose certificate is not included in the response; PyMongo looks for the responder certificate only inside the response.", args)
	case "noOCSPSigning":
		return p.T("ocsp.problem.noOCSPSigning", "The responder certificate {signer} lacks the OCSPSigning extended key usage, so it is not authorised to sign responses for {ca}.", args)
	case "delegateNotByCA":
		return p.T("ocsp.problem.delegateNotByCA", "The responder certificate {signer} was not issued by {ca}, the CA of the certificate in question.", args)
	case "pss":
		return p.T("ocsp.problem.pss", "It is signed with RSA-PSS; PyMongo verifies RSA responses as PKCS#1 v1.5 only, so the check fails.", args)
	case "notYetValid":
		return p.T("ocsp.problem.notYetValid", "Its thisUpdate {this} is in the future (check the clocks).", args)
	case "stale":
		return p.T("ocsp.problem.stale", "It expired: nextUpdate {next} has passed.", args)
	}
	return code
}

// requestHelp builds the OCSP request for the leaf and the commands to send it.
func requestHelp(leaf, issuer *x509.Certificate) *OCSPRequestHelp {
	if leaf == nil || issuer == nil {
		return nil
	}
	der, err := ocsp.CreateRequest(leaf, issuer, &ocsp.RequestOptions{Hash: crypto.SHA1})
	if err != nil {
		return nil
	}
	h := &OCSPRequestHelp{Cert: certid.Fingerprint(leaf), Issuer: certid.Fingerprint(issuer), IssuerLabel: certid.Label(issuer),
		RequestDER: base64.StdEncoding.EncodeToString(der)}
	url := "http://OCSP-RESPONDER-URL"
	if len(leaf.OCSPServer) > 0 {
		h.URL = leaf.OCSPServer[0]
		url = h.URL
		enc := strings.NewReplacer("+", "%2B", "/", "%2F", "=", "%3D").Replace(h.RequestDER)
		h.GetURL = strings.TrimSuffix(h.URL, "/") + "/" + enc
	}
	h.Commands = []string{
		"openssl ocsp -issuer issuer.pem -cert server.pem -url " + shell.Quote(url) + " -resp_text -respout ocsp.der",
	}
	if h.GetURL != "" {
		h.Commands = append(h.Commands, "curl -fsS -o ocsp.der "+shell.Quote(h.GetURL))
	}
	return h
}
