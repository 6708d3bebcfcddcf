package core

import (
	"crypto"
	"crypto/dsa" //nolint:staticcheck // OpenSSL still verifies DSA signatures; Go's x509 does not
	"crypto/ecdsa"
	_ "crypto/md5" // MD5 signatures are verified to be reported, never accepted
	"crypto/rsa"
	_ "crypto/sha1"
	"crypto/x509"
	"encoding/asn1"
	"errors"
	"fmt"
	"math/big"
	"time"

	"certinspect/core/lint"
	"certinspect/core/seclevel"
	"certinspect/core/signature"
	"certinspect/core/x509err"
)

// This file evaluates a built path the way OpenSSL 3's X509_verify_cert does
// for Python's ssl module, collecting every problem (not only the first) and
// remembering OpenSSL's order, so the report can show them all and still
// predict the one error OpenSSL (and PyMongo) prints.

// OpenSSL's stages, in the order X509_verify_cert runs them.
const (
	stageLeafKey    = iota // leaf key size (before building)
	stageBuild             // issuer lookup
	stageExtensions        // critical extensions, CA flags, purpose, path length
	stageAuthLevel         // CA key sizes, signature digests
	stageHost              // host name / IP
	stageRevocation        // CRL (leaf only, as PyMongo configures it)
	stageSignatures        // signatures and validity times, root first
	stageNameConstraints
)

// problem is one reason OpenSSL would reject the path.
type problem struct {
	stage int
	order int // order within the stage
	depth int // position on the path (0 = leaf), -1 when not about one
	err   x509err.Error
	cert  *node
	// check is the report check that shows the problem.
	check string
	// kind names the problem for message selection.
	kind string
	// other is a second certificate involved (the issuer, the CA with the constraint).
	other *node
	note  string
}

// before orders problems as OpenSSL meets them.
func (p problem) before(q problem) bool {
	if p.stage != q.stage {
		return p.stage < q.stage
	}
	return p.order < q.order
}

func keyTooSmall(c *x509.Certificate) (bits int, small bool) {
	return seclevel.KeyTooSmall(c.PublicKey)
}

func weakSignature(c *x509.Certificate) bool {
	if c.SignatureAlgorithm == x509.UnknownSignatureAlgorithm {
		if a, ok := otherAlgorithm(c); ok {
			return a.Hash == crypto.SHA1 || a.Hash == crypto.MD5 // RSA-PSS with SHA-1
		}
	}
	return seclevel.WeakSignature(c.SignatureAlgorithm)
}

// otherAlgorithm reads the signature algorithm of a certificate whose
// algorithm crypto/x509 does not know.
func otherAlgorithm(c *x509.Certificate) (signature.Algorithm, bool) {
	_, alg, _, ok := signature.Signed(c.Raw)
	if !ok {
		return signature.Algorithm{}, false
	}
	return signature.Parse(alg)
}

// unhandledCritical reports whether c has a critical extension OpenSSL's
// verifier does not handle (EXFLAG_CRITICAL).
func unhandledCritical(c *x509.Certificate) bool {
	for _, e := range c.Extensions {
		if e.Critical && !lint.OpenSSLSupported(e.Id.String()) {
			return true
		}
	}
	return false
}

// caKind is OpenSSL's X509_check_ca: 0 not a CA, 1 basicConstraints CA:TRUE,
// 3 a v1 self-signed root, 4 a key usage with keyCertSign and no basic
// constraints, 5 a Netscape CA type and neither.
func caKind(c *x509.Certificate) int {
	if hasExtension(c, oidKeyUsage) && c.KeyUsage&x509.KeyUsageCertSign == 0 {
		return 0
	}
	switch {
	case hasExtension(c, oidBasicConstraints):
		if c.IsCA {
			return 1
		}
		return 0
	case c.Version == 1 && string(c.RawSubject) == string(c.RawIssuer):
		return 3
	case hasExtension(c, oidKeyUsage):
		return 4
	case nsCertType(c) > 0 && nsCertType(c)&nsAnyCA != 0:
		return 5
	}
	return 0
}

// isCA reports whether check_chain_extensions accepts c at depth i of a path
// of n certificates: an intermediate must be a CA by its basic constraints
// (OpenSSL 3 is strict for intermediates), the trust anchor may be one by
// the older rules too.
func isCA(c *x509.Certificate, i, n int) bool {
	k := caKind(c)
	return k == 1 || k != 0 && i == n-1
}

// Netscape certificate type bits (nsCertType, 2.16.840.1.113730.1.1) as
// OpenSSL's ex_nscert holds them.
const (
	nsSSLServer = 0x40
	nsSSLCA     = 0x04
	nsAnyCA     = 0x07
)

