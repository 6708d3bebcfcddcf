package decode

import (
	"bytes"
	"encoding/base64"
	"unicode/utf16"
	"unicode/utf8"

	"certinspect/core/i18n"
)

// normalizeText strips a UTF-8 byte order mark, decodes UTF-16 (with a BOM,
// or without one when every other byte is NUL). Trailing NUL padding is left to the caller. enc names a conversion that was made ("UTF-16LE"), or is "".
func normalizeText(data []byte) (text []byte, enc string) {
	switch {
	case bytes.HasPrefix(data, []byte{0xef, 0xbb, 0xbf}):
		data = data[3:]
	case bytes.HasPrefix(data, []byte{0xff, 0xfe}):
		return fromUTF16(data[2:], false), "UTF-16LE"
	case bytes.HasPrefix(data, []byte{0xfe, 0xff}):
		return fromUTF16(data[2:], true), "UTF-16BE"
	default:
		if le, ok := utf16Guess(data); ok {
			return fromUTF16(data, !le), map[bool]string{true: "UTF-16LE", false: "UTF-16BE"}[le]
		}
	}
	return data, ""
}

// utf16Guess looks at the first bytes for ASCII text in UTF-16 without a BOM.
func utf16Guess(b []byte) (le bool, ok bool) {
	n := min(len(b), 512) &^ 1
	if n < 8 {
		return false, false
	}
	var zeroEven, zeroOdd, asciiEven, asciiOdd int
	for i := 0; i < n; i += 2 {
		if b[i] == 0 {
			zeroEven++
		} else if b[i] < 0x80 {
			asciiEven++
		}
		if b[i+1] == 0 {
			zeroOdd++
		} else if b[i+1] < 0x80 {
			asciiOdd++
		}
	}
	pairs := n / 2
	switch {
	case zeroOdd*10 >= pairs*9 && asciiEven*10 >= pairs*9:
		return true, true
	case zeroEven*10 >= pairs*9 && asciiOdd*10 >= pairs*9:
		return false, true
	}
	return false, false
}

// fromUTF16 converts UTF-16 to UTF-8 (an odd last byte is dropped).
func fromUTF16(b []byte, bigEndian bool) []byte {
	u := make([]uint16, len(b)/2)
	for i := range u {
		if bigEndian {
			u[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
		} else {
			u[i] = uint16(b[2*i+1])<<8 | uint16(b[2*i])
		}
	}
	out := make([]byte, 0, len(u))
	var buf [4]byte
	for _, r := range utf16.Decode(u) {
		n := utf8.EncodeRune(buf[:], r)
		out = append(out, buf[:n]...)
	}
	return out
}

// looksText reports whether b is text: no NUL bytes, and control characters
// (other than white space and ESC) neither in the first 512 bytes nor more
// than one in a hundred overall. Invalid UTF-8 is allowed (Latin-1 tickets).
func looksText(b []byte) bool {
	if bytes.IndexByte(b, 0) >= 0 {
		return false
	}
	ctl := 0
	for i, c := range b {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v' && c != 0x1b {
			if i < 512 {
				return false
			}
			ctl++
		}
	}
	return ctl*100 <= len(b)
}

