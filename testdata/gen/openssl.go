package main

import (
	"crypto"
	"crypto/rsa"
	_ "crypto/sha3"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"math/big"
	"os"
	"path/filepath"

	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"
)

// genOpenSSLDetails writes server chains whose verdict turns on a detail
// where OpenSSL 3.0 and Go's crypto/x509 differ, each under ca.pem with the
// intermediate (TestOpenSSLAgrees runs openssl verify on every one):
//
//   - sha224-chain.pem, sha3-chain.pem, pss-max-salt-chain.pem: the server
//     certificate signed with RSA and SHA-224, with RSA and SHA3-256, and
//     with RSASSA-PSS and the longest salt (what `openssl x509 -sigopt
//     rsa_padding_mode:pss` writes). Go verifies none of them; OpenSSL
//     accepts all three.
//   - ns-client-chain.pem: a server certificate whose Netscape certificate
//     type says SSL client only (old easy-rsa): OpenSSL refuses it for a
//     server (26).
//   - no-certsign-ca-chain.pem: an intermediate with CA:TRUE whose key usage
//     lacks keyCertSign: OpenSSL 3.0 builds the path through it and fails it
//     as an invalid CA (79).
//   - no-basic-constraints-ca-chain.pem: an intermediate with keyCertSign and
//     no basic constraints: an invalid CA for OpenSSL 3 below the anchor (79).
//   - revocation/crl-revoked-pss.pem: revocation/crl-revoked.pem signed with
//     RSA-PSS and the longest salt.
//   - aki-serial-mismatch-chain.pem, aki-serial-match-chain.pem: the server
//     certificate's authority key identifier names the intermediate by key,
//     issuer and serial number; in the first the serial is another one (the
//     intermediate was reissued), so OpenSSL finds no issuer (20).
//   - time-no-seconds-chain.pem, time-offset-chain.pem: a notBefore written
//     without seconds, a notAfter with a time zone offset: Go reads both,
//     OpenSSL fails them (13, 14).
//   - critical-issuer-alt-name-chain.pem, critical-ns-cert-type-chain.pem: a
//     critical extension OpenSSL's verifier does not handle (34) and one it
//     does (Netscape certificate type, SSL server: verifies).
//   - any-eku-intermediate-chain.pem and trust/any-eku-intermediate-trusted-
//     serverauth.pem: an intermediate with anyExtendedKeyUsage (26 under
//     ca.pem), trusted for serverAuth by the CA file's trust settings (fine).
func genOpenSSLDetails(p *PKI) {
	in := p.Intermediate
	leaf, _ := p.Leaf("server-rsa", RSA2048, in, nil)
	key := in.Key.(*rsa.PrivateKey)
	writeCerts("sha224-chain.pem", resignAlgorithm(leaf, algID(asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 1, 14}, true), func(tbs []byte) []byte {
		return signPKCS1(key, crypto.SHA224, tbs)
	}), in.Cert)
	writeCerts("sha3-chain.pem", resignAlgorithm(leaf, algID(asn1.ObjectIdentifier{2, 16, 840, 1, 101, 3, 4, 3, 14}, true), func(tbs []byte) []byte {
		return signPKCS1(key, crypto.SHA3_256, tbs)
	}), in.Cert)
	salt := key.Size() - crypto.SHA256.Size() - 2
	writeCerts("pss-max-salt-chain.pem", resignAlgorithm(leaf, pssParams(salt), func(tbs []byte) []byte {
		return signPSS(key, tbs, salt)
	}), in.Cert)

	nsClient, _ := p.Leaf("server-rsa", RSA2048, in, func(c *x509.Certificate) {
		c.ExtKeyUsage = nil
		c.ExtraExtensions = append(c.ExtraExtensions, extension(asn1.ObjectIdentifier{2, 16, 840, 1, 113730, 1, 1}, []byte{0x03, 0x02, 0x07, 0x80}))
	})
	writeCerts("ns-client-chain.pem", nsClient, in.Cert)

	noCertSign := p.ca("no-certsign-ca", "No CertSign Intermediate CA", p.Root, func(c *x509.Certificate) {
		c.KeyUsage = x509.KeyUsageDigitalSignature | x509.KeyUsageCRLSign
	})
	leaf, _ = p.Leaf("server-rsa", RSA2048, noCertSign, nil)
	writeCerts("no-certsign-ca-chain.pem", leaf, noCertSign.Cert)
	noBC := p.ca("no-bc-ca", "No Basic Constraints Intermediate CA", p.Root, func(c *x509.Certificate) {
		c.BasicConstraintsValid, c.IsCA = false, false
	})
	leaf, _ = p.Leaf("server-rsa", RSA2048, noBC, nil)
	writeCerts("no-basic-constraints-ca-chain.pem", leaf, noBC.Cert)

	// The CRL revoking revocation/revoked-leaf-chain.pem's server certificate,
	// signed with RSA-PSS and the longest salt: OpenSSL takes it, so the
	// certificate is revoked (23), not "CRL signature failure".
	crl, err := os.ReadFile(filepath.Join(Out, "revocation", "crl-revoked.der"))
	must(err)
	WriteFile("revocation/crl-revoked-pss.pem", pemBlock("X509 CRL", resignSigned(crl, pssParams(salt), func(tbs []byte) []byte {
		return signPSS(key, tbs, salt)
	})))

	// The same CRL with an authority key identifier that names the
	// intermediate by key, issuer and serial (openssl ca with
	// authorityKeyIdentifier=keyid:always,issuer:always): with the serial of
	// an earlier issue of the intermediate, OpenSSL finds no CRL for the
	// server certificate (3); with its serial, it is revoked (23).
	for name, serial := range map[string]*big.Int{
		"crl-revoked-akid-serial.pem":       in.Cert.SerialNumber,
		"crl-revoked-akid-other-serial.pem": new(big.Int).Sub(in.Cert.SerialNumber, big.NewInt(1)),
	} {
		WriteFile("revocation/"+name, pemBlock("X509 CRL", withCRLExtension(crl, asn1.ObjectIdentifier{2, 5, 29, 35}, akid(in.Cert, serial), func(tbs []byte) []byte {
			return signPKCS1(key, crypto.SHA256, tbs)
		})))
	}

	// The same CRL with its thisUpdate written without seconds, as some
	// scripts write it: OpenSSL fails the handshake (15).
	WriteFile("revocation/crl-revoked-time-no-seconds.pem", pemBlock("X509 CRL", withCRLThisUpdate(crl, "2605250000Z", func(tbs []byte) []byte {
		return signPKCS1(key, crypto.SHA256, tbs)
	})))

	// The same CRL with its one entry's serial number padded with a zero
	// byte (not DER): OpenSSL refuses to load the file ("[X509] PEM lib").
	var entries cryptobyte.Builder
	entries.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
		b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
			b.AddASN1(cbasn1.INTEGER, func(b *cryptobyte.Builder) { b.AddBytes(append([]byte{0}, big.NewInt(0x99999).Bytes()...)) })
			b.AddASN1(cbasn1.UTCTime, func(b *cryptobyte.Builder) { b.AddBytes([]byte("260315103000Z")) })
		})
	})
	isSeq := func(tag cbasn1.Tag) bool { return tag == cbasn1.SEQUENCE }
	WriteFile("revocation/crl-padded-serial.pem", pemBlock("X509 CRL", rewriteNth(crl, isSeq, 3, replaceWith(entries.BytesOrPanic()), nil, func(tbs []byte) []byte {
		return signPKCS1(key, crypto.SHA256, tbs)
	})))

	for _, c := range []struct {
		file   string
		serial *big.Int
	}{
		{"aki-serial-match-chain.pem", in.Cert.SerialNumber},
		{"aki-serial-mismatch-chain.pem", new(big.Int).Add(in.Cert.SerialNumber, big.NewInt(999))},
	} {
		leaf, _ = p.Leaf("server-rsa", RSA2048, in, func(t *x509.Certificate) {
			t.ExtraExtensions = append(t.ExtraExtensions, extension(asn1.ObjectIdentifier{2, 5, 29, 35}, akid(in.Cert, c.serial)))
		})
		writeCerts(c.file, leaf, in.Cert)
	}

	// Dates Go reads and OpenSSL does not (RFC 5280 requires seconds and Z):
	// a notBefore without seconds (13), a notAfter with a +0100 offset (14).
	leaf, _ = p.Leaf("server-rsa", RSA2048, in, nil)
	for name, validity := range map[string][2]string{
		"time-no-seconds-chain.pem": {"2601010000Z", "270101000000Z"},
		"time-offset-chain.pem":     {"260101000000Z", "270101000000+0100"},
	} {
		writeCerts(name, mustParse(resignTBS(leaf, key, nil, nil, func(fields [][]byte) {
			var b cryptobyte.Builder
			b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
				b.AddASN1(cbasn1.UTCTime, func(b *cryptobyte.Builder) { b.AddBytes([]byte(validity[0])) })
				b.AddASN1(cbasn1.UTCTime, func(b *cryptobyte.Builder) { b.AddBytes([]byte(validity[1])) })
			})
			fields[4] = b.BytesOrPanic() // version, serial, signature, issuer, validity
		})), in.Cert)
	}

	// Critical extensions: issuerAltName, which Go reads, is not one OpenSSL's
	// verifier handles (34); nsCertType, which Go ignores, is (and says SSL
	// server here: the chain verifies).
	leaf, _ = p.Leaf("server-rsa", RSA2048, in, func(c *x509.Certificate) {
		ian, err := asn1.Marshal([]asn1.RawValue{{Class: asn1.ClassContextSpecific, Tag: 2, Bytes: []byte("ca.example.net")}})
		must(err)
		c.ExtraExtensions = append(c.ExtraExtensions, pkix.Extension{Id: asn1.ObjectIdentifier{2, 5, 29, 18}, Critical: true, Value: ian})
	})
	writeCerts("critical-issuer-alt-name-chain.pem", leaf, in.Cert)
	leaf, _ = p.Leaf("server-rsa", RSA2048, in, func(c *x509.Certificate) {
		c.ExtraExtensions = append(c.ExtraExtensions, pkix.Extension{Id: asn1.ObjectIdentifier{2, 16, 840, 1, 113730, 1, 1}, Critical: true, Value: []byte{0x03, 0x02, 0x06, 0x40}})
	})
	writeCerts("critical-ns-cert-type-chain.pem", leaf, in.Cert)

	// An intermediate whose extended key usage is anyExtendedKeyUsage, which
	// OpenSSL does not take for serverAuth (26), unless the CA file trusts
	// that intermediate for serverAuth by its trust settings.
	anyEKU := p.ca("any-eku-ca", "Any EKU Intermediate CA", p.Root, func(c *x509.Certificate) {
		c.ExtKeyUsage = []x509.ExtKeyUsage{x509.ExtKeyUsageAny}
	})
	leaf, _ = p.Leaf("server-rsa", RSA2048, anyEKU, nil)
	writeCerts("any-eku-intermediate-chain.pem", leaf, anyEKU.Cert)
	WriteFile("trust/any-eku-intermediate-trusted-serverauth.pem", trustedBlock(anyEKU.Cert, certAux{Trust: []asn1.ObjectIdentifier{oidServerAuth}}))
}

