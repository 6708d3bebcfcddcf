package decode

import (
	"bytes"
	"errors"

	"golang.org/x/crypto/cryptobyte"

	"certinspect/core/i18n"
	"certinspect/core/report"
)

func itemOf(kind, loc string) report.Item { return report.Item{Kind: kind, Location: loc} }

func itemWithType(kind, loc, pemType string) report.Item {
	return report.Item{Kind: kind, Location: loc, PEMType: pemType}
}

// kindName names a kind of DER object for messages.
func (d *decoder) kindName(k kind, p7name string) string {
	p := d.p
	switch k {
	case kindCertificate:
		return p.T("decode.kind.certificate", "a certificate", nil)
	case kindCRL:
		return p.T("decode.kind.crl", "a CRL", nil)
	case kindOCSPResponse:
		return p.T("decode.kind.ocspResponse", "an OCSP response", nil)
	case kindPKCS7:
		return p.T("decode.kind.pkcs7", "a PKCS#7 certificate bundle", nil)
	case kindPKCS7Other:
		return p.T("decode.kind.pkcs7Other", "a PKCS#7 {type} object", i18n.Args{"type": p7name})
	case kindPKCS12:
		return p.T("decode.kind.pkcs12", "a PKCS#12 bundle", nil)
	case kindPKCS8:
		return p.T("decode.kind.pkcs8", "a private key (PKCS#8)", nil)
	case kindEncryptedKey:
		return p.T("decode.kind.encryptedKey", "an encrypted private key (PKCS#8)", nil)
	case kindPKCS1:
		return p.T("decode.kind.pkcs1", "an RSA private key (PKCS#1)", nil)
	case kindDSAKey:
		return p.T("decode.kind.dsaKey", "a DSA private key", nil)
	case kindSEC1:
		return p.T("decode.kind.sec1", "an EC private key (SEC 1)", nil)
	case kindPublicKey:
		return p.T("decode.kind.publicKey", "a public key", nil)
	case kindCSR:
		return p.T("decode.kind.csr", "a certificate signing request", nil)
	}
	return p.T("decode.kind.unknown", "DER data of an unknown kind", nil)
}

// frame checks the outer DER framing of data (expected to be one object of
// kind want) and returns the object, or nil after recording why it is
// unreadable. Trailing bytes after a complete object are a warning.
func (d *decoder) frame(pos int, data []byte, loc string, want kind) []byte {
	e, op, ok := checkOuter(data)
	if !ok {
		d.derProblem(pos, loc, op, want)
		return nil
	}
	if op.trailing > 0 {
		d.addWarning(pos, loc,
			d.p.T("decode.warn.trailing", "{n} bytes of trailing data after the {size}-byte DER object were ignored", i18n.Args{"n": op.trailing, "size": e.total()}),
			d.p.T("decode.advice.trailing", "The object itself is complete. The extra bytes may come from a bad copy; check that nothing else was meant to be there.", nil))
	}
	return data[:e.total()]
}

// derProblem records why a DER object's framing is unreadable.
func (d *decoder) derProblem(pos int, loc string, op outerProblem, k kind) {
	p := d.p
	cutAdvice := p.T("decode.advice.cutOff", "The file was cut off, probably when it was copied or pasted. Ask the customer for the complete file, attached rather than pasted.", nil)
	what := ""
	if k != kindUnknown {
		what = " (" + d.kindName(k, "") + ")"
	}
	switch op.kind {
	case hdrEmpty:
		d.addError(pos, loc, p.T("decode.err.emptyBlock", "the block holds no data", nil), cutAdvice, "")
	case hdrCut:
		d.addError(pos, loc, p.T("decode.err.headerCut", "truncated: the data ends inside the first DER header, after {got} bytes", i18n.Args{"got": op.got})+what, cutAdvice, "")
	case hdrIndefinite:
		d.addError(pos, loc, p.T("decode.err.indefinite", "uses BER indefinite-length encoding, which DER does not allow", nil)+what,
			p.T("decode.advice.indefinite", "Some Windows and Java tools write PKCS#7 this way. Convert it to PEM with OpenSSL, which reads BER:", nil),
			"openssl pkcs7 -inform DER -in "+d.fileArg()+" -print_certs -out "+outName(d.name, ".pem"))
	case hdrTooLong, hdrBadTag:
		d.addError(pos, loc, p.T("decode.err.badHeader", "not DER: the first ASN.1 header is invalid", nil), cutAdvice, "")
	default:
		d.addError(pos, loc, p.T("decode.err.truncated", "truncated: expected {expected} bytes, got {got}", i18n.Args{"expected": op.expected, "got": op.got})+what, cutAdvice, "")
	}
}