var oidNSCertType = asn1.ObjectIdentifier{2, 16, 840, 1, 113730, 1, 1}

// nsCertType returns the certificate's Netscape certificate type bits, or -1
// when it has none (every bit set: nothing is rejected for it).
func nsCertType(c *x509.Certificate) int {
	for _, e := range c.Extensions {
		if e.Id.Equal(oidNSCertType) {
			var bits asn1.BitString
			if _, err := asn1.Unmarshal(e.Value, &bits); err != nil || len(bits.Bytes) == 0 {
				return 0
			}
			return int(bits.Bytes[0])
		}
	}
	return -1
}

var oidExtKeyUsage = asn1.ObjectIdentifier{2, 5, 29, 37}

// ekuAllows reports whether the EKU extension, if present, allows
// serverAuth (OpenSSL also accepts the Netscape/Microsoft SGC purposes; it
// does not accept anyExtendedKeyUsage).
func ekuAllows(c *x509.Certificate, want x509.ExtKeyUsage) bool {
	if !hasExtension(c, oidExtKeyUsage) {
		return true // an empty extension allows nothing (xku_reject)
	}
	for _, e := range c.ExtKeyUsage {
		if e == want {
			return true
		}
		if want == x509.ExtKeyUsageServerAuth && (e == x509.ExtKeyUsageNetscapeServerGatedCrypto || e == x509.ExtKeyUsageMicrosoftServerGatedCrypto) {
			return true
		}
	}
	return false
}

// tlsKeyUsageOK is OpenSSL's ku_reject(x, KU_TLS) negated.
func tlsKeyUsageOK(c *x509.Certificate) bool {
	if !hasExtension(c, oidKeyUsage) {
		return true
	}
	return c.KeyUsage&(x509.KeyUsageDigitalSignature|x509.KeyUsageKeyEncipherment|x509.KeyUsageKeyAgreement) != 0
}

func selfIssued(n *node) bool { return n.names.subject == n.names.issuer }

