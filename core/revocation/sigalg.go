package revocation

import (
	"crypto/x509"
	encasn1 "encoding/asn1"

	"certinspect/core/signature"

	"golang.org/x/crypto/cryptobyte"
	"golang.org/x/crypto/cryptobyte/asn1"
)

var sigAlgs = map[string]x509.SignatureAlgorithm{
	"1.2.840.113549.1.1.4":   x509.MD5WithRSA,
	"1.2.840.113549.1.1.5":   x509.SHA1WithRSA,
	"1.2.840.113549.1.1.11":  x509.SHA256WithRSA,
	"1.2.840.113549.1.1.12":  x509.SHA384WithRSA,
	"1.2.840.113549.1.1.13":  x509.SHA512WithRSA,
	"1.2.840.10045.4.1":      x509.ECDSAWithSHA1,
	"1.2.840.10045.4.3.2":    x509.ECDSAWithSHA256,
	"1.2.840.10045.4.3.3":    x509.ECDSAWithSHA384,
	"1.2.840.10045.4.3.4":    x509.ECDSAWithSHA512,
	"1.3.101.112":            x509.PureEd25519,
	"1.2.840.10040.4.3":      x509.DSAWithSHA1,
	"2.16.840.1.101.3.4.3.2": x509.DSAWithSHA256,
}

var pssHashes = map[string]x509.SignatureAlgorithm{
	"2.16.840.1.101.3.4.2.1": x509.SHA256WithRSAPSS,
	"2.16.840.1.101.3.4.2.2": x509.SHA384WithRSAPSS,
	"2.16.840.1.101.3.4.2.3": x509.SHA512WithRSAPSS,
}

// sigAlgOf maps a DER AlgorithmIdentifier to Go's algorithm (Unknown when Go
// cannot verify it) and the OID's text.
func sigAlgOf(der []byte) (x509.SignatureAlgorithm, string) {
	s := cryptobyte.String(der)
	var seq cryptobyte.String
	var oid encasn1.ObjectIdentifier
	if !s.ReadASN1(&seq, asn1.SEQUENCE) || !seq.ReadASN1ObjectIdentifier(&oid) {
		return x509.UnknownSignatureAlgorithm, "(unreadable)"
	}
	id := oid.String()
	if id == "1.2.840.113549.1.1.10" { // RSASSA-PSS: the hash is in the parameters
		var params, hashWrap, hashAlg cryptobyte.String
		var hashOID encasn1.ObjectIdentifier
		if seq.ReadASN1(&params, asn1.SEQUENCE) &&
			params.ReadASN1(&hashWrap, asn1.Tag(0).Constructed().ContextSpecific()) &&
			hashWrap.ReadASN1(&hashAlg, asn1.SEQUENCE) && hashAlg.ReadASN1ObjectIdentifier(&hashOID) {
			if a, ok := pssHashes[hashOID.String()]; ok {
				return a, id
			}
		}
		return x509.UnknownSignatureAlgorithm, id
	}
	return sigAlgs[id], id
}

func sigAlgName(der []byte) string {
	a, id := sigAlgOf(der)
	if a == x509.UnknownSignatureAlgorithm {
		if o, ok := signature.Parse(der); ok && o.Known() {
			return o.Name
		}
		return id
	}
	return a.String()
}

// otherSignature verifies, as OpenSSL does, a signature crypto/x509 would not
// (RSA-PSS with a salt other than the digest's length, SHA-224, SHA-3); ok is
// false for the algorithms left to crypto/x509.
func otherSignature(c *x509.Certificate, algo x509.SignatureAlgorithm, sigAlg, signed, sig []byte) (ok bool, err error) {
	a, parsed := signature.Parse(sigAlg)
	if !parsed || !a.PSS && algo != x509.UnknownSignatureAlgorithm || !a.Known() {
		return false, nil
	}
	return true, signature.Verify(c.PublicKey, a, signed, sig)
}
