// Package decode sniffs one supplied file and says what is in it: the
// certificates, private keys, CRLs and OCSP responses it holds, where each one
// is, and, for anything unreadable, where and why. It does not interpret
// trust; the analyses that do take its Result.
//
// It reads what people actually paste: PEM blocks anywhere inside other text
// (openssl s_client transcripts, ticket comments, e-mail quoting, CRLF line
// ends, indentation), DER, bare base64, PKCS#7 bundles (PEM or DER), UTF-8
// with a BOM and UTF-16. It recognises, names and explains formats it does
// not read (PKCS#12, Java keystores, CSRs, SSH and PuTTY keys).
//
// All work is bounded by Limits and by the fixed structure of the hand-written
// parsers (no recursion into attacker-controlled nesting). Private key bytes
// are kept in Keys for the key analysis but never copied into a message.
package decode

import (
	"bytes"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"fmt"
	"sort"
	"strings"

	"certinspect/core/i18n"
	"certinspect/core/report"
	"certinspect/core/shell"
)

// Limits bound the work spent on one file. A zero field takes its default.
type Limits struct {
	// MaxFileBytes is the largest file read at all.
	MaxFileBytes int
	// MaxPEMBlocks bounds the PEM blocks (and concatenated DER objects) read.
	MaxPEMBlocks int
	// MaxCertificates bounds the certificates read, duplicates included.
	MaxCertificates int
}

// DefaultLimits returns the documented limits: 64 MiB per file, 10,000 PEM
// blocks, 10,000 certificates.
func DefaultLimits() Limits {
	return Limits{MaxFileBytes: 64 << 20, MaxPEMBlocks: 10000, MaxCertificates: 10000}
}

func (l Limits) withDefaults() Limits {
	d := DefaultLimits()
	if l.MaxFileBytes <= 0 {
		l.MaxFileBytes = d.MaxFileBytes
	}
	if l.MaxPEMBlocks <= 0 {
		l.MaxPEMBlocks = d.MaxPEMBlocks
	}
	if l.MaxCertificates <= 0 {
		l.MaxCertificates = d.MaxCertificates
	}
	return l
}

// Limit names, as reported in report.LimitHit.Limit.
const (
	LimitFileBytes    = "maxFileBytes"
	LimitPEMBlocks    = "maxPEMBlocks"
	LimitCertificates = "maxCertificates"
)

// Cert is one certificate found in the file.
type Cert struct {
	Cert *x509.Certificate
	// Raw is the certificate's DER (the same bytes as Cert.Raw).
	Raw []byte
	// Location says where it was: "block 2 (CERTIFICATE) at line 31".
	Location string
	// PEMType is the PEM type it came from ("" for DER and bare base64).
	PEMType string
}

// Block is a raw object handed to another analysis (keys, CRLs, OCSP).
type Block struct {
	// Type is the PEM type, or for DER and base64 the PEM type the object
	// would have: "PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY",
	// "ENCRYPTED PRIVATE KEY", "DSA PRIVATE KEY", "X509 CRL", "OCSP RESPONSE".
	Type string
	// Headers are PEM headers (Proc-Type, DEK-Info), nil when there are none.
	Headers map[string]string
	// Bytes is the DER (for a legacy encrypted PEM key: the encrypted bytes).
	Bytes    []byte
	Location string
}

// Result is what one file holds.
type Result struct {
	// Format is the container: "pem", "der", "base64", "pkcs7", "s_client",
	// "text", "empty", "binary".
	Format string
	// Certs lists every distinct certificate, in file order.
	Certs []Cert
	// Keys are private keys as raw blocks.
	Keys []Block
	// CRLs are certificate revocation lists as raw DER.
	CRLs []Block
	// OCSP are OCSP responses as raw DER.
	OCSP []Block
	// Items lists each thing found, in file order (duplicates included).
	Items []report.Item
	// Errors are unreadable things: where and why.
	Errors []report.Issue
	// Unsupported are recognised formats that are not read, with advice.
	Unsupported []report.Issue
	// Warnings are things read leniently that OpenSSL (and so PyMongo) would
	// not read from the file as it is: quoted or indented PEM, a missing END
	// line. They matter when the file is used as tlsCAFile or
	// tlsCertificateKeyFile.
	Warnings []report.Issue
	// Unreadable lists the certificates Go's parser refused (each also in
	// Errors), with their subject when the DER still shows it: a chain that
	// lacks an issuer may be lacking exactly one of these.
	Unreadable []Unreadable
	// Summary is a short description: "3 certificates, 1 private key".
	Summary string
	// Limits lists the limits this file reached.
	Limits []report.LimitHit
	// IsText is true when the file is text (a pasted error message, say).
	IsText bool
	// Duplicates counts certificates that appeared more than once.
	Duplicates int
	// CleanPEM is true when the file is nothing but PEM blocks as OpenSSL
	// writes them: standard armour at the start of a line, base64 lines of
	// a multiple of four characters, RFC 1421 headers followed by a blank
	// line, "\n" or "\r\n" line ends, and only blank lines around the
	// blocks. Such a file is read without the lenient reader's line index
	// and text scans (see fastpem.go).
	CleanPEM bool
}

