package decode

import (
	"bytes"
	"encoding/base64"
	"strings"

	"certinspect/core/i18n"
)

// The PEM reader here is more lenient than encoding/pem: BEGIN lines may sit
// anywhere on a line (after "> " quoting, indentation or other text), lines
// may end in CRLF and trailing spaces, and the base64 may be split by any
// white space. What it had to forgive is recorded as a warning, because
// OpenSSL would not forgive it when the file is loaded by PyMongo.

var (
	beginMarker = []byte("-----BEGIN ")
	endMarker   = []byte("-----END ")
	dashes      = []byte("-----")
)

// finder returns the next occurrence of a pattern at or after a position,
// caching the last answer so that a scan over the whole text is linear even
// when many BEGIN lines have no END line.
type finder struct {
	text []byte
	pat  []byte
	next int // cached occurrence; -1: none left; -2: unknown
}

func newFinder(text, pat []byte) *finder { return &finder{text: text, pat: pat, next: -2} }

func (f *finder) from(pos int) int {
	if f.next == -1 {
		return -1
	}
	if f.next >= pos {
		return f.next
	}
	if pos > len(f.text) {
		f.next = -1
		return -1
	}
	i := bytes.Index(f.text[pos:], f.pat)
	if i < 0 {
		f.next = -1
	} else {
		f.next = pos + i
	}
	return f.next
}

// lineCounter turns byte offsets into 1-based line numbers; queries that move
// forward cost only the distance moved.
type lineCounter struct {
	text       []byte
	pos, lines int
}

func (c *lineCounter) at(pos int) int {
	if pos >= c.pos {
		c.lines += countLines(c.text[c.pos:pos])
	} else {
		c.lines -= countLines(c.text[pos:c.pos])
	}
	c.pos = pos
	return c.lines + 1
}

// countLines counts line ends: "\n", "\r\n" and a lone "\r".
func countLines(b []byte) int {
	n := bytes.Count(b, []byte{'\n'})
	if bytes.IndexByte(b, '\r') >= 0 {
		n += bytes.Count(b, []byte{'\r'}) - bytes.Count(b, []byte("\r\n"))
	}
	return n
}

// window returns the rest of the line from pos, but at most 96 bytes: enough
// for a PEM type (at most 64 bytes) and its dashes. Bounding it keeps the scan
// linear on a file that is one long line of BEGIN markers.
func window(text []byte, pos int) []byte {
	w := text[pos:min(len(text), pos+96)]
	if i := bytes.IndexAny(w, "\r\n"); i >= 0 {
		w = w[:i]
	}
	return w
}

// lineStart returns the start of the line holding pos, looking back at most
// 256 bytes (a longer prefix is reported from there: it is text either way).
func lineStart(text []byte, pos int) int {
	lo := max(0, pos-256)
	return lo + bytes.LastIndexAny(text[lo:pos], "\r\n") + 1
}

// validPEMType accepts the type names that appear in real PEM: upper-case
// words, digits, spaces and a few punctuation marks.
func validPEMType(t []byte) bool {
	if len(t) == 0 || len(t) > 64 {
		return false
	}
	for _, c := range t {
		if !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == ' ' || c == '#' || c == '.' || c == '-' || c == '_' || c == '/') {
			return false
		}
	}
	return true
}

// pemBlock is one PEM block as found.
type pemBlock struct {
	typ     string
	headers map[string]string
	b64     []byte
	// lines maps offsets in b64 to line numbers: lines[i] = {offset, line}.
	lines [][2]int
	// predecoded: the fast path (fastpem.go) has already decoded the base64
	// into der; b64 and lines are empty.
	predecoded bool
	der        []byte
	num        int // block number, 1-based
	line       int // line of the BEGIN marker
	pos        int // byte offset of the BEGIN marker

	badLine, badCol int
	badChar         byte

	noEnd         bool
	nextBeginLine int // when noEnd: the line of the next BEGIN (0: end of file)
	endType       string
	badEndLine    bool

	quoted   bool // "> " markers were removed
	escaped  bool // "\n" escapes (JSON/YAML strings) were read as line breaks
	inline   bool // text before BEGIN on its line, or END not on its own line
	indented bool
}

