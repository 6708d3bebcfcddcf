package revocation

import (
	"bytes"
	"crypto/x509"
	"errors"
	"fmt"
	"path"
	"sort"
	"strings"
	"time"

	"certinspect/core/certid"
	"certinspect/core/hostcrypto"
	"certinspect/core/i18n"
	"certinspect/core/report"
	"certinspect/core/shell"
	"certinspect/core/signature"
)

// OpenSSL's CRL scores (x509_vfy.c).
const (
	scoreNoCritical = 0x100
	scoreScope      = 0x080
	scoreTime       = 0x040
	scoreIssuerName = 0x020
	scoreIssuerCert = 0x018
	scoreAKID       = 0x004
)

func checkCRLs(inputs []CRLInput, opt Options, p *i18n.Printer, res *Result) []report.Check {
	var checks []report.Check
	leaf := opt.Leaf
	if len(inputs) == 0 {
		c := report.Check{ID: "crl.revocation", Status: report.Skip, Subject: "tlsCRLFile",
			Title:  p.T("crl.none.title", "No CRL supplied", nil),
			Detail: p.T("crl.none.detail", "No tlsCRLFile was given, so PyMongo does not check revocation against a CRL. With tlsCRLFile, PyMongo checks only the server certificate (VERIFY_CRL_CHECK_LEAF) against the CRLs in that PEM file.", nil)}
		if opt.CRLFileGiven {
			c.Title = p.T("crl.missing.title", "tlsCRLFile is named but its content was not supplied", nil)
			c.Detail = p.T("crl.missing.detail", "The connection string or options name a tlsCRLFile, but the file itself is not among the inputs, so its CRLs cannot be checked. PyMongo will check the server certificate against it, and fails the handshake if it holds no current CRL from the server certificate's issuer.", nil)
			c.Fix = p.T("crl.missing.fix", "Ask the customer for the file named in tlsCRLFile and add it as a CRL input.", nil)
		}
		return []report.Check{c}
	}
	if opt.PyOpenSSL {
		checks = append(checks, report.Check{ID: "crl.revocation", Status: report.Fail, Subject: "tlsCRLFile",
			Title:  p.T("crl.pyopenssl.title", "tlsCRLFile cannot be used with PyOpenSSL", nil),
			Detail: p.T("crl.pyopenssl.detail", "PyMongo uses PyOpenSSL when it is installed (the pymongo[ocsp] extra), and then refuses tlsCRLFile: 'ConfigurationError: tlsCRLFile cannot be used with PyOpenSSL'. The CRL results below are what the standard ssl module would do.", nil),
			Fix:    p.T("crl.pyopenssl.fix", "Either remove tlsCRLFile (and rely on OCSP, which PyOpenSSL checks), or uninstall PyOpenSSL (pip uninstall pyopenssl) so that PyMongo uses the standard ssl module.", nil),
			Others: []string{"ConfigurationError: tlsCRLFile cannot be used with PyOpenSSL"}})
	}

	var docs []*crlDoc
	var broken []orderedInfo
	loadedAny := false
	for inIdx, in := range inputs {
		blocks, pemCRLs, certs, isPEM := in.blocks()
		if isPEM && len(in.Data) > 0 && (len(in.DER) == 0 || len(in.Data) <= maxModelledCRLFile) {
			var loads bool
			var c []report.Check
			blocks, pemCRLs, certs, c, loads = asOpenSSLLoads(in, blocks, p)
			checks = append(checks, c...)
			if !loads {
				continue // PyMongo never uses the file
			}
		}
		loadedAny = true
		switch {
		case !isPEM && len(blocks) > 0 && blocks[0].err == nil:
			checks = append(checks, report.Check{ID: "crl.revocation", Status: report.Fail, Subject: in.Name,
				Title:        p.T("crl.der.title", "PyMongo cannot read a DER CRL file", nil),
				Detail:       p.T("crl.der.detail", "{file} holds {count} CRL(s) in DER (binary) form. PyMongo loads tlsCRLFile as PEM only and fails before connecting with '[X509: NO_CERTIFICATE_OR_CRL_FOUND] no certificate or crl found', although its documentation says PEM or DER. The results below are for the same CRLs converted to PEM.", i18n.Args{"file": in.Name, "count": len(blocks)}),
				Fix:          p.T("crl.der.fix", "Convert the CRL to PEM and point tlsCRLFile at the PEM file (with several CRLs, convert each and concatenate the PEM files).", nil),
				Commands:     []string{"openssl crl -inform DER -in " + shell.Quote(in.Name) + " -outform PEM -out " + shell.Quote(pemName(in.Name))},
				OpenSSLError: &report.OpenSSLError{Code: 0, Name: "X509_R_NO_CERTIFICATE_OR_CRL_FOUND", Text: "no certificate or crl found"}})
		case isPEM && pemCRLs == 0 && certs == 0, !isPEM && (len(blocks) == 0 || blocks[0].err != nil):
			checks = append(checks, report.Check{ID: "crl.revocation", Status: report.Fail, Subject: in.Name,
				Title:        p.T("crl.noCRL.title", "No CRL in the tlsCRLFile", nil),
				Detail:       p.T("crl.noCRL.detail2", "{file} contains no DER CRL and no '-----BEGIN X509 CRL-----' line that OpenSSL reads (OpenSSL reads a block only where -----BEGIN X509 CRL----- is at the very start of a line: no indentation, quoting or other text before it). PyMongo fails before connecting with '[X509: NO_CERTIFICATE_OR_CRL_FOUND] no certificate or crl found'.", i18n.Args{"file": in.Name}),
				Fix:          p.T("crl.noCRL.fix", "Supply the CRL published by the CA that issued the server certificate, in PEM.", nil),
				OpenSSLError: &report.OpenSSLError{Code: 0, Name: "X509_R_NO_CERTIFICATE_OR_CRL_FOUND", Text: "no certificate or crl found"}})
			continue
		case isPEM && pemCRLs == 0 && certs > 0:
			checks = append(checks, report.Check{ID: "crl.revocation", Status: report.Warn, Subject: in.Name,
				Title:  p.T("crl.onlyCerts.title", "The tlsCRLFile holds certificates but no CRL", nil),
				Detail: p.T("crl.onlyCerts.detail", "{file} contains {count} certificate(s) and no CRL. PyMongo loads it without complaint (the certificates become trusted CAs), but finds no CRL for the server certificate.", i18n.Args{"file": in.Name, "count": certs}),
				Fix:    p.T("crl.onlyCerts.fix", "tlsCRLFile must be the CRL ('-----BEGIN X509 CRL-----'), not a certificate file.", nil)})
		}
		for i, b := range blocks {
			if b.err != nil && isPEM {
				b.der = nil
			} else if b.err != nil {
				continue
			}
			d, err := parseCRL(b.der)
			if b.err != nil {
				err = b.err
			}
			if err != nil {
				info := CRLInfo{Source: in.Name, Index: i + 1, Format: b.format, Size: len(b.der), Error: err.Error()}
				broken = append(broken, orderedInfo{inIdx, i + 1, info})
				checks = append(checks, report.Check{ID: "crl.revocation", Status: report.Fail, Subject: in.Name,
					Title:    p.T("crl.unreadable.title", "A CRL cannot be read", nil),
					Detail:   p.T("crl.unreadable.detail", "CRL {index} in {file} is damaged: {error}. PyMongo fails to load the whole tlsCRLFile.", i18n.Args{"index": i + 1, "file": in.Name, "error": err.Error()}),
					Fix:      p.T("crl.unreadable.fix", "Download the CRL again from the CA (a transfer in text mode or a truncated copy damages it).", nil),
					Commands: []string{"openssl crl -in " + shell.Quote(in.Name) + " -noout -text"}})
				continue
			}
			d.info.Source, d.info.Index, d.info.Format = in.Name, i+1, b.format
			d.inputIdx = inIdx
			docs = append(docs, d)
		}
	}

	// CRLs of the tlsCAFile join the same store, and so the choice of CRL.
	if loadedAny {
		index := map[string]int{}
		for i, sc := range opt.StoreCRLs {
			index[sc.Name]++
			d, err := parseCRL(sc.DER)
			if err != nil {
				continue // the CA file's own load check speaks for it
			}
			d.info.Source, d.info.Index, d.info.Format = sc.Name, index[sc.Name], FormatPEM
			d.inputIdx = len(inputs) + i
			d.fromStore = true
			docs = append(docs, d)
		}
	}

	// Scan every CRL once for the certificates that matter. Progress counts
	// bytes of entries.
	var total, done int64
	for _, d := range docs {
		total += int64(len(d.entries))
	}
	certsOf := allCerts(opt)
	for _, d := range docs {
		targets := targetsFor(d, opt)
		start := done
		entriesLen := int64(len(d.entries))
		var prog progressFunc
		if opt.Progress != nil {
			prog = func(n int64) { opt.Progress("crl.scan", start+n, total) }
		}
		if err := d.scan(targets, opt.MaxCRLEntries, prog); err != nil {
			d.info.Error = err.Error()
			checks = append(checks, report.Check{ID: "crl.revocation", Status: report.Fail, Subject: d.info.Source,
				Title:    p.T("crl.unreadable.title", "A CRL cannot be read", nil),
				Detail:   p.T("crl.unreadable.detail", "CRL {index} in {file} is damaged: {error}. PyMongo fails to load the whole tlsCRLFile.", i18n.Args{"index": d.info.Index, "file": d.info.Source, "error": err.Error()}),
				Fix:      p.T("crl.unreadable.fix", "Download the CRL again from the CA (a transfer in text mode or a truncated copy damages it).", nil),
				Commands: []string{"openssl crl -in " + shell.Quote(d.info.Source) + " -noout -text"},
				// d2i_X509_CRL fails: load_verify_locations stops the file.
				OpenSSLError: &errPEMLib})
		}
		done = start + entriesLen
		if d.limitHit {
			res.Limits = append(res.Limits, report.LimitHit{Limit: LimitCRLEntries, Max: int64(opt.MaxCRLEntries),
				Input:  d.info.Source,
				Detail: p.T("crl.limit.detail", "CRL {index} in {file} has more than {max} entries; only the first {max} were searched.", i18n.Args{"index": d.info.Index, "file": d.info.Source, "max": opt.MaxCRLEntries})})
		}
		for i, t := range targets {
			l := CRLLookup{Cert: certid.Fingerprint(t.cert), Label: certid.Label(t.cert), Serial: certid.SerialHex(t.cert.SerialNumber), Role: t.role, Checked: !d.limitHit}
			if h, ok := d.hits[i]; ok {
				l.Listed, l.Checked = true, true
				dt := h.date
				l.RevocationDate = &dt
				if h.reason >= 0 {
					l.ReasonCode = h.reason
					l.Reason = reasonName(h.reason)
				}
			}
			d.info.Lookups = append(d.info.Lookups, l)
		}
	}
	if opt.Progress != nil {
		opt.Progress("crl.scan", total, total)
	}

	// Signers, signatures, freshness.
	for i, d := range docs {
		if opt.Progress != nil {
			opt.Progress("crl.signature", int64(i), int64(len(docs)))
		}
		d.findSigner(certsOf)
		d.info.Stale = d.hasNext && !d.next.After(opt.At)
		d.info.NotYetValid = d.this.After(opt.At)
		broken = append(broken, orderedInfo{d.inputIdx, d.info.Index, d.info})
	}
	if opt.Progress != nil && len(docs) > 0 {
		opt.Progress("crl.signature", int64(len(docs)), int64(len(docs)))
	}
	sort.SliceStable(broken, func(i, j int) bool {
		if broken[i].in != broken[j].in {
			return broken[i].in < broken[j].in
		}
		return broken[i].idx < broken[j].idx
	})
	for _, o := range broken {
		res.CRLs = append(res.CRLs, o.info)
	}

	if leaf == nil {
		checks = append(checks, report.Check{ID: "crl.revocation", Status: report.Skip, Subject: "tlsCRLFile",
			Title:  p.T("crl.noLeaf.title", "No server certificate to check against the CRL", nil),
			Detail: p.T("crl.noLeaf.detail", "The CRLs were read (see the revocation section), but no server certificate was supplied, so it is unknown whether PyMongo would find it revoked.", nil),
			Fix:    p.T("crl.noLeaf.fix", "Add the server's certificate chain (for example the output of openssl s_client -showcerts).", nil)})
		return checks
	}
	var issuer *x509.Certificate
	if len(opt.Path) > 1 && opt.Path[0] != nil && bytes.Equal(opt.Path[0].Raw, leaf.Raw) {
		issuer = opt.Path[1]
	} else {
		for _, c := range certsOf {
			if sameName(c.RawSubject, leaf.RawIssuer) && c.CheckSignature(leaf.SignatureAlgorithm, leaf.RawTBSCertificate, leaf.Signature) == nil {
				issuer = c
				break
			}
		}
	}
	v := opensslLeaf(docs, leaf, issuer, opt.At)
	checks = append(checks, leafCheck(v, docs, leaf, issuer, opt, p))
	if v.sigUnknown {
		res.Undecided = append(res.Undecided, "crl.revocation")
	}
	checks = append(checks, otherCRLChecks(docs, v.doc, leaf, opt, p)...)
	return checks
}

