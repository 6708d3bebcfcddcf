package core

import (
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rsa"
	"crypto/x509"
	"encoding/asn1"
	"time"

	"certinspect/core/pemfile"
)

// This file builds the certificate path the way OpenSSL 3 does for Python's
// ssl module (and so for PyMongo): trusted-first issuer lookup, no partial
// chains (the path must end at a self-signed certificate from the trust store),
// issuer candidates chosen by name, key identifier and key usage, and the
// time-valid candidate preferred.

// Limits on path building, so hostile inputs stay cheap.
const (
	// maxChainDepth is OpenSSL's default verify depth (100) plus the leaf and
	// the anchor.
	maxChainDepth = 102
)

var oidKeyUsage = asn1.ObjectIdentifier{2, 5, 29, 15}
var oidBasicConstraints = asn1.ObjectIdentifier{2, 5, 29, 19}

// node is one certificate known to the path builder.
type node struct {
	cert    *x509.Certificate
	names   certNames
	trusted bool
	from    string // "serverChain", "tlsCAFile", "bundled roots"
	index   int    // position in its source, for stable ordering
	fp      string
	// aux are the OpenSSL trust settings of a trust-store certificate read
	// from a TRUSTED CERTIFICATE block (nil: none), and file the file.
	aux  *pemfile.Trust
	file string
	// defect is set when the certificate was read through a repaired copy
	// (defect.go): what OpenSSL does with the certificate as found.
	defect *defect
}

// pathStep is one certificate on the built path.
type pathStep struct {
	*node
}

// buildEnd says how path building stopped.
type buildEnd int

const (
	endAnchored          buildEnd = iota // reached a trusted self-signed certificate
	endNoIssuerUntrusted                 // issuer of an untrusted certificate not found (20)
	endNoIssuerTrusted                   // issuer of a trusted, not self-signed certificate not found (2)
	endSelfSignedLeaf                    // the leaf is self-signed and not trusted (18)
	endSelfSignedInChain                 // an untrusted self-signed certificate ends the path (19)
	endTooLong                           // depth exceeded (22)
	endRejected                          // the trust settings of the last certificate refuse TLS server use (28)
)

// pathResult is the outcome of OpenSSL-style path building.
type pathResult struct {
	path []*node
	end  buildEnd
}

func hasExtension(c *x509.Certificate, oid asn1.ObjectIdentifier) bool {
	for _, e := range c.Extensions {
		if e.Id.Equal(oid) {
			return true
		}
	}
	return false
}

// keyTypeMatchesSignature is OpenSSL's check_sig_alg_match: the issuer's key
// type must fit the subject's signature algorithm.
func keyTypeMatchesSignature(issuer, subject *x509.Certificate) bool {
	switch subject.SignatureAlgorithm {
	case x509.MD2WithRSA, x509.MD5WithRSA, x509.SHA1WithRSA, x509.SHA256WithRSA, x509.SHA384WithRSA, x509.SHA512WithRSA,
		x509.SHA256WithRSAPSS, x509.SHA384WithRSAPSS, x509.SHA512WithRSAPSS:
		_, ok := issuer.PublicKey.(*rsa.PublicKey)
		return ok
	case x509.ECDSAWithSHA1, x509.ECDSAWithSHA256, x509.ECDSAWithSHA384, x509.ECDSAWithSHA512:
		_, ok := issuer.PublicKey.(*ecdsa.PublicKey)
		return ok
	case x509.PureEd25519:
		_, ok := issuer.PublicKey.(ed25519.PublicKey)
		return ok
	}
	return true // unknown algorithms: let the signature check decide
}

// likelyIssued is OpenSSL's x509_likely_issued: names match, the subject's
// authority key identifier (when both sides have one) names the issuer's key
// and, when it gives them, the issuer's serial number and issuer name
// (X509_check_akid), and the key type fits the signature algorithm. The
// signature itself is checked later, as OpenSSL does.
func likelyIssued(issuer, subject *node) bool {
	if invalid(issuer) || invalid(subject) {
		return false // ossl_x509v3_cache_extensions fails: never an issuer or issued
	}
	if issuer.names.subject != subject.names.issuer {
		return false
	}
	if len(subject.cert.AuthorityKeyId) > 0 && len(issuer.cert.SubjectKeyId) > 0 &&
		string(subject.cert.AuthorityKeyId) != string(issuer.cert.SubjectKeyId) {
		return false
	}
	if !akidIssuerSerialMatch(issuer, subject) {
		return false
	}
	return keyTypeMatchesSignature(issuer.cert, subject.cert)
}

// invalid is OpenSSL's EXFLAG_INVALID for a certificate read through a
// repaired copy.
func invalid(n *node) bool { return n.defect != nil && n.defect.Kind == "invalid" }

// selfSigned is OpenSSL's notion used while building: the certificate would
// be its own issuer (no signature check).
func selfSigned(n *node) bool { return likelyIssued(n, n) }

func timeValid(c *x509.Certificate, at time.Time) bool {
	return !at.Before(c.NotBefore) && at.Before(c.NotAfter) // OpenSSL counts notAfter itself as expired
}

