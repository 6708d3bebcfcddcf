// Package lint holds the RFC 5280 and CA/Browser Forum rules that Go's
// crypto/x509 does not enforce, in the manner of zlint: one rule per file
// (rule_<name>.go) with its id, citation and description, a registry (Rules),
// and a paired table test per rule that builds its certificate in the test.
//
// Each rule yields the status that matches PyMongo's behaviour: "fail" when
// OpenSSL 3.0, as Python's ssl module configures it for PyMongo (no
// X509_V_FLAG_X509_STRICT, no partial chain, security level 2, purpose
// sslserver), refuses the connection because of it, "warn" when OpenSSL still
// connects and the rule is only a standard the certificate breaks (stricter
// clients such as Go, browsers or the Node.js driver may refuse it).
//
// Some malformations never reach these rules because Go's parser rejects the
// certificate outright (the decoder then reports the certificate as
// unreadable): duplicate extensions, different signature algorithms in the
// outer certificate and the TBS and elliptic-curve keys with explicit
// parameters. (Negative serial numbers, refused since Go 1.23, are read:
// go.mod sets GODEBUG x509negativeserial=1, and ruleSerialNegative reports
// them.) ParserRejects lists them; a test proves each.
package lint

import (
	"certinspect/core/certid"
	"crypto/x509"

	"certinspect/core/i18n"
	"certinspect/core/report"
)

// MaxPath bounds the number of certificates Run looks at.
const MaxPath = 16

// Position says where a certificate sits in the path being linted.
type Position struct {
	// Depth is the index in the path, 0 for the leaf.
	Depth int
	// IsLeaf is true for the peer certificate (depth 0).
	IsLeaf bool
	// IsRoot is true for the last certificate of the path when it is
	// self-signed (the trust anchor).
	IsRoot bool
	// Issuer is the next certificate of the path; nil for the last one.
	Issuer *x509.Certificate
	// Host is the host name the client connects to ("" when unknown).
	Host string
}

// Finding is one rule broken by one certificate.
type Finding struct {
	RuleID   string
	Citation string
	Status   report.Status
	Cert     *x509.Certificate
	Title    string
	Detail   string
	Fix      string
	// OpenSSLError is the error OpenSSL reports, for "fail" findings.
	OpenSSLError *report.OpenSSLError
	// Others names clients that decide differently from PyMongo.
	Others []string
}

// Rule is one lint rule.
type Rule struct {
	// ID is stable, "lint.<name>", and is the id of the report check.
	ID string
	// Citation names the standard: "RFC 5280 4.1.2.2".
	Citation string
	// Description says what the rule checks, in English, for documentation.
	Description string
	// Applies says whether the rule is about this certificate at this position.
	Applies func(c *x509.Certificate, pos Position) bool
	// Check returns a finding when c breaks the rule, nil otherwise.
	Check func(c *x509.Certificate, pos Position, p *i18n.Printer) *Finding
}

// registry lists every rule in report order. Each rule_<name>.go file
// declares one variable that is listed here.
var registry = []Rule{
	ruleVersionExtensions,
	ruleUniqueIdentifiers,
	ruleUnhandledCriticalExtension,
	ruleSerialZero,
	ruleSerialNegative,
	ruleSerialTooLong,
	ruleEmptyIssuer,
	ruleEmptySubject,
	ruleValidityInverted,
	ruleValidityTooLong,
	ruleMissingAKI,
	ruleAKIContents,
	ruleAKISelfMismatch,
	ruleMissingSKI,
	ruleBasicConstraintsNotCritical,
	rulePathLenNonCA,
	ruleCANoKeyCertSign,
	ruleKeyCertSignNonCA,
	ruleKeyUsageEmpty,
	ruleCAKeyUsageMissing,
	ruleNameConstraintsNotCritical,
	ruleNameConstraintsInLeaf,
	ruleNameConstraintsUnsupported,
	rulePolicyConstraintsNotCritical,
	ruleLeafNoEKU,
	ruleEKUEmpty,
	ruleEKUCritical,
	ruleRootEKU,
	ruleAnyEKUOnly,
	ruleCAEKUMixed,
	ruleSANMissing,
	ruleSANEmpty,
	ruleCNNotInSAN,
	ruleDNSUnderscore,
	ruleDNSWildcardPosition,
	ruleDNSIPAddress,
	ruleDNSInvalid,
	ruleEmailInSubject,
	ruleRSAExponent,
	ruleRSAModulusSize,
}

// Rules returns the registry (a copy).
func Rules() []Rule { return append([]Rule(nil), registry...) }

// Run lints every certificate of path (leaf first, then each issuer, ending
// with the trust anchor when one was found) and returns the findings in path
// order, then registry order. It never panics: a rule that panics on a
// malformed certificate is skipped.
func Run(path []*x509.Certificate, host string, p *i18n.Printer) []Finding {
	if p == nil {
		p = i18n.English
	}
	if len(path) > MaxPath {
		path = path[:MaxPath]
	}
	var out []Finding
	for i, c := range path {
		if c == nil {
			continue
		}
		pos := Position{Depth: i, IsLeaf: i == 0, Host: host}
		if i+1 < len(path) {
			pos.Issuer = path[i+1]
		} else {
			pos.IsRoot = i > 0 && selfIssued(c)
		}
		for _, r := range registry {
			if f := runRule(r, c, pos, p); f != nil {
				out = append(out, *f)
			}
		}
	}
	return out
}

func runRule(r Rule, c *x509.Certificate, pos Position, p *i18n.Printer) (f *Finding) {
	defer func() {
		if recover() != nil {
			f = nil
		}
	}()
	if r.Applies != nil && !r.Applies(c, pos) {
		return nil
	}
	f = r.Check(c, pos, p)
	if f == nil {
		return nil
	}
	f.RuleID, f.Citation, f.Cert = r.ID, r.Citation, c
	switch f.Status {
	case report.Fail:
		f.Detail = join(f.Detail, p.T("lint.consequence.fail",
			"PyMongo refuses the connection: OpenSSL rejects this certificate during verification.", nil))
	case report.Warn:
		f.Detail = join(f.Detail, p.T("lint.consequence.warn",
			"PyMongo still connects: OpenSSL, as PyMongo runs it, does not enforce this rule; stricter clients may refuse the certificate.", nil))
	}
	return f
}

func join(a, b string) string {
	if a == "" {
		return b
	}
	return a + " " + b
}

// Checks turns findings into report checks: one per finding, with the rule id
// as ID, the certificate's SHA-256 fingerprint as Subject and the citation as
// Rule.
func Checks(fs []Finding) []report.Check {
	out := make([]report.Check, 0, len(fs))
	for _, f := range fs {
		ch := report.Check{
			ID:           f.RuleID,
			Status:       f.Status,
			Title:        f.Title,
			Detail:       f.Detail,
			Fix:          f.Fix,
			Rule:         f.Citation,
			OpenSSLError: f.OpenSSLError,
			Others:       f.Others,
		}
		if f.Cert != nil {
			ch.Subject = certid.Fingerprint(f.Cert)
			ch.SubjectLabel = certid.Label(f.Cert)
		}
		out = append(out, ch)
	}
	return out
}
