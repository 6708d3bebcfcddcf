package pemfile

import "strings"

// PythonLoadCommand is a shell command that loads files with Python's ssl
// as PyMongo loads tlsCRLFile and tlsCAFile (load_verify_locations, in the
// order given): run on the client, it prints "loaded" or the error
// MongoClient would raise. The file arguments must be shell-quoted already.
func PythonLoadCommand(quotedFiles ...string) string {
	return `python3 -c 'import ssl, sys; ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT); [ctx.load_verify_locations(f) for f in sys.argv[1:]]; print("loaded")' ` +
		strings.Join(quotedFiles, " ")
}

// PythonCertChainCommand loads a certificate and key file as PyMongo loads
// tlsCertificateKeyFile (load_cert_chain). The argument must be
// shell-quoted already.
func PythonCertChainCommand(quotedFile string) string {
	return `python3 -c 'import ssl, sys; ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT).load_cert_chain(sys.argv[1]); print("loaded")' ` + quotedFile
}

// IsCertificateType reports whether a PEM type holds a certificate for
// OpenSSL's loaders: CERTIFICATE, X509 CERTIFICATE or TRUSTED CERTIFICATE.
func IsCertificateType(t string) bool {
	return t == "CERTIFICATE" || t == "X509 CERTIFICATE" || t == "TRUSTED CERTIFICATE"
}
