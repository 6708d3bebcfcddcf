// Package report defines the data every front end consumes: the Report that
// core.Inspect returns and the Check that every analysis produces. It is a leaf
// package so that the analysis packages (mongouri, revocation, keyfile, explain)
// can build checks without importing core.
package report

import "time"

// SchemaVersion is bumped whenever a field is renamed or removed or its meaning
// changes. Adding a field does not bump it.
const SchemaVersion = 1

// Status is the outcome of one check.
type Status string

const (
	Pass Status = "pass"
	Fail Status = "fail"
	Warn Status = "warn"
	Skip Status = "skip"
	Info Status = "info"
)

// Rank orders statuses from most to least severe (fail first).
func (s Status) Rank() int {
	switch s {
	case Fail:
		return 0
	case Warn:
		return 1
	case Pass:
		return 2
	case Info:
		return 3
	default:
		return 4
	}
}

// OpenSSLError is the verification error OpenSSL (and therefore PyMongo) would
// print for a failing check.
type OpenSSLError struct {
	Code int    `json:"code"`
	Name string `json:"name"`
	Text string `json:"text"`
}

// Check is one verdict about one object (a certificate, a host, an option, a file).
type Check struct {
	// ID is stable: "chain.trusted", "hostname.match", ... Front ends group by its
	// prefix and tests refer to it.
	ID     string `json:"id"`
	Status Status `json:"status"`
	// Subject names what the check is about: a certificate's SHA-256
	// fingerprint, a host, an option name or an input file name.
	Subject string `json:"subject,omitempty"`
	// SubjectLabel is a human name for Subject (a certificate's CN, say).
	SubjectLabel string `json:"subjectLabel,omitempty"`
	Title        string `json:"title"`
	Detail       string `json:"detail,omitempty"`
	Fix          string `json:"fix,omitempty"`
	// Commands are shell commands or code snippets that go with the fix, each
	// ready to copy.
	Commands     []string      `json:"commands,omitempty"`
	OpenSSLError *OpenSSLError `json:"opensslError,omitempty"`
	// PyMongoError is the error PyMongo would raise because of this check's
	// failure, as PyMongo prints it (a quotation: never translated).
	PyMongoError string `json:"pymongoError,omitempty"`
	// Rule cites the standard a policy check enforces ("RFC 5280 4.2.1.2").
	Rule string `json:"rule,omitempty"`
	// Others names clients that would decide differently ("Go crypto/x509",
	// "Node.js driver").
	Others []string `json:"others,omitempty"`
}

// Tool identifies the program that wrote the report.
type Tool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

// LimitHit records that an input reached one of the documented limits.
type LimitHit struct {
	Limit  string `json:"limit"`
	Max    int64  `json:"max"`
	Input  string `json:"input,omitempty"`
	Detail string `json:"detail"`
}

// Input describes one supplied file and what was found in it.
type Input struct {
	Name string `json:"name"`
	// Role is the role the file played (after matching URI options and sniffing).
	Role string `json:"role"`
	// RoleSource says where the role came from: "user", "uri", "sniffed".
	RoleSource string `json:"roleSource,omitempty"`
	Size       int    `json:"size"`
	// Format is the container: "pem", "der", "base64", "pkcs7", "s_client",
	// "text", "empty", "binary".
	Format string `json:"format"`
	// Summary is a short human description: "3 certificates, 1 private key".
	Summary string  `json:"summary"`
	Items   []Item  `json:"items"`
	Errors  []Issue `json:"errors,omitempty"`
	// Unsupported names formats recognised but not read, with how to convert them.
	Unsupported []Issue `json:"unsupported,omitempty"`
	// Warnings are things read leniently that OpenSSL (and so PyMongo) would
	// not read from the file as it is (quoted or indented PEM, say).
	Warnings []Issue `json:"warnings,omitempty"`
}

