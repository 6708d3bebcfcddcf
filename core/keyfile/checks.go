package keyfile

import (
	"certinspect/core/certid"
	"crypto/x509"
	"strings"

	"certinspect/core/i18n"
	"certinspect/core/repair"
	"certinspect/core/report"
	"certinspect/core/x509err"
)

// OpenSSL's errors when loading the file (Python's ssl.SSLError errno, name, text).
var (
	errPEMLib      = &report.OpenSSLError{Code: 524297, Name: "ERR_R_PEM_LIB", Text: "PEM lib"}
	errKeyMismatch = &report.OpenSSLError{Code: 116, Name: "X509_R_KEY_VALUES_MISMATCH", Text: "key values mismatch"}
	errNoCertAssig = &report.OpenSSLError{Code: 177, Name: "SSL_R_NO_CERTIFICATE_ASSIGNED", Text: "no certificate assigned"}
	errUnknownType = &report.OpenSSLError{Code: 247, Name: "SSL_R_UNKNOWN_CERTIFICATE_TYPE", Text: "unknown certificate type"}
)

func (a *analysis) fileCheck(id string) report.Check {
	return report.Check{ID: id, Subject: a.in.Name}
}

func (a *analysis) keyDesc(k Key) string {
	switch {
	case k.Type == "RSA" && k.Bits > 0:
		return a.p.T("key.desc.rsa", "RSA {bits}-bit", i18n.Args{"bits": k.Bits})
	case k.Type == "RSA-PSS" && k.Bits > 0:
		return a.p.T("key.desc.rsaPSS", "RSA-PSS {bits}-bit", i18n.Args{"bits": k.Bits})
	case k.Type == "ECDSA" && k.Curve != "":
		return a.p.T("key.desc.ecdsa", "ECDSA {curve}", i18n.Args{"curve": k.Curve})
	case k.Type != "":
		return k.Type
	}
	return a.p.T("key.desc.unknown", "type unknown until decrypted", nil)
}

func (a *analysis) pemLibDetail() string {
	return a.p.T("key.pymongo.fails", "PyMongo fails with: {error}", i18n.Args{"error": pyPEMLib})
}

