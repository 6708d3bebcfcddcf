package main

import (
	"crypto/x509"
	"crypto/x509/pkix"
	"net"
)

// genServers writes one server chain per scenario: <scenario>-chain.pem holds
// what the server presents (leaf first unless the scenario is about order).
// All are evaluated with ca.pem (the root) unless the test says otherwise.
func genServers(p *PKI) {
	in := p.Intermediate.Cert

	// The good chains, one per key type.
	leaf, key := p.Leaf("server-rsa", RSA2048, p.Intermediate, nil)
	writeCerts("server-chain.pem", leaf, in)
	writeCerts("server.pem", leaf)
	WriteKey("server.key", key)
	leaf, _ = p.Leaf("server-ecdsa", P256, p.Intermediate, nil)
	writeCerts("server-ecdsa-chain.pem", leaf, in)
	leaf, _ = p.Leaf("server-ed25519", Ed25519, p.Intermediate, nil)
	writeCerts("server-ed25519-chain.pem", leaf, in)

	// Presentation variants of the good chain.
	good, _ := p.Leaf("server-rsa", RSA2048, p.Intermediate, nil)
	writeCerts("out-of-order-chain.pem", in, good)
	writeCerts("root-included-chain.pem", good, in, p.Root.Cert)
	writeCerts("duplicate-chain.pem", good, in, in)
	writeCerts("extra-cert-chain.pem", good, in, p.OtherRoot.Cert)
	writeCerts("missing-intermediate-chain.pem", good)

	// Validity.
	leaf, _ = p.Leaf("server-rsa", RSA2048, p.Intermediate, func(c *x509.Certificate) { c.NotAfter = expiredTo })
	writeCerts("expired-chain.pem", leaf, in)
	leaf, _ = p.Leaf("server-rsa", RSA2048, p.Intermediate, func(c *x509.Certificate) { c.NotBefore = notYetFrom })
	writeCerts("not-yet-valid-chain.pem", leaf, in)
	leaf, _ = p.Leaf("server-rsa", RSA2048, p.Intermediate, func(c *x509.Certificate) { c.NotAfter = soonTo })
	writeCerts("expires-soon-chain.pem", leaf, in)

	// Host names.
	leaf, _ = p.Leaf("server-rsa", RSA2048, p.Intermediate, func(c *x509.Certificate) {
		c.Subject.CommonName = "other.example.org"
		c.DNSNames = []string{"other.example.org"}
		c.IPAddresses = nil
	})
	writeCerts("wrong-host-chain.pem", leaf, in)
	leaf, _ = p.Leaf("server-rsa", RSA2048, p.Intermediate, func(c *x509.Certificate) {
		c.Subject.CommonName = "*.example.net"
		c.DNSNames = []string{"*.example.net"}
		c.IPAddresses = nil
	})
	writeCerts("wildcard-chain.pem", leaf, in)
	leaf, _ = p.Leaf("server-rsa", RSA2048, p.Intermediate, func(c *x509.Certificate) {
		c.DNSNames = nil
		c.IPAddresses = nil
	})
	writeCerts("cn-only-chain.pem", leaf, in)
	leaf, _ = p.Leaf("server-rsa", RSA2048, p.Intermediate, func(c *x509.Certificate) {
		c.Subject.CommonName = "192.0.2.10"
		c.DNSNames = nil
		c.IPAddresses = []net.IP{serverIP}
	})
	writeCerts("ip-only-chain.pem", leaf, in)

	// Purpose.
	leaf, _ = p.Leaf("server-rsa", RSA2048, p.Intermediate, func(c *x509.Certificate) {
		c.ExtKeyUsage = []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth}
	})
	writeCerts("no-server-auth-chain.pem", leaf, in)

	// A "CA" that is not one: the leaf is issued by an end-entity certificate.
	notCA := p.ca("not-ca", "Not A CA", p.Root, func(c *x509.Certificate) {
		c.IsCA = false
		c.BasicConstraintsValid = true
		c.KeyUsage = x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign
	})
	leaf, _ = p.Leaf("server-rsa", RSA2048, notCA, nil)
	writeCerts("not-ca-chain.pem", leaf, notCA.Cert)

	// Path length: the intermediate allows no further CA below it, but one is there.
	pl0 := p.ca("pathlen0", "Path Length Zero CA", p.Root, func(c *x509.Certificate) {
		c.MaxPathLen = 0
		c.MaxPathLenZero = true
	})
	sub := p.ca("sub-ca", "Sub CA Under Path Length Zero", pl0, nil)
	leaf, _ = p.Leaf("server-rsa", RSA2048, sub, nil)
	writeCerts("path-length-chain.pem", leaf, sub.Cert, pl0.Cert)

	// Name constraints: the intermediate may only issue for example.com.
	nc := p.ca("nc-ca", "Name Constrained CA", p.Root, func(c *x509.Certificate) {
		c.PermittedDNSDomainsCritical = true
		c.PermittedDNSDomains = []string{"example.com"}
	})
	leaf, _ = p.Leaf("server-rsa", RSA2048, nc, func(c *x509.Certificate) { c.IPAddresses = nil })
	writeCerts("name-constraints-chain.pem", leaf, nc.Cert)

	// Weak crypto.
	leaf, _ = p.Leaf("server-rsa", RSA2048, p.Intermediate, func(c *x509.Certificate) {
		c.SignatureAlgorithm = x509.SHA1WithRSA
	})
	writeCerts("sha1-chain.pem", leaf, in)
	leaf, _ = p.Leaf("server-rsa1024", RSA1024, p.Intermediate, nil)
	writeCerts("rsa1024-chain.pem", leaf, in)

	// Self-signed server certificate, and a chain from another CA.
	ss := p.selfSignedCA("self-signed", "db0.example.net", func(c *x509.Certificate) {
		c.IsCA = false
		c.KeyUsage = x509.KeyUsageDigitalSignature | x509.KeyUsageKeyEncipherment
		c.ExtKeyUsage = []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}
		c.DNSNames = serverHosts
		c.NotBefore, c.NotAfter = leafFrom, leafTo
		c.Subject = pkix.Name{CommonName: "db0.example.net"}
	})
	writeCerts("self-signed-chain.pem", ss.Cert)
	otherInt := p.ca("other-intermediate", "Other Test Intermediate CA", p.OtherRoot, nil)
	leaf, _ = p.Leaf("server-rsa", RSA2048, otherInt, nil)
	writeCerts("other-ca-chain.pem", leaf, otherInt.Cert)
}
