package keyfile

import (
	"certinspect/core/certid"
	"certinspect/core/i18n"
	"certinspect/core/report"
	"certinspect/core/seclevel"
)

// checkStrength: when PyMongo loads tlsCertificateKeyFile, OpenSSL checks the
// client certificate and every certificate after it (sent as its chain)
// against the security level (ssl_security_cert): the key size of each, and
// the signature digest of each that is not self-issued. A weak one fails
// MongoClient() before any connection.
func (a *analysis) checkStrength() report.Check {
	c := a.fileCheck("key.strength")
	p := a.p
	if len(a.certs) == 0 {
		c.Status = report.Skip
		c.Title = p.T("key.strength.none.title", "No client certificate to check", nil)
		return c
	}
	for i, cert := range a.certs {
		reason, text, what := "", "", ""
		_, pub := certKeyType(cert) // RSA-PSS keys too
		if bits, small := seclevel.KeyTooSmall(pub); small {
			if i == 0 {
				reason, text = "EE_KEY_TOO_SMALL", "ee key too small"
			} else {
				reason, text = "CA_KEY_TOO_SMALL", "ca key too small"
			}
			what = p.T("key.strength.key", "its key has {bits} bits (security level 2 asks for 2048 for RSA and DSA, 224 for EC)", i18n.Args{"bits": bits})
		} else if seclevel.WeakSignature(cert.SignatureAlgorithm) && !seclevel.SelfIssued(cert) {
			reason, text = "CA_MD_TOO_WEAK", "ca md too weak"
			what = p.T("key.strength.md", "it is signed with {algorithm} (security level 2 refuses SHA-1 and MD5)", i18n.Args{"algorithm": cert.SignatureAlgorithm.String()})
		}
		if reason == "" {
			continue
		}
		role := p.T("key.strength.client", "the client certificate", nil)
		if i > 0 {
			role = p.T("key.strength.chain", "the chain certificate", nil)
		}
		c.Status = report.Fail
		c.OpenSSLError = &report.OpenSSLError{Name: "SSL_R_" + reason, Text: text}
		c.PyMongoError = pyPrefix + "[SSL: " + reason + "] " + text + " (_ssl.c:…)"
		c.Title = p.T("key.strength.fail.title", "OpenSSL refuses {role} {cert}: {what}", i18n.Args{"role": role, "cert": certid.Label(cert), "what": what})
		c.Detail = p.T("key.strength.fail.detail", "When PyMongo loads tlsCertificateKeyFile ({location}), OpenSSL checks the client certificate and each certificate after it against its security level, 2 with Python 3.10 and later and with Debian's and Ubuntu's OpenSSL, and stops at {cert}. PyMongo fails when the MongoClient is created, before connecting, with: {error}",
			i18n.Args{"location": a.s.Certificates[i].Location, "cert": certid.Label(cert), "error": c.PyMongoError})
		c.Fix = p.T("key.strength.fail.fix", "Have the client certificate (and its CA, if that is the weak one) reissued with an RSA key of 2048 bits or more (or ECDSA P-256) and a SHA-256 signature. A chain certificate PyMongo need not send can also be removed from the file.", nil)
		c.Commands = []string{a.cmd("openssl x509 -in {file} -noout -text | grep -E 'Subject:|Signature Algorithm|Public-Key'")}
		return c
	}
	c.Status = report.Pass
	c.Title = p.T("key.strength.ok.title", "The client certificate and the certificates after it meet OpenSSL security level 2", nil)
	return c
}