// checkPresent: exactly one private key and at least one certificate, in one PEM file.
func (a *analysis) checkPresent() report.Check {
	c := a.fileCheck("key.present")
	p, s := a.p, a.s
	name := a.in.Name
	c.Status = report.Fail
	c.OpenSSLError = errPEMLib
	switch s.Format {
	case "tooLarge":
		c.Title = p.T("key.present.tooLarge.title", "The key file is too large to be a certificate and key file", nil)
		c.Detail = p.T("key.present.tooLarge.detail", "{file} is {size} bytes or holds more than {blocks} PEM blocks; a client certificate and key file is a few kilobytes. It was not read.",
			i18n.Args{"file": name, "size": s.Size, "blocks": MaxBlocks})
		c.Fix = p.T("key.present.tooLarge.fix", "Ask for the file named in tlsCertificateKeyFile itself: one PEM file with the client certificate and its private key.", nil)
		c.OpenSSLError = nil
		return c
	case "empty", "text", "binary":
		c.Title = p.T("key.present.noPEM.title", "The key file holds no PEM certificate or key", nil)
		c.Detail = p.T("key.present.noPEM.detail", "{file} has no -----BEGIN ...----- block. PyMongo reads tlsCertificateKeyFile as PEM only. {pymongo}",
			i18n.Args{"file": name, "pymongo": a.pemLibDetail()})
		c.Fix = p.T("key.present.noPEM.fix", "Give tlsCertificateKeyFile one PEM file that holds the client certificate and its private key.", nil)
		c.Commands = []string{catFiles}
		return c
	case "pkcs12":
		c.Title = p.T("key.present.pkcs12.title", "The key file is PKCS#12 (.p12/.pfx); PyMongo reads only PEM", nil)
		c.Detail = p.T("key.present.pkcs12.detail", "{file} is a PKCS#12 bundle. PyMongo's tlsCertificateKeyFile must be a PEM file. {pymongo}",
			i18n.Args{"file": name, "pymongo": a.pemLibDetail()})
		c.Fix = p.T("key.present.pkcs12.fix", "Convert it to PEM. openssl asks for the PKCS#12 import password and then for a pass phrase to encrypt the key in the PEM file; give that pass phrase as tlsCertificateKeyFilePassword (or add -noenc to write the key unencrypted).", nil)
		c.Commands = []string{a.cmd("openssl pkcs12 -in {file} -out client.pem")}
		return c
	case "derCertificate":
		c.Title = p.T("key.present.derCert.title", "The key file is a DER certificate without a key; PyMongo reads only PEM", nil)
		c.Detail = p.T("key.present.derCert.detail", "{file} is one certificate in binary DER form ({subject}) and no private key. {pymongo}",
			i18n.Args{"file": name, "subject": s.Certificates[0].Subject, "pymongo": a.pemLibDetail()})
		c.Fix = p.T("key.present.derCert.fix", "Convert the certificate to PEM and put it in one file with its private key.", nil)
		c.Commands = []string{a.cmd("openssl x509 -inform DER -in {file} -out client.crt"), catFiles}
		return c
	case "derKey", "derEncryptedKey":
		c.Title = p.T("key.present.derKey.title", "The key file is a DER private key without a certificate; PyMongo reads only PEM", nil)
		c.Detail = p.T("key.present.derKey.detail", "{file} is a private key in binary DER form ({key}) and no certificate. {pymongo}",
			i18n.Args{"file": name, "key": a.keyDesc(s.Keys[0]), "pymongo": a.pemLibDetail()})
		c.Fix = p.T("key.present.derKey.fix", "Convert the key to PEM and put it in one file after the client certificate.", nil)
		cmd := "openssl pkey -inform DER -in {file} -out client.key"
		if s.Format == "derEncryptedKey" {
			cmd = "openssl pkcs8 -inform DER -in {file} -topk8 -v2 aes-256-cbc -out client.key"
		}
		c.Commands = []string{a.cmd(cmd), catFiles}
		return c
	}

	if s.Format == "pem" {
		if lc, ok := a.chainLoadCheck(c); ok {
			return lc
		}
		if mc, ok := a.misplacedCheck(c); ok {
			return mc
		}
	}
	var notes []string
	if len(a.bad) > 0 {
		var l []string
		for _, d := range a.bad {
			l = append(l, d.typ+" ("+a.loc(d.index, d.line)+")")
		}
		notes = append(notes, p.T("key.present.damaged", "Blocks that do not decode (damaged base64 or missing END line): {blocks}.", i18n.Args{"blocks": strings.Join(l, "; ")}))
	}
	if len(a.other) > 0 {
		notes = append(notes, p.T("key.present.other", "Other blocks, ignored by PyMongo: {blocks}.", i18n.Args{"blocks": strings.Join(a.other, "; ")}))
	}
	damagedKey := false
	for _, d := range a.bad {
		if strings.Contains(d.typ, "PRIVATE KEY") {
			damagedKey = true
		}
	}
	withNotes := func(d string) string {
		if len(notes) == 0 {
			return d
		}
		return d + " " + strings.Join(notes, " ")
	}
	switch {
	case len(a.keys) == 0 && damagedKey:
		c.Title = p.T("key.present.keyDamaged.title", "The private key block is damaged", nil)
		c.Detail = withNotes(p.T("key.present.keyDamaged.detail", "{file} has a private key block that cannot be decoded. {pymongo}", i18n.Args{"file": name, "pymongo": a.pemLibDetail()}))
		c.Fix = p.T("key.present.keyDamaged.fix", "Ask for the key file again, unmodified (copying through e-mail or chat often breaks the base64 lines).", nil)
		return c
	case len(a.keys) == 0 && len(a.certs) > 0:
		c.Title = p.T("key.present.noKey.title", "The file has the certificate but no private key", nil)
		c.Detail = withNotes(p.T("key.present.noKey.detail", "{file} holds {count} certificate(s), the first is {subject}, and no private key. PyMongo needs the certificate and its private key in the one file named by tlsCertificateKeyFile; it has no separate key-file option. {pymongo}",
			i18n.Args{"file": name, "count": len(a.certs), "subject": s.Certificates[0].Subject, "pymongo": a.pemLibDetail()}))
		c.Fix = p.T("key.present.noKey.fix", "Append the private key to the certificate file and point tlsCertificateKeyFile at the result.", nil)
		c.Commands = []string{a.cmd("cat {file} client.key > client.pem")}
		return c
	case len(a.keys) > 0 && len(a.certs) == 0 && a.unreadable > 0:
		// A certificate is there, but not one Go reads: OpenSSL may load it.
		c.Status = report.Warn
		a.s.Undecided = c.ID
		c.Title = p.T("key.present.certUnreadable.title", "The certificate in the key file cannot be read here", nil)
		c.Detail = withNotes(p.T("key.present.certUnreadable.detail", "{file} holds a private key ({key}, {location}) and a CERTIFICATE block Go's parser refuses (see the file's errors). OpenSSL reads some encodings Go refuses, so whether PyMongo loads this file cannot be predicted here.",
			i18n.Args{"file": name, "key": a.keyDesc(a.keys[0].info), "location": a.keys[0].info.Location}))
		c.Fix = p.T("key.present.certUnreadable.fix", "Load the file with the client's Python (the command below): no error means PyMongo loads it too. Either way the certificate breaks RFC 5280; have it reissued.", nil)
		c.Commands = []string{a.cmd("python3 -c 'import ssl, sys; ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT).load_cert_chain(sys.argv[1]); print(\"loaded\")' {file}")}
		return c
	case len(a.keys) > 0 && len(a.certs) == 0:
		c.Title = p.T("key.present.noCert.title", "The file has a private key but no certificate", nil)
		c.Detail = withNotes(p.T("key.present.noCert.detail", "{file} holds a private key ({key}, {location}) and no certificate. PyMongo needs the client certificate and its private key in the one file named by tlsCertificateKeyFile. {pymongo}",
			i18n.Args{"file": name, "key": a.keyDesc(a.keys[0].info), "location": a.keys[0].info.Location, "pymongo": a.pemLibDetail()}))
		c.Fix = p.T("key.present.noCert.fix", "Put the client certificate first and the key after it in one file, and point tlsCertificateKeyFile at it.", nil)
		c.Commands = []string{a.cmd("cat client.crt {file} > client.pem")}
		return c
	case len(a.keys) == 0:
		c.Title = p.T("key.present.nothing.title", "The file has neither a certificate nor a private key", nil)
		c.Detail = withNotes(p.T("key.present.nothing.detail", "{file} has PEM blocks but no CERTIFICATE and no private key. {pymongo}", i18n.Args{"file": name, "pymongo": a.pemLibDetail()}))
		c.Fix = p.T("key.present.nothing.fix", "Give tlsCertificateKeyFile one PEM file that holds the client certificate and its private key.", nil)
		c.Commands = []string{catFiles}
		return c
	case a.keys[0].problem == problemUnreadable:
		c.Title = p.T("key.present.unreadable.title", "The private key cannot be read", nil)
		c.Detail = withNotes(p.T("key.present.unreadable.detail", "The {type} block at {location} is not a PKCS#1, SEC1 or PKCS#8 private key that certinspect can read. If OpenSSL cannot read it either: {pymongo}",
			i18n.Args{"type": a.keys[0].info.PEMType, "location": a.keys[0].info.Location, "pymongo": a.pemLibDetail()}))
		c.Fix = p.T("key.present.unreadable.fix", "Check the key with openssl; if it cannot read it, ask for the key again or issue a new key and certificate.", nil)
		c.Commands = []string{a.cmd("openssl pkey -in {file} -noout -text_pub")}
		return c
	}
	c.OpenSSLError = nil
	c.Status = report.Pass
	c.Title = p.T("key.present.ok.title", "The file holds the client certificate and its private key", nil)
	c.Detail = p.T("key.present.ok.detail", "{file}: client certificate {subject} ({certLocation}) and private key {key} ({keyLocation}). PyMongo accepts them in either order; the first certificate is the client certificate and the certificates after it are sent as its chain.",
		i18n.Args{"file": name, "subject": s.Certificates[0].Subject, "certLocation": s.Certificates[0].Location, "key": a.keyDesc(a.keys[0].info), "keyLocation": a.keys[0].info.Location})
	var fixes []string
	if len(a.keys) > 1 {
		c.Status = report.Warn
		var l []string
		for _, k := range a.keys[1:] {
			l = append(l, k.info.Location)
		}
		c.Title = p.T("key.present.manyKeys.title", "The file holds {count} private keys; OpenSSL uses only the first", i18n.Args{"count": len(a.keys)})
		notes = append(notes, p.T("key.present.manyKeys.detail", "OpenSSL reads the first private key ({location}) and ignores the others: {others}.",
			i18n.Args{"location": a.keys[0].info.Location, "others": strings.Join(l, ", ")}))
		fixes = append(fixes, p.T("key.present.manyKeys.fix", "Remove the extra private keys so that the file holds exactly the client certificate's key.", nil))
	}
	var unrelated []string
	for i, ci := range s.Certificates {
		if ci.Role == "unrelated" {
			unrelated = append(unrelated, ci.Subject+" ("+ci.Location+")")
			_ = i
		}
	}
	if len(unrelated) > 0 {
		if c.Status == report.Pass {
			c.Status = report.Warn
			c.Title = p.T("key.present.unrelated.title", "The file holds certificates that are not in the client certificate's chain", nil)
		}
		notes = append(notes, p.T("key.present.unrelated.detail", "These certificates are not issuers of the client certificate, yet OpenSSL sends them to the server as its chain: {certs}.",
			i18n.Args{"certs": strings.Join(unrelated, "; ")}))
		fixes = append(fixes, p.T("key.present.unrelated.fix", "Remove the unrelated certificates; keep the client certificate first, then its intermediate CA certificates, and the key.", nil))
	}
	if len(a.bad) > 0 && c.Status == report.Pass {
		c.Status = report.Warn
		c.Title = p.T("key.present.damagedExtra.title", "The file has a damaged PEM block besides the certificate and key", nil)
	}
	c.Detail = withNotes(c.Detail)
	c.Fix = strings.Join(fixes, " ")
	return c
}

