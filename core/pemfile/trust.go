package pemfile

import (
	"encoding/asn1"

	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"
)

// Trust is what OpenSSL appends to the certificate in a TRUSTED CERTIFICATE
// block (`openssl x509 -trustout`, and the trust bundles some systems
// extract, such as /etc/pki/ca-trust/extracted/openssl/ca-bundle.trust.crt):
// X509_CERT_AUX. OpenSSL keeps it with the certificate in the trust store
// and consults it when a path reaches the certificate (X509_check_trust).
type Trust struct {
	// HasTrustList is true when the settings carry a list of trusted uses,
	// even an empty one: OpenSSL then refuses every use not on it.
	HasTrustList bool
	// Trusted and Rejected are the uses (extended key usage OIDs) the
	// certificate is trusted and refused for.
	Trusted  []asn1.ObjectIdentifier
	Rejected []asn1.ObjectIdentifier
	// Alias is the friendly name (`openssl x509 -setalias`).
	Alias string
}

// Restricts reports whether the settings change anything OpenSSL decides:
// settings with only an alias (or nothing) leave the certificate as a plain one.
func (t *Trust) Restricts() bool {
	return t != nil && (t.HasTrustList || len(t.Rejected) > 0)
}

// CertificateOf is what OpenSSL's store takes from a certificate block: the
// certificate's DER and, for a TRUSTED CERTIFICATE block, its trust settings
// (empty ones when it carries none; nil for other blocks). ok is false when
// the settings cannot be read, which fails the whole load.
func CertificateOf(b *Block) (der []byte, t *Trust, ok bool) {
	if b.Type != "TRUSTED CERTIFICATE" {
		return b.Bytes, nil, true
	}
	der, t, ok = SplitTrusted(b.Bytes)
	if ok && t == nil {
		t = &Trust{}
	}
	return der, t, ok
}

// SplitTrusted splits the body of a TRUSTED CERTIFICATE block as OpenSSL's
// d2i_X509_AUX does: the certificate's DER, then, if anything follows, the
// trust settings. Bytes after the settings are ignored, as OpenSSL does. ok
// is false when the settings cannot be read: OpenSSL then fails the whole
// load ("PEM lib"). A body that is not a whole DER element is returned as
// it is, for the certificate parser to refuse.
func SplitTrusted(body []byte) (cert []byte, t *Trust, ok bool) {
	s := cryptobyte.String(body)
	var elem cryptobyte.String
	var tag cbasn1.Tag
	if !s.ReadAnyASN1Element(&elem, &tag) {
		return body, nil, true
	}
	cert = body[:len(elem)]
	if len(s) == 0 {
		return cert, nil, true
	}
	t, ok = parseAux(s)
	return cert, t, ok
}

// parseAux reads X509_CERT_AUX:
//
//	SEQUENCE {
//	  trust  SEQUENCE OF OBJECT IDENTIFIER OPTIONAL,
//	  reject [0] IMPLICIT SEQUENCE OF OBJECT IDENTIFIER OPTIONAL,
//	  alias  UTF8String OPTIONAL,
//	  keyid  OCTET STRING OPTIONAL,
//	  other  [1] IMPLICIT SEQUENCE OF AlgorithmIdentifier OPTIONAL }
func parseAux(s cryptobyte.String) (*Trust, bool) {
	var aux cryptobyte.String
	if !s.ReadASN1(&aux, cbasn1.SEQUENCE) {
		return nil, false
	}
	t := &Trust{}
	if aux.PeekASN1Tag(cbasn1.SEQUENCE) {
		var list cryptobyte.String
		aux.ReadASN1(&list, cbasn1.SEQUENCE)
		oids, ok := readOIDs(list)
		if !ok {
			return nil, false
		}
		t.HasTrustList, t.Trusted = true, oids
	}
	if tag := cbasn1.Tag(0).ContextSpecific().Constructed(); aux.PeekASN1Tag(tag) {
		var list cryptobyte.String
		aux.ReadASN1(&list, tag)
		oids, ok := readOIDs(list)
		if !ok {
			return nil, false
		}
		t.Rejected = oids
	}
	if aux.PeekASN1Tag(cbasn1.UTF8String) {
		var alias cryptobyte.String
		aux.ReadASN1(&alias, cbasn1.UTF8String)
		t.Alias = string(alias)
	}
	if aux.PeekASN1Tag(cbasn1.OCTET_STRING) {
		aux.SkipASN1(cbasn1.OCTET_STRING)
	}
	if tag := cbasn1.Tag(1).ContextSpecific().Constructed(); aux.PeekASN1Tag(tag) {
		var algs cryptobyte.String
		aux.ReadASN1(&algs, tag)
		for !algs.Empty() {
			var alg cryptobyte.String
			var oid asn1.ObjectIdentifier
			if !algs.ReadASN1(&alg, cbasn1.SEQUENCE) || !alg.ReadASN1ObjectIdentifier(&oid) {
				return nil, false
			}
		}
	}
	return t, aux.Empty()
}

func readOIDs(list cryptobyte.String) ([]asn1.ObjectIdentifier, bool) {
	var out []asn1.ObjectIdentifier
	for !list.Empty() {
		var oid asn1.ObjectIdentifier
		if !list.ReadASN1ObjectIdentifier(&oid) {
			return nil, false
		}
		out = append(out, oid)
	}
	return out, true
}
