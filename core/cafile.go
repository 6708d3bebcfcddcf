package core

import (
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/hex"
	"strings"

	"certinspect/core/certid"
	"certinspect/core/decode"
	"certinspect/core/i18n"
	"certinspect/core/pemfile"
	"certinspect/core/report"
	"certinspect/core/shell"
)

// checkCAFiles judges each tlsCAFile as Python's ssl loads it when the
// MongoClient is built (load_verify_locations: OpenSSL's PEM reader, see
// core/pemfile). A file it cannot load stops PyMongo before any connection;
// certificates it does not see (an indented block, say) are not trusted, so
// they are left out of the trust store the path is built against.
func (in *inspection) checkCAFiles() {
	if in.tls.known && !in.tls.enabled {
		return // no SSL context, nothing is loaded
	}
	// PyMongo loads the CRL file first: its certificates are trusted too,
	// and its copy of a certificate (with its trust settings) is the one the
	// store keeps.
	inCRLFile := map[string]bool{}
	for _, it := range in.inputs {
		if it.role == RoleCRLFile && len(it.dec.Certs) > 0 {
			it.caTrust = trustSettings(pemfile.LoadStoreSkippingCRLs(it.file.Data))
			in.describeTrustSettings(it, nil)
			for _, c := range it.dec.Certs {
				inCRLFile[certid.Fingerprint(c.Cert)] = true
			}
		}
	}
	for _, it := range in.inputs {
		if it.role != RoleCAFile {
			continue
		}
		cs := in.caFileChecks(it)
		if it.file.Pasted {
			// A paste's layout may be the copy's, not the file's: say what
			// would happen to such a file, and trust what was read.
			it.openSSLSees = nil
			for i := range cs {
				cs[i] = pastedCALoad(cs[i], it.file.Name, in.p)
			}
		}
		in.add(cs...)
		in.describeTrustSettings(it, inCRLFile)
	}
}

// describeTrustSettings adds the trust settings of the file's TRUSTED
// CERTIFICATE blocks to the certificates' descriptions, except for those an
// earlier-loaded file (the CRL file) holds: its copy is the one that counts.
func (in *inspection) describeTrustSettings(it *input, loadedBefore map[string]bool) {
	for i := range in.rep.Certificates {
		c := &in.rep.Certificates[i]
		t := it.caTrust[c.ID]
		if t == nil || loadedBefore[c.ID] || c.TrustSettings != nil || (t.Alias == "" && !t.HasTrustList && len(t.Rejected) == 0) {
			continue
		}
		ts := &report.TrustSettings{File: it.file.Name, TrustList: t.HasTrustList, Alias: t.Alias, Text: trustUsesText(t, in.p)}
		for _, o := range t.Trusted {
			ts.Trusted = append(ts.Trusted, certid.ExtKeyUsageOIDName(o))
		}
		for _, o := range t.Rejected {
			ts.Rejected = append(ts.Rejected, certid.ExtKeyUsageOIDName(o))
		}
		switch checkTrust(&node{cert: in.certsByFP[c.ID], names: namesOf(in.certsByFP[c.ID]), aux: t}) {
		case trustAnchor:
			ts.ServerAuth = "anchor"
		case trustRejected:
			ts.ServerAuth = "rejected"
		default:
			ts.ServerAuth = "none"
		}
		c.TrustSettings = ts
	}
}

// trustSettings maps the certificates of a loaded store's TRUSTED
// CERTIFICATE blocks (by fingerprint) to their settings; the first copy of a
// certificate decides, as in OpenSSL's store.
func trustSettings(store pemfile.Store) map[string]*pemfile.Trust {
	out := map[string]*pemfile.Trust{}
	seen := map[string]bool{}
	for _, b := range store.Certs {
		der, settings, ok := pemfile.CertificateOf(&b)
		if !ok {
			continue
		}
		h := sha256.Sum256(der)
		fp := hex.EncodeToString(h[:])
		if !seen[fp] && settings != nil {
			out[fp] = settings
		}
		seen[fp] = true
	}
	return out
}

// unseenCert is a tlsCAFile certificate OpenSSL does not load.
type unseenCert struct {
	cert     *x509.Certificate
	file     string
	location string
}

// pastedCALoad turns a ca.load finding about pasted text into a warning
// about the file it may have been copied from.
func pastedCALoad(c report.Check, name string, p *i18n.Printer) report.Check {
	if c.Status == report.Fail {
		c.Status = report.Warn
		c.Title = p.T("ca.pasted.title", "If the customer's tlsCAFile looks like this paste, PyMongo cannot load it", nil)
		c.PyMongoError = ""
	}
	c.Detail = p.T("ca.pasted.detail", "{name} was pasted, so its layout may come from the copy (a mail reply's quoting, indentation) rather than from the file, and the certificates read from it are used as they are. As pasted: {detail}",
		i18n.Args{"name": name, "detail": c.Detail})
	return c
}