// Decode sniffs one file and returns what is in it. It never panics and its
// work is bounded by lim (zero fields take DefaultLimits) and by the size of
// data. p renders the messages (nil means English).
func Decode(name string, data []byte, lim Limits, p *i18n.Printer) (res *Result) {
	if p == nil {
		p = i18n.English
	}
	d := newDecoder(name, lim.withDefaults(), p)
	defer func() {
		if r := recover(); r != nil {
			// A bug, not the input's fault; say so instead of taking the
			// whole report down.
			d.res.Errors = append(d.res.Errors, report.Issue{
				Location: p.T("decode.loc.wholeFile", "whole file", nil),
				Message:  p.T("decode.err.internal", "internal error while reading this file: {reason}", i18n.Args{"reason": fmt.Sprint(r)}),
			})
			d.finish()
			res = d.res
		}
	}()
	d.run(data)
	d.finish()
	return d.res
}

// decodeNoRecover is Decode without the safety net, for the fuzz target.
func decodeNoRecover(name string, data []byte, lim Limits) *Result {
	d := newDecoder(name, lim.withDefaults(), i18n.English)
	d.run(data)
	d.finish()
	return d.res
}

// positioned keeps the file offset of each finding so that the lists can be
// put in file order at the end.
type posItem struct {
	pos  int
	item report.Item
}
type posIssue struct {
	pos   int
	issue report.Issue
}

type decoder struct {
	name string
	lim  Limits
	p    *i18n.Printer
	res  *Result

	items       []posItem
	errors      []posIssue
	unsupported []posIssue
	warnings    []posIssue

	seen       map[[32]byte]bool
	certCount  int // certificate objects read, duplicates included
	objects    int // PEM blocks and DER objects read
	limitCerts bool
	limitObjs  bool
	pemPKCS7   int // PEM blocks that held a PKCS#7 bundle

	// nested is true while decoding base64-encoded PEM found inside the file
	// (no further nesting is allowed).
	nested    bool
	locPrefix string
	// posBase is added to positions while nested.
	posBase int
	// lenientOnly turns the fast path off (tests compare the two readers).
	lenientOnly bool
}

func newDecoder(name string, lim Limits, p *i18n.Printer) *decoder {
	return &decoder{
		name: name, lim: lim, p: p,
		res:  &Result{Items: []report.Item{}},
		seen: map[[32]byte]bool{},
	}
}

func (d *decoder) addItem(pos int, it report.Item) {
	d.items = append(d.items, posItem{d.posBase + pos, it})
}

func (d *decoder) addError(pos int, loc, msg, advice, cmd string) {
	d.errors = append(d.errors, posIssue{d.posBase + pos, report.Issue{Location: loc, Message: msg, Advice: advice, Command: cmd}})
}

func (d *decoder) addUnsupported(pos int, loc, msg, advice, cmd string) {
	d.unsupported = append(d.unsupported, posIssue{d.posBase + pos, report.Issue{Location: loc, Message: msg, Advice: advice, Command: cmd}})
}

func (d *decoder) addWarning(pos int, loc, msg, advice string) {
	d.warnings = append(d.warnings, posIssue{d.posBase + pos, report.Issue{Location: loc, Message: msg, Advice: advice}})
}

func (d *decoder) loc(s string) string { return d.locPrefix + s }

func (d *decoder) wholeFile() string {
	return d.loc(d.p.T("decode.loc.wholeFile", "whole file", nil))
}

// fileArg is the file name as it goes into a shell command.
func (d *decoder) fileArg() string { return shellQuote(d.name) }

