package core

import (
	"sort"

	"certinspect/core/decode"
	"certinspect/core/i18n"
	"certinspect/core/report"
	"certinspect/core/revocation"
	"certinspect/core/x509err"
)

// checkRevocation reads the supplied CRLs and OCSP responses and checks the
// server certificate against them, offline. A CRL failure takes its place in
// OpenSSL's order (after host names, before signatures and dates), as
// PyMongo's VERIFY_CRL_CHECK_LEAF makes OpenSSL run it.
func (in *inspection) checkRevocation() {
	var crls []revocation.CRLInput
	var ocsps []revocation.OCSPInput
	crlGiven := in.uri != nil && in.uri.Files["tlsCRLFile"] != ""
	for _, it := range in.inputs {
		switch it.role {
		case RoleCRLFile:
			crlGiven = true
			crls = append(crls, revocation.CRLInput{Name: it.file.Name, Data: it.file.Data, DER: decodedCRLs(it.dec), Format: revocation.FormatPEM})
		case RoleOCSPResponse:
			rs, err := revocation.ParseOCSPFile(it.file.Name, it.file.Data)
			if err == nil {
				ocsps = append(ocsps, rs...)
				continue
			}
			// Say why the file given as an OCSP response was not used.
			if len(it.file.Data) > revocation.MaxOCSPFileSize {
				in.rep.Limits = append(in.rep.Limits, report.LimitHit{Limit: revocation.LimitOCSPFileBytes, Max: revocation.MaxOCSPFileSize, Input: it.file.Name,
					Detail: in.p.T("limit.ocspFileBytes", "{name} is larger than {max} bytes, more than any OCSP response; it was not read as one.", i18n.Args{"name": it.file.Name, "max": revocation.MaxOCSPFileSize})})
			}
			in.add(report.Check{ID: "input.read", Status: report.Warn, Subject: it.file.Name, SubjectLabel: it.file.Name,
				Title:  in.p.T("input.notOCSP.title", "{name}: not an OCSP response", i18n.Args{"name": it.file.Name}),
				Detail: err.Error(),
				Fix:    in.p.T("input.notOCSP.fix", "Give the DER file that openssl ocsp -respout saved, or choose another role for this file.", nil)})
		default:
			for _, b := range it.dec.OCSP {
				ocsps = append(ocsps, revocation.OCSPInput{Name: it.file.Name, DER: b.Bytes})
			}
		}
	}
	opt := revocation.Options{At: in.req.At, CRLFileGiven: crlGiven, Progress: in.req.Progress}
	for _, it := range in.inputs {
		for _, der := range it.caCRLs {
			opt.StoreCRLs = append(opt.StoreCRLs, revocation.StoreCRL{Name: it.file.Name, DER: der})
		}
	}
	if in.uri != nil {
		opt.TLSDisableOCSPEndpointCheck = !in.uri.OCSPEndpointCheck
	}
	var leaf *node
	if in.server != nil && in.server.leaf != nil {
		leaf = in.server.leaf
		opt.Leaf = leaf.cert
		for _, n := range in.server.result.path {
			opt.Path = append(opt.Path, n.cert)
		}
	}
	for _, fp := range in.certOrder {
		opt.Certs = append(opt.Certs, in.certsByFP[fp])
	}
	if len(crls) == 0 && len(ocsps) == 0 && opt.Leaf == nil {
		return
	}
	res, checks := revocation.Check(crls, ocsps, opt, in.p)
	if len(res.CRLs)+len(res.OCSP) > 0 || res.Request != nil {
		in.rep.Revocation = res
	}
	in.rep.Limits = append(in.rep.Limits, res.Limits...)
	in.undecided = append(in.undecided, res.Undecided...)
	if !in.tls.verify {
		for i := range checks {
			if checks[i].Status == report.Fail {
				checks[i].Status = report.Info
				checks[i].Detail += " " + unverifiedNote(in.p)
			}
		}
	}
	host := "<host>:27017"
	if hs := in.hosts(); len(hs) > 0 {
		host = hostPort(hs[0])
	}
	for i := range checks {
		c := &checks[i]
		if c.Status != report.Fail || c.OpenSSLError == nil {
			continue
		}
		switch c.OpenSSLError.Name {
		case "X509_R_NO_CERTIFICATE_OR_CRL_FOUND":
			// Python's ssl loads tlsCRLFile as PEM when MongoClient is built.
			c.PyMongoError = "ssl.SSLError: [X509: NO_CERTIFICATE_OR_CRL_FOUND] no certificate or crl found (_ssl.c:…)"
		case "ERR_R_PEM_LIB":
			c.PyMongoError = "ssl.SSLError: [X509] PEM lib (_ssl.c:…)"
		case "SSL_R_INVALID_STATUS_RESPONSE":
			c.PyMongoError = "pymongo.errors.ServerSelectionTimeoutError: SSL handshake failed: " + host + ": [('SSL routines', '', 'invalid status response')], Timeout: " + in.selectionTimeout() + "s, Topology Description: <…>"
		}
	}
	in.add(checks...)
	if leaf == nil || !in.tls.verify {
		return
	}
	for _, c := range checks {
		if c.ID != "crl.revocation" || c.Status != report.Fail || c.OpenSSLError == nil || c.Subject != leaf.fp && c.Subject != "" {
			continue
		}
		e, ok := x509err.ByName(c.OpenSSLError.Name)
		if !ok {
			continue // a file PyMongo cannot load: not a verification error
		}
		kind := "crlProblem"
		if e.Name == "X509_V_ERR_CERT_REVOKED" {
			kind = "revoked"
		}
		in.server.problems = append(in.server.problems, problem{stage: stageRevocation, depth: 0, err: e, cert: leaf, check: "crl.revocation", kind: kind})
		sort.SliceStable(in.server.problems, func(i, j int) bool { return in.server.problems[i].before(in.server.problems[j]) })
		break
	}
}

// decodedCRLs returns the CRLs core/decode has read from a file that holds
// nothing else, as clean PEM blocks of type X509 CRL each read without
// complaint, so that core/revocation does not decode a large CRL a second
// time; nil otherwise (revocation then reads the file itself, and says what
// is wrong with it in PyMongo's terms).
func decodedCRLs(d *decode.Result) [][]byte {
	if d == nil || !d.CleanPEM || d.Format != "pem" || len(d.CRLs) == 0 || len(d.Items) != len(d.CRLs) ||
		len(d.Errors)+len(d.Warnings)+len(d.Unsupported)+len(d.Limits) > 0 {
		return nil
	}
	for _, it := range d.Items {
		if it.Kind != "crl" || it.PEMType != "X509 CRL" {
			return nil
		}
	}
	der := make([][]byte, len(d.CRLs))
	for i, b := range d.CRLs {
		der[i] = b.Bytes
	}
	return der
}
