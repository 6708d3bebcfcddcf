package decode

import (
	"bytes"
	"encoding/base64"
)

// The fast path reads a file that is nothing but clean PEM, as OpenSSL and
// most tools write it: blocks with standard armour at the start of their
// lines, optional RFC 1421 headers followed by a blank line, base64 lines of
// a multiple of four characters (padding only on the last), "\n" or "\r\n"
// line ends, and only blank lines before, between and after the blocks.
//
// It decodes each block's base64 line by line into one buffer of the exact
// size, without collecting the base64 text or a line index, and it skips the
// whole-file scans the lenient reader needs (text formats, s_client
// transcripts), which cannot find anything in such a file. Anything
// irregular makes it give up before it has recorded anything, and the file
// goes to the lenient reader, which then reports it exactly as before: the
// fast path gives the same Result as the lenient reader on every file it
// accepts (TestFastPEMSameAsLenient).
//
// A 50 MB CRL is read at the speed of base64 decoding, with one extra
// allocation: the DER.

// cleanBlocks splits text into clean PEM blocks with their content decoded.
// ok is false when text is not clean PEM with at least one block.
func cleanBlocks(text []byte) (blocks []pemBlock, ok bool) {
	pos, line := 0, 1
	for {
		// Blank lines (spaces and tabs only) before a block or at the end.
		for pos < len(text) {
			l, next, eol := lineAt(text, pos)
			if !blankLine(l, eol) {
				break
			}
			pos = next
			line++
		}
		if pos >= len(text) {
			return blocks, len(blocks) > 0
		}
		b, next, lines, ok := cleanBlock(text, pos, line)
		if !ok {
			return nil, false
		}
		blocks = append(blocks, b)
		pos, line = next, line+lines
	}
}

// cleanBlock reads the block whose BEGIN line starts at pos (line number
// line). It returns the position after the END line and the number of lines
// the block took.
func cleanBlock(text []byte, pos, line int) (b pemBlock, next, lines int, ok bool) {
	l, next, eol := lineAt(text, pos)
	if eol && len(l) > 0 && l[len(l)-1] == '\r' {
		l = l[:len(l)-1]
	}
	if !eol || !bytes.HasPrefix(l, beginMarker) || isSClient(text[pos:next]) {
		return b, 0, 0, false
	}
	rest := l[len(beginMarker):]
	j := bytes.Index(rest, dashes)
	if j < 0 || j+len(dashes) != len(rest) {
		return b, 0, 0, false
	}
	typ := rest[:j]
	if !validPEMType(typ) || len(bytes.TrimSpace(typ)) != len(typ) {
		return b, 0, 0, false
	}
	b = pemBlock{typ: string(typ), endType: string(typ), line: line, pos: pos, predecoded: true}
	lines = 1
	pos = next

	// The body ends where the END line begins; it must begin a line.
	e := bytes.Index(text[pos:], endMarker)
	if e < 0 || e > 0 && text[pos+e-1] != '\n' {
		return b, 0, 0, false
	}
	bodyEnd := pos + e
	body := text[pos:bodyEnd]
	// Every four base64 characters decode to three bytes. The line ends make
	// this about 1.5 % too large; counting them first would cost another
	// pass over the text, which matters in wasm.
	out := make([]byte, len(body)/4*3)
	n := 0
	blank := false  // a blank line was seen (after the headers, if any)
	padded := false // the base64 so far ended in padding
	for pos < bodyEnd {
		// The usual line: 64 characters (OpenSSL's width) and its line end,
		// once a first line has been read the careful way. Decoding to 48
		// bytes proves it held no padding, "\r" or "\n" (Decode skips those,
		// and any of them makes fewer bytes); otherwise the careful path
		// below reads it again.
		if n > 0 && !padded && bodyEnd-pos > 64 && n+48 <= len(out) {
			end, nx := pos+64, 0
			if text[end] == '\n' {
				nx = end + 1
			} else if text[end] == '\r' && bodyEnd-end > 1 && text[end+1] == '\n' {
				nx = end + 2
			}
			if nx > 0 {
				if k, err := base64.StdEncoding.Decode(out[n:], text[pos:end]); err == nil && k == 48 {
					n += 48
					pos = nx
					lines++
					continue
				}
			}
		}
		raw, nx, _ := lineAt(text, pos)
		l := raw
		if len(l) > 0 && l[len(l)-1] == '\r' {
			l = l[:len(l)-1]
		}
		switch {
		case len(l) == 0:
			blank = true
		case n == 0 && !padded && bytes.IndexByte(l, ':') >= 0:
			// A header ("Proc-Type: 4,ENCRYPTED"), as the lenient reader
			// reads it; it must not look like anything else.
			if blank || !cleanHeader(l) || isSClient(text[pos:nx]) {
				return b, 0, 0, false
			}
			k, v, _ := bytes.Cut(bytes.TrimRight(l, " \t"), []byte{':'})
			if b.headers == nil {
				b.headers = map[string]string{}
			}
			if len(b.headers) < 16 {
				b.headers[string(bytes.TrimSpace(k))] = truncateString(string(bytes.TrimSpace(v)), 256)
			}
		default:
			if padded || len(l)%4 != 0 || b.headers != nil && !blank || n+len(l)/4*3 > len(out) {
				return b, 0, 0, false
			}
			k, err := base64.StdEncoding.Decode(out[n:], l)
			if err != nil {
				return b, 0, 0, false
			}
			if full := len(l) / 4 * 3; k != full {
				// Padding, which ends the data; or a "\r" inside the line,
				// which Decode skips but the lenient reader takes for a line
				// end (only checked here, as each "\r" costs 3 bytes).
				pad := len(l) - len(bytes.TrimRight(l, "="))
				if k != full-pad || bytes.IndexByte(l, '\r') >= 0 {
					return b, 0, 0, false
				}
				padded = true
			}
			n += k
		}
		pos = nx
		lines++
	}

	// The END line: exactly "-----END TYPE-----".
	l, next, eol = lineAt(text, bodyEnd)
	if eol && len(l) > 0 && l[len(l)-1] == '\r' {
		l = l[:len(l)-1]
	}
	if len(l) != len(endMarker)+len(typ)+len(dashes) || !bytes.HasPrefix(l[len(endMarker):], typ) || !bytes.HasSuffix(l, dashes) {
		return b, 0, 0, false
	}
	if eol {
		lines++
	}
	b.der = out[:n:n]
	return b, next, lines, true
}

