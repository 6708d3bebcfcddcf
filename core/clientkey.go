package core

import (
	"crypto/x509"

	"certinspect/core/keyfile"
)

// analyzeKeyFiles diagnoses every tlsCertificateKeyFile: the key, its
// password, whether it matches the certificate, and the client certificate.
func (in *inspection) analyzeKeyFiles() {
	pw, source, given := in.keyPassword()
	var serverLeaf *x509.Certificate
	if in.server != nil && in.server.leaf != nil {
		serverLeaf = in.server.leaf.cert
	}
	var cas []*x509.Certificate
	for _, n := range in.nodes(RoleCAFile, true) {
		cas = append(cas, n.cert)
	}
	for _, it := range in.inputs {
		if it.role != RoleCertKeyFile {
			continue
		}
		sum, checks := keyfile.Analyze(keyfile.Input{Name: it.file.Name, Data: it.file.Data, Password: pw, PasswordGiven: given, PasswordSource: source, Pasted: it.file.Pasted},
			keyfile.Options{At: in.req.At, ServerLeaf: serverLeaf, CAs: cas}, in.p)
		in.rep.KeyFiles = append(in.rep.KeyFiles, sum)
		in.add(checks...)
	}
}
