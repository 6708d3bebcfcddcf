// Package keyfile diagnoses a tlsCertificateKeyFile: the one PEM file in which
// PyMongo (Python's ssl over OpenSSL) expects the client certificate, any
// chain certificates and the private key, the key optionally encrypted with
// tlsCertificateKeyFilePassword.
//
// It reads the PEM blocks in any order with any text around them, decrypts
// legacy encrypted PEM (Proc-Type/DEK-Info) with crypto/x509's deprecated
// DecryptPEMBlock and encrypted PKCS#8 (PBES2) with github.com/youmark/pkcs8,
// the library the MongoDB Go driver uses, and produces the checks key.present,
// key.decrypt, key.match, purpose.client and x509.user.
//
// Private key material never leaves the package: the Summary and the checks
// carry only a key's type, size or curve, encoding, encryption scheme and the
// SHA-256 fingerprint of its public key (SPKI). Decrypted keys are used to
// derive the public key and then dropped (Go cannot wipe big.Int-based keys;
// the decrypted DER buffers this package owns are zeroed).
package keyfile

import (
	"bytes"
	"crypto"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"

	"certinspect/core/certid"
	"certinspect/core/i18n"
	"certinspect/core/pemfile"
	"certinspect/core/repair"
	"certinspect/core/report"
	"certinspect/core/shell"
)

// Input is the tlsCertificateKeyFile and its password.
type Input struct {
	Name string
	Data []byte
	// Password is tlsCertificateKeyFilePassword; PasswordGiven says whether it
	// was given at all (an empty password is a password).
	Password      string
	PasswordGiven bool
	// PasswordSource is "uri" (in the connection string) or "option" (a
	// MongoClient keyword argument / the front end's password field).
	PasswordSource string
	// Pasted: Data is text pasted from a ticket, whose layout may be the
	// copy's rather than the file's (see core.File.Pasted).
	Pasted bool
}

// Options are the other inputs the checks use.
type Options struct {
	// At is the evaluation time.
	At time.Time
	// ServerLeaf is the server's certificate (nil when not supplied); its
	// O/OU/DC are compared with the client certificate's.
	ServerLeaf *x509.Certificate
	// CAs are the certificates of the supplied tlsCAFile (nil when none); they
	// may complete the client certificate's issuer chain.
	CAs []*x509.Certificate
}

// Summary describes the file. It never holds key material.
type Summary struct {
	File string `json:"file"`
	Size int    `json:"size"`
	// Format: "pem", "derCertificate", "derKey", "derEncryptedKey", "pkcs12",
	// "empty", "text", "binary", "tooLarge".
	Format       string `json:"format"`
	Keys         []Key  `json:"keys"`
	Certificates []Cert `json:"certificates"`
	// ClientCert is the fingerprint of the certificate OpenSSL uses as the
	// client certificate: the first one in the file.
	ClientCert string `json:"clientCert,omitempty"`
	// MatchedCert is the fingerprint of the certificate whose public key equals
	// the private key's (the key OpenSSL uses: the first one), if any.
	MatchedCert              string `json:"matchedCert,omitempty"`
	ClientCertSubjectRFC2253 string `json:"clientCertSubjectRFC2253,omitempty"`
	// IssuerChain lists subjects (RFC 2253) from the client certificate up to
	// where its issuers could be found, in this file or in tlsCAFile.
	IssuerChain []string `json:"issuerChain,omitempty"`
	// IssuerToTrust is the CA the server's CA file must hold (RFC 2253).
	IssuerToTrust string `json:"issuerToTrust,omitempty"`
	// Items are the blocks found, for report.Input.
	Items []report.Item `json:"items"`
	// Errors are blocks that could not be read.
	Errors []report.Issue `json:"errors,omitempty"`
	// Undecided is the id of the check whose outcome certinspect cannot
	// know (a key it cannot use or decrypt): PyMongo's outcome is then not
	// predicted (not serialised: the check says why).
	Undecided string `json:"-"`
	// Parsed are the certificates of the file in file order, for the caller
	// (not serialised).
	Parsed []*x509.Certificate `json:"-"`
}