// pickIssuer returns the first time-valid issuer among candidates, else the
// one that expires last, as OpenSSL's get_issuer and find_issuer do.
func pickIssuer(cands []*node, subject *node, onPath map[*node]bool, at time.Time) *node {
	var best *node
	for _, c := range cands {
		if onPath[c] {
			continue // never loop back into the path
		}
		if !likelyIssued(c, subject) { // OpenSSL 3.0's check_issued: key usage is checked later
			continue
		}
		if timeValid(c.cert, at) {
			return c
		}
		if best == nil || c.cert.NotAfter.After(best.cert.NotAfter) {
			best = c
		}
	}
	return best
}

// sameCert reports whether two nodes hold the same certificate, or the same
// subject and key (a re-issued root), which OpenSSL treats as a match when it
// swaps an untrusted self-signed certificate for the trusted copy.
func sameCert(a, b *node) bool {
	if a.fp == b.fp {
		return true
	}
	return a.names.subject == b.names.subject && string(a.cert.RawSubjectPublicKeyInfo) == string(b.cert.RawSubjectPublicKeyInfo)
}

// buildPath builds the path from leaf as OpenSSL does with trusted-first
// lookup. trusted are trust-store certificates, untrusted the other presented
// certificates.
func buildPath(leaf *node, trusted, untrusted []*node, at time.Time) pathResult {
	byIssuerName := func(list []*node) map[string][]*node {
		m := map[string][]*node{}
		for _, n := range list {
			m[n.names.subject] = append(m[n.names.subject], n)
		}
		return m
	}
	trustedBy := byIssuerName(trusted)
	untrustedBy := byIssuerName(untrusted)

	path := []*node{leaf}
	onPath := map[*node]bool{leaf: true}
	// A leaf that is not self-signed is never looked up in the trust store
	// (that is partial-chain mode, which Python's ssl does not set): a server
	// certificate in the CA file does not make itself trusted.
	for {
		cur := path[len(path)-1]
		if cur.trusted {
			// check_trust, each time a trust-store certificate joins the path.
			switch checkTrust(cur) {
			case trustAnchor:
				return pathResult{path: path, end: endAnchored}
			case trustRejected:
				return pathResult{path: path, end: endRejected}
			}
		} else if selfSigned(cur) {
			// An untrusted self-signed certificate is accepted when the trust
			// store holds the same certificate.
			for _, t := range trustedBy[cur.names.subject] {
				if sameCert(t, cur) {
					path[len(path)-1] = t
					if checkTrust(t) == trustRejected {
						return pathResult{path: path, end: endRejected}
					}
					return pathResult{path: path, end: endAnchored}
				}
			}
			if len(path) == 1 {
				return pathResult{path: path, end: endSelfSignedLeaf}
			}
			return pathResult{path: path, end: endSelfSignedInChain}
		}
		if len(path) >= maxChainDepth {
			return pathResult{path: path, end: endTooLong}
		}
		issuer := pickIssuer(trustedBy[cur.names.issuer], cur, onPath, at)
		// Once the path has entered the trust store, OpenSSL looks for
		// issuers only there: an untrusted root sent by the server cannot
		// complete a path above a trusted intermediate.
		if issuer == nil && !cur.trusted {
			issuer = pickIssuer(untrustedBy[cur.names.issuer], cur, onPath, at)
		}
		if issuer == nil {
			if cur.trusted {
				return pathResult{path: path, end: endNoIssuerTrusted}
			}
			return pathResult{path: path, end: endNoIssuerUntrusted}
		}
		if onPath[issuer] {
			// A loop that does not end at a self-signed certificate.
			if cur.trusted {
				return pathResult{path: path, end: endNoIssuerTrusted}
			}
			return pathResult{path: path, end: endNoIssuerUntrusted}
		}
		onPath[issuer] = true
		path = append(path, issuer)
	}
}

// findLeaf picks the server's certificate from a presented chain: the first
// certificate that issued no other certificate of the chain, whatever the
// order of the file. Candidates are looked up by name, so a chain of
// thousands of certificates costs no more than a pass over it.
func findLeaf(presented []*node) *node {
	byIssuer := map[string][]*node{}
	for _, o := range presented {
		byIssuer[o.names.issuer] = append(byIssuer[o.names.issuer], o)
	}
	for _, c := range presented {
		issuesAnother := false
		for _, o := range byIssuer[c.names.subject] {
			if o != c && o.fp != c.fp && likelyIssued(c, o) && !selfSigned(o) {
				issuesAnother = true
				break
			}
		}
		if !issuesAnother && !(c.cert.IsCA && selfSigned(c) && len(presented) > 1) {
			return c
		}
	}
	if len(presented) > 0 {
		return presented[0]
	}
	return nil
}

// candidatesByName lists the certificates (of any source) whose subject is
// the given canonical name, for explaining a missing issuer.
func candidatesByName(name string, all []*node) []*node {
	var out []*node
	for _, n := range all {
		if n.names.subject == name {
			out = append(out, n)
		}
	}
	return out
}
