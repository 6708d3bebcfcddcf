package revocation

import (
	"fmt"
	"strings"

	"certinspect/core/i18n"
	"certinspect/core/pemfile"
	"certinspect/core/report"
	"certinspect/core/shell"
)

// A tlsCRLFile as Python's ssl loads it (load_verify_locations: OpenSSL's
// PEM reader, see core/pemfile), which is not how core/decode or
// splitCRLFile read it: OpenSSL stops the whole file at a damaged block and
// does not see a block whose BEGIN line does not start its line.

// maxModelledCRLFile is the size up to which a tlsCRLFile is always read
// again as OpenSSL reads it (see pemfile), clean or not.
const maxModelledCRLFile = 1 << 20

// crlPEMLibCheck is a tlsCRLFile OpenSSL's PEM reader stops in: Python's
// ssl loads nothing from it.
func crlPEMLibCheck(name string, load pemfile.Store, p *i18n.Printer) report.Check {
	var what string
	var line int
	if e := load.Err; e != nil {
		what, line = e.Describe(p), e.Line
	} else {
		what, line = pemfile.DescribeHeader(load.BadHeader, p), load.BadHeader.Line
	}
	return crlLoadFails(name, p.T("crl.pemLib.title", "The tlsCRLFile does not load: a PEM block in it is damaged", nil),
		p.T("crl.pemLib.detail", "{file}, line {line}: {what}. OpenSSL stops at the first block it cannot read, so Python's ssl loads nothing from the file and PyMongo fails when the MongoClient is created, before connecting, with '[X509] PEM lib'.",
			i18n.Args{"file": name, "line": line, "what": what}), p)
}

// crlNotDERCheck is a tlsCRLFile whose CRL block n holds no CRL.
func crlNotDERCheck(name string, n, line int, p *i18n.Printer) report.Check {
	return crlLoadFails(name, p.T("crl.notDER.title", "The tlsCRLFile does not load: a CRL block in it holds no CRL", nil),
		p.T("crl.notDER.detail", "{file}, CRL #{n} (line {line}): the block's base64 decodes, but not to a CRL. OpenSSL decodes every block it reads and stops the whole file at this one, so Python's ssl loads nothing from it and PyMongo fails when the MongoClient is created, before connecting, with '[X509] PEM lib'.",
			i18n.Args{"file": name, "n": n, "line": line}), p)
}

// crlLoadFails is a tlsCRLFile Python's ssl does not load: PyMongo fails
// when the MongoClient is built, with "[X509] PEM lib".
func crlLoadFails(name, title, detail string, p *i18n.Printer) report.Check {
	return report.Check{ID: "crl.revocation", Status: report.Fail, Subject: name, Title: title, Detail: detail,
		Fix:          p.T("crl.pemLib.fix", "Download the CRL again from the CA and convert it to PEM (openssl crl -inform DER -in crl.der -out crl.pem); do not paste it through a ticket or chat.", nil),
		Commands:     []string{pemfile.PythonLoadCommand(shell.Quote(name))},
		OpenSSLError: &errPEMLib}
}

// errPEMLib is OpenSSL's error when its PEM reader stops a file.
var errPEMLib = report.OpenSSLError{Code: 0, Name: "ERR_R_PEM_LIB", Text: "PEM lib"}

// asOpenSSLLoads judges a PEM tlsCRLFile as OpenSSL reads it. loads is
// false when the whole file fails (the check says why); otherwise blocks,
// pemCRLs and certs are what OpenSSL takes from it (for a file up to
// maxModelledCRLFile, CRLs it skips are left out, with a warning).
func asOpenSSLLoads(in CRLInput, blocks []crlBlock, p *i18n.Printer) (_ []crlBlock, pemCRLs, certs int, checks []report.Check, loads bool) {
	// The CRL bodies are only checked here, not decoded a second time.
	load := pemfile.LoadStoreSkippingCRLs(in.Data)
	if load.Fails() {
		return nil, 0, 0, []report.Check{crlPEMLibCheck(in.Name, load, p)}, false
	}
	for _, b := range blocks {
		if b.format == FormatPEM && !pemfile.DERFramed(b.der) {
			// OpenSSL's PEM reader decodes every CRL block it finds: one
			// that holds no CRL stops the whole file. Which blocks it finds
			// is known by reading the file as it does.
			for i, c := range pemfile.LoadStore(in.Data).CRLs {
				if !pemfile.DERFramed(c.Bytes) {
					return nil, 0, 0, []report.Check{crlNotDERCheck(in.Name, i+1, c.Line, p)}, false
				}
			}
			break
		}
	}
	pemCRLs, certs = len(load.CRLs), len(load.Certs)
	read := 0
	for _, b := range blocks {
		if b.err == nil {
			read++
		}
	}
	if pemCRLs == 0 || read == len(blocks) && read == pemCRLs {
		return blocks, pemCRLs, certs, nil, true // OpenSSL takes every CRL read here
	}
	var skipped []string
	if len(in.Data) > maxModelledCRLFile && linesKnown(blocks) {
		// A large file is not decoded a second time: OpenSSL reads a block
		// only where its BEGIN line starts a line, so the blocks it takes
		// are those whose BEGIN line it found.
		seen := map[int]bool{}
		for _, b := range load.CRLs {
			seen[b.Line] = true
		}
		var kept []crlBlock
		for i, b := range blocks {
			if b.err != nil || !seen[b.line] {
				skipped = append(skipped, fmt.Sprintf("#%d", i+1))
			} else {
				kept = append(kept, b)
			}
		}
		if len(skipped) == 0 {
			return blocks, pemCRLs, certs, nil, true
		}
		blocks = kept
	} else {
		if len(in.Data) > maxModelledCRLFile {
			return blocks, pemCRLs, certs, nil, true // too large to decode again, and no lines to compare
		}
		// Which CRLs OpenSSL skips: compare their bytes.
		load = pemfile.LoadStore(in.Data)
		seen := map[string]bool{}
		for _, b := range load.CRLs {
			seen[string(b.Bytes)] = true
		}
		for i, b := range blocks {
			if b.err != nil || !seen[string(b.der)] {
				skipped = append(skipped, fmt.Sprintf("#%d", i+1))
			}
		}
		if len(skipped) == 0 {
			return blocks, pemCRLs, certs, nil, true
		}
		// The CRLs are then the ones OpenSSL reads.
		blocks = nil
		for _, b := range load.CRLs {
			blocks = append(blocks, crlBlock{der: b.Bytes, format: FormatPEM})
		}
	}
	return blocks, pemCRLs, certs, []report.Check{{ID: "crl.revocation", Status: report.Warn, Subject: in.Name,
		Title: p.T("crl.unseen.title", "PyMongo does not see {count} CRL(s) of the tlsCRLFile", i18n.Args{"count": len(skipped)}),
		Detail: p.T("crl.unseen.detail", "{file}: OpenSSL skips CRL {list}: its -----BEGIN X509 CRL----- line does not start a line (indented, quoted or after other text). PyMongo checks the server certificate against the other CRLs only, and so does this report.",
			i18n.Args{"file": in.Name, "list": strings.Join(skipped, ", ")}),
		Fix: p.T("crl.unseen.fix", "Remove what comes before -----BEGIN X509 CRL----- and -----END X509 CRL----- on their lines.", nil)}}, true
}

// linesKnown reports whether every block knows the line it begins on.
func linesKnown(blocks []crlBlock) bool {
	for _, b := range blocks {
		if b.line == 0 {
			return false
		}
	}
	return len(blocks) > 0
}