// checkDecrypt: can the key be decrypted, with which scheme, and can OpenSSL 3 read it.
func (a *analysis) checkDecrypt() report.Check {
	c := a.fileCheck("key.decrypt")
	p := a.p
	if len(a.keys) == 0 {
		c.Status = report.Skip
		c.Title = p.T("key.decrypt.noKey.title", "No private key to decrypt", nil)
		return c
	}
	k := a.keys[0]
	args := i18n.Args{"location": k.info.Location, "scheme": k.info.Scheme, "password": a.passwordFrom(), "option": passwordOptName, "file": a.in.Name}
	convert := []string{a.cmd(convertPKCS8), a.cmd(extractCert), catFiles}
	if !k.info.Encrypted {
		if k.problem == problemUnreadable {
			c.Status = report.Skip
			c.Title = p.T("key.decrypt.unreadable.title", "The private key could not be read (see key.present)", nil)
			return c
		}
		if a.in.PasswordGiven {
			c.Status = report.Info
			c.Title = p.T("key.decrypt.notEncryptedWithPassword.title", "The private key is not encrypted; the password is not needed", nil)
			c.Detail = p.T("key.decrypt.notEncryptedWithPassword.detail", "A password was given ({password}), but the key in {location} is not encrypted. PyMongo ignores the password in that case.", args)
			c.Fix = p.T("key.decrypt.notEncryptedWithPassword.fix", "Nothing to change; you may drop {option}.", args)
			return c
		}
		c.Status = report.Pass
		c.Title = p.T("key.decrypt.notEncrypted.title", "The private key is not encrypted", nil)
		c.Detail = p.T("key.decrypt.notEncrypted.detail", "The key in {location} is stored unencrypted; no {option} is needed. Anyone who can read the file can use the key.", args)
		return c
	}
	c.Status = report.Fail
	c.OpenSSLError = errPEMLib
	switch k.problem {
	case problemNone, problemOtherType:
		if k.openssl == opensslNeedsLegacy {
			c.Title = p.T("key.decrypt.legacyCipher.title", "The password is right, but OpenSSL 3 cannot read this encryption", nil)
			c.Detail = p.T("key.decrypt.legacyCipher.detail", "The key in {location} decrypts with {password}, but it is encrypted with {scheme}. DES is only in OpenSSL 3's legacy provider, so PyMongo on OpenSSL 3 fails even with the right password. {pymongo}",
				i18n.Args{"location": k.info.Location, "password": a.passwordFrom(), "scheme": k.info.Scheme, "pymongo": a.pemLibDetail()}) + " " + legacyProviderNote(p)
			c.Fix = p.T("key.decrypt.legacyCipher.fix", "Re-encrypt the key with AES (openssl asks for the old password, then the new one) and rebuild the file.", nil)
			c.Commands = convert
			return c
		}
		c.Status = report.Pass
		c.OpenSSLError = nil
		c.Title = p.T("key.decrypt.ok.title", "The private key decrypts with the given password", nil)
		c.Detail = p.T("key.decrypt.ok.detail", "The key in {location} is encrypted with {scheme} and decrypts with {password}.", args)
		return c
	case problemNoPassword:
		c.Title = p.T("key.decrypt.noPassword.title", "The private key is encrypted and no password was given", nil)
		c.Detail = p.T("key.decrypt.noPassword.detail", "The key in {location} is encrypted ({scheme}). Without {option}, OpenSSL asks on the terminal: {prompt} An application without a terminal fails instead with: {error}",
			i18n.Args{"location": k.info.Location, "scheme": k.info.Scheme, "option": passwordOptName, "prompt": pyPrompt, "error": pyNoTTY})
		c.Fix = p.T("key.decrypt.noPassword.fix", "Pass the key's password as {option}: MongoClient(..., tlsCertificateKeyFilePassword=\"...\") or tlsCertificateKeyFilePassword=... in the connection string (percent-encode special characters).", args)
		c.OpenSSLError = nil
		return c
	case problemEmptyPassword:
		c.Status = report.Warn
		a.s.Undecided = c.ID
		c.OpenSSLError = nil
		c.Title = p.T("key.decrypt.emptyPassword.title", "An empty password was given for an encrypted PKCS#8 key; certinspect cannot try it", nil)
		c.Detail = p.T("key.decrypt.emptyPassword.detail", "The key in {location} is encrypted ({scheme}) and {password} is empty. The decryption library certinspect uses cannot try an empty password, so whether it is right is not known.", args)
		c.Fix = p.T("key.decrypt.emptyPassword.fix", "Check that {option} really is empty; a key exported with an empty password is better re-encrypted with a real one.", args)
		return c
	case problemWrongPassword:
		c.Title = p.T("key.decrypt.wrongPassword.title", "The password does not decrypt the private key", nil)
		c.Detail = p.T("key.decrypt.wrongPassword.detail", "The key in {location} is encrypted with {scheme}, and {password} does not decrypt it. This format has no integrity check, so a damaged encrypted key looks the same as a wrong password; the file's structure itself is intact. {pymongo}",
			i18n.Args{"location": k.info.Location, "scheme": k.info.Scheme, "password": a.passwordFrom(), "pymongo": a.pemLibDetail()})
		c.Fix = p.T("key.decrypt.wrongPassword.fix", "Ask for the right password for this key file (passwords are case-sensitive; a password in the connection string must be percent-encoded). Test a password with the command below.", nil)
		c.Commands = []string{a.cmd("openssl pkey -in {file} -noout")}
		return c
	case problemUnsupported:
		switch k.openssl {
		case opensslYes:
			c.Status = report.Warn
			a.s.Undecided = c.ID
			c.OpenSSLError = nil
			c.Title = p.T("key.decrypt.unsupportedOpenSSLReads.title", "certinspect cannot decrypt this scheme; OpenSSL (and PyMongo) can", nil)
			c.Detail = p.T("key.decrypt.unsupportedOpenSSLReads.detail", "The key in {location} is encrypted with {scheme}. OpenSSL 3 reads it with the right password, so PyMongo may well load it, but certinspect cannot check the password or whether the key matches the certificate.", args)
			c.Fix = p.T("key.decrypt.unsupported.fix", "To let certinspect check it (and to use a current scheme), convert the key to PBES2 with AES-256-CBC and rebuild the file.", nil)
		case opensslNeedsLegacy:
			c.Title = p.T("key.decrypt.unsupportedLegacy.title", "The key is encrypted with an obsolete scheme that OpenSSL 3 does not read", nil)
			c.Detail = p.T("key.decrypt.unsupportedLegacy.detail", "The key in {location} is encrypted with {scheme}. OpenSSL 3 reads it only with its legacy provider loaded, so PyMongo fails even with the right password. {pymongo}",
				i18n.Args{"location": k.info.Location, "scheme": k.info.Scheme, "pymongo": a.pemLibDetail()}) + " " + legacyProviderNote(p)
			c.Fix = p.T("key.decrypt.unsupportedLegacy.fix", "Convert the key to PBES2 with AES-256-CBC (run this where OpenSSL can still read it, e.g. with -provider legacy -provider default) and rebuild the file.", nil)
		default:
			c.Status = report.Warn
			a.s.Undecided = c.ID
			c.OpenSSLError = nil
			c.Title = p.T("key.decrypt.unsupportedUnknown.title", "The key is encrypted with a scheme certinspect does not know", nil)
			c.Detail = p.T("key.decrypt.unsupportedUnknown.detail", "The key in {location} is encrypted with {scheme}. certinspect cannot decrypt it and does not know whether OpenSSL can.", args)
			c.Fix = p.T("key.decrypt.unsupported.fix", "To let certinspect check it (and to use a current scheme), convert the key to PBES2 with AES-256-CBC and rebuild the file.", nil)
		}
		c.Commands = convert
		return c
	case problemOverLimit:
		c.Status = report.Warn
		a.s.Undecided = c.ID
		c.OpenSSLError = nil
		c.Title = p.T("key.decrypt.overLimit.title", "The key's encryption parameters are too costly to try here", nil)
		c.Detail = p.T("key.decrypt.overLimit.detail", "The key in {location} is encrypted with {scheme}; its key derivation ({work}) is beyond certinspect's limits, so the password was not tried. OpenSSL may refuse such parameters too (it limits scrypt to 32 MiB by default).",
			i18n.Args{"location": k.info.Location, "scheme": k.info.Scheme, "work": k.overLimit})
		c.Fix = p.T("key.decrypt.overLimit.fix", "Re-encrypt the key with OpenSSL's defaults and rebuild the file.", nil)
		c.Commands = convert
		return c
	}
	// Corrupt.
	c.Title = p.T("key.decrypt.corrupt.title", "The encrypted private key is damaged", nil)
	c.Detail = p.T("key.decrypt.corrupt.detail", "The key in {location} ({scheme}) is structurally broken ({problem}), independent of any password. {pymongo}",
		i18n.Args{"location": k.info.Location, "scheme": k.info.Scheme, "problem": k.info.Problem, "pymongo": a.pemLibDetail()})
	c.Fix = p.T("key.decrypt.corrupt.fix", "Ask for the key file again, unmodified, or export the key again from where it was made.", nil)
	return c
}