// pathProblems evaluates the built path in OpenSSL's order. host is the name
// being connected to ("" when hostname checking is off or no host was given).
func pathProblems(res pathResult, at time.Time) []problem {
	var out []problem
	path := res.path
	leaf := path[0]
	last := path[len(path)-1]
	if _, small := keyTooSmall(leaf.cert); small {
		out = append(out, problem{stage: stageLeafKey, depth: 0, err: x509err.Must("X509_V_ERR_EE_KEY_TOO_SMALL"), cert: leaf, check: "crypto.strength", kind: "eeKeyTooSmall"})
	}
	switch res.end {
	case endNoIssuerUntrusted:
		kind := "noIssuer"
		if invalid(last) {
			kind = "invalidCert" // no issuer is ever found for it (defect.go)
		}
		out = append(out, problem{stage: stageBuild, depth: len(path) - 1, err: x509err.Must("X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY"), cert: last, check: "chain.trusted", kind: kind})
	case endNoIssuerTrusted:
		out = append(out, problem{stage: stageBuild, depth: len(path) - 1, err: x509err.Must("X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT"), cert: last, check: "chain.trusted", kind: "trustedNotRoot"})
	case endSelfSignedLeaf:
		out = append(out, problem{stage: stageBuild, depth: 0, err: x509err.Must("X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT"), cert: last, check: "chain.trusted", kind: "selfSignedLeaf"})
	case endSelfSignedInChain:
		out = append(out, problem{stage: stageBuild, depth: len(path) - 1, err: x509err.Must("X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN"), cert: last, check: "chain.trusted", kind: "untrustedRoot"})
	case endTooLong:
		out = append(out, problem{stage: stageBuild, depth: len(path) - 1, err: x509err.Must("X509_V_ERR_CERT_CHAIN_TOO_LONG"), cert: last, check: "chain.trusted", kind: "tooLong"})
	case endRejected:
		out = append(out, problem{stage: stageBuild, depth: len(path) - 1, err: x509err.Must("X509_V_ERR_CERT_REJECTED"), cert: last, check: "chain.trusted", kind: "rejected"})
	}

	// check_extensions, leaf first.
	plen := 0
	for i, n := range path {
		c := n.cert
		order := i * 8 // critical 0, CA 2, explicit curve 3, purpose 4, path length 6
		if n.defect != nil && n.defect.Kind == "criticalExt" {
			out = append(out, problem{stage: stageExtensions, order: order, depth: i, err: x509err.Must("X509_V_ERR_UNHANDLED_CRITICAL_EXTENSION"), cert: n, check: "chain.trusted", kind: "criticalMarked"})
		} else if unhandledCritical(c) {
			out = append(out, problem{stage: stageExtensions, order: order, depth: i, err: x509err.Must("X509_V_ERR_UNHANDLED_CRITICAL_EXTENSION"), cert: n, check: "chain.trusted", kind: "criticalExtension"})
		}
		if i > 0 && !isCA(c, i, len(path)) {
			out = append(out, problem{stage: stageExtensions, order: order + 2, depth: i, err: x509err.Must("X509_V_ERR_INVALID_CA"), cert: n, check: "chain.trusted", kind: "notCA", other: path[i-1]})
		}
		if len(path) > 1 && n.defect != nil && n.defect.Kind == "explicitCurve" {
			out = append(out, problem{stage: stageExtensions, order: order + 3, depth: i, err: x509err.Must("X509_V_ERR_EC_KEY_EXPLICIT_PARAMS"), cert: n, check: "chain.trusted", kind: "explicitCurve"})
		}
		purposeOK := ekuAllows(c, x509.ExtKeyUsageServerAuth)
		if i == 0 && (!tlsKeyUsageOK(c) || nsCertType(c)&nsSSLServer == 0) {
			purposeOK = false
		}
		if k := caKind(c); i > 0 && (k == 0 || k == 5 && nsCertType(c)&nsSSLCA == 0) {
			purposeOK = false // check_ssl_ca
		}
		if n.trusted && trustedForServerAuth(n.aux) {
			purposeOK = true // check_purpose: explicit trust settings trump the EKU
		}
		if !purposeOK {
			out = append(out, problem{stage: stageExtensions, order: order + 4, depth: i, err: x509err.Must("X509_V_ERR_INVALID_PURPOSE"), cert: n, check: "purpose.server", kind: "purpose"})
		}
		if i > 1 && c.BasicConstraintsValid && c.IsCA && (c.MaxPathLen > 0 || c.MaxPathLenZero) && plen > c.MaxPathLen {
			out = append(out, problem{stage: stageExtensions, order: order + 6, depth: i, err: x509err.Must("X509_V_ERR_PATH_LENGTH_EXCEEDED"), cert: n, check: "chain.trusted", kind: "pathLength"})
		}
		if i > 0 && !selfIssued(n) {
			plen++
		}
	}

	// check_auth_level: issuer keys and signature digests below the anchor.
	for i, n := range path {
		if i > 0 {
			if _, small := keyTooSmall(n.cert); small {
				out = append(out, problem{stage: stageAuthLevel, order: i * 2, depth: i, err: x509err.Must("X509_V_ERR_CA_KEY_TOO_SMALL"), cert: n, check: "crypto.strength", kind: "caKeyTooSmall"})
			}
		}
		if i < len(path)-1 && weakSignature(n.cert) {
			out = append(out, problem{stage: stageAuthLevel, order: i*2 + 1, depth: i, err: x509err.Must("X509_V_ERR_CA_MD_TOO_WEAK"), cert: n, check: "crypto.strength", kind: "weakDigest"})
		}
	}

	// internal_verify: from the top of the path down to the leaf, the
	// signature by the issuer, then the validity period. An anchor that is
	// not self-issued (an intermediate trusted by its trust settings) only
	// vouches for the certificate below it: its own dates are not checked.
	top := len(path) - 1
	for i := top; i >= 0; i-- {
		n := path[i]
		order := (top - i) * 2
		if i < top {
			issuer := path[i+1]
			if n.defect != nil && n.defect.Kind == "sigAlgMismatch" {
				// X509_verify compares the two algorithm identifiers first.
				out = append(out, problem{stage: stageSignatures, order: order, depth: i, err: x509err.Must("X509_V_ERR_CERT_SIGNATURE_FAILURE"), cert: n, check: "chain.trusted", kind: "sigAlgMismatch", other: issuer})
			} else if err := signedBy(n.cert, issuer.cert); errors.Is(err, signature.ErrUnknown) {
				// OpenSSL's answer from here on is not known.
				out = append(out, problem{stage: stageSignatures, order: order, depth: i, err: x509err.Must("X509_V_ERR_UNSPECIFIED"), cert: n, check: "chain.trusted", kind: "signatureUnknown", other: issuer, note: err.Error()})
			} else if err != nil {
				out = append(out, problem{stage: stageSignatures, order: order, depth: i, err: x509err.Must("X509_V_ERR_CERT_SIGNATURE_FAILURE"), cert: n, check: "chain.trusted", kind: "badSignature", other: issuer, note: err.Error()})
			}
		} else if i > 0 && res.end == endAnchored && !likelyIssued(n, n) {
			continue
		}
		badBefore, badAfter := badTimes(n.cert)
		switch {
		case badBefore:
			out = append(out, problem{stage: stageSignatures, order: order + 1, depth: i, err: x509err.Must("X509_V_ERR_ERROR_IN_CERT_NOT_BEFORE_FIELD"), cert: n, check: "validity.period", kind: "timeFormat", note: "notBefore"})
		case at.Before(n.cert.NotBefore):
			out = append(out, problem{stage: stageSignatures, order: order + 1, depth: i, err: x509err.Must("X509_V_ERR_CERT_NOT_YET_VALID"), cert: n, check: "validity.period", kind: "notYetValid"})
		case badAfter:
			out = append(out, problem{stage: stageSignatures, order: order + 1, depth: i, err: x509err.Must("X509_V_ERR_ERROR_IN_CERT_NOT_AFTER_FIELD"), cert: n, check: "validity.period", kind: "timeFormat", note: "notAfter"})
		case !at.Before(n.cert.NotAfter): // X509_cmp_time: equal counts as expired
			out = append(out, problem{stage: stageSignatures, order: order + 1, depth: i, err: x509err.Must("X509_V_ERR_CERT_HAS_EXPIRED"), cert: n, check: "validity.period", kind: "expired"})
		}
	}

	// Name constraints of every CA on the path over the certificates below it.
	out = append(out, nameConstraintProblems(path)...)
	return out
}

