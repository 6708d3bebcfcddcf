// Package revocation reads the CRLs (tlsCRLFile) and OCSP responses a customer
// supplied and says, without any network, whether the server certificate is
// revoked, whether the CRL or response can be trusted at all, and what PyMongo
// (Python's ssl over OpenSSL, or PyOpenSSL for OCSP) would do with it.
//
// CRLs are read by scanning their DER with cryptobyte: a CRL with a million
// entries is checked for the few serials that matter without building a Go
// object per entry, and its signature is verified over the raw TBS bytes.
//
// The CRL verdict for the server certificate follows OpenSSL 3.0's
// X509_V_FLAG_CRL_CHECK logic (crypto/x509/x509_vfy.c: get_crl_sk,
// get_crl_score, check_crl, cert_crl), which PyMongo uses through
// VERIFY_CRL_CHECK_LEAF. The tests compare every fixture's verdict with
// `openssl verify -crl_check`.
package revocation

import (
	"crypto/x509"
	"math/big"
	"time"

	"certinspect/core/i18n"
	"certinspect/core/report"
	"certinspect/core/x509err"
)

// DefaultMaxCRLEntries bounds the entries read from one CRL.
const DefaultMaxCRLEntries = 5_000_000

// MaxOCSPResponses bounds the single responses read from one OCSP response,
// and MaxOCSPCerts the certificates embedded in it.
const (
	MaxOCSPResponses = 1000
	MaxOCSPCerts     = 32
)

// CRLInput is one whole tlsCRLFile (PEM or DER, possibly several CRLs).
type CRLInput struct {
	Name string
	// Data is the file as supplied; Check splits it into CRLs and decodes
	// the PEM itself unless DER is given.
	Data []byte
	// DER, when not empty, holds the file's CRLs already decoded, in file
	// order (core passes what core/decode read, so that a 50 MB PEM CRL is
	// not decoded twice), and Data is not read. Give it only when the file
	// holds nothing but these CRLs, each read without complaint.
	DER [][]byte
	// Format says how the CRLs in DER were stored: FormatPEM (what PyMongo
	// reads) or FormatDER. Only used with DER; "" means FormatPEM.
	Format string
}

// CRL file formats, as in CRLInput.Format and CRLInfo.Format.
const (
	FormatPEM = "PEM"
	FormatDER = "DER"
)

// blocks returns the CRLs of the input: DER as given, or Data split by
// splitCRLFile.
func (in CRLInput) blocks() (blocks []crlBlock, pemCRLs, certs int, isPEM bool) {
	if len(in.DER) == 0 {
		return splitCRLFile(in.Data)
	}
	isPEM = in.Format != FormatDER
	format := FormatPEM
	if !isPEM {
		format = FormatDER
	}
	for _, der := range in.DER {
		blocks = append(blocks, crlBlock{der: der, format: format})
	}
	if isPEM {
		pemCRLs = len(blocks)
	}
	return blocks, pemCRLs, 0, isPEM
}

// OCSPInput is one OCSP response, DER. ParseOCSPFile turns a PEM or base64
// file into these.
type OCSPInput struct {
	Name string
	DER  []byte
}

// Options says what to check the CRLs and responses against.
type Options struct {
	At time.Time
	// Leaf is the server certificate (nil if none was supplied).
	Leaf *x509.Certificate
	// Path is the built path leaf→anchor (may be partial).
	Path []*x509.Certificate
	// Certs are every supplied certificate (to find CRL and OCSP signers).
	Certs []*x509.Certificate
	// CRLFileGiven: a tlsCRLFile was supplied or named in the URI.
	CRLFileGiven bool
	// PyOpenSSL: PyMongo runs with PyOpenSSL (the pymongo[ocsp] extra).
	// Unknown is false; the texts state the rule either way.
	PyOpenSSL                   bool
	TLSDisableOCSPEndpointCheck bool
	// Progress is called while large CRLs are read: stage "crl.scan" (bytes of
	// all CRL inputs done/total) and "crl.signature" (CRLs verified/total).
	Progress func(stage string, done, total int64)
	// MaxCRLEntries bounds the entries read from one CRL (0: DefaultMaxCRLEntries).
	MaxCRLEntries int
	// StoreCRLs are CRLs other files put in the same trust store: PyMongo
	// loads tlsCAFile with load_verify_locations too, so CRLs in it count
	// once a tlsCRLFile turns CRL checking on.
	StoreCRLs []StoreCRL
}

// StoreCRL is one CRL (DER) from a file that is not the tlsCRLFile.
type StoreCRL struct {
	Name string
	DER  []byte
}

// Result is everything found, for the front ends' revocation section.
type Result struct {
	CRLs    []CRLInfo         `json:"crls"`
	OCSP    []OCSPInfo        `json:"ocsp"`
	Request *OCSPRequestHelp  `json:"ocspRequest,omitempty"`
	Limits  []report.LimitHit `json:"limits,omitempty"`
	// Undecided are the ids of warning checks whose outcome in OpenSSL is
	// not known here (a CRL signed with an algorithm Go cannot verify).
	Undecided []string `json:"-"`
}

