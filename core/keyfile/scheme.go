package keyfile

import (
	"crypto"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"crypto/x509/pkix"
	"encoding/asn1"
	"errors"
	"fmt"
	"hash"

	"github.com/youmark/pkcs8"

	"certinspect/core/hostcrypto"
)

// Work limits for decrypting untrusted keys (a page must not freeze on a
// hostile header). OpenSSL 3 writes 2048 PBKDF2 iterations and scrypt N=16384,
// r=8, p=1 (16 MiB, N*r*p = 2^17); OpenSSL itself refuses scrypt parameters
// that need more than 32 MiB unless told otherwise.
const (
	MaxPBKDF2Iterations = 1_000_000
	MaxScryptMemory     = 32 << 20 // bytes: 128 * N * r
	MaxScryptCost       = 1 << 20  // N * r * p
)

// The limits in force (lowered by the fuzz test).
var (
	limitPBKDF2      = MaxPBKDF2Iterations
	limitScryptCost  = MaxScryptCost
	limitScryptBytes = MaxScryptMemory
)

var (
	oidPBES2  = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 5, 13}
	oidPBKDF2 = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 5, 12}
	oidScrypt = asn1.ObjectIdentifier{1, 3, 6, 1, 4, 1, 11591, 4, 11}
)

// prfs are the PBKDF2 pseudo-random functions (RFC 8018 B.1).
var prfs = map[string]struct {
	name string
	h    func() hash.Hash
	id   crypto.Hash // for hostcrypto, which may derive the key faster
}{
	"1.2.840.113549.2.7":  {"HMAC-SHA1", sha1.New, crypto.SHA1},
	"1.2.840.113549.2.8":  {"HMAC-SHA224", sha256.New224, crypto.SHA224},
	"1.2.840.113549.2.9":  {"HMAC-SHA256", sha256.New, crypto.SHA256},
	"1.2.840.113549.2.10": {"HMAC-SHA384", sha512.New384, crypto.SHA384},
	"1.2.840.113549.2.11": {"HMAC-SHA512", sha512.New, crypto.SHA512},
	"1.2.840.113549.2.12": {"HMAC-SHA512/224", sha512.New512_224, crypto.SHA512_224},
	"1.2.840.113549.2.13": {"HMAC-SHA512/256", sha512.New512_256, crypto.SHA512_256},
}

// pbes2Ciphers are the encryption schemes youmark/pkcs8 decrypts correctly
// (it registers the AES-GCM OIDs too, but decrypts them as CBC, so those are
// refused here).
var pbes2Ciphers = map[string]struct {
	name    string
	ivSize  int
	keySize int
}{
	"2.16.840.1.101.3.4.1.2":  {"AES-128-CBC", 16, 16},
	"2.16.840.1.101.3.4.1.22": {"AES-192-CBC", 16, 24},
	"2.16.840.1.101.3.4.1.42": {"AES-256-CBC", 16, 32},
	"1.2.840.113549.3.7":      {"DES-EDE3-CBC", 8, 24},
}

// openSSLReads is what OpenSSL 3 (default provider) does with a scheme
// certinspect cannot decrypt.
type openSSLReads int

const (
	opensslUnknown openSSLReads = iota
	opensslYes
	opensslNeedsLegacy
)

// otherSchemes names encryption algorithms certinspect does not decrypt.
var otherSchemes = map[string]struct {
	name    string
	openssl openSSLReads
}{
	// PKCS#5 v1.5 PBES1.
	"1.2.840.113549.1.5.1":  {"PBES1 pbeWithMD2AndDES-CBC", opensslNeedsLegacy},
	"1.2.840.113549.1.5.3":  {"PBES1 pbeWithMD5AndDES-CBC", opensslNeedsLegacy},
	"1.2.840.113549.1.5.4":  {"PBES1 pbeWithMD2AndRC2-CBC", opensslNeedsLegacy},
	"1.2.840.113549.1.5.6":  {"PBES1 pbeWithMD5AndRC2-CBC", opensslNeedsLegacy},
	"1.2.840.113549.1.5.10": {"PBES1 pbeWithSHA1AndDES-CBC", opensslNeedsLegacy},
	"1.2.840.113549.1.5.11": {"PBES1 pbeWithSHA1AndRC2-CBC", opensslNeedsLegacy},
	// PKCS#12 PBE (what `openssl pkcs8 -v1 PBE-SHA1-3DES` and old Java/Windows tools write).
	"1.2.840.113549.1.12.1.1": {"PKCS#12 pbeWithSHAAnd128BitRC4", opensslNeedsLegacy},
	"1.2.840.113549.1.12.1.2": {"PKCS#12 pbeWithSHAAnd40BitRC4", opensslNeedsLegacy},
	"1.2.840.113549.1.12.1.3": {"PKCS#12 pbeWithSHAAnd3-KeyTripleDES-CBC", opensslYes},
	"1.2.840.113549.1.12.1.4": {"PKCS#12 pbeWithSHAAnd2-KeyTripleDES-CBC", opensslYes},
	"1.2.840.113549.1.12.1.5": {"PKCS#12 pbeWithSHAAnd128BitRC2-CBC", opensslNeedsLegacy},
	"1.2.840.113549.1.12.1.6": {"PKCS#12 pbeWithSHAAnd40BitRC2-CBC", opensslNeedsLegacy},
	// PBES2 ciphers other than AES-CBC and 3DES.
	"1.3.14.3.2.7":              {"DES-CBC", opensslNeedsLegacy},
	"1.2.840.113549.3.2":        {"RC2-CBC", opensslNeedsLegacy},
	"2.16.840.1.101.3.4.1.6":    {"AES-128-GCM", opensslUnknown},
	"2.16.840.1.101.3.4.1.26":   {"AES-192-GCM", opensslUnknown},
	"2.16.840.1.101.3.4.1.46":   {"AES-256-GCM", opensslUnknown},
	"1.2.392.200011.61.1.1.1.2": {"CAMELLIA-128-CBC", opensslYes},
	"1.2.392.200011.61.1.1.1.4": {"CAMELLIA-256-CBC", opensslYes},
	"1.2.410.200046.1.1.12":     {"ARIA-256-CBC", opensslYes},
	"1.2.156.10197.1.104.2":     {"SM4-CBC", opensslYes},
}