// derFile reads a binary file as DER when it looks like DER. It returns false
// when it does not, so that other readings can be tried.
func (d *decoder) derFile(b []byte) bool {
	k, _ := sniff(b)
	if k == kindUnknown {
		e, prob := readElem(b)
		plausible := len(b) > 1 && b[0] == tagSequence && (b[1] >= 0x81 && b[1] <= 0x84 || int(b[1]) < 0x80 && len(b) < 0x80)
		switch {
		case prob == hdrIndefinite && b[0] == tagSequence:
		case prob == hdrOK && e.tag == tagSequence && plausible:
			if _, op, ok := checkOuter(b); ok && op.trailing != 0 {
				return false
			}
		case prob == hdrCut && b[0] == tagSequence:
		default:
			return false
		}
	}
	d.res.Format = "der"
	if k == kindPKCS7 {
		d.res.Format = "pkcs7"
	}
	d.derObjects(0, b, d.wholeFile())
	return true
}

// derObjects reads one DER object, or several written one after another.
func (d *decoder) derObjects(pos int, data []byte, loc string) {
	p := d.p
	off := 0
	for n := 1; off < len(data); n++ {
		objLoc := loc
		if n > 1 {
			objLoc = d.loc(p.T("decode.loc.derObject", "DER object {n} at byte {offset}", i18n.Args{"n": n, "offset": off}))
		}
		if !d.takeObject(objLoc) {
			return
		}
		rest := data[off:]
		k, p7name := sniff(rest)
		e, op, ok := checkOuter(rest)
		if !ok {
			d.derProblem(pos+off, objLoc, op, k)
			return
		}
		d.handleObject(pos+off, rest[:e.total()], k, p7name, objLoc)
		off += e.total()
		tail := bytes.TrimLeft(data[off:], " \t\r\n\x00")
		if len(tail) == 0 {
			return
		}
		off = len(data) - len(tail)
		if nk, _ := sniff(tail); nk == kindUnknown {
			d.addError(pos+off, objLoc,
				p.T("decode.err.trailingData", "{n} bytes of trailing data after the DER object, at byte {offset}, that are not DER", i18n.Args{"n": len(tail), "offset": off}),
				p.T("decode.advice.trailingData", "The object before them was read. The extra bytes may be a second file pasted on, or damage; check what was meant to be there.", nil), "")
			return
		}
	}
}