// Key describes one private key block.
type Key struct {
	Location string `json:"location"`
	Block    int    `json:"block"`
	Line     int    `json:"line"`
	PEMType  string `json:"pemType,omitempty"`
	// Encoding: "PKCS#8", "PKCS#1", "SEC1", "encrypted PKCS#8",
	// "legacy encrypted PEM (PKCS#1)", ...
	Encoding string `json:"encoding"`
	// Type: "RSA", "ECDSA", "Ed25519", "X25519", "DSA"; empty while unknown
	// (an encrypted PKCS#8 key not yet decrypted).
	Type      string `json:"type,omitempty"`
	Bits      int    `json:"bits,omitempty"`
	Curve     string `json:"curve,omitempty"`
	Encrypted bool   `json:"encrypted"`
	// Scheme names the encryption: "PBES2 PBKDF2-HMAC-SHA256 AES-256-CBC
	// (2048 iterations)", "legacy PEM AES-128-CBC (MD5 key derivation)", ...
	Scheme    string `json:"scheme,omitempty"`
	Decrypted bool   `json:"decrypted"`
	// SPKISHA256 is the SHA-256 of the public key's SubjectPublicKeyInfo (hex),
	// when the key could be read.
	SPKISHA256 string `json:"spkiSHA256,omitempty"`
	// Problem: "", "noPassword", "wrongPassword", "emptyPassword",
	// "unsupportedScheme", "overLimit", "unreadable", or a corruption
	// ("badIV", "badKDFParams", "badLegacyEncryption", ...).
	Problem string `json:"problem,omitempty"`
	// MatchesCert is the fingerprint of the certificate in the file this key
	// belongs to, if any.
	MatchesCert string `json:"matchesCert,omitempty"`
}

// Cert describes one certificate of the file.
type Cert struct {
	Location          string    `json:"location"`
	Block             int       `json:"block"`
	Line              int       `json:"line"`
	FingerprintSHA256 string    `json:"fingerprintSHA256"`
	Subject           string    `json:"subject"`
	Issuer            string    `json:"issuer"`
	SPKISHA256        string    `json:"spkiSHA256"`
	NotBefore         time.Time `json:"notBefore"`
	NotAfter          time.Time `json:"notAfter"`
	// Role: "client" (the first certificate), "chain" (an issuer of the
	// client certificate), "unrelated".
	Role string `json:"role"`
}

// Error texts of PyMongo/OpenSSL (quotations: not translated).
const (
	pyPrefix        = "pymongo.errors.ConfigurationError: Private key doesn't match certificate: "
	pyPEMLib        = pyPrefix + "[SSL] PEM lib (_ssl.c:…)"
	pyMismatch      = pyPrefix + "[X509: KEY_VALUES_MISMATCH] key values mismatch (_ssl.c:…)"
	pyNoCert        = pyPrefix + "[SSL: NO_CERTIFICATE_ASSIGNED] no certificate assigned (_ssl.c:…)"
	pyPrompt        = "Enter PEM pass phrase:"
	pyNoTTY         = "OSError: [Errno 22] Invalid argument"
	convertPKCS8    = "openssl pkcs8 -topk8 -v2 aes-256-cbc -in {file} -out client.key"
	extractCert     = "openssl x509 -in {file} -out client.crt"
	catFiles        = "cat client.crt client.key > client.pem"
	oidClientAuth   = "1.3.6.1.5.5.7.3.2"
	maxChainLength  = 10
	maxCertsInFile  = 32
	passwordOptName = "tlsCertificateKeyFilePassword"
)

