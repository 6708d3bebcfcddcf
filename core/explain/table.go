package explain

import "certinspect/core/x509err"

// VerifyError is one row of OpenSSL's certificate-verification error table:
// X509_V_ERR_* code, name and the text X509_verify_cert_error_string prints
// (OpenSSL 3.0 wording). It is the same table as package x509err, so the
// explainer and the verdict quote OpenSSL identically.
type VerifyError = x509err.Error

// OpenSSLVerifyErrors returns the whole table, ordered by code.
func OpenSSLVerifyErrors() []VerifyError { return x509err.All() }

// VerifyErrorByName finds a row by its X509_V_ERR_* name.
func VerifyErrorByName(name string) (VerifyError, bool) { return x509err.ByName(name) }

// legacyTexts are the OpenSSL 1.0/1.1 wordings that changed in 3.0, keyed by
// the error name; customers on older systems paste these.
var legacyTexts = map[string][]string{
	"X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT": {"self signed certificate"},
	"X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN":   {"self signed certificate in certificate chain"},
	"X509_V_ERR_INVALID_PURPOSE":             {"unsupported certificate purpose"},
}
