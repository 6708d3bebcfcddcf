package main

import (
	"bytes"
	"crypto"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"encoding/asn1"
	"encoding/pem"
	"math/big"
	"net"

	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"
)

// genNegativeSerial writes certificates with negative serial numbers, which
// old or hand-rolled CAs issue: OpenSSL (and so PyMongo) accepts them, Go
// 1.23+ refuses to parse them (the Go driver cannot connect).
//
//   - negative-serial-chain.pem: a server certificate with serial -<n> and the
//     intermediate, under ca.pem.
//   - negative-serial-root-ca.pem: the root CA re-signed with a negative serial
//     (same key and names, so every chain under ca.pem verifies against it).
func genNegativeSerial(p *PKI) {
	leaf, _ := p.Leaf("server-rsa", RSA2048, p.Intermediate, nil)
	writeCerts("negative-serial-chain.pem", negateSerial(leaf, p.Intermediate.Key), p.Intermediate.Cert)
	writeCerts("negative-serial-root-ca.pem", negateSerial(p.Root.Cert, p.Root.Key))
}

// negateSerial re-signs c with signer after replacing its serial number with
// the negative of it (x509.CreateCertificate refuses negative serials).
func negateSerial(c *x509.Certificate, signer crypto.Signer) *x509.Certificate {
	neg := new(big.Int).Neg(c.SerialNumber)
	tbs := cryptobyte.String(c.RawTBSCertificate)
	var body cryptobyte.String
	if !tbs.ReadASN1(&body, cbasn1.SEQUENCE) {
		panic("bad TBS")
	}
	var version, serial cryptobyte.String
	var hasVersion bool
	if !body.ReadOptionalASN1(&version, &hasVersion, cbasn1.Tag(0).Constructed().ContextSpecific()) || !body.ReadASN1Element(&serial, cbasn1.INTEGER) {
		panic("bad TBS version or serial")
	}
	var b cryptobyte.Builder
	b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
		if hasVersion {
			b.AddASN1(cbasn1.Tag(0).Constructed().ContextSpecific(), func(b *cryptobyte.Builder) { b.AddBytes(version) })
		}
		b.AddASN1BigInt(neg)
		b.AddBytes(body) // signature algorithm, names, validity, key, extensions
	})
	newTBS := b.BytesOrPanic()
	h := crypto.SHA256
	if c.SignatureAlgorithm != x509.SHA256WithRSA && c.SignatureAlgorithm != x509.ECDSAWithSHA256 {
		panic("negateSerial: unexpected signature algorithm " + c.SignatureAlgorithm.String())
	}
	d := h.New()
	d.Write(newTBS)
	sig, err := signer.Sign(rand.Reader, d.Sum(nil), h)
	must(err)
	outer := cryptobyte.String(c.Raw)
	var cert, oldTBS, sigAlg cryptobyte.String
	if !outer.ReadASN1(&cert, cbasn1.SEQUENCE) || !cert.ReadASN1Element(&oldTBS, cbasn1.SEQUENCE) || !cert.ReadASN1Element(&sigAlg, cbasn1.SEQUENCE) {
		panic("bad certificate")
	}
	var o cryptobyte.Builder
	o.AddASN1(cbasn1.SEQUENCE, func(o *cryptobyte.Builder) {
		o.AddBytes(newTBS)
		o.AddBytes(sigAlg)
		o.AddASN1BitString(sig)
	})
	out, err := x509.ParseCertificate(o.BytesOrPanic()) // GODEBUG x509negativeserial=1 (go.mod)
	must(err)
	return out
}

