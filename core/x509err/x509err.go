// Package x509err is OpenSSL's table of certificate-verification errors: the
// X509_V_ERR_* code, name and text that OpenSSL (and therefore PyMongo) prints.
// The table was dumped from OpenSSL 3.0.19 (X509_verify_cert_error_string over
// the codes in x509_vfy.h), so its texts are OpenSSL 3's wording
// ("self-signed certificate", not 1.1's "self signed certificate").
package x509err

import "certinspect/core/report"

// Error is one row of the table.
type Error struct {
	Code int
	Name string
	Text string
}

// Report converts the row to the report's opensslError field.
func (e Error) Report() *report.OpenSSLError {
	return &report.OpenSSLError{Code: e.Code, Name: e.Name, Text: e.Text}
}

// ByName finds a row by its X509_V_ERR_* name.
func ByName(name string) (Error, bool) {
	for _, e := range table {
		if e.Name == name {
			return e, true
		}
	}
	return Error{}, false
}

// ByCode finds a row by its numeric code.
func ByCode(code int) (Error, bool) {
	for _, e := range table {
		if e.Code == code {
			return e, true
		}
	}
	return Error{}, false
}

// All returns the whole table in code order.
func All() []Error { return append([]Error(nil), table...) }

// Must returns the row for name and panics when the name is not in the table:
// only for names written in this repository's code, which tests exercise.
func Must(name string) Error {
	e, ok := ByName(name)
	if !ok {
		panic("x509err: unknown error name " + name)
	}
	return e
}