func extension(oid asn1.ObjectIdentifier, value []byte) pkix.Extension {
	return pkix.Extension{Id: oid, Value: value}
}

// akid is an AuthorityKeyIdentifier naming ca by key identifier, by its
// issuer's name and by serial.
func akid(ca *x509.Certificate, serial *big.Int) []byte {
	var b cryptobyte.Builder
	b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
		b.AddASN1(cbasn1.Tag(0).ContextSpecific(), func(b *cryptobyte.Builder) { b.AddBytes(ca.SubjectKeyId) })
		b.AddASN1(cbasn1.Tag(1).Constructed().ContextSpecific(), func(b *cryptobyte.Builder) {
			b.AddASN1(cbasn1.Tag(4).Constructed().ContextSpecific(), func(b *cryptobyte.Builder) { b.AddBytes(ca.RawIssuer) })
		})
		b.AddASN1(cbasn1.Tag(2).ContextSpecific(), func(b *cryptobyte.Builder) { b.AddBytes(serial.Bytes()) })
	})
	return b.BytesOrPanic()
}

// algID is an AlgorithmIdentifier, with NULL parameters when null is set.
func algID(oid asn1.ObjectIdentifier, null bool) []byte {
	var b cryptobyte.Builder
	b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
		b.AddASN1ObjectIdentifier(oid)
		if null {
			b.AddASN1NULL()
		}
	})
	return b.BytesOrPanic()
}