// magic recognises binary formats by their first bytes: Java keystores and
// files that are plainly not certificates (archives, documents, images).
func (d *decoder) magic(b []byte) bool {
	p := d.p
	loc := d.wholeFile()
	f := d.fileArg()
	switch {
	case bytes.HasPrefix(b, []byte{0xfe, 0xed, 0xfe, 0xed}):
		d.res.Format = "binary"
		d.addItem(0, itemOf("javaKeystore", loc))
		d.addUnsupported(0, loc,
			p.T("decode.unsupported.jks", "a Java keystore (JKS), which PyMongo cannot read", nil),
			p.T("decode.advice.jks", "Convert it to PKCS#12 with keytool and then to PEM with openssl (each asks for the keystore password). Use the PEM as tlsCertificateKeyFile if it holds a key, or as tlsCAFile if it is a truststore; for a truststore, keytool -list -rfc -keystore FILE also prints the CA certificates as PEM.", nil),
			"keytool -importkeystore -srckeystore "+f+" -srcstoretype JKS -destkeystore "+outName(d.name, ".p12")+" -deststoretype PKCS12 && openssl pkcs12 -in "+outName(d.name, ".p12")+" -out "+outName(d.name, ".pem"))
		return true
	case bytes.HasPrefix(b, []byte{0xce, 0xce, 0xce, 0xce}):
		d.res.Format = "binary"
		d.addItem(0, itemOf("javaKeystore", loc))
		d.addUnsupported(0, loc,
			p.T("decode.unsupported.jceks", "a Java JCEKS keystore, which PyMongo cannot read", nil),
			p.T("decode.advice.jks", "Convert it to PKCS#12 with keytool and then to PEM with openssl (each asks for the keystore password). Use the PEM as tlsCertificateKeyFile if it holds a key, or as tlsCAFile if it is a truststore; for a truststore, keytool -list -rfc -keystore FILE also prints the CA certificates as PEM.", nil),
			"keytool -importkeystore -srckeystore "+f+" -srcstoretype JCEKS -destkeystore "+outName(d.name, ".p12")+" -deststoretype PKCS12 && openssl pkcs12 -in "+outName(d.name, ".p12")+" -out "+outName(d.name, ".pem"))
		return true
	}
	type other struct {
		magic string
		what  string
	}
	var what string
	for _, o := range []other{
		{"PK\x03\x04", p.T("decode.file.zip", "a ZIP archive", nil)},
		{"\x1f\x8b", p.T("decode.file.gzip", "a gzip-compressed file", nil)},
		{"\xfd7zXZ\x00", p.T("decode.file.xz", "an xz-compressed file", nil)},
		{"BZh", p.T("decode.file.bzip2", "a bzip2-compressed file", nil)},
		{"%PDF-", p.T("decode.file.pdf", "a PDF document", nil)},
		{"\x89PNG", p.T("decode.file.png", "a PNG image (a screenshot?)", nil)},
		{"\xff\xd8\xff", p.T("decode.file.jpeg", "a JPEG image (a screenshot?)", nil)},
		{"\xd0\xcf\x11\xe0", p.T("decode.file.ole", "a Microsoft Office document", nil)},
		{"\x7fELF", p.T("decode.file.elf", "a program (ELF executable)", nil)},
	} {
		if bytes.HasPrefix(b, []byte(o.magic)) {
			what = o.what
			break
		}
	}
	if what == "" {
		return false
	}
	d.res.Format = "binary"
	d.addError(0, loc,
		p.T("decode.err.notCertFile", "not a certificate file: this is {what}", i18n.Args{"what": what}),
		p.T("decode.advice.notCertFile", "Ask for the certificate, key or CA file itself (PEM text, as the option names it), not a document, image or archive containing it.", nil), "")
	return true
}

// forEachLine calls fn for each line of text with its 1-based number and
// byte offset; the line excludes its end ("\n", "\r\n" or a lone "\r").
func forEachLine(text []byte, fn func(line []byte, num, pos int)) {
	num, pos := 1, 0
	for pos <= len(text) {
		i := bytes.IndexAny(text[pos:], "\r\n")
		if i < 0 {
			if pos < len(text) {
				fn(text[pos:], num, pos)
			}
			return
		}
		fn(text[pos:pos+i], num, pos)
		next := pos + i + 1
		if text[pos+i] == '\r' && next < len(text) && text[next] == '\n' {
			next++
		}
		pos = next
		num++
	}
}

// unquote strips white space and e-mail quote markers ("> > ") at the start
// of a line and white space at its end.
func unquote(l []byte) (out []byte, quoted bool) {
	l = bytes.TrimLeft(l, " \t")
	for len(l) > 0 && l[0] == '>' {
		quoted = true
		l = bytes.TrimLeft(l[1:], " \t")
	}
	return bytes.TrimRight(l, " \t\r\n\f\v"), quoted
}

var sshKeyTypes = []string{
	"ssh-rsa", "ssh-dss", "ssh-ed25519", "ssh-ed448",
	"ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521",
	"sk-ssh-ed25519@openssh.com", "sk-ecdsa-sha2-nistp256@openssh.com",
	"ssh-rsa-cert-v01@openssh.com", "ssh-ed25519-cert-v01@openssh.com",
	"ecdsa-sha2-nistp256-cert-v01@openssh.com",
}