// checkMatch: the first key's public half is the first certificate's public key.
func (a *analysis) checkMatch() report.Check {
	p := a.p
	c := report.Check{ID: "key.match", Subject: a.in.Name}
	if len(a.certs) > 0 {
		c.Subject, c.SubjectLabel = certid.Fingerprint(a.certs[0]), label(a.certs[0])
	}
	if len(a.keys) == 0 || len(a.certs) == 0 {
		c.Status = report.Skip
		c.Title = p.T("key.match.missing.title", "Key and certificate cannot be compared: the file lacks one of them", nil)
		return c
	}
	k := a.keys[0]
	leafType, _ := certKeyType(a.certs[0])
	if noSigningKey(k.info.Type) || noSigningKey(leafType) {
		// OpenSSL has no certificate slot for a key that cannot sign.
		c.Status = report.Fail
		c.OpenSSLError = errUnknownType
		c.PyMongoError = pyPrefix + "[SSL: UNKNOWN_CERTIFICATE_TYPE] unknown certificate type (_ssl.c:NNNN)"
		typ := k.info.Type
		if noSigningKey(leafType) {
			typ = leafType
		}
		c.Title = p.T("key.match.noSigning.title", "An {type} key cannot authenticate a TLS client", i18n.Args{"type": typ})
		c.Detail = p.T("key.match.noSigning.detail", "The key file holds an {type} key (the private key in {keyLocation} is {key}, the client certificate's is {certKey}). {type} keys only agree on secrets, they cannot sign, and OpenSSL refuses them as a certificate's key. PyMongo fails with: {pymongo}",
			i18n.Args{"type": typ, "keyLocation": k.info.Location, "key": a.keyDesc(k.info), "certKey": leafType, "pymongo": c.PyMongoError})
		c.Fix = p.T("key.match.noSigning.fix", "Issue the client certificate for a signing key (RSA 2048 bits or more, ECDSA P-256, Ed25519) and put that key in the file.", nil)
		return c
	}
	if k.problem == problemOtherType && leafType == k.info.Type {
		c.Status = report.Warn
		a.s.Undecided = c.ID
		c.Title = p.T("key.match.otherType.title", "certinspect cannot check the private key ({type}); OpenSSL, and so PyMongo, loads it", i18n.Args{"type": a.keyDesc(k.info)})
		c.Detail = p.T("key.match.otherType.detail", "The key in {keyLocation} ({type}) is of a type OpenSSL reads, so PyMongo loads it, but certinspect cannot use it: whether it belongs to the client certificate {subject} is not checked here. If it does not, PyMongo fails with: {pymongo}",
			i18n.Args{"keyLocation": k.info.Location, "type": a.keyDesc(k.info), "subject": a.s.Certificates[0].Subject, "pymongo": pyMismatch})
		c.Fix = p.T("key.match.otherType.fix", "Compare the certificate's public key with the key's with the commands below: the two outputs must be equal.", nil)
		c.Commands = matchCommands(a)
		return c
	}
	if k.pub == nil && k.problem != problemOtherType {
		c.Status = report.Skip
		c.Title = p.T("key.match.unread.title", "Key and certificate not compared: the private key could not be read or decrypted", nil)
		c.Detail = p.T("key.match.unread.detail", "See key.decrypt; once the key can be read, certinspect compares its public half with the certificate's public key.", nil)
		return c
	}
	leaf := a.s.Certificates[0]
	if a.s.MatchedCert != "" {
		c.Status = report.Pass
		c.Title = p.T("key.match.ok.title", "The private key belongs to the client certificate", nil)
		c.Detail = p.T("key.match.ok.detail", "The public half of the key in {keyLocation} ({key}) equals the public key of {subject} (SPKI SHA-256 {spki}).",
			i18n.Args{"keyLocation": k.info.Location, "key": a.keyDesc(k.info), "subject": leaf.Subject, "spki": k.info.SPKISHA256})
		return c
	}
	c.Status = report.Fail
	py := pyMismatch
	c.OpenSSLError = errKeyMismatch
	if leafType != k.info.Type {
		py, c.OpenSSLError = pyNoCert, errNoCertAssig
	}
	args := i18n.Args{"keyLocation": k.info.Location, "key": a.keyDesc(k.info), "subject": leaf.Subject, "certKey": leafType, "pymongo": py, "file": a.in.Name}
	c.Title = p.T("key.match.mismatch.title", "The private key does not belong to the client certificate", nil)
	c.Detail = p.T("key.match.mismatch.detail", "The key in {keyLocation} ({key}) is not the key of the client certificate {subject} ({certKey}), the first certificate in the file. PyMongo fails with: {pymongo}", args)
	if k.info.MatchesCert != "" {
		for _, ci := range a.s.Certificates {
			if ci.FingerprintSHA256 == k.info.MatchesCert {
				c.Detail += " " + p.T("key.match.belongsTo", "The key belongs to another certificate in the file: {subject} ({location}).", i18n.Args{"subject": ci.Subject, "location": ci.Location})
				c.Fix = p.T("key.match.reorder.fix", "If {subject} is the intended client certificate, put it first in the file; otherwise replace the key with the client certificate's own key.", i18n.Args{"subject": ci.Subject})
				break
			}
		}
	} else {
		c.Detail += " " + p.T("key.match.noneInFile", "It belongs to none of the certificates in the file.", nil)
		c.Fix = p.T("key.match.fix", "Find the private key that was generated with the certificate signing request for {subject} and put it in the file instead; a certificate cannot be used with any other key. Compare the two with the commands below (the outputs must be equal).", args)
	}
	c.Commands = matchCommands(a)
	return c
}