// pssParams is RSASSA-PSS with SHA-256, MGF1 with SHA-256 and salt bytes of
// salt, as OpenSSL writes it.
func pssParams(salt int) []byte {
	sha256 := algID(asn1.ObjectIdentifier{2, 16, 840, 1, 101, 3, 4, 2, 1}, true)
	var b cryptobyte.Builder
	b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
		b.AddASN1ObjectIdentifier(asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 1, 10})
		b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
			b.AddASN1(cbasn1.Tag(0).Constructed().ContextSpecific(), func(b *cryptobyte.Builder) { b.AddBytes(sha256) })
			b.AddASN1(cbasn1.Tag(1).Constructed().ContextSpecific(), func(b *cryptobyte.Builder) {
				b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
					b.AddASN1ObjectIdentifier(asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 1, 8})
					b.AddBytes(sha256)
				})
			})
			b.AddASN1(cbasn1.Tag(2).Constructed().ContextSpecific(), func(b *cryptobyte.Builder) { b.AddASN1Int64(int64(salt)) })
		})
	})
	return b.BytesOrPanic()
}

// resignAlgorithm rebuilds c with alg as its signature algorithm (inside
// and outside the TBS) and the signature sign makes over the new TBS.
func resignAlgorithm(c *x509.Certificate, alg []byte, sign func(tbs []byte) []byte) *x509.Certificate {
	out, err := x509.ParseCertificate(resignSigned(c.Raw, alg, sign))
	must(err)
	return out
}