// lineAt returns the line that starts at pos without its "\n", the position
// of the next line, and whether the line ended in "\n" (not the end of text).
func lineAt(text []byte, pos int) (line []byte, next int, eol bool) {
	i := bytes.IndexByte(text[pos:], '\n')
	if i < 0 {
		return text[pos:], len(text), false
	}
	return text[pos : pos+i], pos + i + 1, true
}

// blankLine reports whether l (without its "\n") holds only spaces and tabs,
// and a "\r" before the "\n".
func blankLine(l []byte, eol bool) bool {
	if eol && len(l) > 0 && l[len(l)-1] == '\r' {
		l = l[:len(l)-1]
	}
	for _, c := range l {
		if c != ' ' && c != '\t' {
			return false
		}
	}
	return true
}

// cleanHeader accepts a header line whose name is a token (letters, digits,
// '-' and '_', starting with a letter) and that holds no control characters
// other than tabs and no PEM dashes. Such a line is not quoted or indented,
// and the lenient reader's text formats (PuTTY keys, SSH public keys) cannot
// match it.
func cleanHeader(l []byte) bool {
	name, _, _ := bytes.Cut(l, []byte{':'})
	if len(name) == 0 || !(name[0] >= 'A' && name[0] <= 'Z' || name[0] >= 'a' && name[0] <= 'z') ||
		bytes.HasPrefix(l, []byte("PuTTY-User-Key-File-")) || bytes.Contains(l, dashes) {
		return false
	}
	for _, c := range name {
		if !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	for _, c := range l {
		if c < 0x20 && c != '\t' {
			return false
		}
	}
	return true
}

// fastPEM reads text when it is clean PEM and reports whether it did; when it
// returns false nothing has been recorded.
func (d *decoder) fastPEM(text []byte) bool {
	if d.nested || d.lenientOnly {
		return false
	}
	blocks, ok := cleanBlocks(text)
	if !ok {
		return false
	}
	// Clean PEM has no control characters other than line ends: it is text.
	d.res.IsText, d.res.CleanPEM = true, true
	n := 0
	for i := range blocks {
		b := &blocks[i]
		if !d.takeObject(d.loc(d.blockLoc(n+1, b.typ, b.line))) {
			break
		}
		n++
		b.num = n
		d.pemObject(b)
		b.der = nil
	}
	// No armour or header line of a clean file reads as an s_client
	// transcript (cleanBlock checked each), and base64 lines cannot.
	if n == d.pemPKCS7 {
		d.res.Format = "pkcs7"
	} else {
		d.res.Format = "pem"
	}
	return true
}
