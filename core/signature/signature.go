// Package signature checks the signatures crypto/x509 leaves unverified but
// OpenSSL (and so PyMongo) verifies: RSA and ECDSA with SHA-224, SHA-512/224,
// SHA-512/256 or SHA-3, and RSASSA-PSS with any salt length or digest (Go
// verifies PSS only with SHA-256/384/512 and a salt as long as the digest,
// while OpenSSL signs with the longest salt by default). What neither can
// check here (Ed448, SM2, PSS whose mask digest differs from the message
// digest) is reported as Unknown, so that the caller says it cannot tell
// instead of calling the signature bad.
package signature

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/rsa"
	_ "crypto/sha3" // links SHA-3 for crypto.SHA3_*.New
	"encoding/asn1"
	"errors"

	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"
)

// Algorithm is a signature algorithm as an AlgorithmIdentifier gives it.
type Algorithm struct {
	// Name is OpenSSL's short name ("RSA-SHA224", "rsassaPss", "ED448").
	Name string
	// Key is the key type the algorithm needs: "RSA", "ECDSA" or "" when
	// the algorithm is not one this package verifies.
	Key  string
	Hash crypto.Hash
	// PSS: RSASSA-PSS with SaltLength bytes of salt.
	PSS        bool
	SaltLength int
}

// ErrUnknown is returned for an algorithm this package cannot verify.
var ErrUnknown = errors.New("signature algorithm not supported here")

// Known reports whether Verify can check signatures of this algorithm.
func (a Algorithm) Known() bool { return a.Key != "" }

// algorithms are the identifiers without parameters (or with NULL).
var algorithms = []struct {
	oid  asn1.ObjectIdentifier
	name string
	key  string
	hash crypto.Hash
}{
	{asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 1, 14}, "RSA-SHA224", "RSA", crypto.SHA224},
	{asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 1, 15}, "RSA-SHA512/224", "RSA", crypto.SHA512_224},
	{asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 1, 16}, "RSA-SHA512/256", "RSA", crypto.SHA512_256},
	{asn1.ObjectIdentifier{2, 16, 840, 1, 101, 3, 4, 3, 13}, "RSA-SHA3-224", "RSA", crypto.SHA3_224},
	{asn1.ObjectIdentifier{2, 16, 840, 1, 101, 3, 4, 3, 14}, "RSA-SHA3-256", "RSA", crypto.SHA3_256},
	{asn1.ObjectIdentifier{2, 16, 840, 1, 101, 3, 4, 3, 15}, "RSA-SHA3-384", "RSA", crypto.SHA3_384},
	{asn1.ObjectIdentifier{2, 16, 840, 1, 101, 3, 4, 3, 16}, "RSA-SHA3-512", "RSA", crypto.SHA3_512},
	{asn1.ObjectIdentifier{1, 2, 840, 10045, 4, 3, 1}, "ecdsa-with-SHA224", "ECDSA", crypto.SHA224},
	{asn1.ObjectIdentifier{2, 16, 840, 1, 101, 3, 4, 3, 9}, "ecdsa_with_SHA3-224", "ECDSA", crypto.SHA3_224},
	{asn1.ObjectIdentifier{2, 16, 840, 1, 101, 3, 4, 3, 10}, "ecdsa_with_SHA3-256", "ECDSA", crypto.SHA3_256},
	{asn1.ObjectIdentifier{2, 16, 840, 1, 101, 3, 4, 3, 11}, "ecdsa_with_SHA3-384", "ECDSA", crypto.SHA3_384},
	{asn1.ObjectIdentifier{2, 16, 840, 1, 101, 3, 4, 3, 12}, "ecdsa_with_SHA3-512", "ECDSA", crypto.SHA3_512},
	{asn1.ObjectIdentifier{1, 3, 101, 113}, "ED448", "", 0},
}

var (
	oidPSS  = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 1, 10}
	oidMGF1 = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 1, 8}
	digests = []struct {
		oid  asn1.ObjectIdentifier
		hash crypto.Hash
	}{
		{asn1.ObjectIdentifier{1, 3, 14, 3, 2, 26}, crypto.SHA1},
		{asn1.ObjectIdentifier{2, 16, 840, 1, 101, 3, 4, 2, 4}, crypto.SHA224},
		{asn1.ObjectIdentifier{2, 16, 840, 1, 101, 3, 4, 2, 1}, crypto.SHA256},
		{asn1.ObjectIdentifier{2, 16, 840, 1, 101, 3, 4, 2, 2}, crypto.SHA384},
		{asn1.ObjectIdentifier{2, 16, 840, 1, 101, 3, 4, 2, 3}, crypto.SHA512},
		{asn1.ObjectIdentifier{2, 16, 840, 1, 101, 3, 4, 2, 5}, crypto.SHA512_224},
		{asn1.ObjectIdentifier{2, 16, 840, 1, 101, 3, 4, 2, 6}, crypto.SHA512_256},
		{asn1.ObjectIdentifier{2, 16, 840, 1, 101, 3, 4, 2, 7}, crypto.SHA3_224},
		{asn1.ObjectIdentifier{2, 16, 840, 1, 101, 3, 4, 2, 8}, crypto.SHA3_256},
		{asn1.ObjectIdentifier{2, 16, 840, 1, 101, 3, 4, 2, 9}, crypto.SHA3_384},
		{asn1.ObjectIdentifier{2, 16, 840, 1, 101, 3, 4, 2, 10}, crypto.SHA3_512},
	}
)