// scanPEM finds and reads every PEM block of text and returns how many it found.
func (d *decoder) scanPEM(text []byte) int {
	begins := newFinder(text, beginMarker)
	ends := newFinder(text, endMarker)
	lc := &lineCounter{text: text}
	pos, n := 0, 0
	for {
		s := begins.from(pos)
		if s < 0 {
			break
		}
		hdr := window(text, s+len(beginMarker))
		j := bytes.Index(hdr, dashes)
		if j < 0 || !validPEMType(bytes.TrimSpace(hdr[:j])) {
			pos = s + len(beginMarker)
			continue
		}
		typ := string(bytes.TrimSpace(hdr[:j]))
		line := lc.at(s)
		loc := d.loc(d.blockLoc(n+1, typ, line))
		if !d.takeObject(loc) {
			break
		}
		n++
		b := &pemBlock{typ: typ, num: n, line: line, pos: s}
		if prefix := text[lineStart(text, s):s]; len(prefix) > 0 {
			// lineStart looks back a bounded distance; a longer prefix is text.
			t, q := unquote(prefix)
			switch {
			case q:
				b.quoted = true
			case len(t) > 0:
				b.inline = true
			default:
				b.indented = true
			}
		}
		bodyStart := s + len(beginMarker) + j + len(dashes)
		e := ends.from(bodyStart)
		nb := begins.from(bodyStart)
		var bodyEnd, next int
		if e < 0 || (nb >= 0 && nb < e) {
			b.noEnd = true
			if nb >= 0 {
				bodyEnd, next = nb, nb
				b.nextBeginLine = lc.at(nb)
			} else {
				bodyEnd, next = len(text), len(text)
			}
		} else {
			bodyEnd = e
			et := window(text, e+len(endMarker))
			k := bytes.Index(et, dashes)
			if k < 0 {
				b.badEndLine = true
				next = e + len(endMarker) + len(et)
			} else {
				b.endType = string(bytes.TrimSpace(et[:k]))
				next = e + len(endMarker) + k + len(dashes)
				if len(bytes.TrimSpace(window(text, next))) > 0 {
					b.inline = true
				}
			}
			if t, _ := unquote(text[lineStart(text, e):e]); len(t) > 0 {
				b.inline = true
			}
		}
		d.readBody(b, text[bodyStart:bodyEnd], lc.at(bodyStart))
		d.pemObject(b)
		pos = next
	}
	return n
}

func (d *decoder) blockLoc(n int, typ string, line int) string {
	return d.p.T("decode.loc.block", "block {n} ({type}) at line {line}", i18n.Args{"n": n, "type": typ, "line": line})
}

// readBody collects the headers and base64 of a block body that starts on
// line first.
func (d *decoder) readBody(b *pemBlock, body []byte, first int) {
	forEachLine(body, func(raw []byte, num, _ int) {
		line := first + num - 1
		l, q := unquote(raw)
		if q {
			b.quoted = true
		} else if len(raw) > 0 && (raw[0] == ' ' || raw[0] == '\t') && num > 1 {
			b.indented = true
		}
		if len(l) == 0 {
			return
		}
		if len(b.b64) == 0 && b.badLine == 0 {
			if k, v, ok := bytes.Cut(l, []byte{':'}); ok {
				if b.headers == nil {
					b.headers = map[string]string{}
				}
				if len(b.headers) < 16 {
					b.headers[string(bytes.TrimSpace(k))] = truncateString(string(bytes.TrimSpace(v)), 256)
				}
				return
			}
		}
		b.lines = append(b.lines, [2]int{len(b.b64), line})
		col := len(raw) - len(bytes.TrimLeft(raw, " \t>"))
		for i := 0; i < len(l); i++ {
			c := l[i]
			switch {
			case isB64(c):
				b.b64 = append(b.b64, c)
			case c == ' ' || c == '\t':
			case c == '\\' && i+1 < len(l) && strings.IndexByte("nrt/", l[i+1]) >= 0:
				// A PEM pasted from a JSON or YAML string: "\n" for line
				// breaks, "\/" for "/".
				b.escaped = true
				if l[i+1] == '/' {
					b.b64 = append(b.b64, '/')
				}
				i++
			default:
				if b.badLine == 0 {
					b.badLine, b.badCol, b.badChar = line, col+i+1, c
				}
			}
		}
	})
}