// scanTextFormats finds the text formats that are recognised but not read:
// PuTTY keys, SSH public keys (OpenSSH one-line and RFC 4716).
func (d *decoder) scanTextFormats(text []byte) {
	p := d.p
	forEachLine(text, func(raw []byte, num, pos int) {
		l, _ := unquote(raw)
		if len(l) < 8 {
			return
		}
		loc := ""
		if l[0] == 'P' || l[0] == '-' || l[0] == 's' || l[0] == 'e' {
			loc = d.loc(p.T("decode.loc.line", "line {line}", i18n.Args{"line": num}))
		}
		switch {
		case bytes.HasPrefix(l, []byte("PuTTY-User-Key-File-")):
			d.addItem(pos, itemOf("puttyKey", loc))
			d.addUnsupported(pos, loc,
				p.T("decode.unsupported.putty", "a PuTTY private key (.ppk), which PyMongo cannot read", nil),
				p.T("decode.advice.putty", "PuTTY keys are SSH keys, not TLS keys: a MongoDB TLS client needs an X.509 certificate and its private key in PEM. If this key really belongs to the client certificate, convert it with puttygen (package putty-tools):", nil),
				"puttygen "+d.fileArg()+" -O private-openssh -o "+outName(d.name, ".pem"))
			return
		case bytes.HasPrefix(l, []byte("---- BEGIN SSH2 PUBLIC KEY ----")):
			d.addItem(pos, itemOf("sshPublicKey", loc))
			d.addUnsupported(pos, loc,
				p.T("decode.unsupported.ssh2Public", "an SSH public key (RFC 4716 format), not an X.509 certificate", nil),
				p.T("decode.advice.sshPublic", "SSH keys are not used for TLS: MongoDB TLS needs X.509 certificates in PEM. ssh-keygen can turn an RSA or ECDSA SSH public key into a PEM public key, which is still not a certificate:", nil),
				"ssh-keygen -i -f "+d.fileArg()+" > key.pub && ssh-keygen -e -m PKCS8 -f key.pub")
			return
		case bytes.HasPrefix(l, []byte("---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----")):
			d.addItem(pos, itemOf("sshPrivateKey", loc))
			d.addUnsupported(pos, loc,
				p.T("decode.unsupported.ssh2Private", "an SSH private key (ssh.com format), not a TLS key", nil),
				p.T("decode.advice.sshPrivate", "SSH keys are not TLS keys: a MongoDB TLS client needs an X.509 certificate and its private key in PEM. If this key really belongs to the client certificate, convert a copy to PEM (ssh-keygen rewrites the file and asks for its passphrase):", nil),
				"ssh-keygen -i -f "+d.fileArg()+" > "+outName(d.name, ".pem"))
			return
		}
		sp := bytes.IndexByte(l, ' ')
		if sp <= 0 || !bytes.HasPrefix(l[sp+1:], []byte("AAAA")) {
			return
		}
		alg := string(l[:sp])
		for _, t := range sshKeyTypes {
			if alg != t {
				continue
			}
			d.addItem(pos, itemOf("sshPublicKey", loc))
			cmd := "ssh-keygen -e -m PKCS8 -f " + d.fileArg()
			advice := p.T("decode.advice.sshPublic", "SSH keys are not used for TLS: MongoDB TLS needs X.509 certificates in PEM. ssh-keygen can turn an RSA or ECDSA SSH public key into a PEM public key, which is still not a certificate:", nil)
			if !bytes.HasPrefix(l, []byte("ssh-rsa ")) && !bytes.HasPrefix(l, []byte("ecdsa-")) {
				cmd = ""
				advice = p.T("decode.advice.sshPublicNoPEM", "SSH keys are not used for TLS: MongoDB TLS needs X.509 certificates in PEM. ssh-keygen cannot export this key type as PEM.", nil)
			}
			d.addUnsupported(pos, loc,
				p.T("decode.unsupported.sshPublic", "an SSH public key ({algorithm}), not an X.509 certificate", i18n.Args{"algorithm": alg}),
				advice, cmd)
			return
		}
	})
}

func isB64(c byte) bool {
	return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/' || c == '='
}

func allB64(l []byte) bool {
	for _, c := range l {
		if !isB64(c) {
			return false
		}
	}
	return true
}