type orderedInfo struct {
	in, idx int
	info    CRLInfo
}

func allCerts(opt Options) []*x509.Certificate {
	var out []*x509.Certificate
	seen := map[string]bool{}
	add := func(c *x509.Certificate) {
		if c == nil {
			return
		}
		fp := certid.Fingerprint(c)
		if !seen[fp] {
			seen[fp] = true
			out = append(out, c)
		}
	}
	add(opt.Leaf)
	for _, c := range opt.Path {
		add(c)
	}
	for _, c := range opt.Certs {
		add(c)
	}
	return out
}

// targetsFor lists the leaf and the path certificates this CRL's issuer issued.
func targetsFor(d *crlDoc, opt Options) []target {
	var out []target
	seen := map[string]bool{}
	add := func(c *x509.Certificate, role string) {
		if c == nil || c.SerialNumber == nil || !sameName(d.rawIssuer, c.RawIssuer) {
			return
		}
		fp := certid.Fingerprint(c)
		if seen[fp] {
			return
		}
		seen[fp] = true
		out = append(out, target{cert: c, serial: serialContent(c.SerialNumber), role: role})
	}
	add(opt.Leaf, "leaf")
	for _, c := range opt.Path {
		add(c, "path")
	}
	return out
}

// findSigner looks for the CRL issuer among the certificates (name, then key
// identifier) and verifies the signature over the raw TBS bytes.
func (d *crlDoc) findSigner(certs []*x509.Certificate) {
	algo, _ := sigAlgOf(d.sigAlg)
	for _, c := range certs {
		if !sameName(c.RawSubject, d.rawIssuer) {
			continue
		}
		if d.aki != nil && len(c.SubjectKeyId) > 0 && !bytes.Equal(d.aki, c.SubjectKeyId) {
			continue
		}
		d.issuerCands = append(d.issuerCands, c)
	}
	for _, c := range d.issuerCands {
		err := verifyWith(c, algo, d)
		if err == nil {
			d.signer, d.sigValid, d.sigErr = c, true, ""
			break
		}
		if d.signer == nil {
			d.signer, d.sigErr = c, err.Error()
		}
	}
	d.sigChecked = true
	if d.signer != nil {
		d.info.SignerFound = true
		d.info.Signer = certid.Fingerprint(d.signer)
		d.info.SignerLabel = certid.Label(d.signer)
		d.info.IssuerMayCRLSign = mayCRLSign(d.signer)
	}
	d.info.SignatureValid = d.sigValid
	d.info.SignatureError = d.sigErr
}