// genDefects writes server certificates with defects Go's parser refuses
// but OpenSSL reads, each followed by the intermediate, under ca.pem
// (core/defect.go; TestDefectiveLeafAsOpenSSL runs openssl verify on them):
//
//   - defect/duplicate-extension-chain.pem: subjectAltName twice (OpenSSL:
//     invalid certificate, "unable to get local issuer certificate").
//   - defect/invalid-san-chain.pem: a subjectAltName that does not decode (the same).
//   - defect/critical-aki-chain.pem, defect/critical-aia-chain.pem: the
//     authority key identifier or information access marked critical
//     ("unhandled critical extension").
//   - defect/sig-alg-mismatch-chain.pem: sha384WithRSAEncryption outside, the
//     TBS's sha256WithRSAEncryption inside ("certificate signature failure").
//   - defect/bad-version-chain.pem: version field 6, which Go refuses and
//     certinspect does not model (the report says it cannot predict).
//   - defect/uri-san-chain.pem: a URI entry Go cannot parse in the
//     subjectAltName (OpenSSL connects: it never matches a host against URIs).
//   - defect/uri-san-constrained-chain.pem: the same under a CA with DNS name
//     constraints (OpenSSL connects; the report cannot know it).
//   - defect/explicit-curve-chain.pem: a P-256 key given by its explicit
//     parameters ("Certificate public key has explicit ECC parameters").
//   - defect/ca-critical-ski-chain.pem, defect/ca-duplicate-extension-chain.pem:
//     a good server certificate and its intermediate, re-signed by the root
//     with its subject key identifier marked critical (34 at depth 1), or
//     with an extension twice (OpenSSL never uses it as an issuer: 20 at 0).
//   - defect/client-critical-aki.pem, defect/client-bad-version.pem: a
//     tlsCertificateKeyFile whose client certificate has its AKI marked
//     critical (Python's load_cert_chain loads it) or a version Go refuses.
//   - defect/ip-san-constrained-chain.pem: an IP entry of 8 bytes in the
//     subjectAltName under a CA with IP name constraints (OpenSSL: 53,
//     "unsupported or invalid name syntax"); defect/uri-san-uri-constrained-chain.pem:
//     the URI Go cannot parse under a CA with URI name constraints.
//   - defect/utf8-dns-san-chain.pem: the only DNS name in the subjectAltName
//     is "bücher.example.net" in UTF-8 (not its xn-- form), the CN
//     db0.example.net: OpenSSL matches no host (a DNS name is there, so no CN
//     fallback either).
func genDefects(p *PKI) {
	leaf, _ := p.Leaf("server-rsa", RSA2048, p.Intermediate, nil)
	write := func(name string, der []byte) {
		WriteFile("defect/"+name, append(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}),
			pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: p.Intermediate.Cert.Raw})...))
	}
	key := p.Intermediate.Key
	write("duplicate-extension-chain.pem", resignTBS(leaf, key, nil, func(e []tbsExtension) []tbsExtension {
		for _, x := range e {
			if x.oid.Equal(oidSAN) {
				return append(e, x)
			}
		}
		panic("no SAN")
	}))
	write("invalid-san-chain.pem", resignTBS(leaf, key, nil, func(e []tbsExtension) []tbsExtension {
		for i := range e {
			if e[i].oid.Equal(oidSAN) {
				e[i].value = []byte{0x30, 0x09, 0x82, 0x0f, 'd', 'b', '0'} // lengths that overrun
			}
		}
		return e
	}))
	critical := func(oid asn1.ObjectIdentifier) func([]tbsExtension) []tbsExtension {
		return func(e []tbsExtension) []tbsExtension {
			for i := range e {
				if e[i].oid.Equal(oid) {
					e[i].critical = true
				}
			}
			return e
		}
	}
	write("critical-aki-chain.pem", resignTBS(leaf, key, nil, critical(asn1.ObjectIdentifier{2, 5, 29, 35})))
	write("critical-aia-chain.pem", resignTBS(leaf, key, nil, critical(asn1.ObjectIdentifier{1, 3, 6, 1, 5, 5, 7, 1, 1})))
	sha384RSA := []byte{0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0c, 0x05, 0x00}
	write("sig-alg-mismatch-chain.pem", resignTBS(leaf, key, sha384RSA, nil))
	addSAN := func(tag int, value []byte) func([]tbsExtension) []tbsExtension {
		return func(e []tbsExtension) []tbsExtension {
			for i := range e {
				if e[i].oid.Equal(oidSAN) {
					v := cryptobyte.String(e[i].value)
					var names cryptobyte.String
					if !v.ReadASN1(&names, cbasn1.SEQUENCE) {
						panic("bad SAN")
					}
					var b cryptobyte.Builder
					b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
						b.AddBytes(names)
						b.AddASN1(cbasn1.Tag(tag).ContextSpecific(), func(b *cryptobyte.Builder) { b.AddBytes(value) })
					})
					e[i].value = b.BytesOrPanic()
				}
			}
			return e
		}
	}
	badURI := addSAN(6, []byte("http://foo.bar, DNS:db0.example.net")) // a URI Go cannot parse
	write("uri-san-chain.pem", resignTBS(leaf, key, nil, badURI))
	nc := p.ca("nc-ca", "Name Constrained CA (example.net)", p.Root, func(c *x509.Certificate) {
		c.PermittedDNSDomainsCritical = true
		c.PermittedDNSDomains = []string{"example.net"}
	})
	ncLeaf, _ := p.Leaf("server-rsa", RSA2048, nc, nil)
	WriteFile("defect/uri-san-constrained-chain.pem", append(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: resignTBS(ncLeaf, nc.Key, nil, badURI)}),
		pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: nc.Cert.Raw})...))
	write("utf8-dns-san-chain.pem", resignTBS(leaf, key, nil, func(e []tbsExtension) []tbsExtension {
		for i := range e {
			if e[i].oid.Equal(oidSAN) {
				var b cryptobyte.Builder
				b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
					b.AddASN1(cbasn1.Tag(2).ContextSpecific(), func(b *cryptobyte.Builder) { b.AddBytes([]byte("bücher.example.net")) })
				})
				e[i].value = b.BytesOrPanic()
			}
		}
		return e
	}))
	ecLeaf, _ := p.Leaf("server-ecdsa", P256, p.Intermediate, nil)
	write("explicit-curve-chain.pem", resignTBS(ecLeaf, key, nil, nil, func(f [][]byte) {
		i := 5 // serial, signature, issuer, validity, subject, key
		if f[0][0] == 0xa0 {
			i = 6
		}
		f[i] = explicitP256(f[i])
	}))
	for name, edit := range map[string]func([]tbsExtension) []tbsExtension{
		"ca-critical-ski-chain.pem": critical(asn1.ObjectIdentifier{2, 5, 29, 14}),
		"ca-duplicate-extension-chain.pem": func(e []tbsExtension) []tbsExtension {
			return append(e, e[0])
		},
	} {
		inter := resignTBS(p.Intermediate.Cert, p.Root.Key, nil, edit)
		WriteFile("defect/"+name, append(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: leaf.Raw}),
			pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: inter})...))
	}
	client, clientKey := p.client("client-rsa", RSA2048, "alice-rsa", nil)
	WriteFile("defect/client-critical-aki.pem", cat(pemBlock("CERTIFICATE", resignTBS(client, key, nil, critical(asn1.ObjectIdentifier{2, 5, 29, 35}))), pkcs8PEM(clientKey)))
	badClient := append([]byte(nil), client.Raw...)
	badClient[bytes.Index(badClient, []byte{0xa0, 0x03, 0x02, 0x01, 0x02})+4] = 0x05
	WriteFile("defect/client-bad-version.pem", cat(pemBlock("CERTIFICATE", badClient), pkcs8PEM(clientKey)))
	for _, c := range []struct {
		name string
		edit func(*x509.Certificate)
		san  func([]tbsExtension) []tbsExtension
	}{
		{"ip-san-constrained-chain.pem", func(c *x509.Certificate) {
			c.PermittedIPRanges = []*net.IPNet{{IP: net.IP{192, 0, 2, 0}, Mask: net.CIDRMask(24, 32)}}
		}, addSAN(7, []byte{192, 0, 2, 10, 255, 255, 255, 0})},
		{"uri-san-uri-constrained-chain.pem", func(c *x509.Certificate) {
			c.PermittedURIDomains = []string{"example.net"}
		}, badURI},
	} {
		name := c.name
		ca := p.ca("nc-ca", "Name Constrained CA ("+name+")", p.Root, c.edit)
		l, _ := p.Leaf("server-rsa", RSA2048, ca, nil)
		WriteFile("defect/"+name, append(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: resignTBS(l, ca.Key, nil, c.san)}),
			pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: ca.Cert.Raw})...))
	}
	bad := append([]byte(nil), leaf.Raw...)
	i := bytes.Index(bad, []byte{0xa0, 0x03, 0x02, 0x01, 0x02})
	bad[i+4] = 0x05
	write("bad-version-chain.pem", bad)
}

