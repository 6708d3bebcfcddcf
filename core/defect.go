package core

import (
	"bytes"
	"crypto/x509"
	"encoding/asn1"
	"strings"

	"certinspect/core/certid"
	"certinspect/core/decode"
	"certinspect/core/i18n"
	"certinspect/core/repair"
	"certinspect/core/report"
	"certinspect/core/shell"
	"certinspect/core/x509err"
)

// A certificate that Go's parser refuses is often one OpenSSL reads and then
// refuses for a reason of its own, at a known point of X509_verify_cert
// (core/repair). Such certificates of the server chain, the CA file, the
// CRL file and the key file are read through the repaired copy, and the path evaluation adds
// OpenSSL's error for the defect in OpenSSL's order (verify.go): an
// "invalid" certificate is never an issuer nor issued, "criticalExt" fails
// check_extensions (34), "explicitCurve" too (94), "sigAlgMismatch" fails the
// signature check (7); the server's own certificate may lose subjectAltName
// entries ("sanEntry"), and under a CA with name constraints the verdict is
// then undecided ("sanConstrained"). Checked with openssl verify on the
// fixtures of testdata/pki/defect (TestDefectiveCertificatesAsOpenSSL).

// defect is a repaired certificate's defect, and where the certificate is.
type defect struct {
	*repair.Defect
	// file and location say where the certificate is; leaf is set for the
	// server's own certificate.
	file, location string
	leaf           bool
}

var oidExtSAN = asn1.ObjectIdentifier{2, 5, 29, 17}

// repairDefect reads der through core/repair.
func repairDefect(der []byte, reason string) (*x509.Certificate, *defect) {
	c, d := repair.Certificate(der, reason)
	if c == nil {
		return nil, nil
	}
	return c, &defect{Defect: d}
}

// readDefectiveCertificates reads, through a repaired copy, the certificates
// of the server chain, the CA file, the CRL file (whose certificates join
// the trust store) and the key file that Go's parser refuses for a defect OpenSSL is known to
// handle; the copy takes the certificate's place among the file's
// certificates. The server's own certificate (the first of the server chain,
// issuing none of the others) may also lose subjectAltName entries; when it
// cannot be repaired, it is the unreadable leaf and the chain is undecided.
// A certificate that cannot be repaired otherwise stays unreadable.
func (in *inspection) readDefectiveCertificates() {
	firstChain := true
	for _, it := range in.inputs {
		switch it.role {
		case RoleServerChain, RoleCAFile, RoleCRLFile, RoleCertKeyFile:
		default:
			continue
		}
		leafFile := it.role == RoleServerChain && firstChain
		if it.role == RoleServerChain {
			firstChain = false
		}
		if it.dec == nil || len(it.dec.Unreadable) == 0 {
			continue
		}
		var left []decode.Unreadable
		var repaired []repairedCert
		for _, u := range it.dec.Unreadable {
			leaf := leafFile && u.Index == 0 && !issuesAnother(u.Subject, it.dec.Certs)
			c, d := repairDefect(u.DER, u.Reason)
			if c != nil && !leaf && d.Kind == "sanEntry" && it.role != RoleCertKeyFile {
				c = nil // only the server's own names are matched against a host
			}
			if c == nil {
				if leaf {
					in.unreadableLeaf = &unreadableCert{file: it.file.Name, Unreadable: u}
				}
				left = append(left, u)
				continue
			}
			d.file, d.location, d.leaf = it.file.Name, u.Location, leaf
			fp := certid.Fingerprint(c)
			in.defects[fp] = d
			in.repairedLocs[it.file.Name+"\x00"+u.Location] = true
			// Its place among the certificate items, which lack the ones
			// left unreadable.
			repaired = append(repaired, repairedCert{cert: c, loc: u.Location, fp: fp, at: u.Index - len(left), d: d})
		}
		it.dec.Unreadable = left
		if len(repaired) == 0 {
			continue
		}
		insertCertificates(it.dec, repaired)
		var unreadable []report.Issue
		it.dec.Errors, unreadable = in.defectIssues(it, repaired)
		// The summary counts as unreadable only what still is.
		counted := *it.dec
		counted.Errors = unreadable
		it.dec.Summary = decode.Summarize(&counted, in.p)
	}
}

// repairedCert is a certificate read through core/repair, to put back in
// its file: at is its place among the file's certificate items.
type repairedCert struct {
	cert *x509.Certificate
	loc  string
	fp   string
	at   int
	d    *defect
}

