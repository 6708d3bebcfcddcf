package keyfile

import (
	"bytes"
	"crypto/x509"
	"fmt"
	"strings"

	"certinspect/core/i18n"
	"certinspect/core/pemfile"
	"certinspect/core/report"
	"certinspect/core/shell"
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
			pyErr = pyPrefix + fmt.Sprintf("[PEM: %s] %s (_ssl.c:…)", e.Reason, e.ReasonText())
			opensslErr = &report.OpenSSLError{Name: e.OpenSSLName(), Text: e.ReasonText()}
		default:
			pyErr = pyPrefix + "unknown error (_ssl.c:…)"
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
			pyErr = pyPrefix + "[PEM] ASN1 lib (_ssl.c:…)"
			opensslErr = &report.OpenSSLError{Name: "ERR_R_ASN1_LIB", Text: "ASN1 lib"}
			break
		}
		if pyErr == "" {
			return c, false
		}
	}
	a.certsNotRead = true
	c.Status = report.Fail
	c.OpenSSLError = opensslErr
	c.PyMongoError = pyErr
	c.Title = p.T("key.load.title", "The key file does not load: a PEM block in it is damaged", nil)
	c.Detail = p.T("key.load.detail", "{file}, line {line}: {what}. When PyMongo loads tlsCertificateKeyFile, OpenSSL reads every PEM block in it (the client certificate, then each later certificate as its chain) and stops at the first it cannot read, wherever it is. PyMongo fails with: {error}",
		i18n.Args{"file": a.in.Name, "line": line, "what": what, "error": pyErr})
	c.Fix = p.T("key.load.fix", "Ask for the key file again, attached rather than pasted, or remove the damaged block: the file needs only the client certificate, its intermediate CA certificates and the private key.", nil)
	c.Commands = []string{pemfile.PythonCertChainCommand(shell.Quote(a.in.Name))}
	if a.in.Pasted {
		// A damaged paste may be the copy's doing: say what such a file does.
		c.Status, c.OpenSSLError, c.PyMongoError = report.Warn, nil, ""
		c.Title = p.T("key.load.pastedTitle", "If the customer's key file looks like this paste, it does not load: a PEM block in it is damaged", nil)
	}
	return c, true
}

// misplacedCheck explains a certificate or key OpenSSL does not see because
// its BEGIN line does not start the line (an indented file, a quoted mail
// reply, text before it): core/decode and this package read such blocks,
// OpenSSL does not. ok is false when OpenSSL sees both a certificate and a
// key, or nothing is misplaced.
func (a *analysis) misplacedCheck(c report.Check) (report.Check, bool) {
	p := a.p
	blocks, _ := pemfile.Read(a.in.Data)
	certSeen, keySeen := false, false
	for _, b := range blocks {
		switch {
		case pemfile.IsCertificateType(b.Type):
			certSeen = true
		case strings.HasSuffix(b.Type, "PRIVATE KEY"):
			keySeen = true
		}
	}
	if certSeen && keySeen {
		return c, false
	}
	data := bytes.TrimPrefix(a.in.Data, []byte("\xef\xbb\xbf"))
	var where []string
	quoted, indented := false, false
	for i, line := range strings.Split(string(data), "\n") {
		at := strings.Index(line, "-----BEGIN ")
		if at <= 0 {
			continue
		}
		typ, _, ok := strings.Cut(line[at+len("-----BEGIN "):], "-----")
		isCert := pemfile.IsCertificateType(typ)
		isKey := strings.HasSuffix(typ, "PRIVATE KEY")
		if !ok || !(isCert && !certSeen || isKey && !keySeen) {
			continue
		}
		prefix := line[:at]
		how := p.T("key.misplaced.text", "has text before it", nil)
		switch {
		case strings.Trim(prefix, " \t") == "":
			how, indented = p.T("key.misplaced.indented", "is indented", nil), true
		case strings.HasPrefix(strings.TrimLeft(prefix, " \t"), ">"):
			how, quoted = p.T("key.misplaced.quoted", "is quoted with '>', as in a mail reply", nil), true
		}
		where = append(where, p.T("key.misplaced.item", "line {line}: the -----BEGIN {type}----- line {how}", i18n.Args{"line": i + 1, "type": typ, "how": how}))
	}
	if len(where) == 0 {
		return c, false
	}
	a.certsNotRead = !certSeen
	c.Status = report.Fail
	c.OpenSSLError = errPEMLib
	c.PyMongoError = pyPEMLib
	c.Title = p.T("key.misplaced.title", "OpenSSL does not see the certificate or key: a BEGIN line does not start its line", nil)
	// OpenSSL looks for the certificate first, then for the key.
	what := p.T("key.misplaced.whatCert", "client certificate", nil)
	if certSeen {
		what = p.T("key.misplaced.whatKey", "private key", nil)
	}
	c.Detail = p.T("key.misplaced.detail", "{file}, {where}. certinspect reads such blocks, but OpenSSL reads a PEM block only where -----BEGIN starts a line, so PyMongo finds no {what} in the file. {pymongo}",
		i18n.Args{"file": a.in.Name, "where": strings.Join(where, "; "), "what": what, "pymongo": a.pemLibDetail()})
	c.Fix = p.T("key.misplaced.fix", "Remove what comes before -----BEGIN and -----END on those lines (and the same from the lines between them), so that every line of the blocks starts at the left margin.", nil)
	c.Commands = nil
	if indented || quoted {
		c.Commands = []string{"sed -e 's/^[[:space:]>]*//' " + shell.Quote(a.in.Name) + " > client.pem"}
	}
	if a.in.Pasted {
		// The layout may be the copy's: say what a file like it would do.
		c.Status, c.OpenSSLError, c.PyMongoError = report.Warn, nil, ""
		c.Title = p.T("key.misplaced.pastedTitle", "If the customer's key file looks like this paste, OpenSSL does not see the certificate or key", nil)
	}
	return c, true
}