// matchCommands compare the public keys of the file's certificate and key.
func matchCommands(a *analysis) []string {
	return []string{
		a.cmd("openssl x509 -in {file} -noout -pubkey | openssl sha256"),
		a.cmd("openssl pkey -in {file} -pubout | openssl sha256"),
	}
}

// checkPurpose: clientAuth, key usage, validity at At, and the issuer chain.
func (a *analysis) checkPurpose() report.Check {
	p := a.p
	c := report.Check{ID: "purpose.client", Subject: a.in.Name}
	if len(a.certs) == 0 {
		c.Status = report.Skip
		c.Title = p.T("purpose.client.noCert.title", "No client certificate to check", nil)
		return c
	}
	leaf := a.certs[0]
	ci := a.s.Certificates[0]
	c.Subject, c.SubjectLabel = ci.FingerprintSHA256, label(leaf)
	at := a.opt.At.UTC()
	var problems, fixes []string
	c.Status = report.Pass
	fail := func(e string) {
		c.Status = report.Fail
		if c.OpenSSLError == nil {
			c.OpenSSLError = x509err.Must(e).Report()
		}
	}
	// Extended key usage: absent, anyExtendedKeyUsage or clientAuth.
	if len(leaf.ExtKeyUsage) > 0 || len(leaf.UnknownExtKeyUsage) > 0 {
		ok := false
		var names []string
		for _, u := range leaf.ExtKeyUsage {
			if u == x509.ExtKeyUsageClientAuth || u == x509.ExtKeyUsageAny {
				ok = true
			}
			names = append(names, certid.ExtKeyUsageName(u))
		}
		for _, o := range leaf.UnknownExtKeyUsage {
			names = append(names, o.String())
		}
		if !ok {
			fail("X509_V_ERR_INVALID_PURPOSE")
			problems = append(problems, p.T("purpose.client.noClientAuth", "Its extended key usage ({usages}) does not include clientAuth, so the server's OpenSSL rejects it as a client certificate (unsuitable certificate purpose).",
				i18n.Args{"usages": strings.Join(names, ", ")}))
			fixes = append(fixes, p.T("purpose.client.noClientAuth.fix", "Issue a client certificate with extendedKeyUsage = clientAuth (a certificate made for the server usually has only serverAuth).", nil))
		}
	}
	if leaf.KeyUsage != 0 && leaf.KeyUsage&(x509.KeyUsageDigitalSignature|x509.KeyUsageKeyAgreement) == 0 {
		fail("X509_V_ERR_INVALID_PURPOSE")
		problems = append(problems, p.T("purpose.client.keyUsage", "Its key usage has neither digitalSignature nor keyAgreement, which OpenSSL requires of a TLS client certificate.", nil))
		fixes = append(fixes, p.T("purpose.client.keyUsage.fix", "Issue the certificate with keyUsage = digitalSignature.", nil))
	}
	if e, ok := repair.MongodRefuses[a.leafDefect]; ok {
		fail(e)
		problems = append(problems, p.T("purpose.client.defect", "PyMongo sends it (OpenSSL reads it), but OpenSSL refuses it when it verifies it, so mongod rejects it with \"{error}\".", i18n.Args{"error": x509err.Must(e).Text}))
		if a.leafDefect == "explicitCurve" {
			problems = append(problems, p.T("purpose.client.explicitCurve", "(mongod on OpenSSL 1.1.1 accepted a key with explicit curve parameters; OpenSSL 3 refuses it.)", nil))
		}
		fixes = append(fixes, p.T("purpose.client.defect.fix", "Have the client certificate reissued following RFC 5280 and RFC 5480 (for explicit curve parameters: from a key that names its curve, such as one made by openssl ecparam -name prime256v1 -genkey).", nil))
	}
	if at.Before(leaf.NotBefore) {
		fail("X509_V_ERR_CERT_NOT_YET_VALID")
		problems = append(problems, p.T("purpose.client.notYetValid", "It is not valid until {notBefore} (checked at {at}).",
			i18n.Args{"notBefore": leaf.NotBefore.UTC().Format("2006-01-02 15:04:05 UTC"), "at": at.Format("2006-01-02 15:04:05 UTC")}))
		fixes = append(fixes, p.T("purpose.client.notYetValid.fix", "Wait until the start date or check the clocks; otherwise reissue the certificate with a correct start date.", nil))
	} else if at.After(leaf.NotAfter) {
		fail("X509_V_ERR_CERT_HAS_EXPIRED")
		problems = append(problems, p.T("purpose.client.expired", "It expired on {notAfter} (checked at {at}).",
			i18n.Args{"notAfter": leaf.NotAfter.UTC().Format("2006-01-02 15:04:05 UTC"), "at": at.Format("2006-01-02 15:04:05 UTC")}))
		fixes = append(fixes, p.T("purpose.client.expired.fix", "Renew the client certificate and replace it (with its key) in the key file.", nil))
	}

	// The chain, as subjects, and the CA the server must trust.
	var links []string
	for i, cc := range a.chain {
		src := p.T("purpose.client.src.file", "in this file", nil)
		if a.chainSource[i] == "tlsCAFile" {
			src = p.T("purpose.client.src.caFile", "in the tlsCAFile", nil)
		}
		links = append(links, RFC2253(cc.RawSubject)+" ("+src+")")
	}
	chainText := strings.Join(links, " ← ")
	top := a.chain[len(a.chain)-1]
	var trust string
	if isSelfSigned(top) {
		if len(a.chain) == 1 {
			trust = p.T("purpose.client.trust.selfSigned", "The client certificate is self-signed: the server's CA file (net.tls.CAFile, or net.tls.clusterCAFile when set) must contain this very certificate.", nil)
		} else {
			trust = p.T("purpose.client.trust.root", "The server's CA file (net.tls.CAFile, or net.tls.clusterCAFile when set) must contain the root {root}.", i18n.Args{"root": a.s.IssuerToTrust})
		}
	} else {
		trust = p.T("purpose.client.trust.issuer", "The issuer {issuer} is not in this file or the tlsCAFile: the server's CA file (net.tls.CAFile, or net.tls.clusterCAFile when set) must contain it, and the CAs above it up to a root.", i18n.Args{"issuer": a.s.IssuerToTrust})
	}
	detailArgs := i18n.Args{"subject": ci.Subject, "chain": chainText, "trust": trust,
		"notBefore": leaf.NotBefore.UTC().Format("2006-01-02"), "notAfter": leaf.NotAfter.UTC().Format("2006-01-02")}
	if c.Status == report.Pass {
		c.Title = p.T("purpose.client.ok.title", "The client certificate may be used for client authentication", nil)
		c.Detail = p.T("purpose.client.ok.detail", "{subject} allows clientAuth and is valid from {notBefore} to {notAfter}. Chain: {chain}. {trust}", detailArgs)
	} else {
		c.Title = p.T("purpose.client.bad.title", "The server will reject this client certificate", nil)
		detailArgs["problems"] = strings.Join(problems, " ")
		c.Detail = p.T("purpose.client.bad.detail", "{subject}: {problems} Chain: {chain}. {trust} The server logs the verification error; the client sees the connection closed or a TLS alert.", detailArgs)
		c.Fix = strings.Join(fixes, " ")
	}
	return c
}

