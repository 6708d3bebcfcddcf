package keyfile

import (
	"crypto"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"

	"certinspect/core/repair"
)

// Keys Go's parsers refuse that OpenSSL 3 reads (and so PyMongo loads),
// checked with Python's load_cert_chain (testdata/pki/client/openssl):
//   - RSA-PSS (PKCS#8 with OID rsassaPss): an ordinary RSAPrivateKey inside,
//     restricted to PSS signatures; read as RSA, typed "RSA-PSS".
//   - EC keys with explicit curve parameters (SEC1 or PKCS#8) of P-256,
//     P-384 or P-521: read as the named curve (core/repair tells the curve).
//   - Ed448, X448, DSA, EC keys on curves Go lacks: only their type is known
//     (otherKey); whether such a key matches its certificate is not checked.

var (
	oidRSAPSS = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 1, 10}
	oidECKey  = asn1.ObjectIdentifier{1, 2, 840, 10045, 2, 1}
)

// otherKeyTypes are key algorithms OpenSSL 3's default provider reads and Go
// does not; otherCurves the named curves of EC keys likewise.
var (
	otherKeyTypes = map[string]string{
		"1.3.101.113":       "Ed448",
		"1.3.101.111":       "X448",
		"1.2.840.10040.4.1": "DSA",
	}
	otherCurves = map[string]string{
		"1.3.132.0.10":          "secp256k1",
		"1.3.36.3.3.2.8.1.1.7":  "brainpoolP256r1",
		"1.3.36.3.3.2.8.1.1.11": "brainpoolP384r1",
		"1.3.36.3.3.2.8.1.1.13": "brainpoolP512r1",
	}
)

// pssKey is an RSA-PSS private key; alg is its PKCS#8 AlgorithmIdentifier,
// which the SubjectPublicKeyInfo of its certificate repeats.
type pssKey struct {
	*rsa.PrivateKey
	alg []byte
}

// otherKey is a private key OpenSSL reads and Go cannot use: only its type
// ("Ed448", "ECDSA") and curve are known.
type otherKey struct{ typ, curve string }

// noSigningKey says whether keys of this type cannot sign, so that OpenSSL
// has no certificate slot for them: SSL_R_UNKNOWN_CERTIFICATE_TYPE.
func noSigningKey(typ string) bool { return typ == "X25519" || typ == "X448" }

type pkcs8Info struct {
	Version int
	Algo    pkix.AlgorithmIdentifier
	Key     []byte
}

type ecPrivateKey struct {
	Version    int
	PrivateKey []byte
	Params     asn1.RawValue  `asn1:"optional,explicit,tag:0"` // Bytes: the parameters
	PublicKey  asn1.BitString `asn1:"optional,explicit,tag:1"`
}