// CRLInfo describes one CRL.
type CRLInfo struct {
	// Source is the input's name; Index numbers the CRLs inside it from 1.
	Source string `json:"source"`
	Index  int    `json:"index"`
	// Format: "PEM" or "DER".
	Format string `json:"format"`
	// Size is the CRL's DER size in bytes.
	Size    int    `json:"size"`
	Version int    `json:"version"`
	Issuer  string `json:"issuer"`
	// Number is the CRL number (decimal), empty when absent.
	Number     string     `json:"number,omitempty"`
	ThisUpdate time.Time  `json:"thisUpdate"`
	NextUpdate *time.Time `json:"nextUpdate,omitempty"`
	Entries    int64      `json:"entries"`
	// EntriesComplete is false when the MaxCRLEntries limit stopped the count.
	EntriesComplete    bool            `json:"entriesComplete"`
	SignatureAlgorithm string          `json:"signatureAlgorithm"`
	AuthorityKeyID     string          `json:"authorityKeyId,omitempty"`
	Extensions         []ExtensionInfo `json:"extensions,omitempty"`
	// DeltaBaseNumber is set for a delta CRL (the base CRL number).
	DeltaBaseNumber string `json:"deltaBaseNumber,omitempty"`
	// IssuingDistributionPoint is set when the CRL has that extension.
	IssuingDistributionPoint *IDPInfo `json:"issuingDistributionPoint,omitempty"`
	// Signer is the SHA-256 fingerprint of the certificate whose key verified
	// the signature (or of the issuer candidate that failed, see SignatureValid).
	Signer           string `json:"signer,omitempty"`
	SignerLabel      string `json:"signerLabel,omitempty"`
	SignerFound      bool   `json:"signerFound"`
	SignatureValid   bool   `json:"signatureValid"`
	SignatureError   string `json:"signatureError,omitempty"`
	IssuerMayCRLSign bool   `json:"issuerMayCRLSign"`
	Stale            bool   `json:"stale"`
	NotYetValid      bool   `json:"notYetValid"`
	// Unsupported names features of this CRL the tool (or OpenSSL by default)
	// does not process.
	Unsupported []string `json:"unsupported,omitempty"`
	// Lookups: the leaf and every other certificate of the path whose issuer
	// is this CRL's issuer.
	Lookups []CRLLookup `json:"lookups,omitempty"`
	// Error is set when the CRL could not be read.
	Error string `json:"error,omitempty"`
}

// ExtensionInfo is one CRL extension.
type ExtensionInfo struct {
	OID       string `json:"oid"`
	Name      string `json:"name"`
	Critical  bool   `json:"critical"`
	Supported bool   `json:"supported"`
	Value     string `json:"value,omitempty"`
}

// IDPInfo is a CRL's issuing distribution point.
type IDPInfo struct {
	URIs                       []string `json:"uris,omitempty"`
	OtherNames                 bool     `json:"otherNames,omitempty"`
	OnlyContainsUserCerts      bool     `json:"onlyContainsUserCerts,omitempty"`
	OnlyContainsCACerts        bool     `json:"onlyContainsCACerts,omitempty"`
	OnlySomeReasons            bool     `json:"onlySomeReasons,omitempty"`
	IndirectCRL                bool     `json:"indirectCRL,omitempty"`
	OnlyContainsAttributeCerts bool     `json:"onlyContainsAttributeCerts,omitempty"`
}

// CRLLookup is the membership of one certificate in one CRL.
type CRLLookup struct {
	Cert   string `json:"cert"`
	Label  string `json:"label"`
	Serial string `json:"serial"`
	// Role: "leaf" or "path".
	Role           string     `json:"role"`
	Listed         bool       `json:"listed"`
	RevocationDate *time.Time `json:"revocationDate,omitempty"`
	Reason         string     `json:"reason,omitempty"`
	ReasonCode     int        `json:"reasonCode,omitempty"`
	// Checked is false when the entry limit stopped the scan before the end.
	Checked bool `json:"checked"`
}