// handleObject records one complete DER object of a sniffed kind.
func (d *decoder) handleObject(pos int, obj []byte, k kind, p7name, loc string) {
	p := d.p
	switch k {
	case kindCertificate:
		d.addCert(pos, obj, loc, "")
	case kindPKCS7:
		d.pkcs7(pos, obj, loc, "")
	case kindCRL:
		d.addBlock(pos, "crl", Block{Type: "X509 CRL", Bytes: obj, Location: loc}, "crl")
	case kindOCSPResponse:
		d.addBlock(pos, "ocsp", Block{Type: "OCSP RESPONSE", Bytes: obj, Location: loc}, "ocspResponse")
	case kindPKCS8:
		d.addBlock(pos, "key", Block{Type: "PRIVATE KEY", Bytes: obj, Location: loc}, "privateKey")
	case kindEncryptedKey:
		d.addBlock(pos, "key", Block{Type: "ENCRYPTED PRIVATE KEY", Bytes: obj, Location: loc}, "encryptedPrivateKey")
	case kindPKCS1:
		d.addBlock(pos, "key", Block{Type: "RSA PRIVATE KEY", Bytes: obj, Location: loc}, "privateKey")
	case kindDSAKey:
		d.addBlock(pos, "key", Block{Type: "DSA PRIVATE KEY", Bytes: obj, Location: loc}, "privateKey")
	case kindSEC1:
		d.addBlock(pos, "key", Block{Type: "EC PRIVATE KEY", Bytes: obj, Location: loc}, "privateKey")
	case kindPublicKey:
		d.addItem(pos, itemOf("publicKey", loc))
	case kindCSR:
		d.addItem(pos, itemOf("csr", loc))
		d.csrUnsupported(pos, loc, true)
	case kindPKCS12:
		d.addItem(pos, itemOf("pkcs12", loc))
		d.addUnsupported(pos, loc,
			p.T("decode.unsupported.pkcs12", "a PKCS#12 (.p12/.pfx) bundle, which PyMongo cannot read", nil),
			p.T("decode.advice.pkcs12", "Convert it to PEM with OpenSSL (it asks for the bundle's password, then for a pass phrase to protect the key: pass that as tlsCertificateKeyFilePassword). Use the PEM as tlsCertificateKeyFile. If OpenSSL 3 reports an unsupported algorithm, add -legacy.", nil),
			"openssl pkcs12 -in "+d.fileArg()+" -out "+outName(d.name, ".pem"))
	case kindPKCS7Other:
		d.addItem(pos, itemOf("pkcs7", loc))
		d.addUnsupported(pos, loc,
			p.T("decode.unsupported.pkcs7Other", "a PKCS#7 {type} object, which holds no certificates to read", i18n.Args{"type": p7name}),
			p.T("decode.advice.pkcs7Other", "Only PKCS#7 signedData bundles (.p7b/.p7c) carry certificates. Ask for the certificates in PEM.", nil), "")
	default:
		d.addError(pos, loc,
			p.T("decode.err.unknownDER", "DER data that is not a certificate, private key, CRL, OCSP response, PKCS#7 or PKCS#12 object", nil),
			p.T("decode.advice.binary", "Check that this is the right file. To see what OpenSSL makes of it, run:", nil),
			"openssl asn1parse -inform DER -in "+d.fileArg())
	}
}

// pkcs7 reads the certificates and CRLs of a PKCS#7 bundle.
func (d *decoder) pkcs7(pos int, der []byte, loc, pemType string) {
	p := d.p
	left := d.lim.MaxCertificates - d.certCount
	c, _, err := parsePKCS7(der, left)
	if errors.Is(err, errBERIndefinite) {
		d.derProblem(pos, loc, outerProblem{kind: hdrIndefinite}, kindPKCS7)
		return
	}
	if c == nil {
		d.addError(pos, loc,
			p.T("decode.err.pkcs7", "not a readable PKCS#7 bundle: {reason}", i18n.Args{"reason": err.Error()}),
			p.T("decode.advice.pkcs7", "Convert the bundle to PEM certificates with OpenSSL and supply those:", nil),
			"openssl pkcs7 -in "+d.fileArg()+" -print_certs -out "+outName(d.name, ".pem"))
		return
	}
	d.addItem(pos, itemWithType("pkcs7", loc, pemType))
	if pemType != "" {
		d.pemPKCS7++
	}
	for i, cert := range c.certs {
		d.addCert(pos, cert, d.innerLoc(loc, "certificate", i+1), pemType)
	}
	if c.truncatedCerts {
		d.takeCert(pos, d.innerLoc(loc, "certificate", len(c.certs)+1))
	}
	for i, crl := range c.crls {
		d.addBlock(pos, "crl", Block{Type: "X509 CRL", Bytes: crl, Location: d.innerLoc(loc, "crl", i+1)}, "crl")
	}
	if err != nil {
		d.addError(pos, loc,
			p.T("decode.err.pkcs7", "not a readable PKCS#7 bundle: {reason}", i18n.Args{"reason": err.Error()}),
			p.T("decode.advice.pkcs7", "Convert the bundle to PEM certificates with OpenSSL and supply those:", nil),
			"openssl pkcs7 -in "+d.fileArg()+" -print_certs -out "+outName(d.name, ".pem"))
	} else if len(c.certs) == 0 && len(c.crls) == 0 {
		d.addError(pos, loc, p.T("decode.err.pkcs7Empty", "the PKCS#7 bundle holds no certificates", nil),
			p.T("decode.advice.pkcs7Empty", "Ask for the bundle that carries the certificate chain, or for the certificates in PEM.", nil), "")
	}
}