func (in *inspection) caFileChecks(it *input) []report.Check {
	p := in.p
	name := it.file.Name
	store := pemfile.LoadStore(it.file.Data)
	count := len(it.dec.Certs)
	cmds := []string{pemfile.PythonLoadCommand(shell.Quote(name))}
	pemLib := func(what string, line int) []report.Check {
		return []report.Check{{ID: "ca.load", Status: report.Fail, Subject: name, SubjectLabel: name,
			Title: p.T("ca.pemLib.title", "The tlsCAFile does not load: a PEM block in it is damaged", nil),
			Detail: p.T("ca.pemLib.detail", "{file}, line {line}: {what}. OpenSSL stops at the first block it cannot read, so Python's ssl loads nothing from the file and PyMongo fails when the MongoClient is created, before connecting, with '[X509] PEM lib'. The results below are for the {count} certificate(s) read from it here.",
				i18n.Args{"file": name, "line": line, "what": what, "count": count}),
			Fix:          p.T("ca.pemLib.fix", "Ask the customer for the CA file again, attached rather than pasted, or remove the damaged block if the certificates that are needed are elsewhere in the file.", nil),
			Commands:     cmds,
			OpenSSLError: &report.OpenSSLError{Code: 0, Name: "ERR_R_PEM_LIB", Text: "PEM lib"},
			PyMongoError: "ssl.SSLError: [X509] PEM lib (_ssl.c:…)"}}
	}
	if e := store.Err; e != nil {
		return pemLib(e.Describe(p), e.Line)
	}
	if b := store.BadHeader; b != nil {
		return pemLib(pemfile.DescribeHeader(b, p), b.Line)
	}
	// The certificates OpenSSL takes, by fingerprint. One that core/decode
	// did not read is one Go's parser refused: OpenSSL may well read it (see
	// unreadableissuer.go), unless its DER is cut off.
	read := map[string]bool{}
	for _, c := range it.dec.Certs {
		read[certid.Fingerprint(c.Cert)] = true
	}
	loaded := map[string]bool{}
	for _, b := range store.Certs {
		der, _, ok := pemfile.CertificateOf(&b)
		if !ok {
			return pemLib(pemfile.DescribeBadTrust(&b, p), b.Line)
		}
		h := sha256.Sum256(der)
		fp := hex.EncodeToString(h[:])
		if !read[fp] && !pemfile.DERFramed(der) {
			return pemLib(pemfile.DescribeNotCertificate(&b, p), b.Line)
		}
		loaded[fp] = true
	}
	it.caTrust = trustSettings(store)
	for _, b := range store.CRLs {
		it.caCRLs = append(it.caCRLs, b.Bytes)
	}
	if len(store.Certs)+len(store.CRLs) == 0 {
		why, fix, cmd := notPEMAdvice(it, p)
		c := report.Check{ID: "ca.load", Status: report.Fail, Subject: name, SubjectLabel: name,
			Title: p.T("ca.noPEM.title", "The tlsCAFile does not load: it holds no PEM certificate", nil),
			Detail: p.T("ca.noPEM.detail", "{file} {why}. Python's ssl reads tlsCAFile as PEM only: OpenSSL looks for lines that start with -----BEGIN CERTIFICATE-----, finds none, and PyMongo fails when the MongoClient is created, before connecting, with '[X509: NO_CERTIFICATE_OR_CRL_FOUND] no certificate or crl found'. The results below are for the {count} certificate(s) read from it here.",
				i18n.Args{"file": name, "why": why, "count": count}),
			Fix:          fix,
			Commands:     append(nonEmpty(cmd), cmds...),
			OpenSSLError: &report.OpenSSLError{Code: 0, Name: "X509_R_NO_CERTIFICATE_OR_CRL_FOUND", Text: "no certificate or crl found"},
			PyMongoError: "ssl.SSLError: [X509: NO_CERTIFICATE_OR_CRL_FOUND] no certificate or crl found (_ssl.c:…)"}
		if count == 0 {
			c.Detail = p.T("ca.noPEM.detailNothing", "{file} {why}. Python's ssl reads tlsCAFile as PEM only: OpenSSL finds no -----BEGIN CERTIFICATE----- line, and PyMongo fails when the MongoClient is created, before connecting, with '[X509: NO_CERTIFICATE_OR_CRL_FOUND] no certificate or crl found'.",
				i18n.Args{"file": name, "why": why})
		}
		return []report.Check{c}
	}
	// The file loads. Certificates read here that OpenSSL does not see are
	// not trusted by PyMongo.
	var unseen []string
	var advice string
	for _, c := range it.dec.Certs {
		if loaded[certid.Fingerprint(c.Cert)] {
			continue
		}
		if !it.file.Pasted {
			in.caUnseen = append(in.caUnseen, unseenCert{cert: c.Cert, file: name, location: c.Location})
		}
		why, adv := warningAt(it.dec, c.Location)
		if why == "" {
			why = p.T("ca.unseen.why", "not in a PEM CERTIFICATE block that OpenSSL reads", nil)
		}
		if advice == "" {
			advice = adv
		}
		unseen = append(unseen, p.T("ca.unseen.item", "{cert} ({where}: {why})", i18n.Args{"cert": certid.Label(c.Cert), "where": c.Location, "why": why}))
	}
	it.openSSLSees = loaded
	if len(unseen) == 0 {
		return nil
	}
	if advice == "" {
		advice = p.T("ca.unseen.fix", "Put each certificate in the file as a PEM block whose -----BEGIN CERTIFICATE----- and -----END CERTIFICATE----- lines start at the beginning of a line.", nil)
	}
	detail := p.T("ca.unseen.detail", "{file}: OpenSSL skips {list}. Python's ssl loads the other certificates of the file, so PyMongo does not trust these; the chain below is built without them.",
		i18n.Args{"file": name, "list": strings.Join(unseen, "; ")})
	if it.file.Pasted {
		detail = p.T("ca.unseen.detailPasted", "OpenSSL would skip {list}, so PyMongo would not trust these.", i18n.Args{"list": strings.Join(unseen, "; ")})
	}
	return []report.Check{{ID: "ca.load", Status: report.Warn, Subject: name, SubjectLabel: name,
		Title:    p.T("ca.unseen.title", "PyMongo does not see {count} certificate(s) of the tlsCAFile", i18n.Args{"count": len(unseen)}),
		Detail:   detail,
		Fix:      advice,
		Commands: cmds}}
}