// verifyWith verifies d's signature with c's key. The answer is kept: the
// issuer OpenSSL would take is usually the signer already found, and hashing
// the TBS of a 50 MB CRL again costs as much as the whole scan.
func verifyWith(c *x509.Certificate, algo x509.SignatureAlgorithm, d *crlDoc) error {
	if ok, err := otherSignature(c, algo, d.sigAlg, d.tbs, d.sig); ok {
		return err
	}
	if algo == x509.UnknownSignatureAlgorithm {
		return fmt.Errorf("%w: %s", signature.ErrUnknown, sigAlgName(d.sigAlg))
	}
	for _, v := range d.verified {
		if v.algo == algo && v.cert.Equal(c) {
			return v.err
		}
	}
	err := hostcrypto.CheckSignature(c, algo, d.tbs, d.sig) // a big CRL is hashed by the host, if lent
	d.verified = append(d.verified, verification{cert: c, algo: algo, err: err})
	return err
}

// verification is one signature check of a CRL, kept by verifyWith.
type verification struct {
	cert *x509.Certificate
	algo x509.SignatureAlgorithm
	err  error
}

// mayCRLSign: no key usage extension, or one with cRLSign (OpenSSL's rule).
func mayCRLSign(c *x509.Certificate) bool {
	return c.KeyUsage == 0 || c.KeyUsage&x509.KeyUsageCRLSign != 0
}