// outName is the file name with its extension replaced by ext (".pem").
func outName(name, ext string) string {
	if name == "" {
		name = "FILE"
	}
	base := name[strings.LastIndexAny(name, "/\\")+1:]
	if i := strings.LastIndexByte(base, '.'); i > 0 {
		name = name[:len(name)-len(base)+i]
	}
	if name+ext == base {
		name += ".converted"
	}
	return shellQuote(name + ext)
}

// shellQuote quotes a file name for a command, FILE standing in for none.
func shellQuote(s string) string {
	if s == "" {
		return "FILE"
	}
	return shell.Quote(s)
}

// run decodes the whole file.
func (d *decoder) run(data []byte) {
	p := d.p
	if len(data) > d.lim.MaxFileBytes {
		d.res.Limits = append(d.res.Limits, report.LimitHit{
			Limit: LimitFileBytes, Max: int64(d.lim.MaxFileBytes), Input: d.name,
			Detail: p.T("decode.limit.fileBytes", "The file is {size} bytes, more than the limit of {max} bytes; it was not read.",
				i18n.Args{"size": len(data), "max": d.lim.MaxFileBytes}),
		})
		d.addError(0, d.wholeFile(),
			p.T("decode.err.tooLarge", "the file is {size} bytes, more than the limit of {max} bytes; it was not read", i18n.Args{"size": len(data), "max": d.lim.MaxFileBytes}),
			p.T("decode.advice.tooLarge", "Certificate, key and CA files are small. Check that this is the right file; for a large CRL, supply only the CRL of the issuing CA.", nil), "")
		head := data[:min(len(data), 4096)]
		if looksText(head) {
			d.res.Format, d.res.IsText = "text", true
		} else {
			d.res.Format = "binary"
		}
		return
	}

	text, enc := normalizeText(data)
	if len(bytes.Trim(text, " \t\r\n\f\v\x00")) == 0 {
		d.res.Format = "empty"
		if len(data) == 0 {
			d.addError(0, d.wholeFile(), p.T("decode.err.empty", "the file is empty", nil),
				p.T("decode.advice.empty", "Ask the customer to send the file again: an empty file often means it was copied before it was written, or the wrong path was attached.", nil), "")
		} else {
			d.addError(0, d.wholeFile(), p.T("decode.err.blank", "the file is empty: it holds only {size} bytes of white space or NUL bytes", i18n.Args{"size": len(data)}),
				p.T("decode.advice.empty", "Ask the customer to send the file again: an empty file often means it was copied before it was written, or the wrong path was attached.", nil), "")
		}
		return
	}
	if enc != "" {
		d.addWarning(0, d.wholeFile(),
			p.T("decode.warn.encoding", "the file is {encoding} text; it was converted to read it", i18n.Args{"encoding": enc}),
			p.T("decode.advice.encoding", "OpenSSL reads PEM files only as ASCII/UTF-8. Save the file as UTF-8 without a byte order mark (in PowerShell: Get-Content in.pem | Set-Content -Encoding ascii out.pem).", nil))
	}
	if d.fastPEM(text) {
		return
	}
	d.res.IsText = looksText(text)
	if !d.res.IsText {
		// Text padded with NUL bytes (some Windows tools) is still text.
		if t := bytes.TrimRight(text, "\x00"); looksText(t) {
			text, d.res.IsText = t, true
		}
	}

	if !d.res.IsText || len(text) > 1 && text[0] == tagSequence && text[1] >= 0x80 && text[1] <= 0x84 {
		// '0' followed by a DER length octet is DER, not Latin-1 text.
		if d.res.IsText && d.derFile(text) {
			d.res.IsText = false
			return
		}
		if d.magic(text) {
			return
		}
		if d.derFile(text) {
			return
		}
	}
	found := d.scanPEM(text)
	if d.res.IsText {
		d.scanTextFormats(text)
	}
	if found > 0 {
		switch {
		case isSClient(text):
			d.res.Format = "s_client"
		case found == d.pemPKCS7:
			d.res.Format = "pkcs7"
		default:
			d.res.Format = "pem"
		}
		return
	}
	if d.res.IsText && d.bareBase64(text) {
		if d.res.Format == "" {
			d.res.Format = "base64"
		}
		return
	}
	if d.res.IsText {
		d.res.Format = "text"
		if len(d.unsupported) == 0 && len(d.errors) == 0 {
			d.addError(0, d.wholeFile(),
				p.T("decode.err.textNothing", "no certificate, private key, CRL or OCSP response found in this text", nil),
				p.T("decode.advice.textNothing", "A PEM certificate starts with the line -----BEGIN CERTIFICATE-----. If this is an error message, paste it as the error text instead.", nil), "")
		}
		return
	}
	d.res.Format = "binary"
	if len(d.unsupported) == 0 && len(d.errors) == 0 {
		d.addError(0, d.wholeFile(),
			p.T("decode.err.binary", "binary data ({size} bytes) that is neither PEM text nor a DER certificate, key, CRL, OCSP response or PKCS#7 bundle", i18n.Args{"size": len(data)}),
			p.T("decode.advice.binary", "Check that this is the right file. To see what OpenSSL makes of it, run:", nil),
			"openssl asn1parse -inform DER -in "+d.fileArg())
	}
}

