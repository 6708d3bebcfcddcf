package main

import (
	"crypto/x509"
	"encoding/asn1"
	"encoding/pem"
)

// CA files with OpenSSL trust settings: TRUSTED CERTIFICATE blocks, as
// `openssl x509 -trustout` writes them and as some systems extract their trust
// bundles (/etc/pki/ca-trust/extracted/openssl/ca-bundle.trust.crt). OpenSSL
// consults the settings when a path reaches the certificate.

var (
	oidServerAuth = asn1.ObjectIdentifier{1, 3, 6, 1, 5, 5, 7, 3, 1}
	oidClientAuth = asn1.ObjectIdentifier{1, 3, 6, 1, 5, 5, 7, 3, 2}
)

// certAux is X509_CERT_AUX (the fields certinspect's tests use).
type certAux struct {
	Trust  []asn1.ObjectIdentifier `asn1:"optional,omitempty"`
	Reject []asn1.ObjectIdentifier `asn1:"optional,omitempty,tag:0"`
	Alias  string                  `asn1:"optional,omitempty,utf8"`
}

func trustedBlock(c *x509.Certificate, aux certAux) []byte {
	der, err := asn1.Marshal(aux)
	must(err)
	return pem.EncodeToMemory(&pem.Block{Type: "TRUSTED CERTIFICATE", Bytes: append(append([]byte{}, c.Raw...), der...)})
}

func genTrust(p *PKI) {
	WriteFile("trust/root-trusted-serverauth.pem", trustedBlock(p.Root.Cert, certAux{Trust: []asn1.ObjectIdentifier{oidServerAuth}, Alias: "certinspect root"}))
	WriteFile("trust/root-rejected-serverauth.pem", trustedBlock(p.Root.Cert, certAux{Reject: []asn1.ObjectIdentifier{oidServerAuth}}))
	WriteFile("trust/root-trusted-clientauth.pem", trustedBlock(p.Root.Cert, certAux{Trust: []asn1.ObjectIdentifier{oidClientAuth}}))
	WriteFile("trust/root-alias-only.pem", trustedBlock(p.Root.Cert, certAux{Alias: "certinspect root"}))
	// An intermediate trusted for serverAuth is an anchor on its own: no root needed.
	WriteFile("trust/intermediate-trusted-serverauth.pem", trustedBlock(p.Intermediate.Cert, certAux{Trust: []asn1.ObjectIdentifier{oidServerAuth}}))
	// The same root twice: OpenSSL keeps the first copy it loads.
	plain := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: p.Root.Cert.Raw})
	rejected := trustedBlock(p.Root.Cert, certAux{Reject: []asn1.ObjectIdentifier{oidServerAuth}})
	WriteFile("trust/root-plain-then-rejected.pem", append(append([]byte{}, plain...), rejected...))
	WriteFile("trust/root-rejected-then-plain.pem", append(append([]byte{}, rejected...), plain...))

	// An intermediate whose extended key usage allows only clientAuth: a
	// server chain under it is refused (INVALID_PURPOSE), unless the CA file
	// trusts that intermediate for serverAuth, which overrides its EKU.
	clientOnly := p.ca("client-eku-ca", "Client EKU Intermediate CA", p.Root, func(c *x509.Certificate) {
		c.ExtKeyUsage = []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth}
	})
	leaf, _ := p.Leaf("server-rsa", RSA2048, clientOnly, nil)
	writeCerts("client-eku-intermediate-chain.pem", leaf, clientOnly.Cert)
	WriteFile("trust/client-eku-intermediate-trusted-serverauth.pem", trustedBlock(clientOnly.Cert, certAux{Trust: []asn1.ObjectIdentifier{oidServerAuth}}))

	// An intermediate that expired before At, trusted for serverAuth: OpenSSL
	// does not check the dates of an anchor that is not self-signed.
	expired := p.ca("expired-int-ca", "Expired Intermediate CA", p.Root, func(c *x509.Certificate) {
		c.NotBefore, c.NotAfter = interFrom, expiredTo
	})
	leaf, _ = p.Leaf("server-rsa", RSA2048, expired, func(c *x509.Certificate) { c.NotBefore = interFrom })
	writeCerts("expired-intermediate-chain.pem", leaf, expired.Cert)
	WriteFile("trust/expired-intermediate-trusted-serverauth.pem", trustedBlock(expired.Cert, certAux{Trust: []asn1.ObjectIdentifier{oidServerAuth}}))
}
