package main

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"os"
	"path/filepath"

	"github.com/youmark/pkcs8"
)

// ClientPassword encrypts every encrypted key fixture under testdata/pki/client/.
const ClientPassword = "correct horse battery staple"

// genClients writes the tlsCertificateKeyFile fixtures under testdata/pki/client/.
// All client certificates are issued by the intermediate (so the chain is
// client -> intermediate -> root) with O=certinspect clients, which differs from
// the server certificates' O=certinspect tests, except client-member.pem.
// Encrypted key blocks are kept in testdata/pki/keys/ (see encryptedKey).
func genClients(p *PKI) {
	type kk struct{ name, kind string }
	var rsaCert *x509.Certificate
	var rsaKey crypto.Signer
	for _, k := range []kk{{"rsa", RSA2048}, {"p256", P256}, {"p384", P384}, {"ed25519", Ed25519}} {
		c, key := p.client("client-"+k.name, k.kind, "alice-"+k.name, nil)
		// RSA as PKCS#1, P-256 as SEC1, the rest as PKCS#8: the three plain encodings.
		var kb []byte
		switch k.kind {
		case RSA2048:
			kb = pemBlock("RSA PRIVATE KEY", x509.MarshalPKCS1PrivateKey(key.(*rsa.PrivateKey)))
			rsaCert, rsaKey = c, key
		case P256:
			der, err := x509.MarshalECPrivateKey(key.(*ecdsa.PrivateKey))
			must(err)
			kb = pemBlock("EC PRIVATE KEY", der)
		default:
			kb = pkcs8PEM(key)
		}
		WriteFile("client/client-"+k.name+".pem", cat(certPEM(c), kb))
	}

	// Order and separation.
	WriteFile("client/key-first.pem", cat(pkcs8PEM(rsaKey), certPEM(rsaCert)))
	WriteFile("client/cert-only.crt", certPEM(rsaCert))
	WriteFile("client/key-only.key", pkcs8PEM(rsaKey))
	WriteFile("client/with-chain.pem", cat(certPEM(rsaCert), certPEM(p.Intermediate.Cert), pkcs8PEM(rsaKey)))
	WriteFile("client/with-text.pem", cat([]byte("Bag Attributes\n    friendlyName: alice\nsubject=CN=alice-rsa\n\n"),
		certPEM(rsaCert), []byte("\nKey Attributes: <No Attributes>\n"), pkcs8PEM(rsaKey), []byte("\ntrailing notes\n")))
	WriteFile("client/cert.der", rsaCert.Raw)
	WriteFile("client/empty.pem", nil)
	WriteFile("client/text-only.pem", []byte("please find the certificate attached\n"))

	// Wrong keys: same type (KEY_VALUES_MISMATCH) and different type (NO_CERTIFICATE_ASSIGNED).
	otherCert, otherKey := p.client("client-other-rsa", RSA2048, "bob", nil)
	WriteFile("client/mismatch.pem", cat(certPEM(rsaCert), pkcs8PEM(otherKey)))
	p256Key := Key("client-p256", P256)
	WriteFile("client/mismatch-type.pem", cat(certPEM(rsaCert), pkcs8PEM(p256Key)))
	// The key belongs to the second certificate in the file, not the first.
	WriteFile("client/key-of-second-cert.pem", cat(certPEM(rsaCert), certPEM(otherCert), pkcs8PEM(otherKey)))
	WriteFile("client/two-keys.pem", cat(certPEM(rsaCert), pkcs8PEM(rsaKey), pkcs8PEM(otherKey)))
	WriteFile("client/unrelated-cert.pem", cat(certPEM(rsaCert), pkcs8PEM(rsaKey), certPEM(p.OtherRoot.Cert)))

	// Purpose and validity.
	c, key := p.client("client-rsa", RSA2048, "alice-server-only", func(c *x509.Certificate) {
		c.ExtKeyUsage = []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}
	})
	WriteFile("client/no-client-auth.pem", cat(certPEM(c), pkcs8PEM(key)))
	c, key = p.client("client-rsa", RSA2048, "alice-no-eku", func(c *x509.Certificate) { c.ExtKeyUsage = nil })
	WriteFile("client/no-eku.pem", cat(certPEM(c), pkcs8PEM(key)))
	c, key = p.client("client-rsa", RSA2048, "alice-key-encipherment", func(c *x509.Certificate) {
		c.KeyUsage = x509.KeyUsageKeyEncipherment
	})
	WriteFile("client/bad-key-usage.pem", cat(certPEM(c), pkcs8PEM(key)))
	c, key = p.client("client-rsa", RSA2048, "alice-expired", func(c *x509.Certificate) { c.NotAfter = expiredTo })
	WriteFile("client/expired.pem", cat(certPEM(c), pkcs8PEM(key)))
	c, key = p.client("client-rsa", RSA2048, "alice-not-yet", func(c *x509.Certificate) { c.NotBefore = notYetFrom })
	WriteFile("client/not-yet-valid.pem", cat(certPEM(c), pkcs8PEM(key)))
	// Same O (and no OU/DC) as the server certificates: a cluster member to the server.
	c, key = p.client("client-rsa", RSA2048, "alice-member", func(c *x509.Certificate) {
		c.Subject = pkix.Name{CommonName: "alice-member", Organization: []string{"certinspect tests"}}
	})
	WriteFile("client/member.pem", cat(certPEM(c), pkcs8PEM(key)))
	// A subject that needs RFC 2253 escaping and has DC and UID attributes.
	c, key = p.client("client-rsa", RSA2048, "", func(c *x509.Certificate) {
		c.Subject = pkix.Name{
			CommonName:         `Smith, "Al" + co`,
			Organization:       []string{"certinspect clients"},
			OrganizationalUnit: []string{"Support"},
			ExtraNames: []pkix.AttributeTypeAndValue{
				{Type: []int{0, 9, 2342, 19200300, 100, 1, 25}, Value: "example"},
				{Type: []int{0, 9, 2342, 19200300, 100, 1, 25}, Value: "com"},
				{Type: []int{0, 9, 2342, 19200300, 100, 1, 1}, Value: "asmith"},
			},
		}
	})
	WriteFile("client/escaped-subject.pem", cat(certPEM(c), pkcs8PEM(key)))
	// Issued directly by the unrelated root: the server's CA file must contain that root.
	c, key = p.Leaf("client-rsa", RSA2048, p.OtherRoot, func(c *x509.Certificate) {
		c.Subject = pkix.Name{CommonName: "alice-other-ca", Organization: []string{"certinspect clients"}}
		c.ExtKeyUsage = []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth}
		c.DNSNames, c.IPAddresses = nil, nil
	})
	WriteFile("client/other-ca.pem", cat(certPEM(c), pkcs8PEM(key)))

	// Encrypted keys, each scheme, all with ClientPassword.
	pw := []byte(ClientPassword)
	legacy := map[string]x509.PEMCipher{
		"des":    x509.PEMCipherDES,
		"des3":   x509.PEMCipher3DES,
		"aes128": x509.PEMCipherAES128,
		"aes192": x509.PEMCipherAES192,
		"aes256": x509.PEMCipherAES256,
	}
	for _, name := range []string{"des", "des3", "aes128", "aes192", "aes256"} {
		kb := encryptedKey("client-rsa-legacy-"+name, func() []byte {
			//lint:ignore SA1019 legacy PEM encryption is exactly what the fixture is about
			b, err := x509.EncryptPEMBlock(rand.Reader, "RSA PRIVATE KEY", x509.MarshalPKCS1PrivateKey(rsaKey.(*rsa.PrivateKey)), pw, legacy[name])
			must(err)
			return pem.EncodeToMemory(b)
		})
		WriteFile("client/enc-legacy-"+name+".pem", cat(certPEM(rsaCert), kb))
	}
	// Legacy encrypted SEC1 EC key.
	p256Cert, _ := p.client("client-p256", P256, "alice-p256", nil)
	kb := encryptedKey("client-p256-legacy-aes256", func() []byte {
		ecDER, err := x509.MarshalECPrivateKey(p256Key.(*ecdsa.PrivateKey))
		must(err)
		//lint:ignore SA1019 see above
		b, err := x509.EncryptPEMBlock(rand.Reader, "EC PRIVATE KEY", ecDER, pw, x509.PEMCipherAES256)
		must(err)
		return pem.EncodeToMemory(b)
	})
	WriteFile("client/enc-legacy-ec-aes256.pem", cat(certPEM(p256Cert), kb))

	type scheme struct {
		name string
		opts *pkcs8.Opts
	}
	for _, s := range []scheme{
		{"pbkdf2-sha1-aes128", &pkcs8.Opts{Cipher: pkcs8.AES128CBC, KDFOpts: pkcs8.PBKDF2Opts{SaltSize: 8, IterationCount: 2048, HMACHash: crypto.SHA1}}},
		{"pbkdf2-sha256-aes192", &pkcs8.Opts{Cipher: pkcs8.AES192CBC, KDFOpts: pkcs8.PBKDF2Opts{SaltSize: 16, IterationCount: 2048, HMACHash: crypto.SHA256}}},
		{"pbkdf2-sha256-aes256", &pkcs8.Opts{Cipher: pkcs8.AES256CBC, KDFOpts: pkcs8.PBKDF2Opts{SaltSize: 16, IterationCount: 2048, HMACHash: crypto.SHA256}}},
		{"pbkdf2-sha256-des3", &pkcs8.Opts{Cipher: pkcs8.TripleDESCBC, KDFOpts: pkcs8.PBKDF2Opts{SaltSize: 8, IterationCount: 2048, HMACHash: crypto.SHA256}}},
		{"scrypt-aes256", &pkcs8.Opts{Cipher: pkcs8.AES256CBC, KDFOpts: pkcs8.ScryptOpts{SaltSize: 16, CostParameter: 1 << 14, BlockSize: 8, ParallelizationParameter: 1}}},
	} {
		kb := encryptedKey("client-rsa-pkcs8-"+s.name, func() []byte {
			der, err := pkcs8.MarshalPrivateKey(rsaKey, pw, s.opts)
			must(err)
			return pemBlock("ENCRYPTED PRIVATE KEY", der)
		})
		WriteFile("client/enc-pkcs8-"+s.name+".pem", cat(certPEM(rsaCert), kb))
	}
	// Ed25519 and P-384 keys encrypted as PKCS#8 (key type only known after decryption).
	for _, k := range []kk{{"ed25519", Ed25519}, {"p384", P384}} {
		c, key := p.client("client-"+k.name, k.kind, "alice-"+k.name, nil)
		kb := encryptedKey("client-"+k.name+"-pkcs8", func() []byte {
			der, err := pkcs8.MarshalPrivateKey(key, pw, nil)
			must(err)
			return pemBlock("ENCRYPTED PRIVATE KEY", der)
		})
		WriteFile("client/enc-pkcs8-"+k.name+".pem", cat(certPEM(c), kb))
	}
	// Damaged: the encrypted PKCS#8 key's base64 is cut short (structure broken),
	// and a legacy key whose ciphertext is not a whole number of blocks.
	eb, _ := pem.Decode(encryptedKey("client-rsa-pkcs8-pbkdf2-sha256-aes256", nil))
	WriteFile("client/enc-pkcs8-truncated.pem", cat(certPEM(rsaCert), pemBlock("ENCRYPTED PRIVATE KEY", eb.Bytes[:len(eb.Bytes)/2])))
	lb, _ := pem.Decode(encryptedKey("client-rsa-legacy-aes128", nil))
	lb.Bytes = lb.Bytes[:len(lb.Bytes)-5]
	WriteFile("client/enc-legacy-truncated.pem", cat(certPEM(rsaCert), pem.EncodeToMemory(lb)))
}

