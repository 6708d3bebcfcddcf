// Package pemfile reads a PEM file the way OpenSSL 3's PEM reader
// (PEM_read_bio_ex in crypto/pem/pem_lib.c) does when Python's ssl module,
// and so PyMongo, loads tlsCAFile, tlsCRLFile and tlsCertificateKeyFile.
//
// core/decode reads certificates leniently, from wherever they are (indented,
// quoted, base64 of a PEM file, DER). PyMongo does not: OpenSSL finds a block
// only where a line starts with "-----BEGIN " and ends with "-----", takes
// the lines up to the matching "-----END …-----" line, and decodes them as
// base64; the first block it cannot decode stops the whole file. This package
// says what OpenSSL finds, so the report judges the file as PyMongo loads it.
package pemfile

import (
	"bytes"
	"encoding/base64"
)

// Block is one PEM block as OpenSSL reads it.
type Block struct {
	// Type is the text between "-----BEGIN " and "-----".
	Type string
	// Line is the line number of the BEGIN line (1-based).
	Line int
	// Header holds the RFC 1421 header lines ("Proc-Type: …"), if any.
	Header string
	// Bytes is the decoded body.
	Bytes []byte
}

// Reason is the OpenSSL reason code a block fails with.
type Reason string

const (
	// BadBase64 is PEM_R_BAD_BASE64_DECODE: the body is not base64 (a
	// character outside the alphabet, or a length that is not a multiple of 4).
	BadBase64 Reason = "BAD_BASE64_DECODE"
	// BadEndLine is PEM_R_BAD_END_LINE: the file ends before the END line, the
	// END line names another type, two blank lines, or a short line in the
	// middle of a body after a blank line.
	BadEndLine Reason = "BAD_END_LINE"
	// NoData is a block with nothing to decode: OpenSSL fails without a reason.
	NoData Reason = "NO_DATA"
	// LongLine is a body line longer than 64 characters after a blank line
	// (where OpenSSL expects an encrypted body): it fails without a reason.
	LongLine Reason = "LONG_LINE"
)

// Error says where OpenSSL stopped reading the file.
type Error struct {
	Reason Reason
	// Type and BeginLine identify the block; Line is the line OpenSSL was
	// reading when it stopped.
	Type      string
	BeginLine int
	Line      int
}

// OpenSSLName is the error name OpenSSL reports for the reason, "" when it
// reports none.
func (e *Error) OpenSSLName() string {
	switch e.Reason {
	case BadBase64, BadEndLine:
		return "PEM_R_" + string(e.Reason)
	}
	return ""
}

// lineSize is OpenSSL's LINESIZE: BIO_gets reads at most lineSize-1 bytes,
// so longer lines come in pieces.
const lineSize = 255

// reader hands out lines as BIO_gets does.
type reader struct {
	data []byte
	pos  int
	line int // 1-based number of the line the last piece came from
	// atLineStart is true when the next piece starts a new line.
	atLineStart bool
}

func newReader(data []byte) *reader { return &reader{data: data, atLineStart: true} }

// gets returns the next piece (at most lineSize-1 bytes, through '\n'), nil
// at the end of the data.
func (r *reader) gets() []byte {
	if r.pos >= len(r.data) {
		return nil
	}
	if r.atLineStart {
		r.line++
	}
	rest := r.data[r.pos:]
	n := min(len(rest), lineSize-1)
	if i := bytes.IndexByte(rest[:n], '\n'); i >= 0 {
		n = i + 1
	}
	piece := rest[:n]
	r.pos += n
	r.atLineStart = piece[n-1] == '\n'
	return piece
}

// sanitize is sanitize_line with PEM_FLAG_EAY_COMPATIBLE (as PEM_read_bio
// calls it): a UTF-8 byte order mark is dropped from the first line read,
// and trailing white space, control characters and the line end are
// stripped (OpenSSL then ends the line in a single '\n'; the slice returned
// here is the line without it).
func sanitize(piece []byte, first bool) []byte {
	if first && len(piece) > 3 && bytes.HasPrefix(piece, []byte{0xEF, 0xBB, 0xBF}) {
		piece = piece[3:]
	}
	n := len(piece)
	for n > 0 && piece[n-1] <= ' ' {
		n--
	}
	return piece[:n]
}

var (
	beginStr = []byte("-----BEGIN ")
	endStr   = []byte("-----END ")
	tailStr  = []byte("-----")
)

// Read returns the blocks OpenSSL's PEM reader finds in data, in file
// order, and the error that stopped it; the error is nil when it read to
// the end of the data (OpenSSL's PEM_R_NO_START_LINE, the normal end).
func Read(data []byte) ([]Block, *Error) {
	return scan(data, func(string) bool { return true })
}

// scan is Read; the bodies of blocks whose type keep refuses are checked
// but not decoded (Bytes stays nil), which keeps a large CRL from being
// copied.
func scan(data []byte, keep func(typ string) bool) ([]Block, *Error) {
	r := newReader(data)
	var blocks []Block
	for {
		b, err, eof := readBlock(r, keep)
		if eof {
			return blocks, nil
		}
		if err != nil {
			return blocks, err
		}
		blocks = append(blocks, b)
	}
}