// leafVerdict is what OpenSSL decides for the leaf with X509_V_FLAG_CRL_CHECK.
type leafVerdict struct {
	code    int // 0 ok, else an X509_V_ERR code
	doc     *crlDoc
	hit     *entryHit
	removed bool // listed with reason removeFromCRL (OpenSSL: not revoked)
	unknown bool // the entry limit stopped the scan before the serial was found
	// sigUnknown: the CRL is signed with an algorithm certinspect cannot verify.
	sigUnknown bool
	score      int
	sigErr     string
	signer     *x509.Certificate // the certificate OpenSSL takes as the CRL issuer
}

// opensslLeaf follows get_crl_sk/get_crl_score, check_crl and cert_crl of
// OpenSSL 3.0 without extended CRL support.
func opensslLeaf(docs []*crlDoc, leaf, issuer *x509.Certificate, at time.Time) leafVerdict {
	var best *crlDoc
	bestScore := 0
	for _, d := range docs {
		if d.info.Error != "" {
			continue // unreadable: OpenSSL would not have loaded it at all
		}
		if d.idpInvalid || (d.idp != nil && (d.idp.IndirectCRL || d.idp.OnlySomeReasons)) {
			continue
		}
		if !sameName(d.rawIssuer, leaf.RawIssuer) {
			continue
		}
		score := scoreIssuerName
		if !d.critical && !d.entryCrit {
			score |= scoreNoCritical
		}
		if !d.thisBad && !d.nextBad && !d.this.After(at) && (!d.hasNext || d.next.After(at)) {
			score |= scoreTime
		}
		if issuer != nil && (d.aki != nil && len(issuer.SubjectKeyId) > 0 && !bytes.Equal(d.aki, issuer.SubjectKeyId) ||
			d.akidSerial != "" && d.akidSerial != certid.SerialHex(issuer.SerialNumber) ||
			d.akidIssuer != "" && d.akidIssuer != certid.CanonicalName(issuer.RawIssuer)) {
			continue // AKID mismatch (X509_check_akid): OpenSSL cannot locate the CRL issuer
		}
		score |= scoreAKID | scoreIssuerCert
		if crldpCheck(leaf, d) {
			score |= scoreScope
		}
		if score < bestScore {
			continue
		}
		if score == bestScore && best != nil && !d.this.After(best.this) {
			continue
		}
		best, bestScore = d, score
	}
	v := leafVerdict{doc: best, score: bestScore}
	if best == nil {
		v.code = 3
		return v
	}
	signer := issuer
	if signer == nil {
		signer = best.signer
	}
	v.signer = signer
	if !best.delta && signer != nil {
		if !mayCRLSign(signer) {
			v.code = 35
			return v
		}
		if bestScore&scoreScope == 0 {
			v.code = 44
			return v
		}
	}
	if best.thisBad {
		v.code = 15
		return v
	}
	if best.this.After(at) {
		v.code = 11
		return v
	}
	if best.nextBad {
		v.code = 16
		return v
	}
	if best.hasNext && !best.next.After(at) {
		v.code = 12
		return v
	}
	if signer != nil {
		algo, _ := sigAlgOf(best.sigAlg)
		if err := verifyWith(signer, algo, best); errors.Is(err, signature.ErrUnknown) {
			v.sigUnknown, v.sigErr = true, err.Error()
			return v // OpenSSL's answer from here on is not known
		} else if err != nil {
			v.code = 8
			v.sigErr = err.Error()
			return v
		}
	}
	if best.critical || best.entryCrit {
		v.code = 36
		return v
	}
	for i, l := range best.info.Lookups {
		if l.Role == "leaf" && l.Listed {
			h := best.hits[i]
			v.hit = &h
			if h.reason == 8 {
				v.removed = true
				return v
			}
			v.code = 23
			return v
		}
	}
	if best.limitHit {
		v.unknown = true
	}
	return v
}