// pkcs8Scheme is what the EncryptedPrivateKeyInfo header says, checked before
// any decryption so that hostile parameters cannot run away with time or
// memory, and so that youmark/pkcs8 (which panics on a wrong IV length or a
// ciphertext that is not whole blocks) only sees well-formed input.
type pkcs8Scheme struct {
	Name      string // "PBES2 PBKDF2-HMAC-SHA256 AES-256-CBC (2048 iterations)"
	Supported bool   // certinspect can decrypt it
	OpenSSL   openSSLReads
	Corrupt   string // a structural problem (not a password problem)
	OverLimit string // parameters beyond the work limits
	pbes1     bool   // a scheme of pbes1Schemes
}

type encryptedPrivateKeyInfo struct {
	Algorithm pkix.AlgorithmIdentifier
	Data      []byte
}

type pbes2Params struct {
	KDF pkix.AlgorithmIdentifier
	Enc pkix.AlgorithmIdentifier
}

// pbkdf2Params is RFC 8018 PBKDF2-params, keyLength included (youmark/pkcs8's
// own struct omits it and would then misread the PRF).
type pbkdf2Params struct {
	Salt      []byte
	Iter      int
	KeyLength int                      `asn1:"optional"`
	PRF       pkix.AlgorithmIdentifier `asn1:"optional"`
}

type scryptParams struct {
	Salt []byte
	N    int
	R    int
	P    int
	Len  int `asn1:"optional"`
}