// resignSigned rebuilds a signed structure (a certificate or a CRL) with alg
// as its signature algorithm: the first SEQUENCE inside the signed part (after
// the version and, in a certificate, the serial number) and the one outside.
func resignSigned(der, alg []byte, sign func(tbs []byte) []byte) []byte {
	return rewriteNth(der, func(tag cbasn1.Tag) bool { return tag == cbasn1.SEQUENCE }, 1, replaceWith(alg), alg, sign)
}

// rewriteNth rebuilds a signed structure with the nth element (from 1) of
// its signed part whose tag is matched replaced by edit(element), the outer
// signature algorithm replaced by alg (nil: kept), and signed again with sign.
func rewriteNth(der []byte, match func(cbasn1.Tag) bool, n int, edit func(el []byte) []byte, alg []byte, sign func(tbs []byte) []byte) []byte {
	outer := cryptobyte.String(der)
	var whole, in, oldAlg cryptobyte.String
	if !outer.ReadASN1(&whole, cbasn1.SEQUENCE) || !whole.ReadASN1(&in, cbasn1.SEQUENCE) || !whole.ReadASN1Element(&oldAlg, cbasn1.SEQUENCE) {
		panic("bad signed structure")
	}
	if alg == nil {
		alg = oldAlg
	}
	var b cryptobyte.Builder
	b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
		for !in.Empty() {
			var el cryptobyte.String
			var tag cbasn1.Tag
			if !in.ReadAnyASN1Element(&el, &tag) {
				panic("bad signed part")
			}
			if match(tag) {
				if n--; n == 0 {
					el = edit(el)
				}
			}
			b.AddBytes(el)
		}
	})
	return signed(b.BytesOrPanic(), alg, sign)
}

func signPKCS1(key *rsa.PrivateKey, h crypto.Hash, data []byte) []byte {
	d := h.New()
	d.Write(data)
	sig, err := rsa.SignPKCS1v15(nil, key, h, d.Sum(nil))
	must(err)
	return sig
}