// crldpCheck mirrors OpenSSL's crl_crldp_check: does the CRL's scope (issuing
// distribution point) cover the certificate?
func crldpCheck(c *x509.Certificate, d *crlDoc) bool {
	idp := d.idp
	if idp != nil {
		if idp.OnlyContainsAttributeCerts {
			return false
		}
		isCA := c.BasicConstraintsValid && c.IsCA
		if isCA && idp.OnlyContainsUserCerts || !isCA && idp.OnlyContainsCACerts {
			return false
		}
	}
	idpHasDP := idp != nil && (len(idp.URIs) > 0 || idp.OtherNames)
	for _, u := range c.CRLDistributionPoints {
		if !idpHasDP {
			return true
		}
		for _, iu := range idp.URIs {
			if iu == u {
				return true
			}
		}
	}
	return !idpHasDP
}

func crlName(d *crlDoc) string {
	return fmt.Sprintf("%s #%d", d.info.Source, d.info.Index)
}

func crlFacts(d *crlDoc, p *i18n.Printer) string {
	next := p.T("crl.facts.noNext", "none", nil)
	if d.hasNext {
		next = day(d.next)
	}
	num := d.info.Number
	if num == "" {
		num = "-"
	}
	return p.T("crl.facts", "CRL {crl}: issuer {issuer}, number {number}, thisUpdate {this}, nextUpdate {next}, {entries} entries", i18n.Args{
		"crl": crlName(d), "issuer": d.info.Issuer, "number": num, "this": day(d.this), "next": next, "entries": d.info.Entries})
}