// checkUser: the $external user name, and the cluster-member trap.
func (a *analysis) checkUser() report.Check {
	p := a.p
	c := report.Check{ID: "x509.user", Subject: a.in.Name}
	if len(a.certs) == 0 {
		c.Status = report.Skip
		c.Title = p.T("x509.user.noCert.title", "No client certificate: no MONGODB-X509 user name", nil)
		return c
	}
	leaf := a.certs[0]
	c.Subject, c.SubjectLabel = certid.Fingerprint(leaf), label(leaf)
	subj := a.s.ClientCertSubjectRFC2253
	if subj == "" {
		c.Status = report.Warn
		c.Title = p.T("x509.user.empty.title", "The client certificate has an empty subject: it cannot be a MONGODB-X509 user", nil)
		c.Fix = p.T("x509.user.empty.fix", "Issue a client certificate with a subject (at least a CN and an O or OU different from the servers').", nil)
		return c
	}
	c.Status = report.Info
	c.Title = p.T("x509.user.info.title", "MONGODB-X509 user name: {subject}", i18n.Args{"subject": subj})
	c.Detail = p.T("x509.user.info.detail", "For MONGODB-X509 authentication, create a user in the $external database whose name is exactly the client certificate's subject in RFC 2253 form: {subject}", i18n.Args{"subject": subj})
	c.Commands = []string{
		`db.getSiblingDB("$external").runCommand({createUser: ` + jsonString(subj) + `, roles: [{role: "readWrite", db: "test"}]})`,
		a.cmd("openssl x509 -in {file} -noout -subject -nameopt RFC2253"),
	}
	if a.opt.ServerLeaf == nil {
		return c
	}
	co, cou, cdc := orgAttrs(leaf)
	so, sou, sdc := orgAttrs(a.opt.ServerLeaf)
	if len(co)+len(cou)+len(cdc) > 0 && equalSets(co, so) && equalSets(cou, sou) && equalSets(cdc, sdc) {
		c.Status = report.Warn
		c.Title = p.T("x509.user.member.title", "The client certificate looks like a cluster member's to the server", nil)
		c.Detail = p.T("x509.user.member.detail", "The client certificate's O, OU and DC ({attrs}) are the same as the server certificate's ({server}). MongoDB then treats the connection as a cluster member using internal membership authentication, not as the $external user {subject}.",
			i18n.Args{"attrs": attrText(co, cou, cdc), "server": RFC2253(a.opt.ServerLeaf.RawSubject), "subject": subj})
		c.Fix = p.T("x509.user.member.fix", "Issue client certificates whose O, OU or DC differs from the member (server) certificates', e.g. another OU for clients.", nil)
	}
	return c
}