func (d *decoder) innerLoc(outer, what string, n int) string {
	if what == "crl" {
		return d.p.T("decode.loc.innerCRL", "{outer}, CRL {n}", i18n.Args{"outer": outer, "n": n})
	}
	return d.p.T("decode.loc.innerCert", "{outer}, certificate {n}", i18n.Args{"outer": outer, "n": n})
}

// csrUnsupported explains a certificate signing request.
func (d *decoder) csrUnsupported(pos int, loc string, der bool) {
	p := d.p
	cmd := "openssl req -noout -text -in " + d.fileArg()
	if der {
		cmd = "openssl req -inform DER -noout -text -in " + d.fileArg()
	}
	d.addUnsupported(pos, loc,
		p.T("decode.unsupported.csr", "a certificate signing request (CSR), not a certificate", nil),
		p.T("decode.advice.csr", "A CSR is what is sent to a CA to ask for a certificate. Supply the certificate the CA issued (and its CA chain) instead. To see what the CSR asks for:", nil),
		cmd)
}

// opensshPrivate explains an OpenSSH private key, naming its algorithm when
// the (unencrypted) public part says it.
func (d *decoder) opensshPrivate(pos int, loc string, data []byte) {
	p := d.p
	alg := opensshKeyType(data)
	cmd := "cp " + d.fileArg() + " " + outName(d.name, ".pem") + " && ssh-keygen -p -m PEM -f " + outName(d.name, ".pem")
	advice := p.T("decode.advice.sshPrivate", "SSH keys are not TLS keys: a MongoDB TLS client needs an X.509 certificate and its private key in PEM. If this key really belongs to the client certificate, convert a copy to PEM (ssh-keygen rewrites the file and asks for its passphrase):", nil)
	if alg == "ssh-ed25519" || alg == "ssh-ed448" || alg == "" {
		if alg != "" {
			cmd = ""
			advice = p.T("decode.advice.sshPrivateNoPEM", "SSH keys are not TLS keys: a MongoDB TLS client needs an X.509 certificate and its private key in PEM. ssh-keygen cannot write this key type as PEM.", nil)
		}
	}
	msg := p.T("decode.unsupported.opensshPrivate", "an OpenSSH private key, not a TLS key", nil)
	if alg != "" {
		msg = p.T("decode.unsupported.opensshPrivateAlg", "an OpenSSH private key ({algorithm}), not a TLS key", i18n.Args{"algorithm": alg})
	}
	d.addUnsupported(pos, loc, msg, advice, cmd)
}

// opensshKeyType reads the key type from the public part of an
// "openssh-key-v1" private key: magic, cipher, kdf, kdf options, count,
// then the first public key whose first field is its type.
func opensshKeyType(b []byte) string {
	const magic = "openssh-key-v1\x00"
	if !bytes.HasPrefix(b, []byte(magic)) {
		return ""
	}
	s := cryptobyte.String(b[len(magic):])
	readString := func(s *cryptobyte.String) (cryptobyte.String, bool) {
		var n uint32
		var out []byte
		if !s.ReadUint32(&n) || n > 1<<20 || !s.ReadBytes(&out, int(n)) {
			return nil, false
		}
		return cryptobyte.String(out), true
	}
	for i := 0; i < 3; i++ { // cipher name, kdf name, kdf options
		if _, ok := readString(&s); !ok {
			return ""
		}
	}
	var n uint32
	if !s.ReadUint32(&n) {
		return ""
	}
	pub, ok := readString(&s)
	if !ok {
		return ""
	}
	typ, ok := readString(&pub)
	if !ok {
		return ""
	}
	t := string(typ)
	for _, k := range sshKeyTypes {
		if t == k {
			return t
		}
	}
	return ""
}