func inspectPKCS8Scheme(der []byte) pkcs8Scheme {
	var info encryptedPrivateKeyInfo
	rest, err := asn1.Unmarshal(der, &info)
	if err != nil {
		return pkcs8Scheme{Name: "unknown", Corrupt: "notEncryptedPrivateKeyInfo"}
	}
	if len(rest) != 0 {
		return pkcs8Scheme{Name: "unknown", Corrupt: "trailingData"}
	}
	alg := info.Algorithm.Algorithm
	if !alg.Equal(oidPBES2) {
		o, ok := otherSchemes[alg.String()]
		if !ok {
			return pkcs8Scheme{Name: "OID " + alg.String(), OpenSSL: opensslUnknown}
		}
		s := pkcs8Scheme{Name: o.name, OpenSSL: o.openssl}
		if _, ok := pbes1Schemes[alg.String()]; ok {
			var p pbeParams
			switch rest, err := asn1.Unmarshal(info.Algorithm.Parameters.FullBytes, &p); {
			case err != nil || len(rest) != 0 || p.Iter < 1:
				s.Corrupt = "badKDFParams"
			case len(info.Data) == 0 || len(info.Data)%8 != 0:
				s.Corrupt = "badCiphertextLength"
			case p.Iter > limitPBKDF2:
				s.OverLimit = fmt.Sprintf("%d iterations", p.Iter)
			}
			s.Name += fmt.Sprintf(" (%d iterations)", p.Iter)
			s.Supported, s.pbes1 = true, true
		}
		return s
	}
	var p pbes2Params
	if rest, err := asn1.Unmarshal(info.Algorithm.Parameters.FullBytes, &p); err != nil || len(rest) != 0 {
		return pkcs8Scheme{Name: "PBES2", Corrupt: "badPBES2Params"}
	}
	encName := "OID " + p.Enc.Algorithm.String()
	c, cipherOK := pbes2Ciphers[p.Enc.Algorithm.String()]
	s := pkcs8Scheme{OpenSSL: opensslYes}
	if cipherOK {
		encName = c.name
	} else if o, ok := otherSchemes[p.Enc.Algorithm.String()]; ok {
		encName, s.OpenSSL = o.name, o.openssl
	} else {
		s.OpenSSL = opensslUnknown
	}
	kdfOK := false
	var kdfName, work string
	switch {
	case p.KDF.Algorithm.Equal(oidPBKDF2):
		var kp pbkdf2Params
		if rest, err := asn1.Unmarshal(p.KDF.Parameters.FullBytes, &kp); err != nil || len(rest) != 0 {
			s.Name = "PBES2 PBKDF2 " + encName
			s.Corrupt = "badKDFParams"
			return s
		}
		prfName := "HMAC-SHA1" // the default when absent
		if len(kp.PRF.Algorithm) > 0 {
			if f, ok := prfs[kp.PRF.Algorithm.String()]; ok {
				prfName = f.name
				kdfOK = true
			} else {
				prfName = "PRF OID " + kp.PRF.Algorithm.String()
				s.OpenSSL = opensslUnknown
			}
		} else {
			kdfOK = true
		}
		kdfName = "PBKDF2-" + prfName
		work = fmt.Sprintf("%d iterations", kp.Iter)
		if kp.Iter < 1 {
			s.Corrupt = "badKDFParams"
		} else if kp.Iter > limitPBKDF2 {
			s.OverLimit = work
		}
		if cipherOK && kp.KeyLength != 0 && kp.KeyLength != c.keySize {
			s.Corrupt = "badKDFParams"
		}
	case p.KDF.Algorithm.Equal(oidScrypt):
		var sp scryptParams
		if rest, err := asn1.Unmarshal(p.KDF.Parameters.FullBytes, &sp); err != nil || len(rest) != 0 {
			s.Name = "PBES2 scrypt " + encName
			s.Corrupt = "badKDFParams"
			return s
		}
		kdfName, kdfOK = "scrypt", true
		work = fmt.Sprintf("N=%d, r=%d, p=%d", sp.N, sp.R, sp.P)
		switch {
		case sp.N < 2 || sp.N&(sp.N-1) != 0 || sp.R < 1 || sp.P < 1:
			s.Corrupt = "badKDFParams"
		case sp.R > limitScryptBytes/128 || sp.N > limitScryptBytes/128/sp.R || sp.P > limitScryptCost/sp.N/sp.R || sp.N*sp.R*sp.P > limitScryptCost:
			s.OverLimit = work
		}
	default:
		kdfName = "KDF OID " + p.KDF.Algorithm.String()
		s.OpenSSL = opensslUnknown
	}
	s.Name = "PBES2 " + kdfName + " " + encName
	if work != "" {
		s.Name += " (" + work + ")"
	}
	s.Supported = kdfOK && cipherOK
	if s.Supported && s.Corrupt == "" {
		var iv []byte
		if rest, err := asn1.Unmarshal(p.Enc.Parameters.FullBytes, &iv); err != nil || len(rest) != 0 || len(iv) != c.ivSize {
			s.Corrupt = "badIV"
		} else if len(info.Data) == 0 || len(info.Data)%c.ivSize != 0 {
			s.Corrupt = "badCiphertextLength"
		}
	}
	return s
}

// decryptPKCS8 decrypts a checked EncryptedPrivateKeyInfo, PBES2 with
// youmark/pkcs8, the older schemes (pbes1) with decryptPBES1. A nil error
// and nil key cannot happen; errWrongPassword covers both a wrong password
// and damaged ciphertext (CBC has no integrity check).
func decryptPKCS8(der, password []byte, pbes1 bool) (any, error) {
	if pbes1 {
		plain, err := decryptPBES1(der, password)
		if err != nil {
			return nil, err
		}
		key, _ := parsePlainKey("PRIVATE KEY", plain)
		clear(plain)
		if key == nil {
			return nil, errWrongPassword
		}
		return key, nil
	}
	if len(password) == 0 {
		// youmark/pkcs8 takes an empty password to mean "not encrypted".
		return nil, errEmptyPassword
	}
	key, err := pkcs8.ParsePKCS8PrivateKey(der, password)
	if err != nil {
		return nil, errWrongPassword
	}
	return key, nil
}

var (
	errWrongPassword = errors.New("wrong password or damaged ciphertext")
	errEmptyPassword = errors.New("empty password")
)

// DeriveKey makes pbkdf2Params replace youmark/pkcs8's PBKDF2 parameters, so
// that all RFC 8018 PRFs (it knows only HMAC-SHA1 and HMAC-SHA256) and the
// optional keyLength field are understood. It is registered through the
// library's own extension point, RegisterKDF, for the PBKDF2 OID.
func (p *pbkdf2Params) DeriveKey(password []byte, size int) ([]byte, error) {
	h, id := sha1.New, crypto.SHA1
	if len(p.PRF.Algorithm) > 0 {
		f, ok := prfs[p.PRF.Algorithm.String()]
		if !ok {
			return nil, errors.New("unsupported PRF")
		}
		h, id = f.h, f.id
	}
	if p.Iter < 1 || p.Iter > limitPBKDF2 {
		return nil, errors.New("iteration count out of range")
	}
	return hostcrypto.PBKDF2(id, h, password, p.Salt, p.Iter, size)
}

func init() {
	pkcs8.RegisterKDF(oidPBKDF2, func() pkcs8.KDFParameters { return new(pbkdf2Params) })
}
