package hostcrypto

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/rsa"
	"crypto/x509"
	"errors"
)

// Digest returns h(data), hashed by the host when data is large enough for
// that to pay. h must be available (linked in).
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
	a, ok := prehashed[algo]
	if !ok {
		return c.CheckSignature(algo, signed, sig)
	}
	switch pub := c.PublicKey.(type) {
	case *rsa.PublicKey:
		if a.ecdsa {
			break
		}
		digest := Digest(a.hash, signed)
		if a.pss {
			return rsa.VerifyPSS(pub, a.hash, digest, sig, &rsa.PSSOptions{SaltLength: rsa.PSSSaltLengthEqualsHash})
		}
		return rsa.VerifyPKCS1v15(pub, a.hash, digest, sig)
	case *ecdsa.PublicKey:
		if !a.ecdsa {
			break
		}
		if !ecdsa.VerifyASN1(pub, Digest(a.hash, signed), sig) {
			return errors.New("x509: ECDSA verification failure") // crypto/x509's words
		}
		return nil
	}
	// A key that does not fit the algorithm: crypto/x509 words the error.
	return c.CheckSignature(algo, signed, sig)
}

// prehashed lists the algorithms CheckSignature can verify from a digest, as
// crypto/x509 does (SHA-1 is allowed there for CRLs; MD5 is refused there).
var prehashed = map[x509.SignatureAlgorithm]struct {
	hash       crypto.Hash
	pss, ecdsa bool
}{
	x509.SHA1WithRSA:      {hash: crypto.SHA1},
	x509.SHA256WithRSA:    {hash: crypto.SHA256},
	x509.SHA384WithRSA:    {hash: crypto.SHA384},
	x509.SHA512WithRSA:    {hash: crypto.SHA512},
	x509.SHA256WithRSAPSS: {hash: crypto.SHA256, pss: true},
	x509.SHA384WithRSAPSS: {hash: crypto.SHA384, pss: true},
	x509.SHA512WithRSAPSS: {hash: crypto.SHA512, pss: true},
	x509.ECDSAWithSHA1:    {hash: crypto.SHA1, ecdsa: true},
	x509.ECDSAWithSHA256:  {hash: crypto.SHA256, ecdsa: true},
	x509.ECDSAWithSHA384:  {hash: crypto.SHA384, ecdsa: true},
	x509.ECDSAWithSHA512:  {hash: crypto.SHA512, ecdsa: true},
}
