package pemfile

import "strings"

// Store is what OpenSSL takes from a file loaded as trust store and CRLs
// (X509_load_cert_crl_file with X509_FILETYPE_PEM, through
// PEM_X509_INFO_read_bio): Python's ssl load_verify_locations(cafile), which
// PyMongo calls for tlsCAFile and for tlsCRLFile.
type Store struct {
	// Certs are the CERTIFICATE, X509 CERTIFICATE and TRUSTED CERTIFICATE
	// blocks; OpenSSL parses each, and one it cannot parse fails the load.
	Certs []Block
	// CRLs are the X509 CRL blocks, parsed likewise.
	CRLs []Block
	// Keys are private key blocks (OpenSSL parses unencrypted ones too).
	Keys []Block
	// Others are blocks of other types: decoded, then ignored.
	Others []Block
	// Err is where reading stopped: the whole load fails.
	Err *Error
	// BadHeader is a certificate or CRL block with RFC 1421 header lines
	// (or a blank line inside its body, which makes the lines before it a
	// header): OpenSSL cannot read it, and the whole load fails.
	BadHeader *Block
}

// Fails reports whether the load fails while reading blocks (before any
// certificate is parsed); OpenSSL then raises "[X509] PEM lib".
func (s *Store) Fails() bool { return s.Err != nil || s.BadHeader != nil }

// LoadStore reads data as load_verify_locations does.
func LoadStore(data []byte) Store { return loadStore(Read(data)) }

// LoadStoreSkippingCRLs is LoadStore without decoding the CRL blocks
// (their Bytes are nil): for a tlsCRLFile of many megabytes whose CRLs are
// read elsewhere. Their base64 is still checked.
func LoadStoreSkippingCRLs(data []byte) Store {
	return loadStore(scan(data, func(typ string) bool { return typ != "X509 CRL" }))
}

func loadStore(blocks []Block, err *Error) Store {
	s := Store{Err: err}
	for _, b := range blocks {
		switch {
		case IsCertificateType(b.Type):
			s.Certs = append(s.Certs, b)
		case b.Type == "X509 CRL":
			s.CRLs = append(s.CRLs, b)
		case strings.Contains(b.Type, "PRIVATE KEY"):
			s.Keys = append(s.Keys, b)
			continue
		default:
			s.Others = append(s.Others, b)
			continue
		}
		if b.Header != "" && s.BadHeader == nil {
			bb := b
			s.BadHeader = &bb
		}
	}
	return s
}

// Chain is what SSL_CTX_use_certificate_chain_file takes from the file
// Python's ssl load_cert_chain(certfile) reads (PyMongo's
// tlsCertificateKeyFile): the first certificate block, then every later one
// as the chain sent with it.
type Chain struct {
	// First is the client certificate: the first certificate block.
	First *Block
	// Rest are the later certificate blocks.
	Rest []Block
	// Err is where reading stopped. Before First it fails as
	// "[SSL] PEM lib"; after it, with the PEM reason itself
	// ("[PEM: BAD_BASE64_DECODE] bad base64 decode").
	Err *Error
	// ErrAfterFirst is true when Err came after First was read.
	ErrAfterFirst bool
}

// LoadChain reads data as load_cert_chain does for its certificates.
func LoadChain(data []byte) Chain {
	blocks, err := Read(data)
	var c Chain
	for _, b := range blocks {
		switch {
		case c.First == nil && IsCertificateType(b.Type):
			bb := b
			c.First = &bb
		case c.First != nil && (b.Type == "CERTIFICATE" || b.Type == "X509 CERTIFICATE"):
			// The chain is read as plain certificates: a TRUSTED
			// CERTIFICATE block after the first is skipped.
			c.Rest = append(c.Rest, b)
		}
	}
	c.Err = err
	c.ErrAfterFirst = err != nil && c.First != nil
	return c
}
