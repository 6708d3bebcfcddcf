// Package bench holds the requests `make bench` times (the same bytes natively,
// in Node through the wasm bridge, in Chromium through the page and on the
// Worker) and the native Go benchmarks. The runner is bench/run.mjs.
package bench

import (
	"os"
	"path/filepath"
	"time"

	"certinspect/core"
)

// At is the evaluation time of the fixture scenarios (testdata/pki/revocation/README.md).
var At = time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)

// RootsAt is inside the validity of Go's www.google.com test chain.
var RootsAt = time.Date(2023, 2, 1, 0, 0, 0, 0, time.UTC)

// KeyPassword encrypts testdata/pki/client/enc-*.pem (testdata/gen/client.go).
const KeyPassword = "correct horse battery staple"

// TypicalURI names three hosts, all in the good leaf's subjectAltName.
const TypicalURI = "mongodb://db0.example.net:27017,db1.example.net:27017,192.0.2.10:27017/?tls=true&replicaSet=rs0&tlsCAFile=ca.pem&tlsCertificateKeyFile=client.pem&tlsCRLFile=crl.pem"

func read(root string, parts ...string) ([]byte, error) {
	return os.ReadFile(filepath.Join(append([]string{root}, parts...)...))
}

// Typical is the typical ticket: a connection string with three hosts, the
// server chain as `openssl s_client -showcerts` prints it (leaf, intermediate,
// root: three certificates), the CA file, a client certificate with a
// PBKDF2/AES-256 encrypted PKCS#8 key, a small CRL and an OCSP response.
// root is the repository's root directory.
func Typical(root string) (core.Request, error) {
	pki := filepath.Join(root, "testdata", "pki")
	var req core.Request
	leafInt, err := read(pki, "revocation", "good-leaf-chain.pem")
	if err != nil {
		return req, err
	}
	ca, err := read(pki, "ca.pem")
	if err != nil {
		return req, err
	}
	client, err := read(pki, "client", "enc-pkcs8-pbkdf2-sha256-aes256.pem")
	if err != nil {
		return req, err
	}
	crl, err := read(pki, "revocation", "crl-good.pem")
	if err != nil {
		return req, err
	}
	ocsp, err := read(pki, "revocation", "ocsp-good.der")
	if err != nil {
		return req, err
	}
	chain := append(append([]byte{}, leafInt...), ca...)
	return core.Request{
		URI: TypicalURI,
		Files: []core.File{
			{Name: "server-chain.pem", Role: core.RoleServerChain, Data: chain},
			{Name: "ca.pem", Role: core.RoleCAFile, Data: ca},
			{Name: "client.pem", Role: core.RoleCertKeyFile, Data: client},
			{Name: "crl.pem", Role: core.RoleCRLFile, Data: crl},
			{Name: "ocsp.der", Role: core.RoleOCSPResponse, Data: ocsp},
		},
		KeyPassword: KeyPassword,
		At:          At,
		Lang:        "en",
	}, nil
}

// RootStore is a publicly issued chain (www.google.com < GTS CA 1C3, from Go's
// crypto/x509 tests; see bench/testdata/README.md) with no CA file, so the
// chain is verified against the bundled Mozilla roots.
func RootStore(root string) (core.Request, error) {
	chain, err := read(root, "bench", "testdata", "google-chain.pem")
	if err != nil {
		return core.Request{}, err
	}
	return core.Request{
		URI:   "mongodb://www.google.com:27017/?tls=true",
		Files: []core.File{{Name: "google-chain.pem", Role: core.RoleServerChain, Data: chain}},
		At:    RootsAt,
		Lang:  "en",
	}, nil
}

// BigCRL checks the good leaf (its chain and the CA file) against a large CRL
// of the fixture intermediate, as made by core/revocation's benchmarks.
func BigCRL(root, crlPath string) (core.Request, error) {
	pki := filepath.Join(root, "testdata", "pki")
	chain, err := read(pki, "revocation", "good-leaf-chain.pem")
	if err != nil {
		return core.Request{}, err
	}
	ca, err := read(pki, "ca.pem")
	if err != nil {
		return core.Request{}, err
	}
	crl, err := os.ReadFile(crlPath)
	if err != nil {
		return core.Request{}, err
	}
	return core.Request{
		Files: []core.File{
			{Name: "server-chain.pem", Role: core.RoleServerChain, Data: chain},
			{Name: "ca.pem", Role: core.RoleCAFile, Data: ca},
			{Name: filepath.Base(crlPath), Role: core.RoleCRLFile, Data: crl},
		},
		Hosts: []string{"db0.example.net"},
		At:    At,
		Lang:  "en",
	}, nil
}