// Parse reads a DER AlgorithmIdentifier. ok is false when it is not one at
// all; an identifier this package does not verify parses with Key "".
func Parse(der []byte) (a Algorithm, ok bool) {
	in := cryptobyte.String(der)
	var body cryptobyte.String
	var oid asn1.ObjectIdentifier
	if !in.ReadASN1(&body, cbasn1.SEQUENCE) || !in.Empty() || !body.ReadASN1ObjectIdentifier(&oid) {
		return a, false
	}
	if oid.Equal(oidPSS) {
		return parsePSS(body), true
	}
	for _, x := range algorithms {
		if oid.Equal(x.oid) {
			return Algorithm{Name: x.name, Key: x.key, Hash: x.hash}, true
		}
	}
	return Algorithm{Name: oid.String()}, true
}

// parsePSS reads RSASSA-PSS-params (RFC 4055): every field has a default
// (SHA-1, MGF1 with SHA-1, 20 bytes of salt, trailer 1).
func parsePSS(body cryptobyte.String) Algorithm {
	a := Algorithm{Name: "rsassaPss", Hash: crypto.SHA1, PSS: true, SaltLength: 20}
	mgf := crypto.SHA1
	var params cryptobyte.String
	if body.Empty() {
		a.Key = "RSA"
		return a
	}
	if !body.ReadASN1(&params, cbasn1.SEQUENCE) {
		return a
	}
	var field cryptobyte.String
	var present bool
	if !params.ReadOptionalASN1(&field, &present, cbasn1.Tag(0).Constructed().ContextSpecific()) {
		return a
	}
	if present {
		if a.Hash = digest(field); a.Hash == 0 {
			return a
		}
	}
	if !params.ReadOptionalASN1(&field, &present, cbasn1.Tag(1).Constructed().ContextSpecific()) {
		return a
	}
	if present {
		var alg cryptobyte.String
		var oid asn1.ObjectIdentifier
		if !field.ReadASN1(&alg, cbasn1.SEQUENCE) || !alg.ReadASN1ObjectIdentifier(&oid) || !oid.Equal(oidMGF1) {
			return a
		}
		if mgf = digest(alg); mgf == 0 {
			return a
		}
	}
	if !params.ReadOptionalASN1(&field, &present, cbasn1.Tag(2).Constructed().ContextSpecific()) {
		return a
	}
	if present {
		var salt int64
		if !field.ReadASN1Int64WithTag(&salt, cbasn1.INTEGER) || salt < 0 || salt > 1<<16 {
			return a
		}
		a.SaltLength = int(salt)
	}
	if !params.ReadOptionalASN1(&field, &present, cbasn1.Tag(3).Constructed().ContextSpecific()) {
		return a
	}
	if present {
		var trailer int64
		if !field.ReadASN1Int64WithTag(&trailer, cbasn1.INTEGER) || trailer != 1 {
			return a
		}
	}
	if params.Empty() && mgf == a.Hash {
		a.Key = "RSA" // crypto/rsa masks with the message digest only
	}
	return a
}

// digest reads a digest AlgorithmIdentifier (parameters absent or NULL).
func digest(s cryptobyte.String) crypto.Hash {
	var alg cryptobyte.String
	var oid asn1.ObjectIdentifier
	if !s.ReadASN1(&alg, cbasn1.SEQUENCE) || !alg.ReadASN1ObjectIdentifier(&oid) {
		return 0
	}
	for _, d := range digests {
		if oid.Equal(d.oid) {
			return d.hash
		}
	}
	return 0
}

// Signed splits a signed structure (a certificate, a CRL, an OCSP basic
// response: SEQUENCE { signed data, AlgorithmIdentifier, BIT STRING }).
func Signed(der []byte) (signed, alg, sig []byte, ok bool) {
	in := cryptobyte.String(der)
	var body, tbs, algID cryptobyte.String
	var bits asn1.BitString
	if !in.ReadASN1(&body, cbasn1.SEQUENCE) || !body.ReadASN1Element(&tbs, cbasn1.SEQUENCE) ||
		!body.ReadASN1Element(&algID, cbasn1.SEQUENCE) || !body.ReadASN1BitString(&bits) || bits.BitLength%8 != 0 {
		return nil, nil, nil, false
	}
	return tbs, algID, bits.Bytes, true
}

// Verify checks sig over signed with pub. It returns ErrUnknown when the
// algorithm is not one it verifies or does not fit the key.
func Verify(pub crypto.PublicKey, a Algorithm, signed, sig []byte) error {
	if !a.Known() || !a.Hash.Available() {
		return ErrUnknown
	}
	d := a.Hash.New()
	d.Write(signed)
	sum := d.Sum(nil)
	switch k := pub.(type) {
	case *rsa.PublicKey:
		switch {
		case a.Key != "RSA":
		case a.PSS:
			return rsa.VerifyPSS(k, a.Hash, sum, sig, &rsa.PSSOptions{SaltLength: a.SaltLength})
		default:
			return rsa.VerifyPKCS1v15(k, a.Hash, sum, sig)
		}
	case *ecdsa.PublicKey:
		if a.Key == "ECDSA" {
			if !ecdsa.VerifyASN1(k, sum, sig) {
				return errors.New("ECDSA verification failure")
			}
			return nil
		}
	}
	return ErrUnknown
}
