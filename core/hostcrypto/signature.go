package hostcrypto

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/rsa"
	"crypto/x509"
	"errors"
)

// Digest returns h(data), hashed by the host when data is large enough for
// that to pay. h must be linked in (crypto/x509 links SHA-1 and SHA-2).
func Digest(h crypto.Hash, data []byte) []byte {
	if len(data) >= MinDigestBytes {
		if hc := current(); hc != nil {
			if sum, ok := hc.Digest(h, data); ok && len(sum) == h.Size() {
				return sum
			}
		}
	}
	d := h.New()
	d.Write(data)
	return d.Sum(nil)
}

// CheckSignature is c.CheckSignature(algo, signed, sig), with the same result
// and errors, except that a large signed part (a big CRL's TBSCertList) is
// hashed by the host. Small inputs and other algorithms go to crypto/x509.
func CheckSignature(c *x509.Certificate, algo x509.SignatureAlgorithm, signed, sig []byte) error {
	if len(signed) < MinDigestBytes || current() == nil {
		return c.CheckSignature(algo, signed, sig)
	}
	h, pss, ec, ok := prehashed(algo)
	if !ok {
		return c.CheckSignature(algo, signed, sig)
	}
	switch pub := c.PublicKey.(type) {
	case *rsa.PublicKey:
		if ec {
			break
		}
		digest := Digest(h, signed)
		if pss {
			return rsa.VerifyPSS(pub, h, digest, sig, &rsa.PSSOptions{SaltLength: rsa.PSSSaltLengthEqualsHash})
		}
		return rsa.VerifyPKCS1v15(pub, h, digest, sig)
	case *ecdsa.PublicKey:
		if !ec {
			break
		}
		if !ecdsa.VerifyASN1(pub, Digest(h, signed), sig) {
			return errors.New("x509: ECDSA verification failure") // crypto/x509's words
		}
		return nil
	}
	// A key that does not fit the algorithm: crypto/x509 words the error.
	return c.CheckSignature(algo, signed, sig)
}

// prehashed tells how CheckSignature verifies algo from a digest, as
// crypto/x509 does (SHA-1 is allowed there for CRLs; MD5 is refused there).
// A switch, not a map: nothing to build at start-up.
func prehashed(algo x509.SignatureAlgorithm) (h crypto.Hash, pss, ec, ok bool) {
	switch algo {
	case x509.SHA1WithRSA:
		return crypto.SHA1, false, false, true
	case x509.SHA256WithRSA:
		return crypto.SHA256, false, false, true
	case x509.SHA384WithRSA:
		return crypto.SHA384, false, false, true
	case x509.SHA512WithRSA:
		return crypto.SHA512, false, false, true
	case x509.SHA256WithRSAPSS:
		return crypto.SHA256, true, false, true
	case x509.SHA384WithRSAPSS:
		return crypto.SHA384, true, false, true
	case x509.SHA512WithRSAPSS:
		return crypto.SHA512, true, false, true
	case x509.ECDSAWithSHA1:
		return crypto.SHA1, false, true, true
	case x509.ECDSAWithSHA256:
		return crypto.SHA256, false, true, true
	case x509.ECDSAWithSHA384:
		return crypto.SHA384, false, true, true
	case x509.ECDSAWithSHA512:
		return crypto.SHA512, false, true, true
	}
	return 0, false, false, false
}