// Analyze reads the key file and returns its summary and the checks
// key.present, key.decrypt, key.match, purpose.client and x509.user. It never
// panics and never puts key material or the password into its results.
func Analyze(in Input, opt Options, p *i18n.Printer) (*Summary, []report.Check) {
	if p == nil {
		p = i18n.English
	}
	a := &analysis{in: in, opt: opt, p: p, s: &Summary{File: in.Name, Size: len(in.Data), Keys: []Key{}, Certificates: []Cert{}, Items: []report.Item{}}}
	var checks []report.Check
	func() {
		defer func() {
			if r := recover(); r != nil {
				// Never reached by any known input; a panic must not cross the
				// bridge, and its value might quote input, so it is not shown.
				checks = []report.Check{{ID: "key.present", Status: report.Fail, Subject: in.Name,
					Title: p.T("key.internalError.title", "certinspect could not analyse this key file (internal error)", nil)}}
			}
		}()
		a.read()
		a.finish()
		checks = a.analyzeChecks()
	}()
	// Each failure PyMongo meets while loading the file carries the exception
	// MongoClient raises (loading happens when the client is constructed).
	for i := range checks {
		c := &checks[i]
		if c.Status != report.Fail || c.PyMongoError != "" {
			continue
		}
		switch {
		case c.ID == "key.decrypt" && !in.PasswordGiven:
			c.PyMongoError = pyNoTTY + " (after the prompt \"" + pyPrompt + "\" when run on a terminal)"
		case c.OpenSSLError == errPEMLib:
			c.PyMongoError = pyPEMLib
		case c.OpenSSLError == errKeyMismatch:
			c.PyMongoError = pyMismatch
		case c.OpenSSLError == errNoCertAssig:
			c.PyMongoError = pyNoCert
		}
	}
	// Drop the private keys.
	for i := range a.keys {
		a.keys[i].priv = nil
	}
	a.keys = nil
	return a.s, checks
}

func (a *analysis) analyzeChecks() []report.Check {
	present, strength := a.checkPresent(), a.checkStrength()
	first := []report.Check{present, strength}
	if strength.Status == report.Fail && a.s.Format == "pem" && !a.certsNotRead {
		// OpenSSL checks the certificates' strength as it reads them, before
		// it looks for the key: that error is the one PyMongo raises.
		first = []report.Check{strength, present}
	}
	return append(first, a.checkDecrypt(), a.checkMatch(), a.checkPurpose(), a.checkUser())
}

type analysis struct {
	in    Input
	opt   Options
	p     *i18n.Printer
	s     *Summary
	keys  []parsedKey
	certs []*x509.Certificate
	other []string // other PEM block types, with location
	bad   []damaged
	// chain is the client certificate's issuer chain (client first).
	chain       []*x509.Certificate
	chainSource []string
	// certsNotRead: OpenSSL fails before it has the certificates (a damaged
	// block, or no certificate where it reads), so before their strength.
	certsNotRead bool
	// unreadable counts CERTIFICATE blocks Go's parser refuses and
	// core/repair cannot read either: OpenSSL may well load them.
	unreadable int
	// leafDefect is the core/repair defect kind of the client certificate.
	leafDefect string
}

func location(index, line int) string { return fmt.Sprintf("%d:%d", index, line) }

func (a *analysis) loc(index, line int) string {
	if index == 0 {
		return a.p.T("key.location.wholeFile", "whole file", nil)
	}
	return a.p.T("key.location.block", "block {index} at line {line}", i18n.Args{"index": index, "line": line})
}