func orgAttrs(c *x509.Certificate) (o, ou, dc []string) {
	o, ou = sortedCopy(c.Subject.Organization), sortedCopy(c.Subject.OrganizationalUnit)
	for _, n := range c.Subject.Names {
		if n.Type.String() == "0.9.2342.19200300.100.1.25" {
			if s, ok := n.Value.(string); ok {
				dc = append(dc, s)
			}
		}
	}
	return o, ou, sortedCopy(dc)
}

func equalSets(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func attrText(o, ou, dc []string) string {
	var parts []string
	for _, v := range o {
		parts = append(parts, "O="+v)
	}
	for _, v := range ou {
		parts = append(parts, "OU="+v)
	}
	for _, v := range dc {
		parts = append(parts, "DC="+v)
	}
	return strings.Join(parts, ", ")
}

// legacyProviderNote is the exception to "OpenSSL 3 cannot read it": a
// Python process that has imported the cryptography package has OpenSSL's
// legacy provider loaded (checked with PyMongo 3.11 and python3-cryptography
// 38: the key loads), and PyMongo imports it where PyOpenSSL is installed.
func legacyProviderNote(p *i18n.Printer) string {
	return p.T("key.decrypt.legacyProviderNote", "Exception: in a Python process that has imported the cryptography package, OpenSSL's legacy provider is loaded and PyMongo reads the key. PyMongo imports it itself where PyOpenSSL is installed (the pymongo[ocsp] extra), and other libraries may; re-encrypting the key removes the doubt.", nil)
}
