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
// trailing white space and control characters are stripped, and the line
// ends in a single '\n'.
func sanitize(piece []byte, first bool) []byte {
	if first && len(piece) > 3 && bytes.HasPrefix(piece, []byte{0xEF, 0xBB, 0xBF}) {
		piece = piece[3:]
	}
	n := len(piece)
	for n > 0 && piece[n-1] <= ' ' {
		n--
	}
	out := make([]byte, n+1)
	copy(out, piece[:n])
	out[n] = '\n'
	return out
}

var (
	beginStr = []byte("-----BEGIN ")
	endStr   = []byte("-----END ")
	tailStr  = []byte("-----\n")
)

// Read returns the blocks OpenSSL's PEM reader finds in data, in file
// order, and the error that stopped it; the error is nil when it read to
// the end of the data (OpenSSL's PEM_R_NO_START_LINE, the normal end).
func Read(data []byte) ([]Block, *Error) {
	r := newReader(data)
	var blocks []Block
	for {
		b, err, eof := readBlock(r)
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
func readBlock(r *reader) (Block, *Error, bool) {
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
		if bytes.HasPrefix(line, beginStr) && len(line) >= len(tailStr) && bytes.HasSuffix(line, tailStr) &&
			len(line) >= len(beginStr)+len(tailStr) {
			b.Type = string(line[len(beginStr) : len(line)-len(tailStr)])
			b.Line = r.line
			break
		}
	}
	fail := func(reason Reason) (Block, *Error, bool) {
		return b, &Error{Reason: reason, Type: b.Type, BeginLine: b.Line, Line: r.line}, false
	}

	// get_header_and_data.
	const (
		maybeHeader = iota
		inHeader
		postHeader
	)
	state := maybeHeader
	var header, body []byte
	toBody := false // lines go to the header until a blank line (or the END line, when there was none)
	partial, prevPartial := false, false
	end := false
	for {
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
		if line[0] == '\n' {
			if !prevPartial {
				if state == postHeader {
					return fail(BadEndLine) // another blank line
				}
				state = postHeader
				toBody = true
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
				header, body = nil, header
			}
			break
		} else if end {
			return fail(BadEndLine) // a short line that is not the last
		}
		if toBody {
			body = append(body, line...)
		} else {
			header = append(header, line...)
		}
		if state == postHeader {
			if len(line) > 65 {
				return fail(LongLine)
			}
			if len(line) < 65 {
				end = true
			}
		}
	}
	b.Header = string(header)
	if len(body) == 0 {
		return fail(NoData)
	}
	der, ok := decodeBase64(body)
	if !ok {
		return fail(BadBase64)
	}
	b.Bytes = der
	return b, nil, false
}

// decodeBase64 is EVP_DecodeUpdate + EVP_DecodeFinal: white space and line
// ends are skipped, '-' ends the data, '=' pads, anything else outside the
// alphabet is an error, as is data after padding or a length that is not a
// multiple of 4.
func decodeBase64(in []byte) ([]byte, bool) {
	chars := make([]byte, 0, len(in))
	pad := 0
	for _, c := range in {
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			continue
		case c == '-':
			return finish(chars)
		case c == '=':
			pad++
			if pad > 2 {
				return nil, false
			}
			chars = append(chars, c)
		case c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/':
			if pad > 0 {
				return nil, false // data after padding
			}
			chars = append(chars, c)
		default:
			return nil, false
		}
	}
	return finish(chars)
}

func finish(chars []byte) ([]byte, bool) {
	if len(chars)%4 != 0 {
		return nil, false
	}
	// Padding can only end the data here (see above), which Go's decoder
	// takes; like OpenSSL, it ignores the unused bits of the last character.
	out := make([]byte, base64.StdEncoding.DecodedLen(len(chars)))
	n, err := base64.StdEncoding.Decode(out, chars)
	if err != nil {
		return nil, false
	}
	return out[:n], true
}