// parseOtherKey reads what x509's PKCS#8 and SEC1 parsers refuse; nil when
// OpenSSL is not known to read it either.
func parseOtherKey(der []byte) (crypto.PrivateKey, string) {
	var p pkcs8Info
	if rest, err := asn1.Unmarshal(der, &p); err == nil && len(rest) == 0 {
		alg := p.Algo.Algorithm
		switch {
		case alg.Equal(oidRSAPSS):
			if k, err := x509.ParsePKCS1PrivateKey(p.Key); err == nil {
				ai, _ := asn1.Marshal(p.Algo)
				return pssKey{k, ai}, "PKCS#8"
			}
		case alg.Equal(oidECKey) && p.Algo.Parameters.Tag == asn1.TagSequence:
			oid, _ := repair.NamedCurve(p.Algo.Parameters.FullBytes)
			inner := namedSEC1(p.Key, oid)
			if oid == nil || inner == nil {
				break
			}
			p.Algo.Parameters = asn1.RawValue{FullBytes: mustMarshal(oid)}
			p.Key = inner
			fixed, err := asn1.Marshal(p)
			clear(inner)
			if err == nil {
				k, err := x509.ParsePKCS8PrivateKey(fixed)
				clear(fixed)
				if err == nil {
					return k, "PKCS#8, explicit curve parameters"
				}
			}
		case alg.Equal(oidECKey):
			var curve asn1.ObjectIdentifier
			if _, err := asn1.Unmarshal(p.Algo.Parameters.FullBytes, &curve); err == nil && otherCurves[curve.String()] != "" {
				return otherKey{"ECDSA", otherCurves[curve.String()]}, "PKCS#8"
			}
		case otherKeyTypes[alg.String()] != "":
			return otherKey{typ: otherKeyTypes[alg.String()]}, "PKCS#8"
		}
		return nil, ""
	}
	var ec ecPrivateKey
	if rest, err := asn1.Unmarshal(der, &ec); err != nil || len(rest) != 0 || ec.Version != 1 {
		return nil, ""
	}
	var curve asn1.ObjectIdentifier
	if _, err := asn1.Unmarshal(ec.Params.Bytes, &curve); err == nil && otherCurves[curve.String()] != "" {
		return otherKey{"ECDSA", otherCurves[curve.String()]}, "SEC1"
	}
	oid, _ := repair.NamedCurve(ec.Params.Bytes)
	if oid == nil {
		return nil, ""
	}
	if fixed := namedSEC1(der, oid); fixed != nil {
		k, err := x509.ParseECPrivateKey(fixed)
		clear(fixed)
		if err == nil {
			return k, "SEC1, explicit curve parameters"
		}
	}
	return nil, ""
}

// namedSEC1 rewrites an ECPrivateKey whose parameters are explicit to name
// the curve oid; one without parameters is returned as a copy. nil when der
// does not decode.
func namedSEC1(der []byte, oid asn1.ObjectIdentifier) []byte {
	var ec ecPrivateKey
	if rest, err := asn1.Unmarshal(der, &ec); err != nil || len(rest) != 0 {
		return nil
	}
	if len(ec.Params.FullBytes) > 0 {
		if oid == nil {
			return nil
		}
		o := mustMarshal(oid) // FullBytes are written as they are: with the [0]
		ec.Params = asn1.RawValue{FullBytes: append([]byte{0xa0, byte(len(o))}, o...)}
	}
	out, err := asn1.Marshal(ec)
	clear(ec.PrivateKey)
	if err != nil {
		return nil
	}
	return out
}

func mustMarshal(v any) []byte {
	b, _ := asn1.Marshal(v)
	return b
}

// certKeyType is the type of a certificate's key, with those Go leaves
// unparsed (RSA-PSS, Ed448, X25519, ...) told by their algorithm OID.
func certKeyType(c *x509.Certificate) (typ string, pub crypto.PublicKey) {
	switch c.PublicKeyAlgorithm {
	case x509.RSA:
		return "RSA", c.PublicKey
	case x509.ECDSA:
		return "ECDSA", c.PublicKey
	case x509.Ed25519:
		return "Ed25519", c.PublicKey
	case x509.DSA:
		return "DSA", c.PublicKey
	}
	var spki struct {
		Algo pkix.AlgorithmIdentifier
		Key  asn1.BitString
	}
	if _, err := asn1.Unmarshal(c.RawSubjectPublicKeyInfo, &spki); err != nil {
		return "unknown", nil
	}
	switch alg := spki.Algo.Algorithm; {
	case alg.Equal(oidRSAPSS):
		k, _ := x509.ParsePKCS1PublicKey(spki.Key.Bytes)
		if k == nil {
			return "RSA-PSS", nil
		}
		return "RSA-PSS", k
	case alg.Equal(asn1.ObjectIdentifier{1, 3, 101, 110}):
		return "X25519", nil
	case otherKeyTypes[alg.String()] != "":
		return otherKeyTypes[alg.String()], nil
	}
	return "unknown", nil
}
