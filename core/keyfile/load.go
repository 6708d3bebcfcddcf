package keyfile

import (
	"crypto/x509"
	"fmt"

	"certinspect/core/i18n"
	"certinspect/core/pemfile"
	"certinspect/core/report"
)

// chainLoadCheck is the failure of SSL_CTX_use_certificate_chain_file, the
// first thing Python's load_cert_chain does with tlsCertificateKeyFile: it
// reads every PEM block of the file (the client certificate, then each later
// certificate as its chain) and stops at the first block OpenSSL cannot read,
// wherever it is. ok is false when the file's blocks all read.
func (a *analysis) chainLoadCheck(c report.Check) (report.Check, bool) {
	p := a.p
	chain := pemfile.LoadChain(a.in.Data)
	var what, pyErr string
	line := 0
	opensslErr := errPEMLib
	switch {
	case chain.Err != nil:
		e := chain.Err
		line = e.Line
		what = e.Describe(p)
		switch {
		case !chain.ErrAfterFirst:
			pyErr = pyPEMLib
		case e.OpenSSLName() != "":
			pyErr = pyPrefix + fmt.Sprintf("[PEM: %s] %s (_ssl.c:NNNN)", e.Reason, e.ReasonText())
			opensslErr = &report.OpenSSLError{Name: e.OpenSSLName(), Text: e.ReasonText()}
		default:
			pyErr = pyPrefix + "unknown error (_ssl.c:NNNN)"
			opensslErr = nil
		}
	default:
		// A chain certificate OpenSSL cannot parse at all.
		for _, b := range chain.Rest {
			if _, err := x509.ParseCertificate(b.Bytes); err == nil || pemfile.DERFramed(b.Bytes) {
				continue
			}
			line = b.Line
			what = pemfile.DescribeNotCertificate(&b, p)
			pyErr = pyPrefix + "[PEM] ASN1 lib (_ssl.c:NNNN)"
			opensslErr = &report.OpenSSLError{Name: "ERR_R_ASN1_LIB", Text: "ASN1 lib"}
			break
		}
		if pyErr == "" {
			return c, false
		}
	}
	c.Status = report.Fail
	c.OpenSSLError = opensslErr
	c.PyMongoError = pyErr
	c.Title = p.T("key.load.title", "PyMongo cannot load the key file: a PEM block in it is damaged", nil)
	c.Detail = p.T("key.load.detail", "{file}, line {line}: {what}. When PyMongo loads tlsCertificateKeyFile, OpenSSL reads every PEM block in it (the client certificate, then each later certificate as its chain) and stops at the first it cannot read, wherever it is. PyMongo fails with: {error}",
		i18n.Args{"file": a.in.Name, "line": line, "what": what, "error": pyErr})
	c.Fix = p.T("key.load.fix", "Ask for the key file again, attached rather than pasted, or remove the damaged block: the file needs only the client certificate, its intermediate CA certificates and the private key.", nil)
	c.Commands = []string{"python3 -c 'import ssl, sys; ssl.create_default_context().load_cert_chain(sys.argv[1]); print(\"loaded\")' " + shellQuote(a.in.Name)}
	return c, true
}