func leafCheck(v leafVerdict, docs []*crlDoc, leaf, issuer *x509.Certificate, opt Options, p *i18n.Printer) report.Check {
	issuerName := nameString(leaf.RawIssuer)
	rules := p.T("crl.rules", "PyMongo checks only the server certificate against tlsCRLFile (VERIFY_CRL_CHECK_LEAF): the file must hold a current CRL, in PEM, from the CA that issued it ({issuer}); intermediate and root CAs are not checked. tlsCRLFile works only with the standard ssl module, not with PyOpenSSL (the pymongo[ocsp] extra).", i18n.Args{"issuer": issuerName})
	c := report.Check{ID: "crl.revocation", Subject: certid.Fingerprint(leaf), SubjectLabel: certid.Label(leaf)}
	args := i18n.Args{"cert": certid.Label(leaf), "serial": certid.SerialHex(leaf.SerialNumber), "issuer": issuerName, "at": day(opt.At)}
	if v.doc != nil {
		args["crl"] = crlName(v.doc)
		args["facts"] = crlFacts(v.doc, p)
	}
	var dl []string
	for _, u := range leaf.CRLDistributionPoints {
		if strings.HasPrefix(u, "http://") || strings.HasPrefix(u, "https://") {
			dl = append(dl, "curl -fsSL -o issuer.crl "+shell.Quote(u), "openssl crl -inform DER -in issuer.crl -outform PEM -out issuer-crl.pem")
			break
		}
	}
	download := p.T("crl.download", "Download the current CRL of {issuer} (the server certificate names it under CRL Distribution Points), convert it to PEM and use that file as tlsCRLFile.", args)
	switch {
	case v.sigUnknown:
		args["error"] = v.sigErr
		c.Status = report.Warn
		c.Title = p.T("crl.leaf.sigUnknown.title", "The CRL's signature cannot be checked here", nil)
		c.Detail = p.T("crl.leaf.sigUnknown.detail", "{facts}. It names the server certificate's issuer, but its signature algorithm is one certinspect cannot verify ({error}); OpenSSL may, so whether PyMongo accepts the CRL, and what it then says of {cert}, cannot be predicted here.", args)
		c.Fix = p.T("crl.leaf.sigUnknown.fix", "Run openssl verify -crl_check on the same files (the hand-over has the command): its answer is PyMongo's.", nil)
	case v.code == 0 && v.unknown:
		c.Status = report.Warn
		c.Title = p.T("crl.leaf.unknown.title", "CRL too large to search completely", nil)
		c.Detail = p.T("crl.leaf.unknown.detail", "{facts}. The serial {serial} of {cert} was not among the entries searched before the entry limit; PyMongo reads the whole CRL.", args)
	case v.code == 0:
		c.Status = report.Pass
		c.Title = p.T("crl.leaf.pass.title", "Not revoked according to the CRL", nil)
		c.Detail = p.T("crl.leaf.pass.detail", "{facts}. It is signed by the issuer, current at {at}, and does not list {cert} (serial {serial}).", args)
		if v.removed {
			c.Detail += " " + p.T("crl.leaf.removed", "The serial is listed with reason removeFromCRL, which OpenSSL treats as not revoked.", nil)
		}
		if v.doc.delta {
			c.Detail += " " + p.T("crl.leaf.delta", "This is a delta CRL; OpenSSL uses it as if it were complete, so certificates revoked only in the base CRL are missed.", nil)
		}
	case v.code == 23:
		c.Status = report.Fail
		h := v.hit
		args["date"] = day(h.date)
		args["reason"] = p.T("crl.reason.none", "no reason given", nil)
		if h.reason >= 0 {
			args["reason"] = reasonName(h.reason)
		}
		c.Title = p.T("crl.leaf.revoked.title", "The server certificate is revoked", nil)
		c.Detail = p.T("crl.leaf.revoked.detail", "{facts}. It lists {cert} (serial {serial}) as revoked on {date} ({reason}). PyMongo fails the handshake with 'certificate verify failed: certificate revoked'.", args)
		c.Fix = p.T("crl.leaf.revoked.fix", "The server needs a new certificate: have the CA issue one and install it (tlsCertificateKeyFile / net.tls.certificateKeyFile) on every mongod and mongos. If the revocation was a mistake, only the CA can publish a CRL without it.", nil)
	case v.code == 3:
		c.Status = report.Fail
		var have []string
		for _, d := range docs {
			have = append(have, crlName(d)+": "+d.info.Issuer)
		}
		args["have"] = strings.Join(have, "; ")
		if len(have) == 0 {
			args["have"] = p.T("crl.none.read", "no readable CRL", nil)
		}
		c.Title = p.T("crl.leaf.noCRL.title", "No usable CRL from the server certificate's issuer", nil)
		c.Detail = p.T("crl.leaf.noCRL.detail", "The server certificate {cert} was issued by {issuer}, but the tlsCRLFile holds no CRL from that CA with a matching authority key identifier (its key id and, where it gives them, the CA's issuer and serial number; found: {have}). PyMongo fails the handshake with 'certificate verify failed: unable to get certificate CRL'.", args)
		c.Fix = download
		c.Commands = dl
	case v.code == 12:
		c.Status = report.Fail
		args["next"] = day(v.doc.next)
		c.Title = p.T("crl.leaf.expired.title", "The CRL has expired", nil)
		c.Detail = p.T("crl.leaf.expired.detail", "{facts}. Its nextUpdate {next} is before {at}, so PyMongo fails the handshake with 'certificate verify failed: CRL has expired', whatever it lists. CAs publish a new CRL before nextUpdate; the customer's copy is old.", args)
		c.Fix = download + " " + p.T("crl.refresh", "Refresh it regularly (for example daily from cron), or PyMongo stops connecting each time the copy expires.", nil)
		c.Commands = dl
	case v.code == 15 || v.code == 16:
		c.Status = report.Fail
		args["field"] = "thisUpdate"
		if v.code == 16 {
			args["field"] = "nextUpdate"
		}
		if e := osslErr(v.code); e != nil {
			args["text"] = e.Text
		}
		c.Title = p.T("crl.leaf.timeFormat.title", "The CRL's {field} is not written as OpenSSL requires", args)
		c.Detail = p.T("crl.leaf.timeFormat.detail", "{facts}. Its {field} is written without seconds or with a time zone offset; OpenSSL cannot compare it with the current time, so PyMongo fails the handshake with 'certificate verify failed: {text}'.", args)
		c.Fix = p.T("crl.leaf.timeFormat.fix", "Get the CRL as the CA publishes it (CAs write RFC 5280 times: seconds and Z); a CRL made by a script needs its dates fixed.", nil)
	case v.code == 11:
		c.Status = report.Fail
		c.Title = p.T("crl.leaf.notYet.title", "The CRL is not yet valid", nil)
		c.Detail = p.T("crl.leaf.notYet.detail", "{facts}. Its thisUpdate is after {at}; PyMongo fails the handshake with 'certificate verify failed: CRL is not yet valid'. Usually the client machine's clock is behind.", args)
		c.Fix = p.T("crl.leaf.notYet.fix", "Check the client machine's clock (timedatectl / NTP); if it is right, the CA published a CRL dated in the future.", nil)
	case v.code == 8:
		c.Status = report.Fail
		args["error"] = v.sigErr
		args["signer"] = certid.Label(v.signer)
		c.Title = p.T("crl.leaf.signature.title", "The CRL's signature does not verify", nil)
		c.Detail = p.T("crl.leaf.signature.detail", "{facts}. It names the server certificate's issuer, but its signature does not verify with the key of {signer} ({error}): it was signed by another key (another CA with the same name, or a re-keyed CA), or the file was altered. PyMongo fails the handshake with 'certificate verify failed: CRL signature failure'.", args)
		c.Fix = download
		c.Commands = dl
	case v.code == 35:
		c.Status = report.Fail
		args["signer"] = certid.Label(v.signer)
		c.Title = p.T("crl.leaf.noCRLSign.title", "The CRL issuer may not sign CRLs", nil)
		c.Detail = p.T("crl.leaf.noCRLSign.detail", "{facts}. Its issuer {signer} has a key usage extension without cRLSign, so PyMongo fails the handshake with 'certificate verify failed: key usage does not include CRL signing'.", args)
		c.Fix = p.T("crl.leaf.noCRLSign.fix", "The CA certificate must allow CRL signing (key usage cRLSign): the CA has to be reissued, or CRL checking dropped (remove tlsCRLFile) until then.", nil)
	case v.code == 44:
		c.Status = report.Fail
		args["idp"] = idpSummary(v.doc.idp)
		args["dps"] = strings.Join(leaf.CRLDistributionPoints, ", ")
		if len(leaf.CRLDistributionPoints) == 0 {
			args["dps"] = p.T("crl.leaf.scope.noDP", "none", nil)
		}
		c.Title = p.T("crl.leaf.scope.title", "The CRL does not cover the server certificate", nil)
		c.Detail = p.T("crl.leaf.scope.detail", "{facts}. Its issuing distribution point ({idp}) does not cover {cert} (CRL distribution points: {dps}), so PyMongo fails the handshake with 'certificate verify failed: different CRL scope'.", args)
		c.Fix = download
		c.Commands = dl
	case v.code == 36:
		c.Status = report.Fail
		args["exts"] = strings.Join(v.doc.critNames, ", ")
		if v.doc.entryCrit {
			args["exts"] = strings.TrimPrefix(args["exts"].(string)+", entry extension", ", ")
		}
		c.Title = p.T("crl.leaf.critical.title", "The CRL has a critical extension OpenSSL does not handle", nil)
		c.Detail = p.T("crl.leaf.critical.detail", "{facts}. It marks {exts} critical, which OpenSSL does not process, so PyMongo fails the handshake with 'certificate verify failed: unhandled critical CRL extension'.", args)
		c.Fix = p.T("crl.leaf.critical.fix", "Ask the CA for a CRL without that critical extension, or drop CRL checking (remove tlsCRLFile).", nil)
	}
	if v.code != 0 {
		c.OpenSSLError = osslErr(v.code)
	}
	if v.doc != nil && v.doc.fromStore {
		c.Detail += " " + p.T("crl.fromStore", "That CRL is in {file}, not in the tlsCRLFile: PyMongo loads the CA file into the same store, and OpenSSL picks the best current CRL among all of them.", i18n.Args{"file": v.doc.info.Source})
	}
	if len(opt.Path) < 2 && issuer == nil {
		c.Detail += " " + p.T("crl.noIssuerCert", "The issuer's certificate was not supplied, so the CRL's signature and key identifier could not be checked against it.", nil)
	}
	c.Detail += " " + rules
	return c
}