// signPSS signs data with RSASSA-PSS, SHA-256 and a salt of saltLen bytes
// derived from data (RFC 8017 EMSA-PSS-ENCODE and a raw RSA operation): the
// fixture comes out the same each time, which crypto/rsa's random salt
// would not give.
func signPSS(key *rsa.PrivateKey, data []byte, saltLen int) []byte {
	h := crypto.SHA256
	mHash := sum(h, data)
	salt := make([]byte, 0, saltLen)
	for i := byte(0); len(salt) < saltLen; i++ {
		salt = append(salt, sum(h, append([]byte{i}, mHash...))...)
	}
	salt = salt[:saltLen]
	emBits := key.N.BitLen() - 1
	emLen := (emBits + 7) / 8
	hh := sum(h, append(append(make([]byte, 8), mHash...), salt...))
	db := make([]byte, emLen-h.Size()-1)
	db[len(db)-saltLen-1] = 0x01
	copy(db[len(db)-saltLen:], salt)
	mask := make([]byte, 0, len(db))
	for counter := uint32(0); len(mask) < len(db); counter++ {
		mask = append(mask, sum(h, append(append([]byte{}, hh...), byte(counter>>24), byte(counter>>16), byte(counter>>8), byte(counter)))...)
	}
	for i := range db {
		db[i] ^= mask[i]
	}
	db[0] &= 0xff >> (8*emLen - emBits)
	em := append(append(db, hh...), 0xbc)
	s := new(big.Int).Exp(new(big.Int).SetBytes(em), key.D, key.N)
	return s.FillBytes(make([]byte, key.Size()))
}

func sum(h crypto.Hash, data []byte) []byte {
	d := h.New()
	d.Write(data)
	return d.Sum(nil)
}

// replaceWith is an edit for rewriteNth that puts v in the element's place.
func replaceWith(v []byte) func([]byte) []byte { return func([]byte) []byte { return v } }

// withCRLExtension rebuilds a DER CRL with the value of one of its CRL
// extensions replaced, signed again with sign.
func withCRLExtension(der []byte, oid asn1.ObjectIdentifier, value []byte, sign func(tbs []byte) []byte) []byte {
	crlExtensions := cbasn1.Tag(0).Constructed().ContextSpecific()
	edit := func(el []byte) []byte {
		in := cryptobyte.String(el)
		var wrap, list cryptobyte.String
		if !in.ReadASN1(&wrap, crlExtensions) || !wrap.ReadASN1(&list, cbasn1.SEQUENCE) {
			panic("bad crlExtensions")
		}
		var b cryptobyte.Builder
		b.AddASN1(crlExtensions, func(b *cryptobyte.Builder) {
			b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
				for !list.Empty() {
					var ext, inner cryptobyte.String
					var id asn1.ObjectIdentifier
					if !list.ReadASN1Element(&ext, cbasn1.SEQUENCE) {
						panic("bad extension")
					}
					body := ext
					if !body.ReadASN1(&inner, cbasn1.SEQUENCE) || !inner.ReadASN1ObjectIdentifier(&id) {
						panic("bad extension")
					}
					if !id.Equal(oid) {
						b.AddBytes(ext)
						continue
					}
					b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
						b.AddASN1ObjectIdentifier(oid)
						b.AddASN1OctetString(value)
					})
				}
			})
		})
		return b.BytesOrPanic()
	}
	return rewriteNth(der, func(tag cbasn1.Tag) bool { return tag == crlExtensions }, 1, edit, nil, sign)
}

// signed wraps a TBS as a signed structure: SEQUENCE { tbs, alg, BIT STRING
// of sign(tbs) }, the shape of certificates and CRLs alike.
func signed(tbs, alg []byte, sign func(tbs []byte) []byte) []byte {
	var o cryptobyte.Builder
	o.AddASN1(cbasn1.SEQUENCE, func(o *cryptobyte.Builder) {
		o.AddBytes(tbs)
		o.AddBytes(alg)
		o.AddASN1BitString(sign(tbs))
	})
	return o.BytesOrPanic()
}

func mustParse(der []byte) *x509.Certificate {
	c, err := x509.ParseCertificate(der)
	must(err)
	return c
}

// withCRLThisUpdate rebuilds a DER CRL with its thisUpdate (the first time
// of the TBSCertList) written as the UTCTime text this, signed again.
func withCRLThisUpdate(der []byte, this string, sign func(tbs []byte) []byte) []byte {
	var t cryptobyte.Builder
	t.AddASN1(cbasn1.UTCTime, func(b *cryptobyte.Builder) { b.AddBytes([]byte(this)) })
	isTime := func(tag cbasn1.Tag) bool { return tag == cbasn1.UTCTime || tag == cbasn1.GeneralizedTime }
	return rewriteNth(der, isTime, 1, replaceWith(t.BytesOrPanic()), nil, sign)
}