// OCSPInfo describes one OCSP response.
type OCSPInfo struct {
	Source string `json:"source"`
	// ResponseStatus: successful, malformedRequest, internalError, tryLater,
	// sigRequired, unauthorized (or "status N").
	ResponseStatus     string `json:"responseStatus"`
	ResponseStatusCode int    `json:"responseStatusCode"`
	ResponseType       string `json:"responseType,omitempty"`
	// ResponderName (RFC 4514) or ResponderKeyHash (hex) identifies the responder.
	ResponderName      string           `json:"responderName,omitempty"`
	ResponderKeyHash   string           `json:"responderKeyHash,omitempty"`
	ProducedAt         *time.Time       `json:"producedAt,omitempty"`
	Responses          []SingleResponse `json:"responses,omitempty"`
	Nonce              string           `json:"nonce,omitempty"`
	SignatureAlgorithm string           `json:"signatureAlgorithm,omitempty"`
	// Certificates are the fingerprints of the certificates embedded in the response.
	Certificates []string `json:"certificates,omitempty"`
	// Signer: "issuer" (the CA itself), "delegated" (a responder certificate
	// the CA issued), "unknown".
	Signer         string `json:"signer,omitempty"`
	SignerCert     string `json:"signerCert,omitempty"`
	SignerLabel    string `json:"signerLabel,omitempty"`
	SignatureValid bool   `json:"signatureValid"`
	SignatureError string `json:"signatureError,omitempty"`
	// Delegate* describe a delegated responder certificate.
	DelegateHasOCSPSigning bool `json:"delegateHasOCSPSigning,omitempty"`
	DelegateNoCheck        bool `json:"delegateNoCheck,omitempty"`
	DelegateIssuedByCA     bool `json:"delegateIssuedByCA,omitempty"`
	// DelegateEmbedded is false when the responder certificate was found only
	// among the supplied files (PyMongo looks only inside the response).
	DelegateEmbedded bool `json:"delegateEmbedded,omitempty"`
	// ForLeaf is true when a single response's CertID matches the server certificate.
	ForLeaf bool `json:"forLeaf"`
	// Fresh: thisUpdate <= At <= nextUpdate for the response used.
	Fresh       bool `json:"fresh"`
	Stale       bool `json:"stale"`
	NotYetValid bool `json:"notYetValid"`
	// ValidForPyMongo: successful, signed as PyMongo requires, current.
	ValidForPyMongo bool     `json:"validForPyMongo"`
	Problems        []string `json:"problems,omitempty"`
	Error           string   `json:"error,omitempty"`
}

// SingleResponse is one certificate status in an OCSP response.
type SingleResponse struct {
	HashAlgorithm  string     `json:"hashAlgorithm"`
	IssuerNameHash string     `json:"issuerNameHash"`
	IssuerKeyHash  string     `json:"issuerKeyHash"`
	Serial         string     `json:"serial"`
	Status         string     `json:"status"` // good, revoked, unknown
	RevokedAt      *time.Time `json:"revokedAt,omitempty"`
	Reason         string     `json:"reason,omitempty"`
	ThisUpdate     time.Time  `json:"thisUpdate"`
	NextUpdate     *time.Time `json:"nextUpdate,omitempty"`
	// ForCert is the fingerprint of the supplied certificate this CertID
	// identifies (empty when none), ForLabel its name.
	ForCert  string `json:"forCert,omitempty"`
	ForLabel string `json:"forLabel,omitempty"`
}

// OCSPRequestHelp lets the engineer fetch a response where the network is.
type OCSPRequestHelp struct {
	Cert        string `json:"cert"`
	Issuer      string `json:"issuer"`
	IssuerLabel string `json:"issuerLabel"`
	// RequestDER is the DER OCSP request for the leaf, base64.
	RequestDER string `json:"requestDER"`
	// URL is the responder named in the leaf's AIA; GetURL the RFC 6960 GET form.
	URL      string   `json:"url,omitempty"`
	GetURL   string   `json:"getURL,omitempty"`
	Commands []string `json:"commands"`
}

// Check reads the CRLs and OCSP responses and returns what was found and the
// checks "crl.revocation", "ocsp.status" and "ocsp.mustStaple".
func Check(crls []CRLInput, ocsps []OCSPInput, opt Options, p *i18n.Printer) (*Result, []report.Check) {
	if p == nil {
		p = i18n.English
	}
	if opt.MaxCRLEntries <= 0 {
		opt.MaxCRLEntries = DefaultMaxCRLEntries
	}
	res := &Result{CRLs: []CRLInfo{}, OCSP: []OCSPInfo{}}
	var checks []report.Check
	checks = append(checks, checkCRLs(crls, opt, p, res)...)
	checks = append(checks, checkOCSP(ocsps, opt, p, res)...)
	return res, checks
}

// ---- small shared helpers ----

func day(t time.Time) string { return t.UTC().Format("2006-01-02 15:04:05 UTC") }

// reasonName names a CRLReason (RFC 5280 5.3.1).
func reasonName(code int) string {
	switch code {
	case 0:
		return "unspecified"
	case 1:
		return "keyCompromise"
	case 2:
		return "cACompromise"
	case 3:
		return "affiliationChanged"
	case 4:
		return "superseded"
	case 5:
		return "cessationOfOperation"
	case 6:
		return "certificateHold"
	case 8:
		return "removeFromCRL"
	case 9:
		return "privilegeWithdrawn"
	case 10:
		return "aACompromise"
	}
	return "reason " + big.NewInt(int64(code)).String()
}

// OpenSSL verify errors this package reports (x509_vfy.h, OpenSSL 3.0 texts).

// invalidStatusResponse is the OpenSSL error a failed OCSP callback produces.
var invalidStatusResponse = report.OpenSSLError{Code: 328, Name: "SSL_R_INVALID_STATUS_RESPONSE", Text: "invalid status response"}

func osslErr(code int) *report.OpenSSLError {
	e, ok := x509err.ByCode(code)
	if !ok {
		return nil
	}
	return e.Report()
}
