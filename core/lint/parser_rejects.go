package lint

// ParserRule is an RFC 5280 rule that Go's parser enforces itself: a
// certificate breaking it is unreadable for crypto/x509 (the decoder reports
// it with the parser's error) and never reaches a lint rule.
type ParserRule struct {
	// Citation names the standard.
	Citation string
	// Description says what is wrong with the certificate.
	Description string
	// ParserError is a substring of Go's parse error.
	ParserError string
	// OpenSSL says what OpenSSL 3.0 does with such a certificate, as PyMongo
	// runs it (checked with openssl verify 3.0.19 on the certificates
	// TestParserRejects builds, dumped with LINT_DUMP_DIR).
	OpenSSL string
}

// ParserRejects lists the rules Go's parser enforces; TestParserRejects
// builds a certificate for each and checks the parser's error.
var ParserRejects = []ParserRule{
	{"RFC 5280 4.2", "the same extension appears twice",
		"duplicate extension",
		"refuses the connection (the certificate is marked invalid and its issuer is not found: \"unable to get local issuer certificate\")"},
	{"RFC 5280 4.1.1.2", "the signature algorithm outside the TBS differs from the one inside",
		"inner and outer signature algorithm identifiers don't match",
		"refuses the connection (\"certificate signature failure\") unless the certificate is the trust anchor"},
	{"RFC 5280 4.2.1.1", "the authorityKeyIdentifier extension is critical",
		"authority key identifier incorrectly marked critical",
		"refuses the connection (\"unhandled critical extension\")"},
	{"RFC 5280 4.2.1.2", "the subjectKeyIdentifier extension is critical",
		"subject key identifier incorrectly marked critical",
		"refuses the connection (\"unhandled critical extension\")"},
	{"RFC 5480 2.1.1", "an elliptic-curve key with explicit curve parameters instead of a named curve",
		"x509:",
		"refuses the connection (\"Certificate public key has explicit ECC parameters\")"},
}