func (a *analysis) read() {
	s := a.s
	// OpenSSL drops a UTF-8 byte order mark before the first line (files
	// saved by Windows editors have one); encoding/pem would not see the
	// BEGIN line after it.
	data := bytes.TrimPrefix(a.in.Data, []byte("\xef\xbb\xbf"))
	if len(data) > MaxFileSize {
		s.Format = "tooLarge"
		return
	}
	blocks, bad, tooMany := scanPEM(data)
	if tooMany {
		s.Format = "tooLarge"
		return
	}
	a.bad = bad
	if len(blocks) == 0 && len(bad) == 0 {
		if len(bytes.TrimSpace(data)) == 0 {
			s.Format = "empty"
			return
		}
		format, cert, key := sniffDER(data)
		switch {
		case cert != nil:
			s.Format = format
			a.addCert(cert, 0, 0)
		case key != nil:
			s.Format = format
			key.info.Location = a.loc(0, 0)
			s.Keys = append(s.Keys, key.info)
		case format != "":
			s.Format = format
		case isText(data):
			s.Format = "text"
		default:
			s.Format = "binary"
		}
		return
	}
	s.Format = "pem"
	password := []byte(a.in.Password)
	defer clear(password)
	for _, b := range blocks {
		switch {
		case pemfile.IsCertificateType(b.Type):
			if len(a.certs) >= maxCertsInFile {
				continue
			}
			c, err := x509.ParseCertificate(b.Bytes)
			if err != nil {
				if r, d := repair.Certificate(b.Bytes, err.Error()); r != nil {
					// OpenSSL reads it (PyMongo loads and sends it); so does
					// the analysis, through the repaired copy.
					s.Errors = append(s.Errors, report.Issue{Location: a.loc(b.index, b.line),
						Message: a.p.T("key.block.repairedCert", "This certificate is one Go's parser refuses ({error}); OpenSSL reads it, so PyMongo loads it, and it is read here as OpenSSL reads it", i18n.Args{"error": d.Reason})})
					if len(a.certs) == 0 {
						a.leafDefect = d.Kind
					}
					a.addCert(r, b.index, b.line)
					continue
				}
				a.unreadable++
				s.Errors = append(s.Errors, report.Issue{Location: a.loc(b.index, b.line),
					Message: a.p.T("key.block.badCert", "This CERTIFICATE block is not a readable certificate: {error}", i18n.Args{"error": err.Error()})})
				continue
			}
			a.addCert(c, b.index, b.line)
		case isKeyBlock(b.Type):
			if len(a.keys) >= 8 {
				continue
			}
			k := readKey(b, password, a.in.PasswordGiven)
			k.info.Block, k.info.Line = b.index, b.line
			k.info.Location = a.loc(b.index, b.line)
			if k.info.Problem == "" {
				k.info.Problem = k.problem
			}
			a.keys = append(a.keys, k)
			kind := "privateKey"
			if k.info.Encrypted {
				kind = "encryptedPrivateKey"
			}
			s.Items = append(s.Items, report.Item{Kind: kind, Location: k.info.Location, PEMType: b.Type, Ref: k.info.SPKISHA256})
		default:
			a.other = append(a.other, b.Type+" ("+a.loc(b.index, b.line)+")")
			kind := map[string]string{"PUBLIC KEY": "publicKey", "RSA PUBLIC KEY": "publicKey", "CERTIFICATE REQUEST": "csr",
				"NEW CERTIFICATE REQUEST": "csr", "X509 CRL": "crl", "PKCS7": "pkcs7"}[b.Type]
			if kind == "" {
				kind = "other"
			}
			s.Items = append(s.Items, report.Item{Kind: kind, Location: a.loc(b.index, b.line), PEMType: b.Type})
		}
	}
	for _, d := range bad {
		s.Errors = append(s.Errors, report.Issue{Location: a.loc(d.index, d.line),
			Message: a.p.T("key.block.damaged", "The {type} block does not decode: its base64 is damaged or its END line is missing.", i18n.Args{"type": d.typ})})
	}
}

// finish relates keys and certificates and builds the client certificate's chain.
func (a *analysis) finish() {
	s := a.s
	// Which certificate each key belongs to.
	for i := range a.keys {
		k := &a.keys[i]
		if k.pub == nil {
			continue
		}
		for _, c := range a.certs {
			if keyOf(c, k) {
				k.info.MatchesCert = certid.Fingerprint(c)
				break
			}
		}
	}
	for _, k := range a.keys {
		s.Keys = append(s.Keys, k.info)
	}
	if len(a.certs) > 0 && a.s.Format != "tooLarge" {
		leaf := a.certs[0]
		s.ClientCert = certid.Fingerprint(leaf)
		s.ClientCertSubjectRFC2253 = RFC2253(leaf.RawSubject)
		if len(a.keys) > 0 && keyOf(leaf, &a.keys[0]) {
			s.MatchedCert = s.ClientCert
		}
		a.buildChain()
		inChain := map[*x509.Certificate]bool{}
		for _, c := range a.chain {
			inChain[c] = true
		}
		for i, c := range a.certs {
			switch {
			case i == 0:
				s.Certificates[i].Role = "client"
			case inChain[c]:
				s.Certificates[i].Role = "chain"
			default:
				s.Certificates[i].Role = "unrelated"
			}
		}
	}
}