// readBlock is one PEM_read_bio_ex: find a BEGIN line, then read the
// header and body up to the END line and decode the body.
func readBlock(r *reader, keep func(string) bool) (Block, *Error, bool) {
	var b Block
	// get_name: skip lines until one starts with "-----BEGIN " and ends with "-----".
	first := true
	for {
		piece := r.gets()
		if piece == nil {
			return b, nil, true
		}
		line := sanitize(piece, first)
		first = false
		if len(line) >= len(beginStr)+len(tailStr) && bytes.HasPrefix(line, beginStr) && bytes.HasSuffix(line, tailStr) {
			b.Type = string(line[len(beginStr) : len(line)-len(tailStr)])
			b.Line = r.line
			break
		}
	}
	fail := func(reason Reason) (Block, *Error, bool) {
		return b, &Error{Reason: reason, Type: b.Type, BeginLine: b.Line, Line: r.line}, false
	}

	// get_header_and_data. Until a blank line (or a header line) shows
	// otherwise, lines may be a header; at the END line without either, they
	// were the body.
	const (
		maybeHeader = iota
		inHeader
		postHeader
	)
	state := maybeHeader
	var header []byte
	var bodyLines [][2]int // offsets in r.data of the body's lines (for a block that is kept or checked)
	var headerLines [][2]int
	partial, prevPartial := false, false
	end := false
	for {
		start := r.pos
		piece := r.gets()
		if piece == nil {
			return fail(BadEndLine)
		}
		prevPartial = partial
		partial = len(piece) == lineSize-1 && piece[lineSize-2] != '\n'
		if state == maybeHeader && bytes.IndexByte(piece, ':') >= 0 {
			state = inHeader
		}
		line := sanitize(piece, false)
		if len(line) == 0 {
			if !prevPartial {
				if state == postHeader {
					return fail(BadEndLine) // another blank line
				}
				state = postHeader
			}
			continue
		}
		if bytes.HasPrefix(line, endStr) {
			rest := line[len(endStr):]
			if !bytes.HasPrefix(rest, []byte(b.Type)) || !bytes.Equal(rest[len(b.Type):], tailStr) {
				return fail(BadEndLine)
			}
			if state == maybeHeader {
				// No blank line and no header: what was read is the body.
				headerLines, bodyLines = nil, headerLines
			}
			break
		} else if end {
			return fail(BadEndLine) // a short line that is not the last
		}
		span := [2]int{start, start + len(line)}
		if state == postHeader {
			bodyLines = append(bodyLines, span)
			// Only an encrypted body has its line length checked ('\n' included: 65).
			if len(line) > 64 {
				return fail(LongLine)
			}
			if len(line) < 64 {
				end = true
			}
		} else {
			headerLines = append(headerLines, span)
		}
	}
	for _, l := range headerLines {
		header = append(append(header, r.data[l[0]:l[1]]...), '\n')
	}
	b.Header = string(header)
	if len(bodyLines) == 0 {
		return fail(NoData)
	}
	der, n, ok := decodeBase64(r.data, bodyLines, keep(b.Type))
	if !ok {
		return fail(BadBase64)
	}
	if n == 0 {
		// Nothing decoded (the body is only '-' and white space): OpenSSL
		// fails the block without a reason, as for an empty body.
		return fail(NoData)
	}
	b.Bytes = der
	return b, nil, false
}

// decodeBase64 is EVP_DecodeUpdate + EVP_DecodeFinal over the body lines:
// white space is skipped, '-' ends the data, '=' pads, anything else outside
// the alphabet is an error, as is data after padding or a length that is not
// a multiple of 4. With decode false it only checks.
func decodeBase64(data []byte, lines [][2]int, decode bool) (der []byte, n int, ok bool) {
	var chars []byte
	if decode {
		size := 0
		for _, l := range lines {
			size += l[1] - l[0]
		}
		chars = make([]byte, 0, size)
	}
	pad := 0
	for _, l := range lines {
		for _, c := range data[l[0]:l[1]] {
			switch {
			case c == ' ' || c == '\t' || c == '\r':
				continue
			case c == '-':
				der, ok = finish(chars, n, decode)
				return der, n, ok
			case c == '=':
				pad++
				if pad > 2 {
					return nil, n, false
				}
			case c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/':
				if pad > 0 {
					return nil, n, false // data after padding
				}
			default:
				return nil, n, false
			}
			n++
			if decode {
				chars = append(chars, c)
			}
		}
	}
	der, ok = finish(chars, n, decode)
	return der, n, ok
}

func finish(chars []byte, n int, decode bool) ([]byte, bool) {
	if n%4 != 0 {
		return nil, false
	}
	if !decode {
		return nil, true
	}
	// Padding can only end the data here (see above), which Go's decoder
	// takes; like OpenSSL, it ignores the unused bits of the last character.
	out := make([]byte, base64.StdEncoding.DecodedLen(len(chars)))
	m, err := base64.StdEncoding.Decode(out, chars)
	if err != nil {
		return nil, false
	}
	return out[:m], true
}