// insertCertificates puts repaired certificates (in file order) back where
// they were among the file's items, and lists every certificate once, in
// the order of the items, in one pass over the file.
func insertCertificates(dec *decode.Result, rs []repairedCert) {
	items := make([]report.Item, 0, len(dec.Items)+len(rs))
	k, n := 0, 0
	put := func(upTo int) {
		for ; k < len(rs) && rs[k].at <= upTo; k++ {
			items = append(items, report.Item{Kind: "certificate", Location: rs[k].loc, PEMType: "CERTIFICATE", Ref: rs[k].fp})
			n++
			upTo++
		}
	}
	for _, item := range dec.Items {
		if item.Kind == "certificate" {
			put(n)
			n++
		}
		items = append(items, item)
	}
	put(len(items) + len(rs))
	dec.Items = items
	byFP := make(map[string]decode.Cert, len(dec.Certs)+len(rs))
	for _, x := range dec.Certs {
		byFP[certid.Fingerprint(x.Cert)] = x
	}
	for _, r := range rs {
		byFP[r.fp] = decode.Cert{Cert: r.cert, Raw: r.cert.Raw, Location: r.loc, PEMType: "CERTIFICATE"}
	}
	certs := make([]decode.Cert, 0, len(byFP))
	for _, item := range dec.Items {
		if x, ok := byFP[item.Ref]; ok && item.Kind == "certificate" {
			certs = append(certs, x)
			delete(byFP, item.Ref)
		}
	}
	dec.Certs = certs
}

// defectIssues rewrites the file's parse error for a repaired certificate:
// the server's own certificate is explained by the chain checks (only left-out
// subjectAltName entries stay a warning); a CA certificate keeps a warning
// saying what OpenSSL does with it.
func (in *inspection) defectIssues(it *input, rs []repairedCert) (all, unreadable []report.Issue) {
	p := in.p
	byLoc := make(map[string]*defect, len(rs))
	for _, r := range rs {
		byLoc[r.loc] = r.d
	}
	var out []report.Issue
	for _, e := range it.dec.Errors {
		d, loc := byLoc[e.Location], e.Location
		switch {
		case d == nil:
			out = append(out, e)
			unreadable = append(unreadable, e)
		case d.leaf && d.Kind == "sanEntry":
			// Read, but not all of it.
			args := i18n.Args{"entries": strings.Join(d.Dropped, ", "), "reason": d.Reason}
			advice := p.T("defect.sanEntry.advice", "Have the certificate reissued without them: the Go driver and other strict clients cannot read it at all. To see them with OpenSSL:", nil)
			if len(d.DNSDropped) > 0 {
				var idna []string
				for _, n := range d.DNSDropped {
					idna = append(idna, "DNS:"+repair.Printable([]byte(idnaHost(n))))
				}
				args["idna"] = strings.Join(idna, ", ")
				advice = p.T("defect.sanEntry.adviceIDNA", "Have the certificate reissued with each DNS name in its IDNA (xn--) form, the form clients connect with ({idna}): the Go driver and other strict clients cannot read it at all as it is. To see the names with OpenSSL:", args)
			}
			out = append(out, report.Issue{Location: loc,
				Message: p.T("defect.sanEntry.message", "the server certificate's subjectAltName holds entries Go's parser refuses ({entries}: {reason}); they are left out here. OpenSSL reads the certificate, and no host name can match such entries", args),
				Advice:  advice,
				Command: "openssl x509 -noout -ext subjectAltName -in " + shell.Quote(it.file.Name)})
		case it.role == RoleCertKeyFile:
			args := i18n.Args{"reason": d.Reason}
			msg := p.T("defect.client.message", "a certificate Go's parser refuses ({reason}); OpenSSL reads it, so PyMongo loads it, and it is read here as OpenSSL reads it", args)
			if e, ok := repair.MongodRefuses[d.Kind]; ok {
				args["error"] = x509err.Must(e).Text
				msg = p.T("defect.client.messageRefused", "a certificate Go's parser refuses ({reason}); OpenSSL reads it, so PyMongo loads and sends it, but mongod, verifying it with OpenSSL, refuses it ({error}); it is read here as OpenSSL reads it", args)
			}
			out = append(out, report.Issue{Location: loc, Message: msg,
				Advice:  p.T("defect.ca.advice", "Have the certificate reissued following RFC 5280. To see it with OpenSSL:", nil),
				Command: "openssl x509 -noout -text -in " + shell.Quote(it.file.Name)})
		case !d.leaf:
			args := i18n.Args{"reason": d.Reason}
			out = append(out, report.Issue{Location: loc,
				Message: p.T("defect.ca.message", "a certificate Go's parser refuses ({reason}); OpenSSL loads it but refuses any chain through it, and it is read here as OpenSSL reads it", args),
				Advice:  p.T("defect.ca.advice", "Have the certificate reissued following RFC 5280. To see it with OpenSSL:", nil),
				Command: "openssl x509 -noout -text -in " + shell.Quote(it.file.Name)})
		}
	}
	return out, unreadable
}

// repairedAt reports whether the certificate at this place of the file was
// read through core/repair.
func (in *inspection) repairedAt(file, location string) bool {
	return in.repairedLocs[file+"\x00"+location]
}

// issuesAnother reports whether a certificate with this subject issued one of
// certs (other than itself): then it is an intermediate, not the server's.
func issuesAnother(subject []byte, certs []decode.Cert) bool {
	for _, c := range certs {
		if subject != nil && bytes.Equal(c.Cert.RawIssuer, subject) && !bytes.Equal(c.Cert.RawSubject, subject) {
			return true
		}
	}
	return false
}