// Item is one thing found in an input.
type Item struct {
	// Kind: "certificate", "privateKey", "encryptedPrivateKey", "crl",
	// "ocspResponse", "publicKey", "csr", "pkcs7".
	Kind string `json:"kind"`
	// Location: "block 2 at line 31", "whole file".
	Location string `json:"location"`
	// PEMType is the PEM header type when the item came from PEM.
	PEMType string `json:"pemType,omitempty"`
	// Ref points at a decoded certificate: its SHA-256 fingerprint (certificates
	// only; nothing refers to CRLs, OCSP responses or keys by hash).
	Ref string `json:"ref,omitempty"`
}

// Issue is something unreadable or unsupported in an input, with where and why.
type Issue struct {
	Location string `json:"location"`
	Message  string `json:"message"`
	Advice   string `json:"advice,omitempty"`
	Command  string `json:"command,omitempty"`
}

// Certificate describes one certificate.
type Certificate struct {
	// ID is the SHA-256 fingerprint (hex, lowercase), used as the Subject of checks.
	ID      string   `json:"id"`
	Label   string   `json:"label"`
	Sources []string `json:"sources"`
	Subject string   `json:"subject"`
	Issuer  string   `json:"issuer"`
	// SubjectRFC2253 is the exact string for a MONGODB-X509 $external user.
	SubjectRFC2253 string    `json:"subjectRFC2253"`
	Serial         string    `json:"serial"`
	NotBefore      time.Time `json:"notBefore"`
	NotAfter       time.Time `json:"notAfter"`
	// ValidityText: "expires in 30 days", "expired 3 days ago", "not valid for 2 more days".
	ValidityText          string    `json:"validityText"`
	ValidityState         string    `json:"validityState"` // "valid", "expired", "notYetValid"
	DaysLeft              int       `json:"daysLeft"`
	DNSNames              []string  `json:"dnsNames,omitempty"`
	IPAddresses           []string  `json:"ipAddresses,omitempty"`
	EmailAddresses        []string  `json:"emailAddresses,omitempty"`
	URIs                  []string  `json:"uris,omitempty"`
	PublicKey             PublicKey `json:"publicKey"`
	SignatureAlgorithm    string    `json:"signatureAlgorithm"`
	KeyUsage              []string  `json:"keyUsage,omitempty"`
	ExtKeyUsage           []string  `json:"extKeyUsage,omitempty"`
	IsCA                  bool      `json:"isCA"`
	BasicConstraintsValid bool      `json:"basicConstraintsValid"`
	// MaxPathLen is nil when there is no path length constraint.
	MaxPathLen             *int             `json:"maxPathLen,omitempty"`
	SubjectKeyID           string           `json:"subjectKeyId,omitempty"`
	AuthorityKeyID         string           `json:"authorityKeyId,omitempty"`
	OCSPServers            []string         `json:"ocspServers,omitempty"`
	IssuingCertificateURLs []string         `json:"issuingCertificateUrls,omitempty"`
	CRLDistributionPoints  []string         `json:"crlDistributionPoints,omitempty"`
	MustStaple             bool             `json:"mustStaple"`
	NameConstraints        *NameConstraints `json:"nameConstraints,omitempty"`
	FingerprintSHA256      string           `json:"fingerprintSHA256"`
	FingerprintSHA1        string           `json:"fingerprintSHA1"`
	SPKISHA256             string           `json:"spkiSHA256"`
	SelfSigned             bool             `json:"selfSigned"`
	Version                int              `json:"version"`
	// UnknownCriticalExtensions lists OIDs of critical extensions OpenSSL's
	// verifier does not handle (it rejects the certificate for them).
	UnknownCriticalExtensions []string `json:"unknownCriticalExtensions,omitempty"`
	// TrustSettings are the OpenSSL trust settings the tlsCAFile gives the
	// certificate (a TRUSTED CERTIFICATE block), nil when it gives none.
	TrustSettings *TrustSettings `json:"trustSettings,omitempty"`
	// GoParseError is crypto/x509's error for a certificate Go refuses and
	// that is read, as OpenSSL reads it, through a repaired copy
	// (core/repair); "" for every other certificate.
	GoParseError string `json:"goParseError,omitempty"`
}