func truncateString(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

// lineOf maps an offset into b.b64 to its line.
func (b *pemBlock) lineOf(off int) int {
	line := b.line
	for _, l := range b.lines {
		if l[0] > off {
			break
		}
		line = l[1]
	}
	return line
}

// pemObject decodes one block and hands its content on.
func (d *decoder) pemObject(b *pemBlock) {
	p := d.p
	loc := d.loc(d.blockLoc(b.num, b.typ, b.line))
	typ := strings.ToUpper(b.typ)

	// What had to be forgiven: OpenSSL would not read the block as it is.
	switch {
	case b.quoted:
		d.addWarning(b.pos, loc, p.T("decode.warn.quoted", "the block is quoted with '> ' markers, as in a mail reply; it was read without them", nil),
			p.T("decode.advice.quoted", "OpenSSL, and so PyMongo, will not read this block from the file as it is. Remove the '> ' markers at the start of each line.", nil))
	case b.escaped:
		d.addWarning(b.pos, loc, p.T("decode.warn.escaped", "the block is an escaped string (a backslash and n for each line break, as in JSON); it was read as if unescaped", nil),
			p.T("decode.advice.escaped", "OpenSSL, and so PyMongo, will not read the block as it is. Write the string out with real line breaks (for JSON: jq -r '.field' file.json > cert.pem).", nil))
	case b.inline:
		d.addWarning(b.pos, loc, p.T("decode.warn.inline", "the BEGIN or END line does not stand on a line of its own", nil),
			p.T("decode.advice.inline", "OpenSSL, and so PyMongo, will not read this block from the file as it is. Put -----BEGIN …----- and -----END …----- on lines of their own, with nothing before them.", nil))
	case b.indented:
		d.addWarning(b.pos, loc, p.T("decode.warn.indented", "the block is indented", nil),
			p.T("decode.advice.indented", "OpenSSL, and so PyMongo, will not read an indented BEGIN line. Remove the spaces at the start of the lines.", nil))
	}

	if b.noEnd {
		where := p.T("decode.err.noEnd.eof", "the file ends first", nil)
		if b.nextBeginLine > 0 {
			where = p.T("decode.err.noEnd.next", "the next block begins at line {line} first", i18n.Args{"line": b.nextBeginLine})
		}
		d.addError(b.pos, loc,
			p.T("decode.err.noEnd", "no -----END {type}----- line: {where}; the block is cut off", i18n.Args{"type": b.typ, "where": where}),
			p.T("decode.advice.cutOff", "The file was cut off, probably when it was copied or pasted. Ask the customer for the complete file, attached rather than pasted.", nil), "")
		return
	}
	if b.badEndLine {
		d.addError(b.pos, loc, p.T("decode.err.badEnd", "the END line is broken: it should read -----END {type}-----", i18n.Args{"type": b.typ}),
			p.T("decode.advice.cutOff", "The file was cut off, probably when it was copied or pasted. Ask the customer for the complete file, attached rather than pasted.", nil), "")
		return
	}
	if b.endType != b.typ {
		d.addError(b.pos, loc, p.T("decode.err.endMismatch", "the END line names {endType} but the BEGIN line names {type}", i18n.Args{"endType": b.endType, "type": b.typ}),
			p.T("decode.advice.endMismatch", "Two blocks may have been run together, or one was cut off. Ask the customer for the complete file.", nil), "")
		return
	}

	if b.badLine > 0 {
		ch := "0x" + hexByte(b.badChar)
		if b.badChar > 0x20 && b.badChar < 0x7f {
			ch = "'" + string(rune(b.badChar)) + "'"
		}
		d.addError(b.pos, loc,
			p.T("decode.err.badBase64Char", "bad base64 at line {line}, column {col}: {char} is not a base64 character", i18n.Args{"line": b.badLine, "col": b.badCol, "char": ch}),
			p.T("decode.advice.badBase64", "The block was changed in transit (by a mail program, a word processor or a ticket system). Ask the customer to attach the original file.", nil), "")
		return
	}

	// Encrypted legacy PEM keys hold encrypted bytes, not DER.
	if strings.Contains(b.headers["Proc-Type"], "ENCRYPTED") && strings.HasSuffix(typ, "PRIVATE KEY") {
		data, ok := d.b64Decode(b, loc)
		if !ok {
			return
		}
		d.addBlock(b.pos, "key", Block{Type: b.typ, Headers: b.headers, Bytes: data, Location: loc}, "encryptedPrivateKey")
		return
	}

	switch typ {
	case "OPENSSH PRIVATE KEY":
		data, _ := d.b64Decode(b, loc)
		d.addItem(b.pos, itemOf("sshPrivateKey", loc))
		d.opensshPrivate(b.pos, loc, data)
		return
	case "CERTIFICATE REQUEST", "NEW CERTIFICATE REQUEST":
		d.addItem(b.pos, itemWithType("csr", loc, b.typ))
		d.csrUnsupported(b.pos, loc, false)
		return
	case "SSH2 PUBLIC KEY":
		d.addItem(b.pos, itemOf("sshPublicKey", loc))
		d.addUnsupported(b.pos, loc,
			p.T("decode.unsupported.ssh2Public", "an SSH public key (RFC 4716 format), not an X.509 certificate", nil),
			p.T("decode.advice.sshPublic", "SSH keys are not used for TLS: MongoDB TLS needs X.509 certificates in PEM. ssh-keygen can turn an RSA or ECDSA SSH public key into a PEM public key, which is still not a certificate:", nil),
			"ssh-keygen -i -f "+d.fileArg()+" > key.pub && ssh-keygen -e -m PKCS8 -f key.pub")
		return
	}
	if strings.HasPrefix(typ, "PGP ") {
		d.addItem(b.pos, itemWithType("pgp", loc, b.typ))
		d.addUnsupported(b.pos, loc,
			p.T("decode.unsupported.pgp", "an OpenPGP block ({type}), not an X.509 certificate", i18n.Args{"type": b.typ}),
			p.T("decode.advice.pgp", "PGP keys are not used for TLS: MongoDB TLS needs X.509 certificates and keys in PEM. Ask for the TLS certificate files.", nil), "")
		return
	}

	var want kind
	switch typ {
	case "CERTIFICATE", "X509 CERTIFICATE", "TRUSTED CERTIFICATE":
		want = kindCertificate
	case "PKCS7", "PKCS #7 SIGNED DATA", "CMS":
		want = kindPKCS7
	case "X509 CRL":
		want = kindCRL
	case "OCSP RESPONSE":
		want = kindOCSPResponse
	case "PRIVATE KEY":
		want = kindPKCS8
	case "ENCRYPTED PRIVATE KEY":
		want = kindEncryptedKey
	case "RSA PRIVATE KEY":
		want = kindPKCS1
	case "DSA PRIVATE KEY":
		want = kindDSAKey
	case "EC PRIVATE KEY":
		want = kindSEC1
	case "PUBLIC KEY", "RSA PUBLIC KEY":
		data, ok := d.b64Decode(b, loc)
		if ok && d.frame(b.pos, data, loc, kindPublicKey) != nil {
			d.addItem(b.pos, itemWithType("publicKey", loc, b.typ))
		}
		return
	case "EC PARAMETERS", "DH PARAMETERS", "X9.42 DH PARAMETERS", "DSA PARAMETERS":
		d.addItem(b.pos, itemWithType("parameters", loc, b.typ))
		return
	default:
		d.addItem(b.pos, itemWithType("other", loc, b.typ))
		d.addUnsupported(b.pos, loc,
			p.T("decode.unsupported.pemType", "a PEM block of type {type}, which certinspect does not read", i18n.Args{"type": b.typ}),
			p.T("decode.advice.pemType", "PyMongo reads certificates (CERTIFICATE), private keys (PRIVATE KEY, RSA/EC PRIVATE KEY, ENCRYPTED PRIVATE KEY) and CRLs (X509 CRL) from PEM files.", nil), "")
		return
	}

	data, ok := d.b64Decode(b, loc)
	if !ok {
		return
	}
	if typ == "TRUSTED CERTIFICATE" {
		// OpenSSL appends its trust settings after the certificate.
		if e, prob := readElem(data); prob == hdrOK && e.full {
			data = data[:e.total()]
		}
	}
	obj := d.frame(b.pos, data, loc, want)
	if obj == nil {
		return
	}
	got, p7name := sniff(obj)
	switch {
	case want == kindCertificate && got == kindPKCS7:
		// Some tools write a PKCS#7 bundle under a CERTIFICATE header.
		d.pkcs7(b.pos, obj, loc, b.typ)
		return
	case got != want && got != kindUnknown:
		d.addError(b.pos, loc,
			p.T("decode.err.mismatch", "the block says {type} but holds {what}", i18n.Args{"type": b.typ, "what": d.kindName(got, p7name)}),
			p.T("decode.advice.mismatch", "OpenSSL reads a block by its BEGIN line, so it will not read this one. Ask for a file written by the tool that made the object (for example openssl x509, openssl pkey or openssl crl).", nil), "")
		return
	}
	switch want {
	case kindCertificate:
		d.addCert(b.pos, obj, loc, b.typ)
	case kindPKCS7:
		d.pkcs7(b.pos, obj, loc, b.typ)
	case kindCRL:
		d.addBlock(b.pos, "crl", Block{Type: b.typ, Headers: b.headers, Bytes: obj, Location: loc}, "crl")
	case kindOCSPResponse:
		d.addBlock(b.pos, "ocsp", Block{Type: b.typ, Headers: b.headers, Bytes: obj, Location: loc}, "ocspResponse")
	case kindEncryptedKey:
		d.addBlock(b.pos, "key", Block{Type: b.typ, Headers: b.headers, Bytes: obj, Location: loc}, "encryptedPrivateKey")
	default:
		d.addBlock(b.pos, "key", Block{Type: b.typ, Headers: b.headers, Bytes: obj, Location: loc}, "privateKey")
	}
}

func hexByte(c byte) string {
	const digits = "0123456789abcdef"
	return string([]byte{digits[c>>4], digits[c&15]})
}

// b64Decode decodes a block's base64. When the text ends in the middle of a
// four-character group (a cut-off paste), the complete groups are decoded and
// the DER check that follows says how much is missing.
func (d *decoder) b64Decode(b *pemBlock, loc string) ([]byte, bool) {
	p := d.p
	s := b.b64
	if b.predecoded {
		s = b.der
	}
	if len(s) == 0 {
		d.addError(b.pos, loc, p.T("decode.err.emptyBlock", "the block holds no data", nil),
			p.T("decode.advice.cutOff", "The file was cut off, probably when it was copied or pasted. Ask the customer for the complete file, attached rather than pasted.", nil), "")
		return nil, false
	}
	if b.predecoded {
		return b.der, true
	}
	out := make([]byte, base64.StdEncoding.DecodedLen(len(s)+3))
	n, err := base64.StdEncoding.Decode(out, s)
	if err == nil {
		return out[:n], true
	}
	off := len(s)
	if ce, ok := err.(base64.CorruptInputError); ok {
		off = int(ce)
	}
	if whole := len(s) &^ 3; off >= whole && bytes.IndexByte(s[:whole], '=') < 0 {
		// Only the last, incomplete group is bad: a cut-off block.
		if n, err := base64.StdEncoding.Decode(out, s[:whole]); err == nil {
			return out[:n], true
		}
	}
	if off > len(s) {
		off = len(s)
	}
	msg := p.T("decode.err.badBase64", "bad base64 at line {line}: the text cannot be decoded from there on", i18n.Args{"line": b.lineOf(off)})
	if i := bytes.IndexByte(s, '='); i >= 0 && i < len(s)-2 {
		msg = p.T("decode.err.base64Padding", "bad base64 at line {line}: '=' padding in the middle of the data (two blocks run together, or lines lost)", i18n.Args{"line": b.lineOf(i)})
	}
	d.addError(b.pos, loc, msg,
		p.T("decode.advice.badBase64", "The block was changed in transit (by a mail program, a word processor or a ticket system). Ask the customer to attach the original file.", nil), "")
	return nil, false
}