var oidSAN = asn1.ObjectIdentifier{2, 5, 29, 17}

type tbsExtension struct {
	oid      asn1.ObjectIdentifier
	critical bool
	value    []byte
}

// resignTBS rebuilds c's TBS with its extensions passed through edit (when
// not nil) and its other fields through editFields, signs it again with signer (SHA-256), and puts outerAlg (when not
// nil) as the signature algorithm outside the TBS.
func resignTBS(c *x509.Certificate, signer crypto.Signer, outerAlg []byte, edit func([]tbsExtension) []tbsExtension, editFields ...func([][]byte)) []byte {
	in := cryptobyte.String(c.RawTBSCertificate)
	var body cryptobyte.String
	if !in.ReadASN1(&body, cbasn1.SEQUENCE) {
		panic("bad TBS")
	}
	var fields [][]byte
	var exts []tbsExtension
	for !body.Empty() {
		var el cryptobyte.String
		var tag cbasn1.Tag
		if !body.ReadAnyASN1Element(&el, &tag) {
			panic("bad TBS field")
		}
		if tag != cbasn1.Tag(3).Constructed().ContextSpecific() {
			fields = append(fields, el)
			continue
		}
		var wrap, seq cryptobyte.String
		if !el.ReadASN1(&wrap, tag) || !wrap.ReadASN1(&seq, cbasn1.SEQUENCE) {
			panic("bad extensions")
		}
		for !seq.Empty() {
			var e, v cryptobyte.String
			var x tbsExtension
			if !seq.ReadASN1(&e, cbasn1.SEQUENCE) || !e.ReadASN1ObjectIdentifier(&x.oid) ||
				e.PeekASN1Tag(cbasn1.BOOLEAN) && !e.ReadASN1Boolean(&x.critical) || !e.ReadASN1(&v, cbasn1.OCTET_STRING) {
				panic("bad extension")
			}
			x.value = v
			exts = append(exts, x)
		}
	}
	if edit != nil {
		exts = edit(exts)
	}
	for _, f := range editFields {
		f(fields)
	}
	var b cryptobyte.Builder
	b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
		for _, f := range fields {
			b.AddBytes(f)
		}
		b.AddASN1(cbasn1.Tag(3).Constructed().ContextSpecific(), func(b *cryptobyte.Builder) {
			b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
				for _, x := range exts {
					b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
						b.AddASN1ObjectIdentifier(x.oid)
						if x.critical {
							b.AddASN1Boolean(true)
						}
						b.AddASN1OctetString(x.value)
					})
				}
			})
		})
	})
	tbs := b.BytesOrPanic()
	return signTBS(c, tbs, signer, outerAlg)
}