var table = []Error{
	{1, "X509_V_ERR_UNSPECIFIED", "unspecified certificate verification error"},
	{2, "X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT", "unable to get issuer certificate"},
	{3, "X509_V_ERR_UNABLE_TO_GET_CRL", "unable to get certificate CRL"},
	{4, "X509_V_ERR_UNABLE_TO_DECRYPT_CERT_SIGNATURE", "unable to decrypt certificate's signature"},
	{5, "X509_V_ERR_UNABLE_TO_DECRYPT_CRL_SIGNATURE", "unable to decrypt CRL's signature"},
	{6, "X509_V_ERR_UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY", "unable to decode issuer public key"},
	{7, "X509_V_ERR_CERT_SIGNATURE_FAILURE", "certificate signature failure"},
	{8, "X509_V_ERR_CRL_SIGNATURE_FAILURE", "CRL signature failure"},
	{9, "X509_V_ERR_CERT_NOT_YET_VALID", "certificate is not yet valid"},
	{10, "X509_V_ERR_CERT_HAS_EXPIRED", "certificate has expired"},
	{11, "X509_V_ERR_CRL_NOT_YET_VALID", "CRL is not yet valid"},
	{12, "X509_V_ERR_CRL_HAS_EXPIRED", "CRL has expired"},
	{13, "X509_V_ERR_ERROR_IN_CERT_NOT_BEFORE_FIELD", "format error in certificate's notBefore field"},
	{14, "X509_V_ERR_ERROR_IN_CERT_NOT_AFTER_FIELD", "format error in certificate's notAfter field"},
	{15, "X509_V_ERR_ERROR_IN_CRL_LAST_UPDATE_FIELD", "format error in CRL's lastUpdate field"},
	{16, "X509_V_ERR_ERROR_IN_CRL_NEXT_UPDATE_FIELD", "format error in CRL's nextUpdate field"},
	{17, "X509_V_ERR_OUT_OF_MEM", "out of memory"},
	{18, "X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT", "self-signed certificate"},
	{19, "X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN", "self-signed certificate in certificate chain"},
	{20, "X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY", "unable to get local issuer certificate"},
	{21, "X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE", "unable to verify the first certificate"},
	{22, "X509_V_ERR_CERT_CHAIN_TOO_LONG", "certificate chain too long"},
	{23, "X509_V_ERR_CERT_REVOKED", "certificate revoked"},
	{24, "X509_V_ERR_NO_ISSUER_PUBLIC_KEY", "issuer certificate doesn't have a public key"},
	{25, "X509_V_ERR_PATH_LENGTH_EXCEEDED", "path length constraint exceeded"},
	{26, "X509_V_ERR_INVALID_PURPOSE", "unsuitable certificate purpose"},
	{27, "X509_V_ERR_CERT_UNTRUSTED", "certificate not trusted"},
	{28, "X509_V_ERR_CERT_REJECTED", "certificate rejected"},
	{29, "X509_V_ERR_SUBJECT_ISSUER_MISMATCH", "subject issuer mismatch"},
	{30, "X509_V_ERR_AKID_SKID_MISMATCH", "authority and subject key identifier mismatch"},
	{31, "X509_V_ERR_AKID_ISSUER_SERIAL_MISMATCH", "authority and issuer serial number mismatch"},
	{32, "X509_V_ERR_KEYUSAGE_NO_CERTSIGN", "key usage does not include certificate signing"},
	{33, "X509_V_ERR_UNABLE_TO_GET_CRL_ISSUER", "unable to get CRL issuer certificate"},
	{34, "X509_V_ERR_UNHANDLED_CRITICAL_EXTENSION", "unhandled critical extension"},
	{35, "X509_V_ERR_KEYUSAGE_NO_CRL_SIGN", "key usage does not include CRL signing"},
	{36, "X509_V_ERR_UNHANDLED_CRITICAL_CRL_EXTENSION", "unhandled critical CRL extension"},
	{37, "X509_V_ERR_INVALID_NON_CA", "invalid non-CA certificate (has CA markings)"},
	{38, "X509_V_ERR_PROXY_PATH_LENGTH_EXCEEDED", "proxy path length constraint exceeded"},
	{39, "X509_V_ERR_KEYUSAGE_NO_DIGITAL_SIGNATURE", "key usage does not include digital signature"},
	{40, "X509_V_ERR_PROXY_CERTIFICATES_NOT_ALLOWED", "proxy certificates not allowed, please set the appropriate flag"},
	{41, "X509_V_ERR_INVALID_EXTENSION", "invalid or inconsistent certificate extension"},
	{42, "X509_V_ERR_INVALID_POLICY_EXTENSION", "invalid or inconsistent certificate policy extension"},
	{43, "X509_V_ERR_NO_EXPLICIT_POLICY", "no explicit policy"},
	{44, "X509_V_ERR_DIFFERENT_CRL_SCOPE", "different CRL scope"},
	{45, "X509_V_ERR_UNSUPPORTED_EXTENSION_FEATURE", "unsupported extension feature"},
	{46, "X509_V_ERR_UNNESTED_RESOURCE", "RFC 3779 resource not subset of parent's resources"},
	{47, "X509_V_ERR_PERMITTED_VIOLATION", "permitted subtree violation"},
	{48, "X509_V_ERR_EXCLUDED_VIOLATION", "excluded subtree violation"},
	{49, "X509_V_ERR_SUBTREE_MINMAX", "name constraints minimum and maximum not supported"},
	{50, "X509_V_ERR_APPLICATION_VERIFICATION", "application verification failure"},
	{51, "X509_V_ERR_UNSUPPORTED_CONSTRAINT_TYPE", "unsupported name constraint type"},
	{52, "X509_V_ERR_UNSUPPORTED_CONSTRAINT_SYNTAX", "unsupported or invalid name constraint syntax"},
	{53, "X509_V_ERR_UNSUPPORTED_NAME_SYNTAX", "unsupported or invalid name syntax"},
	{54, "X509_V_ERR_CRL_PATH_VALIDATION_ERROR", "CRL path validation error"},
	{55, "X509_V_ERR_PATH_LOOP", "path loop"},
	{56, "X509_V_ERR_SUITE_B_INVALID_VERSION", "Suite B: certificate version invalid"},
	{57, "X509_V_ERR_SUITE_B_INVALID_ALGORITHM", "Suite B: invalid public key algorithm"},
	{58, "X509_V_ERR_SUITE_B_INVALID_CURVE", "Suite B: invalid ECC curve"},
	{59, "X509_V_ERR_SUITE_B_INVALID_SIGNATURE_ALGORITHM", "Suite B: invalid signature algorithm"},
	{60, "X509_V_ERR_SUITE_B_LOS_NOT_ALLOWED", "Suite B: curve not allowed for this LOS"},
	{61, "X509_V_ERR_SUITE_B_CANNOT_SIGN_P_384_WITH_P_256", "Suite B: cannot sign P-384 with P-256"},
	{62, "X509_V_ERR_HOSTNAME_MISMATCH", "hostname mismatch"},
	{63, "X509_V_ERR_EMAIL_MISMATCH", "email address mismatch"},
	{64, "X509_V_ERR_IP_ADDRESS_MISMATCH", "IP address mismatch"},
	{65, "X509_V_ERR_DANE_NO_MATCH", "no matching DANE TLSA records"},
	{66, "X509_V_ERR_EE_KEY_TOO_SMALL", "EE certificate key too weak"},
	{67, "X509_V_ERR_CA_KEY_TOO_SMALL", "CA certificate key too weak"},
	{68, "X509_V_ERR_CA_MD_TOO_WEAK", "CA signature digest algorithm too weak"},
	{69, "X509_V_ERR_INVALID_CALL", "invalid certificate verification context"},
	{70, "X509_V_ERR_STORE_LOOKUP", "issuer certificate lookup error"},
	{71, "X509_V_ERR_NO_VALID_SCTS", "Certificate Transparency required, but no valid SCTs found"},
	{72, "X509_V_ERR_PROXY_SUBJECT_NAME_VIOLATION", "proxy subject name violation"},
	{73, "X509_V_ERR_OCSP_VERIFY_NEEDED", "OCSP verification needed"},
	{74, "X509_V_ERR_OCSP_VERIFY_FAILED", "OCSP verification failed"},
	{75, "X509_V_ERR_OCSP_CERT_UNKNOWN", "OCSP unknown cert"},
	{76, "X509_V_ERR_UNSUPPORTED_SIGNATURE_ALGORITHM", "Cannot find certificate signature algorithm"},
	{77, "X509_V_ERR_SIGNATURE_ALGORITHM_MISMATCH", "subject signature algorithm and issuer public key algorithm mismatch"},
	{78, "X509_V_ERR_SIGNATURE_ALGORITHM_INCONSISTENCY", "cert info signature and signature algorithm mismatch"},
	{79, "X509_V_ERR_INVALID_CA", "invalid CA certificate"},
	{80, "X509_V_ERR_PATHLEN_INVALID_FOR_NON_CA", "Path length invalid for non-CA cert"},
	{81, "X509_V_ERR_PATHLEN_WITHOUT_KU_KEY_CERT_SIGN", "Path length given without key usage keyCertSign"},
	{82, "X509_V_ERR_KU_KEY_CERT_SIGN_INVALID_FOR_NON_CA", "Key usage keyCertSign invalid for non-CA cert"},
	{83, "X509_V_ERR_ISSUER_NAME_EMPTY", "Issuer name empty"},
	{84, "X509_V_ERR_SUBJECT_NAME_EMPTY", "Subject name empty"},
	{85, "X509_V_ERR_MISSING_AUTHORITY_KEY_IDENTIFIER", "Missing Authority Key Identifier"},
	{86, "X509_V_ERR_MISSING_SUBJECT_KEY_IDENTIFIER", "Missing Subject Key Identifier"},
	{87, "X509_V_ERR_EMPTY_SUBJECT_ALT_NAME", "Empty Subject Alternative Name extension"},
	{88, "X509_V_ERR_EMPTY_SUBJECT_SAN_NOT_CRITICAL", "Subject empty and Subject Alt Name extension not critical"},
	{89, "X509_V_ERR_CA_BCONS_NOT_CRITICAL", "Basic Constraints of CA cert not marked critical"},
	{90, "X509_V_ERR_AUTHORITY_KEY_IDENTIFIER_CRITICAL", "Authority Key Identifier marked critical"},
	{91, "X509_V_ERR_SUBJECT_KEY_IDENTIFIER_CRITICAL", "Subject Key Identifier marked critical"},
	{92, "X509_V_ERR_CA_CERT_MISSING_KEY_USAGE", "CA cert does not include key usage extension"},
	{93, "X509_V_ERR_EXTENSIONS_REQUIRE_VERSION_3", "Using cert extension requires at least X509v3"},
	{94, "X509_V_ERR_EC_KEY_EXPLICIT_PARAMS", "Certificate public key has explicit ECC parameters"},
}