// signedBy checks c's signature with issuer's key, without Go's policy
// (Go refuses SHA-1 and MD5 signatures outright; OpenSSL verifies them and
// rejects them at security level 2 as a separate error, reported apart), and
// with DSA keys, which Go's x509 no longer verifies and OpenSSL does.
func signedBy(c, issuer *x509.Certificate) error {
	if c.SignatureAlgorithm == x509.UnknownSignatureAlgorithm {
		// SHA-224, SHA-3, RSA-PSS with another salt length, Ed448 ...
		a, ok := otherAlgorithm(c)
		if !ok {
			return errors.New("unreadable signature algorithm")
		}
		if err := signature.Verify(issuer.PublicKey, a, c.RawTBSCertificate, c.Signature); errors.Is(err, signature.ErrUnknown) {
			return fmt.Errorf("%w: %s", err, a.Name)
		} else if err != nil {
			return err
		}
		return nil
	}
	err := issuer.CheckSignature(c.SignatureAlgorithm, c.RawTBSCertificate, c.Signature)
	var insecure x509.InsecureAlgorithmError
	_, dsaKey := issuer.PublicKey.(*dsa.PublicKey)
	if err == nil || !errors.As(err, &insecure) && !(dsaKey && errors.Is(err, x509.ErrUnsupportedAlgorithm)) {
		return err
	}
	var h crypto.Hash
	switch c.SignatureAlgorithm {
	case x509.MD5WithRSA:
		h = crypto.MD5
	case x509.SHA1WithRSA, x509.ECDSAWithSHA1, x509.DSAWithSHA1:
		h = crypto.SHA1
	case x509.DSAWithSHA256:
		h = crypto.SHA256
	default:
		return err
	}
	d := h.New()
	d.Write(c.RawTBSCertificate)
	sum := d.Sum(nil)
	switch k := issuer.PublicKey.(type) {
	case *rsa.PublicKey:
		return rsa.VerifyPKCS1v15(k, h, sum, c.Signature)
	case *ecdsa.PublicKey:
		if ecdsa.VerifyASN1(k, sum, c.Signature) {
			return nil
		}
		return errors.New("ECDSA verification failure")
	case *dsa.PublicKey:
		return verifyDSA(k, sum, c.Signature)
	}
	return err
}

// verifyDSA checks a DER Dss-Sig-Value over digest, truncated to the size
// of the subgroup as FIPS 186-4 (and OpenSSL) do.
func verifyDSA(k *dsa.PublicKey, digest, sig []byte) error {
	var rs struct{ R, S *big.Int }
	if rest, err := asn1.Unmarshal(sig, &rs); err != nil || len(rest) > 0 || rs.R == nil || rs.S == nil {
		return errors.New("DSA signature is not a DER sequence of two integers")
	}
	if n := (k.Q.BitLen() + 7) / 8; len(digest) > n {
		digest = digest[:n]
	}
	if dsa.Verify(k, digest, rs.R, rs.S) {
		return nil
	}
	return errors.New("DSA verification failure")
}