// signTBS signs tbs with signer (SHA-256) and wraps it as a certificate with
// c's signature algorithm, or outerAlg when not nil.
func signTBS(c *x509.Certificate, tbs []byte, signer crypto.Signer, outerAlg []byte) []byte {
	d := crypto.SHA256.New()
	d.Write(tbs)
	sig, err := signer.Sign(rand.Reader, d.Sum(nil), crypto.SHA256)
	must(err)
	if outerAlg == nil {
		outer := cryptobyte.String(c.Raw)
		var cert, skip, alg cryptobyte.String
		if !outer.ReadASN1(&cert, cbasn1.SEQUENCE) || !cert.ReadASN1Element(&skip, cbasn1.SEQUENCE) || !cert.ReadASN1Element(&alg, cbasn1.SEQUENCE) {
			panic("bad certificate")
		}
		outerAlg = alg
	}
	var o cryptobyte.Builder
	o.AddASN1(cbasn1.SEQUENCE, func(o *cryptobyte.Builder) {
		o.AddBytes(tbs)
		o.AddBytes(outerAlg)
		o.AddASN1BitString(sig)
	})
	return o.BytesOrPanic()
}

// explicitP256 rewrites a P-256 SubjectPublicKeyInfo to give the curve by
// its explicit parameters (RFC 3279 ECParameters) instead of its name.
func explicitP256(spki []byte) []byte {
	in := cryptobyte.String(spki)
	var body, alg, key cryptobyte.String
	if !in.ReadASN1(&body, cbasn1.SEQUENCE) || !body.ReadASN1(&alg, cbasn1.SEQUENCE) || !body.ReadASN1Element(&key, cbasn1.BIT_STRING) {
		panic("bad SPKI")
	}
	c := elliptic.P256().Params()
	fixed := func(n *big.Int) []byte { return n.FillBytes(make([]byte, 32)) }
	a := new(big.Int).Sub(c.P, big.NewInt(3))
	var b cryptobyte.Builder
	b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
		b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
			b.AddASN1ObjectIdentifier(asn1.ObjectIdentifier{1, 2, 840, 10045, 2, 1})
			b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) { // ECParameters
				b.AddASN1Int64(1)
				b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
					b.AddASN1ObjectIdentifier(asn1.ObjectIdentifier{1, 2, 840, 10045, 1, 1}) // prime-field
					b.AddASN1BigInt(c.P)
				})
				b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
					b.AddASN1OctetString(fixed(a))
					b.AddASN1OctetString(fixed(c.B))
				})
				b.AddASN1OctetString(append(append([]byte{4}, fixed(c.Gx)...), fixed(c.Gy)...))
				b.AddASN1BigInt(c.N)
				b.AddASN1Int64(1)
			})
		})
		b.AddBytes(key)
	})
	return b.BytesOrPanic()
}