// TrustSettings are OpenSSL's trust settings of a certificate in a CA file
// (`openssl x509 -trustout`): the uses it is trusted and rejected for.
type TrustSettings struct {
	File string `json:"file"`
	// TrustList is true when a list of trusted uses is given (even an empty
	// one): OpenSSL refuses the certificate for any use not on it.
	TrustList bool     `json:"trustList"`
	Trusted   []string `json:"trusted,omitempty"`
	Rejected  []string `json:"rejected,omitempty"`
	Alias     string   `json:"alias,omitempty"`
	// ServerAuth is what the settings make of the certificate when PyMongo
	// verifies a server: "anchor" (trusted), "rejected", or "none" (no
	// effect: only a self-signed certificate is an anchor).
	ServerAuth string `json:"serverAuth"`
	// Text says it for a person.
	Text string `json:"text"`
}

// PublicKey describes a certificate's key.
type PublicKey struct {
	Algorithm string `json:"algorithm"` // RSA, ECDSA, Ed25519, DSA
	Bits      int    `json:"bits,omitempty"`
	Curve     string `json:"curve,omitempty"`
}

// NameConstraints lists a CA's name constraints.
type NameConstraints struct {
	Critical       bool     `json:"critical"`
	PermittedDNS   []string `json:"permittedDNS,omitempty"`
	ExcludedDNS    []string `json:"excludedDNS,omitempty"`
	PermittedIP    []string `json:"permittedIP,omitempty"`
	ExcludedIP     []string `json:"excludedIP,omitempty"`
	PermittedEmail []string `json:"permittedEmail,omitempty"`
	ExcludedEmail  []string `json:"excludedEmail,omitempty"`
	PermittedURI   []string `json:"permittedURI,omitempty"`
	ExcludedURI    []string `json:"excludedURI,omitempty"`
}

// Chain is the path built for the server chain.
type Chain struct {
	// Store is the trust store used: "tlsCAFile" or "bundled Mozilla roots".
	Store string `json:"store"`
	// Path lists certificate IDs from the leaf to the anchor (as far as it got).
	Path []PathLink `json:"path"`
	// Complete is true when the path reached a trust anchor.
	Complete bool `json:"complete"`
	// Presented labels each certificate of the presented server chain in file order.
	Presented []PresentedCert `json:"presented"`
}

// PathLink is one certificate of the built path with the state of its link
// to the next one.
type PathLink struct {
	Cert  string `json:"cert"`
	Label string `json:"label"`
	// From: "serverChain", "tlsCAFile", "bundled roots".
	From string `json:"from"`
	// State: "ok" or the kind of the link's first problem: "expired",
	// "notYetValid", "badSignature", "notCA", "untrustedRoot", ... (a code).
	State string `json:"state"`
	// StateText is State in the report's language ("expired", "期限切れ").
	StateText string `json:"stateText"`
	Note      string `json:"note,omitempty"`
}

// PresentedCert labels one certificate of the server chain as presented.
type PresentedCert struct {
	Cert  string `json:"cert"`
	Label string `json:"label"`
	// Role: "leaf", "intermediate", "root", "extra", "duplicate".
	Role string `json:"role"`
	// Notes: "out of order", "root included (not needed)", "duplicate of #1",
	// "not part of the path".
	Notes []string `json:"notes,omitempty"`
}

// HostMatch is the result of matching one host name against the leaf.
type HostMatch struct {
	Host string `json:"host"`
	Cert string `json:"cert"`
	// Matched is true when the host matches.
	Matched bool `json:"matched"`
	// Rule: "exact", "wildcard", "ip", "cn-fallback", "none".
	Rule string `json:"rule"`
	// By names the SAN or CN that matched.
	By string `json:"by,omitempty"`
}