// isSClient reports whether text is an openssl s_client transcript.
func isSClient(text []byte) bool {
	for _, m := range []string{"CONNECTED(", "SSL handshake has read", "Certificate chain\n", "Certificate chain\r\n", "Server certificate\n", "Server certificate\r\n", "Verify return code:"} {
		if bytes.Contains(text, []byte(m)) {
			return true
		}
	}
	return false
}

// addCert parses one DER certificate and records it.
func (d *decoder) addCert(pos int, der []byte, loc, pemType string) {
	if !d.takeCert(pos, loc) {
		return
	}
	p := d.p
	c, err := x509.ParseCertificate(der)
	if err != nil {
		d.res.Unreadable = append(d.res.Unreadable, Unreadable{Location: loc, Reason: err.Error(), Subject: rawSubject(der), DER: append([]byte(nil), der...), Index: d.certCount - 1})
		d.addError(pos, loc,
			p.T("decode.err.certParse", "not a readable certificate: {reason}", i18n.Args{"reason": err.Error()}),
			p.T("decode.advice.certParse", "The certificate breaks the encoding rules (RFC 5280), so it cannot be analysed here; OpenSSL may still read it. Ask for a certificate that follows RFC 5280. To see it with OpenSSL:", nil),
			"openssl x509 -noout -text -in "+d.fileArg())
		return
	}
	fp := sha256.Sum256(der)
	d.addItem(pos, report.Item{Kind: "certificate", Location: loc, PEMType: pemType, Ref: hex.EncodeToString(fp[:])})
	if d.seen[fp] {
		d.res.Duplicates++
		return
	}
	d.seen[fp] = true
	d.res.Certs = append(d.res.Certs, Cert{Cert: c, Raw: c.Raw, Location: loc, PEMType: pemType})
}

// takeCert counts one certificate against the limit.
func (d *decoder) takeCert(pos int, loc string) bool {
	if d.certCount >= d.lim.MaxCertificates {
		if !d.limitCerts {
			d.limitCerts = true
			d.res.Limits = append(d.res.Limits, report.LimitHit{
				Limit: LimitCertificates, Max: int64(d.lim.MaxCertificates), Input: d.name,
				Detail: d.p.T("decode.limit.certificates", "Only the first {max} certificates were read; the rest, from {location} on, were not.",
					i18n.Args{"max": d.lim.MaxCertificates, "location": loc}),
			})
		}
		return false
	}
	d.certCount++
	return true
}

// takeObject counts one PEM block or DER object against the limit.
func (d *decoder) takeObject(loc string) bool {
	if d.objects >= d.lim.MaxPEMBlocks {
		if !d.limitObjs {
			d.limitObjs = true
			d.res.Limits = append(d.res.Limits, report.LimitHit{
				Limit: LimitPEMBlocks, Max: int64(d.lim.MaxPEMBlocks), Input: d.name,
				Detail: d.p.T("decode.limit.pemBlocks", "Only the first {max} PEM blocks were read; the rest, from {location} on, were not.",
					i18n.Args{"max": d.lim.MaxPEMBlocks, "location": loc}),
			})
		}
		return false
	}
	d.objects++
	return true
}

// addBlock records a key, CRL or OCSP response.
func (d *decoder) addBlock(pos int, k string, b Block, itemKind string) {
	// No Ref for CRLs and OCSP responses: nothing refers to them by hash, and
	// hashing a 40 MB CRL costs a fifth of its whole inspection in wasm. For
	// keys a hash would still be derived from key material.
	it := report.Item{Kind: itemKind, Location: b.Location, PEMType: b.Type}
	switch k {
	case "crl":
		d.res.CRLs = append(d.res.CRLs, b)
	case "ocsp":
		d.res.OCSP = append(d.res.OCSP, b)
	case "key":
		d.res.Keys = append(d.res.Keys, b)
	}
	d.addItem(pos, it)
}