// decodeBase64Loose decodes standard base64, padded or not.
func decodeBase64Loose(s []byte) ([]byte, bool) {
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding} {
		out := make([]byte, enc.DecodedLen(len(s)))
		if n, err := enc.Decode(out, s); err == nil {
			return out[:n], true
		}
	}
	return nil, false
}

// decodedSize is the number of bytes base64 text decodes to.
func decodedSize(s []byte) int {
	t := bytes.TrimRight(s, "=")
	return len(t) * 6 / 8
}

// worthDecoding looks at the first base64 characters of a run: only DER (a
// SEQUENCE) or PEM text ("-----") is worth decoding the whole run for. This
// keeps megabytes of base64-looking text from being decoded for nothing.
func worthDecoding(s []byte) bool {
	if len(s) < 4 {
		return false
	}
	var head [3]byte
	if _, err := base64.StdEncoding.Decode(head[:], s[:4]); err != nil {
		return false
	}
	return head[0] == tagSequence || string(head[:]) == "---"
}

// bareBase64 finds base64 without PEM armour: the whole file, or runs of
// base64 lines inside other text. A run counts only when it decodes to a
// recognised DER object (or to PEM text, as in a Kubernetes secret); the
// whole file being base64 that decodes to nothing known is an error.
func (d *decoder) bareBase64(text []byte) bool {
	p := d.p
	type run struct {
		b64       []byte
		line, pos int
		lines     int
	}
	var cur *run
	nonEmpty := 0
	var runs []*run
	flush := func() {
		if cur != nil {
			runs = append(runs, cur)
			cur = nil
		}
	}
	forEachLine(text, func(raw []byte, num, pos int) {
		l, _ := unquote(raw)
		if len(l) == 0 {
			flush()
			return
		}
		nonEmpty++
		if !allB64(l) {
			flush()
			return
		}
		if cur == nil {
			cur = &run{line: num, pos: pos}
		}
		cur.b64 = append(cur.b64, l...)
		cur.lines++
		if len(l) < 16 {
			// A short line ends a run: base64 is wrapped at 64 or 76 columns.
			flush()
		}
	})
	flush()
	whole := len(runs) == 1 && runs[0].lines == nonEmpty
	found := false
	for _, r := range runs {
		if !whole && len(r.b64) < 40 {
			continue
		}
		loc := d.loc(p.T("decode.loc.base64", "base64 text at line {line}", i18n.Args{"line": r.line}))
		if !worthDecoding(r.b64) {
			if whole {
				d.addError(r.pos, loc, p.T("decode.err.base64Unknown", "base64 text that decodes to {size} bytes that are not a certificate, private key, CRL, OCSP response or PKCS#7 bundle", i18n.Args{"size": decodedSize(r.b64)}),
					p.T("decode.advice.resend", "Ask the customer to send the file itself as an attachment rather than pasted text.", nil), "")
				return true
			}
			continue
		}
		data, ok := decodeBase64Loose(r.b64)
		if !ok || len(data) == 0 {
			if whole {
				d.addError(r.pos, loc, p.T("decode.err.base64", "the text looks like base64 but cannot be decoded (it is cut off or has a wrong character)", nil),
					p.T("decode.advice.resend", "Ask the customer to send the file itself as an attachment rather than pasted text.", nil), "")
				return true
			}
			continue
		}
		if bytes.HasPrefix(bytes.TrimLeft(data, " \t\r\n"), []byte("-----BEGIN ")) && !d.nested {
			// base64 of a PEM file (a Kubernetes secret's data field).
			d.nested = true
			prefix, base := d.locPrefix, d.posBase
			d.locPrefix = loc + ", "
			d.posBase += r.pos
			n := d.scanPEM(data)
			d.locPrefix, d.posBase, d.nested = prefix, base, false
			if n > 0 {
				found = true
				continue
			}
		}
		k, _ := sniff(data)
		if k == kindUnknown {
			if whole {
				d.addError(r.pos, loc, p.T("decode.err.base64Unknown", "base64 text that decodes to {size} bytes that are not a certificate, private key, CRL, OCSP response or PKCS#7 bundle", i18n.Args{"size": len(data)}),
					p.T("decode.advice.resend", "Ask the customer to send the file itself as an attachment rather than pasted text.", nil), "")
				return true
			}
			continue
		}
		found = true
		d.derObjects(r.pos, data, loc)
	}
	return found
}