// warningAt returns what core/decode had to forgive in the block at loc
// (indented, quoted …) and its advice.
func warningAt(d *decode.Result, loc string) (string, string) {
	for _, w := range d.Warnings {
		if w.Location == loc {
			return w.Message, w.Advice
		}
	}
	return "", ""
}

// notPEMAdvice says what a CA file without a PEM certificate is instead, how
// to fix it, and the command that converts it.
func notPEMAdvice(it *input, p *i18n.Printer) (why, fix, cmd string) {
	name := it.file.Name
	out := shell.Quote(pemFileName(name))
	switch it.dec.Format {
	case "der":
		return p.T("ca.notPEM.der", "is DER (binary), not PEM", nil),
			p.T("ca.notPEM.der.fix", "Convert it to PEM and point tlsCAFile at the PEM file.", nil),
			"openssl x509 -inform DER -in " + shell.Quote(name) + " -out " + out
	case "base64":
		cmd := "base64 -d " + shell.Quote(name) + " > " + out
		if !base64OfPEM(it.file.Data) {
			cmd = "base64 -d " + shell.Quote(name) + " | openssl x509 -inform DER -out " + out
		}
		return p.T("ca.notPEM.base64", "is base64 text that holds the certificates (for example a Kubernetes secret value copied without decoding it)", nil),
			p.T("ca.notPEM.base64.fix", "Decode it and point tlsCAFile at the decoded file (for a Kubernetes secret: kubectl get secret NAME -o jsonpath='{.data.ca\\.crt}' | base64 -d > ca.pem).", nil),
			cmd
	case "pkcs7":
		return p.T("ca.notPEM.pkcs7", "is a PKCS#7 bundle, not PEM certificates", nil),
			p.T("ca.notPEM.pkcs7.fix", "Extract the certificates as PEM and point tlsCAFile at that file.", nil),
			"openssl pkcs7 -print_certs -in " + shell.Quote(name) + " -out " + out
	}
	if len(it.dec.Unsupported) > 0 {
		// A format core/decode names (a Java keystore, PKCS#12 …) with its
		// own conversion.
		u := it.dec.Unsupported[0]
		return p.T("ca.notPEM.unsupported", "is {what}", i18n.Args{"what": u.Message}), u.Advice, u.Command
	}
	if len(it.dec.Warnings) > 0 {
		return p.T("ca.notPEM.lenient", "holds its certificates only in a form OpenSSL does not read ({what})", i18n.Args{"what": it.dec.Warnings[0].Message}),
			it.dec.Warnings[0].Advice, ""
	}
	return p.T("ca.notPEM.other", "holds no PEM certificate", nil),
		p.T("ca.notPEM.other.fix", "Ask the customer for the CA certificate as a PEM file (it starts with -----BEGIN CERTIFICATE-----).", nil), ""
}

// base64OfPEM reports whether a base64 text decodes to a PEM file.
func base64OfPEM(data []byte) bool {
	head := strings.Join(strings.Fields(string(data[:min(len(data), 64)])), "")
	head = head[:len(head)/4*4]
	b, err := base64.StdEncoding.DecodeString(head)
	return err == nil && strings.HasPrefix(strings.TrimLeft(string(b), "\ufeff \r\n\t"), "-----BEGIN")
}

// pemFileName is name with a .pem extension, for a converted copy.
func pemFileName(name string) string {
	base := name
	if i := strings.LastIndexAny(base, `/\`); i >= 0 {
		base = base[i+1:]
	}
	if i := strings.LastIndexByte(base, '.'); i > 0 {
		base = base[:i]
	}
	if base == "" {
		base = "ca"
	}
	return base + ".pem"
}
