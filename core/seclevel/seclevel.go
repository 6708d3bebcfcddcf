// Package seclevel holds OpenSSL's security level 2 rules for keys and
// signatures: what Python 3.10+ (and Debian's and Ubuntu's OpenSSL) enforce,
// both when a certificate is verified and when PyMongo loads its own client
// certificate (ssl_security_cert: EE_KEY_TOO_SMALL, CA_KEY_TOO_SMALL,
// CA_MD_TOO_WEAK).
package seclevel

import (
	"bytes"
	"crypto/dsa" //nolint:staticcheck // DSA keys still appear in certificates
	"crypto/ecdsa"
	"crypto/rsa"
	"crypto/x509"
)

// Level 2 asks for 112 bits of security: RSA and DSA keys of 2048 bits, EC
// keys of 224 bits.
const (
	MinRSABits = 2048
	MinECBits  = 224
)

// KeyTooSmall returns the key's size in bits and whether level 2 refuses it.
// Keys of other types (Ed25519) are strong enough.
func KeyTooSmall(pub any) (bits int, small bool) {
	switch k := pub.(type) {
	case *rsa.PublicKey:
		return k.N.BitLen(), k.N.BitLen() < MinRSABits
	case *ecdsa.PublicKey:
		b := k.Curve.Params().BitSize
		return b, b < MinECBits
	case *dsa.PublicKey:
		return k.P.BitLen(), k.P.BitLen() < MinRSABits
	}
	return 0, false
}

// WeakSignature reports whether level 2 refuses the signature's digest
// (MD2, MD5, SHA-1).
func WeakSignature(alg x509.SignatureAlgorithm) bool {
	switch alg {
	case x509.MD2WithRSA, x509.MD5WithRSA, x509.SHA1WithRSA, x509.DSAWithSHA1, x509.ECDSAWithSHA1:
		return true
	}
	return false
}

// SelfIssued is OpenSSL's EXFLAG_SS test as far as the names go: a
// certificate whose issuer is its subject. OpenSSL does not check the
// signature digest of such a certificate when it loads it.
func SelfIssued(c *x509.Certificate) bool { return bytes.Equal(c.RawSubject, c.RawIssuer) }