func (a *analysis) addCert(c *x509.Certificate, index, line int) {
	a.certs = append(a.certs, c)
	a.s.Parsed = append(a.s.Parsed, c)
	h := sha256.Sum256(c.RawSubjectPublicKeyInfo)
	a.s.Certificates = append(a.s.Certificates, Cert{
		Location: a.loc(index, line), Block: index, Line: line,
		FingerprintSHA256: certid.Fingerprint(c), Subject: RFC2253(c.RawSubject), Issuer: RFC2253(c.RawIssuer),
		SPKISHA256: hex.EncodeToString(h[:]), NotBefore: c.NotBefore.UTC(), NotAfter: c.NotAfter.UTC(),
	})
	a.s.Items = append(a.s.Items, report.Item{Kind: "certificate", Location: a.loc(index, line), PEMType: "CERTIFICATE", Ref: certid.Fingerprint(c)})
}

// buildChain follows issuers from the client certificate through the file's
// certificates, then the tlsCAFile ones, checking each signature.
func (a *analysis) buildChain() {
	cur := a.certs[0]
	a.chain = []*x509.Certificate{cur}
	a.chainSource = []string{"file"}
	a.s.IssuerChain = []string{RFC2253(cur.RawSubject)}
	for len(a.chain) < maxChainLength && !isSelfSigned(cur) {
		next, src := a.findIssuer(cur)
		if next == nil {
			break
		}
		a.chain = append(a.chain, next)
		a.chainSource = append(a.chainSource, src)
		a.s.IssuerChain = append(a.s.IssuerChain, RFC2253(next.RawSubject))
		cur = next
	}
	top := a.chain[len(a.chain)-1]
	if isSelfSigned(top) {
		a.s.IssuerToTrust = RFC2253(top.RawSubject)
	} else {
		a.s.IssuerToTrust = RFC2253(top.RawIssuer)
	}
}

func (a *analysis) findIssuer(c *x509.Certificate) (*x509.Certificate, string) {
	for _, set := range []struct {
		certs []*x509.Certificate
		src   string
	}{{a.certs, "file"}, {a.opt.CAs, "tlsCAFile"}} {
		for _, cand := range set.certs {
			if cand == nil || cand == c || !bytes.Equal(cand.RawSubject, c.RawIssuer) {
				continue
			}
			if cand.CheckSignature(c.SignatureAlgorithm, c.RawTBSCertificate, c.Signature) == nil {
				return cand, set.src
			}
		}
	}
	return nil, ""
}

func isSelfSigned(c *x509.Certificate) bool {
	return bytes.Equal(c.RawSubject, c.RawIssuer) && c.CheckSignature(c.SignatureAlgorithm, c.RawTBSCertificate, c.Signature) == nil
}

// keyOf says whether k is the private key of c: the same type (OpenSSL
// keeps RSA and RSA-PSS apart) and the same public key.
func keyOf(c *x509.Certificate, k *parsedKey) bool {
	typ, pub := certKeyType(c)
	return k.pub != nil && typ == k.info.Type && samePublicKey(pub, k.pub)
}

func samePublicKey(certPub, keyPub crypto.PublicKey) bool {
	e, ok := certPub.(interface{ Equal(crypto.PublicKey) bool })
	return ok && keyPub != nil && e.Equal(keyPub)
}

func isText(data []byte) bool {
	n := 0
	for _, c := range data {
		if c < 0x09 || (c > 0x0d && c < 0x20) {
			n++
		}
	}
	return n*20 < len(data)
}

func label(c *x509.Certificate) string {
	if c.Subject.CommonName != "" {
		return c.Subject.CommonName
	}
	return RFC2253(c.RawSubject)
}

func (a *analysis) passwordFrom() string {
	if a.in.PasswordSource == "uri" {
		return a.p.T("key.password.fromURI", "the tlsCertificateKeyFilePassword in the connection string", nil)
	}
	return a.p.T("key.password.fromOption", "the tlsCertificateKeyFilePassword option", nil)
}

func (a *analysis) cmd(t string) string {
	name := a.in.Name
	if name == "" {
		name = "client.pem"
	}
	return strings.ReplaceAll(t, "{file}", shell.Quote(name))
}

func sortedCopy(v []string) []string {
	out := append([]string(nil), v...)
	sort.Strings(out)
	return out
}

// jsonString quotes s for a mongosh command.
func jsonString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