// otherCRLChecks reports CRLs with problems PyMongo does not care about, and
// revoked certificates of the path above the leaf.
func otherCRLChecks(docs []*crlDoc, used *crlDoc, leaf *x509.Certificate, opt Options, p *i18n.Printer) []report.Check {
	var out []report.Check
	for _, d := range docs {
		for _, l := range d.info.Lookups {
			if l.Role != "path" || !l.Listed {
				continue
			}
			reason := p.T("crl.reason.none", "no reason given", nil)
			if l.Reason != "" {
				reason = l.Reason
			}
			out = append(out, report.Check{ID: "crl.revocation", Status: report.Warn, Subject: l.Cert, SubjectLabel: l.Label,
				Title: p.T("crl.path.revoked.title", "A CA certificate of the chain is revoked", nil),
				Detail: p.T("crl.path.revoked.detail", "{crl} (issuer {issuer}) lists {cert} (serial {serial}) as revoked on {date} ({reason}). PyMongo checks only the server certificate, so it still connects; clients that check the whole chain refuse it.", i18n.Args{
					"crl": crlName(d), "issuer": d.info.Issuer, "cert": l.Label, "serial": l.Serial, "date": day(*l.RevocationDate), "reason": reason}),
				Fix:    p.T("crl.path.revoked.fix", "The CA behind this certificate was revoked: the server needs a certificate from a CA that is not revoked.", nil),
				Others: []string{p.T("crl.others.node", "Node.js driver / mongosh with a CRL (check every certificate of the chain)", nil)}})
		}
		if d == used {
			continue
		}
		var problems []string
		if !d.info.SignerFound {
			problems = append(problems, p.T("crl.other.noSigner", "its issuer's certificate was not supplied, so its signature could not be checked", nil))
		} else if !d.sigValid {
			problems = append(problems, p.T("crl.other.badSig", "its signature does not verify with {signer}'s key", i18n.Args{"signer": d.info.SignerLabel}))
		} else if !d.info.IssuerMayCRLSign {
			problems = append(problems, p.T("crl.other.noCRLSign", "its issuer {signer} lacks the cRLSign key usage", i18n.Args{"signer": d.info.SignerLabel}))
		}
		if d.info.Stale {
			problems = append(problems, p.T("crl.other.stale", "it expired on {next}", i18n.Args{"next": day(d.next)}))
		}
		if d.info.NotYetValid {
			problems = append(problems, p.T("crl.other.notYet", "it is not valid before {this}", i18n.Args{"this": day(d.this)}))
		}
		if len(problems) == 0 {
			continue
		}
		why := p.T("crl.other.notLeaf", "PyMongo does not use it for the server certificate (it checks only the CRL of the server certificate's issuer).", nil)
		if leaf != nil && sameName(d.rawIssuer, leaf.RawIssuer) {
			why = p.T("crl.other.superseded", "PyMongo uses another CRL of the same issuer for the server certificate.", nil)
		}
		out = append(out, report.Check{ID: "crl.revocation", Status: report.Warn, Subject: d.info.Source, SubjectLabel: crlName(d),
			Title:    p.T("crl.other.title", "A CRL in the file cannot be trusted", nil),
			Detail:   p.T("crl.other.detail", "{facts}: {problems}. {why}", i18n.Args{"facts": crlFacts(d, p), "problems": strings.Join(problems, "; "), "why": why}),
			Fix:      p.T("crl.other.fix", "Replace it with the current CRL from its CA, or remove it from the file.", nil),
			Commands: []string{"openssl crl -in " + shell.Quote(d.info.Source) + " -noout -text"}})
	}
	return out
}

func pemName(name string) string {
	base := path.Base(strings.ReplaceAll(name, `\`, "/"))
	ext := path.Ext(base)
	return strings.TrimSuffix(base, ext) + ".pem"
}