// client issues a client certificate (clientAuth) under the intermediate. An
// empty cn keeps the subject set by edit.
func (p *PKI) client(keyName, kind, cn string, edit func(*x509.Certificate)) (*x509.Certificate, crypto.Signer) {
	return p.Leaf(keyName, kind, p.Intermediate, func(c *x509.Certificate) {
		c.Subject = pkix.Name{CommonName: cn, Organization: []string{"certinspect clients"}, OrganizationalUnit: []string{"Support"}}
		c.ExtKeyUsage = []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth}
		c.DNSNames = nil
		c.IPAddresses = nil
		if edit != nil {
			edit(c)
		}
	})
}

// encryptedKey returns testdata/pki/keys/<name>.key, creating it with make when
// absent: encryption draws random salts and IVs, so keeping the result makes
// regeneration reproducible.
func encryptedKey(name string, make func() []byte) []byte {
	path := filepath.Join(Out, "keys", name+".key")
	if data, err := os.ReadFile(path); err == nil {
		return data
	}
	data := make()
	must(os.WriteFile(path, data, 0o644))
	return data
}

func certPEM(c *x509.Certificate) []byte { return pemBlock("CERTIFICATE", c.Raw) }

func pemBlock(typ string, der []byte) []byte {
	return pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: der})
}

func pkcs8PEM(k crypto.Signer) []byte {
	der, err := x509.MarshalPKCS8PrivateKey(k)
	must(err)
	return pemBlock("PRIVATE KEY", der)
}

func cat(parts ...[]byte) []byte {
	var out []byte
	for _, b := range parts {
		out = append(out, b...)
	}
	return out
}