// finish sorts the findings into file order and writes the summary.
func (d *decoder) finish() {
	sort.SliceStable(d.items, func(i, j int) bool { return d.items[i].pos < d.items[j].pos })
	for _, l := range []*[]posIssue{&d.errors, &d.unsupported, &d.warnings} {
		s := *l
		sort.SliceStable(s, func(i, j int) bool { return s[i].pos < s[j].pos })
	}
	d.res.Items = d.res.Items[:0]
	for _, it := range d.items {
		d.res.Items = append(d.res.Items, it.item)
	}
	d.res.Errors = issues(d.errors)
	d.res.Unsupported = issues(d.unsupported)
	d.res.Warnings = issues(d.warnings)
	if d.res.Format == "" {
		d.res.Format = "binary"
	}
	d.res.Summary = Summarize(d.res, d.p)
}

func issues(s []posIssue) []report.Issue {
	if len(s) == 0 {
		return nil
	}
	out := make([]report.Issue, len(s))
	for i, x := range s {
		out[i] = x.issue
	}
	return out
}

// Summarize writes "3 certificates, 1 private key" for res (again, when a
// caller has changed it).
func Summarize(res *Result, p *i18n.Printer) string {
	counts := map[string]int{}
	for _, it := range res.Items {
		counts[it.Kind]++
	}
	var parts []string
	add := func(n int, one, many string) {
		switch {
		case n == 1:
			parts = append(parts, one)
		case n > 1:
			parts = append(parts, many)
		}
	}
	n := len(res.Certs)
	add(n, p.T("decode.summary.certificate.one", "1 certificate", nil),
		p.T("decode.summary.certificate.other", "{n} certificates", i18n.Args{"n": n}))
	n = res.Duplicates
	add(n, p.T("decode.summary.duplicate.one", "1 duplicate certificate", nil),
		p.T("decode.summary.duplicate.other", "{n} duplicate certificates", i18n.Args{"n": n}))
	n = counts["privateKey"]
	add(n, p.T("decode.summary.privateKey.one", "1 private key", nil),
		p.T("decode.summary.privateKey.other", "{n} private keys", i18n.Args{"n": n}))
	n = counts["encryptedPrivateKey"]
	add(n, p.T("decode.summary.encryptedPrivateKey.one", "1 encrypted private key", nil),
		p.T("decode.summary.encryptedPrivateKey.other", "{n} encrypted private keys", i18n.Args{"n": n}))
	n = counts["crl"]
	add(n, p.T("decode.summary.crl.one", "1 CRL", nil),
		p.T("decode.summary.crl.other", "{n} CRLs", i18n.Args{"n": n}))
	n = counts["ocspResponse"]
	add(n, p.T("decode.summary.ocspResponse.one", "1 OCSP response", nil),
		p.T("decode.summary.ocspResponse.other", "{n} OCSP responses", i18n.Args{"n": n}))
	n = counts["publicKey"]
	add(n, p.T("decode.summary.publicKey.one", "1 public key", nil),
		p.T("decode.summary.publicKey.other", "{n} public keys", i18n.Args{"n": n}))
	n = counts["csr"]
	add(n, p.T("decode.summary.csr.one", "1 certificate signing request", nil),
		p.T("decode.summary.csr.other", "{n} certificate signing requests", i18n.Args{"n": n}))
	n = len(res.Unsupported) - counts["csr"]
	add(n, p.T("decode.summary.unsupported.one", "1 item in a format not read", nil),
		p.T("decode.summary.unsupported.other", "{n} items in formats not read", i18n.Args{"n": n}))
	n = len(res.Errors)
	add(n, p.T("decode.summary.error.one", "1 unreadable item", nil),
		p.T("decode.summary.error.other", "{n} unreadable items", i18n.Args{"n": n}))
	if len(parts) == 0 {
		if res.Format == "empty" {
			return p.T("decode.summary.empty", "empty", nil)
		}
		return p.T("decode.summary.nothing", "nothing recognised", nil)
	}
	return strings.Join(parts, p.T("decode.summary.separator", ", ", nil))
}
