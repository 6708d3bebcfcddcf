package keyfile

import (
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"encoding/pem"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"certinspect/core/i18n"
	"certinspect/core/report"
)

const (
	dir      = "../../testdata/pki/client/"
	osslDir  = dir + "openssl/"
	password = "correct horse battery staple"
	wrong    = "Tr0ub4dor&3-wrong"
)

var (
	at     = time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC) // the generator's evaluation time
	atOSSL = time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC) // the openssl-made certificates start 2026-11-28
)

func read(t testing.TB, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// osslPair is cert + key, as a customer would cat them.
func osslPair(t testing.TB, cert, key string) []byte {
	return append(read(t, osslDir+cert), read(t, osslDir+key)...)
}

type want struct {
	present, decrypt, match, purpose, user report.Status
	// substrings expected in Title+Detail+Fix+Commands of the named check.
	texts map[string][]string
	// scheme expected in Keys[0].Scheme (prefix).
	scheme string
	// key type/bits/curve of Keys[0].
	keyType string
	// undecided is Summary.Undecided.
	undecided string
}

func checkByID(cs []report.Check, id string) report.Check {
	for _, c := range cs {
		if c.ID == id {
			return c
		}
	}
	return report.Check{}
}

func allText(c report.Check) string {
	s := c.Title + "\n" + c.Detail + "\n" + c.Fix + "\n" + strings.Join(c.Commands, "\n")
	if c.OpenSSLError != nil {
		s += "\n" + c.OpenSSLError.Name + " " + c.OpenSSLError.Text
	}
	return s
}

func TestAnalyzeFixtures(t *testing.T) {
	const P, F, W, S, I = report.Pass, report.Fail, report.Warn, report.Skip, report.Info
	ok := want{present: P, decrypt: P, match: P, purpose: P, user: I}
	with := func(w want, f func(*want)) want { f(&w); return w }
	cases := []struct {
		name   string
		fname  string
		data   func(t testing.TB) []byte
		pw     *string
		source string
		at     time.Time
		opt    func(*Options)
		want   want
	}{
		{name: "client-rsa.pem", want: with(ok, func(w *want) { w.keyType = "RSA 2048"; w.texts = map[string][]string{"key.match": {"RSA 2048-bit"}} })},
		{name: "client-p256.pem", want: with(ok, func(w *want) { w.keyType = "ECDSA P-256" })},
		{name: "client-p384.pem", want: with(ok, func(w *want) { w.keyType = "ECDSA P-384" })},
		{name: "client-ed25519.pem", want: with(ok, func(w *want) { w.keyType = "Ed25519 256" })},
		{name: "key-first.pem", want: ok},
		{name: "with-text.pem", want: ok},
		{name: "with-chain.pem", want: with(ok, func(w *want) {
			w.texts = map[string][]string{"purpose.client": {"CN=certinspect Test Intermediate CA,O=certinspect tests,C=US (in this file)", "must contain it"}}
		})},
		{name: "client-rsa.pem", opt: func(o *Options) { o.CAs = caCerts(t) }, want: with(ok, func(w *want) {
			w.texts = map[string][]string{"purpose.client": {"(in the tlsCAFile)", "must contain the root CN=certinspect Test Root CA,O=certinspect tests,C=US"}}
		})},
		{name: "client-rsa.pem", want: with(ok, func(w *want) {
			w.texts = map[string][]string{"purpose.client": {"The issuer CN=certinspect Test Intermediate CA,O=certinspect tests,C=US is not in this file"}}
		})},
		{name: "client-rsa.pem", pw: ptr(password), source: "uri", want: with(ok, func(w *want) {
			w.decrypt = I
			w.texts = map[string][]string{"key.decrypt": {"not encrypted", "in the connection string", "ignores the password"}}
		})},
		{name: "cert-only.crt", want: with(ok, func(w *want) {
			w.present, w.decrypt, w.match = F, S, S
			w.texts = map[string][]string{"key.present": {"no private key", "cat cert-only.crt client.key > client.pem", "[SSL] PEM lib", "Private key doesn't match certificate"}}
		})},
		{name: "key-only.key", want: want{present: F, decrypt: P, match: S, purpose: S, user: S,
			texts: map[string][]string{"key.present": {"no certificate", "cat client.crt key-only.key > client.pem"}}}},
		{name: "cert.der", want: with(ok, func(w *want) {
			w.present, w.decrypt, w.match = F, S, S
			w.texts = map[string][]string{"key.present": {"DER certificate", "openssl x509 -inform DER -in cert.der -out client.crt"}}
		})},
		{name: "empty.pem", want: want{present: F, decrypt: S, match: S, purpose: S, user: S, texts: map[string][]string{"key.present": {"no PEM"}}}},
		{name: "text-only.pem", want: want{present: F, decrypt: S, match: S, purpose: S, user: S}},
		{name: "mismatch.pem", want: with(ok, func(w *want) {
			w.match = F
			w.texts = map[string][]string{"key.match": {"[X509: KEY_VALUES_MISMATCH] key values mismatch", "none of the certificates", "openssl pkey -in mismatch.pem -pubout | openssl sha256"}}
		})},
		{name: "mismatch-type.pem", want: with(ok, func(w *want) {
			w.match = F
			w.texts = map[string][]string{"key.match": {"[SSL: NO_CERTIFICATE_ASSIGNED] no certificate assigned", "ECDSA P-256", "(RSA)"}}
		})},
		{name: "key-of-second-cert.pem", want: with(ok, func(w *want) {
			w.present, w.match = W, F
			w.texts = map[string][]string{"key.match": {"belongs to another certificate in the file: CN=bob", "put it first"}, "key.present": {"CN=bob,OU=Support,O=certinspect clients (block 2 at line"}}
		})},
		{name: "two-keys.pem", want: with(ok, func(w *want) {
			w.present = W
			w.texts = map[string][]string{"key.present": {"2 private keys", "OpenSSL reads the first private key (block 2 at line", "block 3 at line"}}
		})},
		{name: "unrelated-cert.pem", want: with(ok, func(w *want) {
			w.present = W
			w.texts = map[string][]string{"key.present": {"CN=Other Test Root CA,O=certinspect tests,C=US (block 3"}}
		})},
		{name: "no-client-auth.pem", want: with(ok, func(w *want) {
			w.purpose = F
			w.texts = map[string][]string{"purpose.client": {"(serverAuth) does not include clientAuth", "X509_V_ERR_INVALID_PURPOSE unsuitable certificate purpose", "(unsuitable certificate purpose)", "extendedKeyUsage = clientAuth"}}
		})},
		{name: "no-eku.pem", want: ok},
		{name: "bad-key-usage.pem", want: with(ok, func(w *want) {
			w.purpose = F
			w.texts = map[string][]string{"purpose.client": {"neither digitalSignature nor keyAgreement"}}
		})},
		{name: "expired.pem", want: with(ok, func(w *want) {
			w.purpose = F
			w.texts = map[string][]string{"purpose.client": {"expired on 2026-03-01 00:00:00 UTC", "X509_V_ERR_CERT_HAS_EXPIRED"}}
		})},
		{name: "not-yet-valid.pem", want: with(ok, func(w *want) {
			w.purpose = F
			w.texts = map[string][]string{"purpose.client": {"not valid until 2026-09-01 00:00:00 UTC", "X509_V_ERR_CERT_NOT_YET_VALID"}}
		})},
		{name: "other-ca.pem", want: with(ok, func(w *want) {
			w.texts = map[string][]string{"purpose.client": {"The issuer CN=Other Test Root CA,O=certinspect tests,C=US"}}
		})},
		{name: "member.pem", opt: func(o *Options) { o.ServerLeaf = serverLeaf(t) }, want: with(ok, func(w *want) {
			w.user = W
			w.texts = map[string][]string{"x509.user": {"cluster member", "O=certinspect tests"}}
		})},
		{name: "client-rsa.pem", opt: func(o *Options) { o.ServerLeaf = serverLeaf(t) }, want: with(ok, func(w *want) {
			w.texts = map[string][]string{"x509.user": {"MONGODB-X509 user name: CN=alice-rsa,OU=Support,O=certinspect clients", `createUser: "CN=alice-rsa,OU=Support,O=certinspect clients"`}}
		})},
		{name: "escaped-subject.pem", want: with(ok, func(w *want) {
			w.texts = map[string][]string{"x509.user": {`UID=asmith,DC=com,DC=example,CN=Smith\, \"Al\" \+ co,OU=Support,O=certinspect clients`}}
		})},

		// Encryption: no password, right password, wrong password.
		{name: "enc-legacy-aes128.pem", want: with(ok, func(w *want) {
			w.decrypt, w.match = F, S
			w.scheme = "legacy PEM AES-128-CBC"
			w.texts = map[string][]string{"key.decrypt": {"no password was given", "Enter PEM pass phrase:", "OSError: [Errno 22] Invalid argument", "tlsCertificateKeyFilePassword"}}
		})},
		{name: "enc-legacy-aes128.pem", pw: ptr(password), want: with(ok, func(w *want) { w.scheme = "legacy PEM AES-128-CBC"; w.keyType = "RSA 2048" })},
		{name: "enc-legacy-aes128.pem", pw: ptr(wrong), source: "uri", want: with(ok, func(w *want) {
			w.decrypt, w.match = F, S
			w.texts = map[string][]string{"key.decrypt": {"does not decrypt", "in the connection string", "[SSL] PEM lib", "damaged encrypted key looks the same"}}
		})},
		{name: "enc-legacy-aes192.pem", pw: ptr(password), want: with(ok, func(w *want) { w.scheme = "legacy PEM AES-192-CBC" })},
		{name: "enc-legacy-aes256.pem", pw: ptr(password), want: with(ok, func(w *want) { w.scheme = "legacy PEM AES-256-CBC" })},
		{name: "enc-legacy-aes256.pem", pw: ptr(wrong), want: with(ok, func(w *want) { w.decrypt, w.match = F, S })},
		{name: "enc-legacy-des3.pem", pw: ptr(password), want: with(ok, func(w *want) { w.scheme = "legacy PEM DES-EDE3-CBC" })},
		{name: "enc-legacy-des3.pem", pw: ptr(wrong), want: with(ok, func(w *want) { w.decrypt, w.match = F, S })},
		{name: "enc-legacy-des.pem", pw: ptr(password), want: with(ok, func(w *want) {
			w.decrypt = F // decrypts here, but OpenSSL 3 cannot (verified with Python's ssl)
			w.scheme = "legacy PEM DES-CBC"
			w.texts = map[string][]string{"key.decrypt": {"OpenSSL 3", "legacy provider", "openssl pkcs8 -topk8 -v2 aes-256-cbc -in enc-legacy-des.pem -out client.key"}}
		})},
		{name: "enc-legacy-ec-aes256.pem", pw: ptr(password), want: with(ok, func(w *want) { w.keyType = "ECDSA P-256" })},
		{name: "enc-legacy-truncated.pem", pw: ptr(password), want: with(ok, func(w *want) {
			w.decrypt, w.match = F, S
			w.texts = map[string][]string{"key.decrypt": {"damaged", "badLegacyEncryption"}}
		})},
		{name: "enc-pkcs8-pbkdf2-sha1-aes128.pem", pw: ptr(password), want: with(ok, func(w *want) { w.scheme = "PBES2 PBKDF2-HMAC-SHA1 AES-128-CBC (2048 iterations)" })},
		{name: "enc-pkcs8-pbkdf2-sha256-aes192.pem", pw: ptr(password), want: with(ok, func(w *want) { w.scheme = "PBES2 PBKDF2-HMAC-SHA256 AES-192-CBC" })},
		{name: "enc-pkcs8-pbkdf2-sha256-aes256.pem", pw: ptr(password), want: with(ok, func(w *want) { w.scheme = "PBES2 PBKDF2-HMAC-SHA256 AES-256-CBC" })},
		{name: "enc-pkcs8-pbkdf2-sha256-aes256.pem", want: with(ok, func(w *want) {
			w.decrypt, w.match = F, S
			w.keyType = "?"
			w.texts = map[string][]string{"key.decrypt": {"PBES2 PBKDF2-HMAC-SHA256 AES-256-CBC (2048 iterations)", "Enter PEM pass phrase:"}}
		})},
		{name: "enc-pkcs8-pbkdf2-sha256-aes256.pem", pw: ptr(wrong), want: with(ok, func(w *want) {
			w.decrypt, w.match = F, S
			w.texts = map[string][]string{"key.decrypt": {"does not decrypt", "the tlsCertificateKeyFilePassword option"}}
		})},
		{name: "enc-pkcs8-pbkdf2-sha256-aes256.pem", pw: ptr(""), want: with(ok, func(w *want) { w.decrypt, w.match, w.undecided = W, S, "key.decrypt" })},
		{name: "enc-pkcs8-pbkdf2-sha256-des3.pem", pw: ptr(password), want: with(ok, func(w *want) { w.scheme = "PBES2 PBKDF2-HMAC-SHA256 DES-EDE3-CBC" })},
		{name: "enc-pkcs8-pbkdf2-sha256-des3.pem", pw: ptr(wrong), want: with(ok, func(w *want) { w.decrypt, w.match = F, S })},
		{name: "enc-pkcs8-scrypt-aes256.pem", pw: ptr(password), want: with(ok, func(w *want) { w.scheme = "PBES2 scrypt AES-256-CBC (N=16384, r=8, p=1)" })},
		{name: "enc-pkcs8-scrypt-aes256.pem", pw: ptr(wrong), want: with(ok, func(w *want) { w.decrypt, w.match = F, S })},
		{name: "enc-pkcs8-ed25519.pem", pw: ptr(password), want: with(ok, func(w *want) { w.keyType = "Ed25519 256" })},
		{name: "enc-pkcs8-p384.pem", pw: ptr(password), want: with(ok, func(w *want) { w.keyType = "ECDSA P-384" })},
		{name: "enc-pkcs8-truncated.pem", pw: ptr(password), want: with(ok, func(w *want) {
			w.decrypt, w.match = F, S
			w.texts = map[string][]string{"key.decrypt": {"structurally broken", "independent of any password"}}
		})},

		// Real openssl encodings.
		{name: "openssl rsa-pbes2-aes256", data: pair("rsa.crt", "rsa-pbes2-aes256.key"), pw: ptr(password), at: atOSSL,
			want: with(ok, func(w *want) { w.scheme = "PBES2 PBKDF2-HMAC-SHA256 AES-256-CBC (2048 iterations)" })},
		{name: "openssl rsa-pbes2-aes256 wrong", data: pair("rsa.crt", "rsa-pbes2-aes256.key"), pw: ptr(wrong), at: atOSSL,
			want: with(ok, func(w *want) { w.decrypt, w.match = F, S })},
		{name: "openssl rsa-pbes2-des3", data: pair("rsa.crt", "rsa-pbes2-des3.key"), pw: ptr(password), at: atOSSL,
			want: with(ok, func(w *want) { w.scheme = "PBES2 PBKDF2-HMAC-SHA256 DES-EDE3-CBC" })},
		{name: "openssl rsa-scrypt", data: pair("rsa.crt", "rsa-scrypt.key"), pw: ptr(password), at: atOSSL,
			want: with(ok, func(w *want) { w.scheme = "PBES2 scrypt AES-256-CBC (N=16384, r=8, p=1)" })},
		{name: "openssl ec-pbes2-sha512", data: pair("ec-p256.crt", "ec-pbes2-sha512.key"), pw: ptr(password), at: atOSSL,
			want: with(ok, func(w *want) { w.scheme = "PBES2 PBKDF2-HMAC-SHA512 AES-128-CBC"; w.keyType = "ECDSA P-256" })},
		{name: "openssl ec-pbes2-sha384", data: pair("ec-p256.crt", "ec-pbes2-sha384.key"), pw: ptr(password), at: atOSSL,
			want: with(ok, func(w *want) { w.scheme = "PBES2 PBKDF2-HMAC-SHA384 AES-192-CBC" })},
		{name: "openssl ec-pbes2-sha512 wrong", data: pair("ec-p256.crt", "ec-pbes2-sha512.key"), pw: ptr(wrong), at: atOSSL,
			want: with(ok, func(w *want) { w.decrypt, w.match = F, S })},
		{name: "openssl ed25519-pbes2-sha224", data: pair("ed25519.crt", "ed25519-pbes2-sha224.key"), pw: ptr(password), at: atOSSL,
			want: with(ok, func(w *want) { w.scheme = "PBES2 PBKDF2-HMAC-SHA224 AES-256-CBC"; w.keyType = "Ed25519 256" })},
		{name: "openssl rsa-legacy-aes128 key first", data: pair("rsa-legacy-aes128.key", "rsa.crt"), pw: ptr(password), at: atOSSL,
			want: with(ok, func(w *want) { w.scheme = "legacy PEM AES-128-CBC" })},
		{name: "openssl ec-legacy-aes256", data: pair("ec-p256.crt", "ec-legacy-aes256.key"), pw: ptr(password), at: atOSSL,
			want: with(ok, func(w *want) { w.scheme = "legacy PEM AES-256-CBC" })},
		// PKCS#12 PBE and PBES1: decrypted here (checked against Python in
		// core's TestKeyFilesLoadAsPythonLoadsThem).
		{name: "openssl rsa-pbes1-sha1-3des", data: pair("rsa.crt", "rsa-pbes1-sha1-3des.key"), pw: ptr(password), at: atOSSL,
			want: with(ok, func(w *want) {
				w.scheme = "PKCS#12 pbeWithSHAAnd3-KeyTripleDES-CBC (2048 iterations)"
				w.keyType = "RSA 2048"
			})},
		{name: "openssl rsa-pbes1-sha1-3des wrong", data: pair("rsa.crt", "rsa-pbes1-sha1-3des.key"), pw: ptr(wrong), at: atOSSL,
			want: with(ok, func(w *want) {
				w.decrypt, w.match = F, S
				w.texts = map[string][]string{"key.decrypt": {"does not decrypt", "[SSL] PEM lib"}}
			})},
		{name: "openssl rsa-pbes1-sha1-3des no password", data: pair("rsa.crt", "rsa-pbes1-sha1-3des.key"), at: atOSSL,
			want: with(ok, func(w *want) {
				w.decrypt, w.match = F, S
				w.texts = map[string][]string{"key.decrypt": {"no password was given", "Enter PEM pass phrase:", "OSError: [Errno 22] Invalid argument"}}
			})},
		{name: "openssl rsa-pbes1-sha1-2des", data: pair("rsa.crt", "rsa-pbes1-sha1-2des.key"), pw: ptr(password), at: atOSSL,
			want: with(ok, func(w *want) { w.scheme = "PKCS#12 pbeWithSHAAnd2-KeyTripleDES-CBC" })},
		{name: "openssl rsa-pbes1-sha1-3des-empty", data: pair("rsa.crt", "rsa-pbes1-sha1-3des-empty.key"), pw: ptr(""), at: atOSSL, want: ok},
		{name: "openssl rsa-pbes1-sha1-3des-empty wrong", data: pair("rsa.crt", "rsa-pbes1-sha1-3des-empty.key"), pw: ptr(wrong), at: atOSSL,
			want: with(ok, func(w *want) { w.decrypt, w.match = F, S })},
		{name: "openssl rsa-pbes1-sha1-3des-utf8", data: pair("rsa.crt", "rsa-pbes1-sha1-3des-utf8.key"), pw: ptr("pässwörd-ключ"), at: atOSSL, want: ok},
		{name: "openssl rsa-pbes1-md5-des", data: pair("rsa.crt", "rsa-pbes1-md5-des.key"), pw: ptr(password), at: atOSSL,
			want: with(ok, func(w *want) {
				w.decrypt = F
				w.scheme = "PBES1 pbeWithMD5AndDES-CBC"
				w.texts = map[string][]string{"key.decrypt": {"decrypts with", "legacy provider", "[SSL] PEM lib"}}
			})},
		{name: "openssl rsa-pbes1-md5-des wrong", data: pair("rsa.crt", "rsa-pbes1-md5-des.key"), pw: ptr(wrong), at: atOSSL,
			want: with(ok, func(w *want) {
				w.decrypt, w.match = F, S
				w.texts = map[string][]string{"key.decrypt": {"does not decrypt"}}
			})},
		{name: "openssl rsa-pbes1-sha1-des", data: pair("rsa.crt", "rsa-pbes1-sha1-des.key"), pw: ptr(password), at: atOSSL,
			want: with(ok, func(w *want) { w.decrypt = F; w.scheme = "PBES1 pbeWithSHA1AndDES-CBC" })},
		{name: "openssl rsa-pbes1-sha1-rc2-40", data: pair("rsa.crt", "rsa-pbes1-sha1-rc2-40.key"), pw: ptr(password), at: atOSSL,
			want: with(ok, func(w *want) {
				w.decrypt, w.match = F, S
				w.texts = map[string][]string{"key.decrypt": {"OpenSSL 3 reads it only with its legacy provider", "[SSL] PEM lib"}}
			})},
		{name: "openssl rsa-pbes1-sha1-rc2-40 no password", data: pair("rsa.crt", "rsa-pbes1-sha1-rc2-40.key"), at: atOSSL,
			want: with(ok, func(w *want) {
				w.decrypt, w.match = F, S
				w.texts = map[string][]string{"key.decrypt": {"OSError: [Errno 22] Invalid argument"}}
			})},
		{name: "openssl rsa-pbes2-camellia128", data: pair("rsa.crt", "rsa-pbes2-camellia128.key"), pw: ptr(password), at: atOSSL,
			want: with(ok, func(w *want) {
				w.decrypt, w.match, w.undecided = W, S, "key.decrypt"
				w.texts = map[string][]string{"key.decrypt": {"OpenSSL (and PyMongo) can", "openssl pkcs8 -topk8 -v2 aes-256-cbc -in"}}
			})},
		{name: "openssl rsa-pbes2-camellia128 no password", data: pair("rsa.crt", "rsa-pbes2-camellia128.key"), at: atOSSL,
			want: with(ok, func(w *want) { w.decrypt, w.match = F, S })},

		// Key types Go's parsers refuse and OpenSSL reads.
		{name: "openssl rsa-pss", data: pair("rsa-pss.crt", "rsa-pss.key"), at: atOSSL, want: with(ok, func(w *want) {
			w.keyType = "RSA-PSS 2048"
			w.texts = map[string][]string{"key.match": {"RSA-PSS 2048-bit"}}
		})},
		{name: "openssl rsa.crt rsa-pss.key", data: pair("rsa.crt", "rsa-pss.key"), at: atOSSL, want: with(ok, func(w *want) {
			w.match = F
			w.texts = map[string][]string{"key.match": {"[SSL: NO_CERTIFICATE_ASSIGNED] no certificate assigned"}}
		})},
		{name: "openssl ec-explicit", data: pair("ec-explicit.crt", "ec-explicit.key"), at: atOSSL, want: with(ok, func(w *want) {
			w.purpose, w.keyType = F, "ECDSA P-256"
			w.texts = map[string][]string{"purpose.client": {"X509_V_ERR_EC_KEY_EXPLICIT_PARAMS", "mongod rejects it", "OpenSSL 1.1.1"}}
		})},
		{name: "openssl ec-explicit-pkcs8", data: pair("ec-explicit.crt", "ec-explicit-pkcs8.key"), at: atOSSL,
			want: with(ok, func(w *want) { w.purpose, w.keyType = F, "ECDSA P-256" })},
		{name: "openssl ec-explicit-pbes1", data: pair("ec-explicit.crt", "ec-explicit-pbes1-sha1-3des.key"), pw: ptr(password), at: atOSSL,
			want: with(ok, func(w *want) { w.purpose, w.keyType = F, "ECDSA P-256" })},
		{name: "openssl ed448", data: pair("ed448.crt", "ed448.key"), at: atOSSL, want: with(ok, func(w *want) {
			w.match, w.undecided, w.keyType = W, "key.match", "Ed448 0"
			w.texts = map[string][]string{"key.match": {"cannot check the private key (Ed448)", "PyMongo loads it", "openssl pkey -in client.pem -pubout | openssl sha256", "KEY_VALUES_MISMATCH"}}
		})},
		{name: "openssl ed448-pbes1", data: pair("ed448.crt", "ed448-pbes1-sha1-3des.key"), pw: ptr(password), at: atOSSL,
			want: with(ok, func(w *want) { w.match, w.undecided, w.keyType = W, "key.match", "Ed448 0" })},
		{name: "openssl ed448.crt rsa.key", data: pair("ed448.crt", "rsa.key"), at: atOSSL, want: with(ok, func(w *want) {
			w.match = F
			w.texts = map[string][]string{"key.match": {"[SSL: NO_CERTIFICATE_ASSIGNED] no certificate assigned", "(Ed448)"}}
		})},
		{name: "openssl dsa", data: pair("dsa.crt", "dsa.key"), at: atOSSL, want: with(ok, func(w *want) { w.match, w.undecided = W, "key.match" })},
		{name: "openssl x25519", data: pair("x25519.crt", "x25519.key"), at: atOSSL, want: with(ok, func(w *want) {
			w.match = F
			w.texts = map[string][]string{"key.match": {"[SSL: UNKNOWN_CERTIFICATE_TYPE] unknown certificate type", "An X25519 key cannot"}}
		})},
		{name: "openssl rsa.p12", fname: "rsa.p12", data: file(osslDir + "rsa.p12"), pw: ptr(password), at: atOSSL,
			want: want{present: F, decrypt: S, match: S, purpose: S, user: S, texts: map[string][]string{"key.present": {"PKCS#12", "openssl pkcs12 -in rsa.p12 -out client.pem"}}}},
		{name: "openssl rsa.key.der", fname: "rsa.key.der", data: file(osslDir + "rsa.key.der"), at: atOSSL,
			want: want{present: F, decrypt: S, match: S, purpose: S, user: S, texts: map[string][]string{"key.present": {"DER private key", "RSA 2048-bit", "openssl pkey -inform DER -in rsa.key.der -out client.key"}}}},
	}
	for _, tc := range cases {
		name := tc.name
		if tc.pw != nil {
			name += " pw=" + map[bool]string{true: "right", false: "other"}[*tc.pw == password]
		}
		t.Run(name, func(t *testing.T) {
			var data []byte
			fileName := tc.name
			if tc.data != nil {
				data = tc.data(t)
				fileName = "client.pem"
				if tc.fname != "" {
					fileName = tc.fname
				}
			} else {
				data = read(t, dir+tc.name)
			}
			in := Input{Name: fileName, Data: data, PasswordSource: tc.source}
			if in.PasswordSource == "" {
				in.PasswordSource = "option"
			}
			if tc.pw != nil {
				in.Password, in.PasswordGiven = *tc.pw, true
			}
			opt := Options{At: at}
			if !tc.at.IsZero() {
				opt.At = tc.at
			}
			if tc.opt != nil {
				tc.opt(&opt)
			}
			s, cs := Analyze(in, opt, i18n.English)
			if len(cs) != 6 {
				t.Fatalf("got %d checks", len(cs))
			}
			got := map[string]report.Status{}
			for _, c := range cs {
				got[c.ID] = c.Status
				if c.Title == "" {
					t.Errorf("%s has no title", c.ID)
				}
				if (c.Status == report.Fail || c.Status == report.Warn) && c.Fix == "" && len(c.Commands) == 0 {
					t.Errorf("%s %s without a fix: %s", c.ID, c.Status, c.Title)
				}
			}
			w := tc.want
			for id, st := range map[string]report.Status{"key.present": w.present, "key.decrypt": w.decrypt, "key.match": w.match, "purpose.client": w.purpose, "x509.user": w.user} {
				if got[id] != st {
					t.Errorf("%s = %s, want %s: %s", id, got[id], st, allText(checkByID(cs, id)))
				}
			}
			for id, subs := range w.texts {
				text := allText(checkByID(cs, id))
				for _, sub := range subs {
					if !strings.Contains(text, sub) {
						t.Errorf("%s: %q not in:\n%s", id, sub, text)
					}
				}
			}
			if w.scheme != "" && (len(s.Keys) == 0 || !strings.HasPrefix(s.Keys[0].Scheme, w.scheme)) {
				t.Errorf("scheme: got %+v, want prefix %q", s.Keys, w.scheme)
			}
			if w.keyType != "" {
				got := "?"
				if len(s.Keys) > 0 && s.Keys[0].Type != "" {
					k := s.Keys[0]
					got = strings.TrimSpace(k.Type + " " + map[bool]string{true: k.Curve, false: itoa(k.Bits)}[k.Curve != ""])
				}
				if got != w.keyType {
					t.Errorf("key: got %q, want %q", got, w.keyType)
				}
			}
			if s.Undecided != w.undecided {
				t.Errorf("undecided %q, want %q", s.Undecided, w.undecided)
			}
			if w.match == report.Pass && (s.MatchedCert == "" || s.MatchedCert != s.ClientCert || s.Keys[0].SPKISHA256 != s.Certificates[0].SPKISHA256) {
				t.Errorf("matched cert %q, client cert %q, key %+v", s.MatchedCert, s.ClientCert, s.Keys)
			}
		})
	}
}

func ptr(s string) *string { return &s }

func itoa(n int) string { return strconv.Itoa(n) }

func pair(cert, key string) func(testing.TB) []byte {
	return func(t testing.TB) []byte { return osslPair(t, cert, key) }
}

func file(path string) func(testing.TB) []byte {
	return func(t testing.TB) []byte { return read(t, path) }
}

func parseCerts(t testing.TB, path string) []*x509.Certificate {
	t.Helper()
	var out []*x509.Certificate
	rest := read(t, path)
	for {
		var b *pem.Block
		b, rest = pem.Decode(rest)
		if b == nil {
			return out
		}
		if b.Type != "CERTIFICATE" {
			continue
		}
		c, err := x509.ParseCertificate(b.Bytes)
		if err != nil {
			t.Fatal(path, err)
		}
		out = append(out, c)
	}
}

func caCerts(t testing.TB) []*x509.Certificate {
	return parseCerts(t, "../../testdata/pki/root-and-intermediate-ca.pem")
}

func serverLeaf(t testing.TB) *x509.Certificate {
	return parseCerts(t, "../../testdata/pki/server-chain.pem")[0]
}

// TestJapanese makes sure the printer is used (ids resolve even without a
// Japanese catalogue entry: the English text is the fallback).
func TestPrinterUsed(t *testing.T) {
	_, cs := Analyze(Input{Name: "x.pem", Data: read(t, dir+"cert-only.crt")}, Options{At: at}, i18n.New("ja"))
	if checkByID(cs, "key.present").Title == "" {
		t.Fatal("no title")
	}
}

func TestRFC2253(t *testing.T) {
	for _, tc := range []struct{ path, want string }{
		{dir + "escaped-subject.pem", `UID=asmith,DC=com,DC=example,CN=Smith\, \"Al\" \+ co,OU=Support,O=certinspect clients`},
		{dir + "member.pem", "CN=alice-member,O=certinspect tests"},
		// Expected strings are what `openssl x509 -noout -subject -nameopt RFC2253` printed.
		{osslDir + "dn-utf8.crt", `emailAddress=a@b.c,CN=\ #lead\ ,OU=b+OU=a,O=S\C3\B8ren\; Co,DC=example,DC=org`},
	} {
		c := parseCerts(t, tc.path)[0]
		if got := RFC2253(c.RawSubject); got != tc.want {
			t.Errorf("%s: got %s\nwant %s", tc.path, got, tc.want)
		}
	}
	// An attribute without an OpenSSL short name is dumped as OID=#DER.
	raw, err := asn1.Marshal(pkix.Name{ExtraNames: []pkix.AttributeTypeAndValue{{Type: asn1.ObjectIdentifier{1, 2, 3, 4}, Value: "x"}}}.ToRDNSequence())
	if err != nil {
		t.Fatal(err)
	}
	if got := RFC2253(raw); got != "1.2.3.4=#130178" {
		t.Errorf("unknown attribute: got %s", got)
	}
	if got := RFC2253([]byte{0x30, 0x03, 0x02, 0x01, 0x00}); got != "" {
		t.Errorf("garbage: got %q", got)
	}
}

func TestSchemeLimits(t *testing.T) {
	// A PBES2 header with an absurd iteration count must not be tried.
	enc := func(iter int) []byte {
		kdf, _ := asn1.Marshal(struct {
			Salt []byte
			Iter int
		}{[]byte("saltsalt"), iter})
		iv, _ := asn1.Marshal(make([]byte, 16))
		params, _ := asn1.Marshal(pbes2Params{
			KDF: pkix.AlgorithmIdentifier{Algorithm: oidPBKDF2, Parameters: asn1.RawValue{FullBytes: kdf}},
			Enc: pkix.AlgorithmIdentifier{Algorithm: asn1.ObjectIdentifier{2, 16, 840, 1, 101, 3, 4, 1, 42}, Parameters: asn1.RawValue{FullBytes: iv}},
		})
		der, _ := asn1.Marshal(encryptedPrivateKeyInfo{
			Algorithm: pkix.AlgorithmIdentifier{Algorithm: oidPBES2, Parameters: asn1.RawValue{FullBytes: params}},
			Data:      make([]byte, 32),
		})
		return pem.EncodeToMemory(&pem.Block{Type: "ENCRYPTED PRIVATE KEY", Bytes: der})
	}
	cert := read(t, dir+"cert-only.crt")
	for _, tc := range []struct {
		iter   int
		status report.Status
		text   string
	}{
		{1 << 30, report.Warn, "beyond certinspect's limits"},
		{0, report.Fail, "badKDFParams"},
		{1000, report.Fail, "does not decrypt"}, // zero ciphertext: wrong password or damage
	} {
		start := time.Now()
		_, cs := Analyze(Input{Name: "k.pem", Data: append(append([]byte{}, cert...), enc(tc.iter)...), Password: "x", PasswordGiven: true}, Options{At: at}, nil)
		c := checkByID(cs, "key.decrypt")
		if c.Status != tc.status || !strings.Contains(allText(c), tc.text) {
			t.Errorf("iter %d: %s %s", tc.iter, c.Status, allText(c))
		}
		if d := time.Since(start); d > 5*time.Second {
			t.Errorf("iter %d took %v", tc.iter, d)
		}
	}
}

func TestTooLarge(t *testing.T) {
	_, cs := Analyze(Input{Name: "big.pem", Data: make([]byte, MaxFileSize+1)}, Options{At: at}, nil)
	if c := checkByID(cs, "key.present"); c.Status != report.Fail || !strings.Contains(c.Title, "too large") {
		t.Errorf("%+v", c)
	}
	many := strings.Repeat("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n", MaxBlocks+1)
	_, cs = Analyze(Input{Name: "many.pem", Data: []byte(many)}, Options{At: at}, nil)
	if c := checkByID(cs, "key.present"); c.Status != report.Fail || !strings.Contains(c.Title, "too large") {
		t.Errorf("%+v", c)
	}
}

func TestDamagedKeyBlock(t *testing.T) {
	data := append(read(t, dir+"cert-only.crt"), []byte("-----BEGIN PRIVATE KEY-----\nMIIE!!!not base64\n-----END PRIVATE KEY-----\n")...)
	s, cs := Analyze(Input{Name: "d.pem", Data: data}, Options{At: at}, nil)
	if c := checkByID(cs, "key.present"); c.Status != report.Fail || !strings.Contains(c.Title, "damaged") {
		t.Errorf("%+v", c)
	}
	if len(s.Errors) != 1 || !strings.Contains(s.Errors[0].Location, "block 2 at line 2") {
		t.Errorf("errors %+v", s.Errors)
	}
}

// secrets returns every private key the fixtures contain, decoded from the
// unencrypted copies (testdata/pki/keys and the openssl originals).
func secrets(t *testing.T) []any {
	var paths []string
	p1, _ := filepath.Glob("../../testdata/pki/keys/client-*.key")
	for _, p := range p1 {
		if b, _ := pem.Decode(read(t, p)); b != nil && b.Type == "PRIVATE KEY" {
			paths = append(paths, p)
		}
	}
	paths = append(paths, osslDir+"rsa.key", osslDir+"ec-p256.key", osslDir+"ed25519.key")
	var keys []any
	for _, p := range paths {
		b, _ := pem.Decode(read(t, p))
		k, err := x509.ParsePKCS8PrivateKey(b.Bytes)
		if err != nil {
			t.Fatal(p, err)
		}
		keys = append(keys, k)
	}
	if len(keys) < 8 {
		t.Fatalf("only %d keys", len(keys))
	}
	return keys
}

// forbidden lists, for every key, all 16-character base64 windows of its DER
// encodings (PKCS#8 and PKCS#1/SEC1, at all three byte alignments, standard
// and URL alphabets) and all 16-character hex windows of its private scalars.
func forbidden(t *testing.T, keys []any) map[string]string {
	out := map[string]string{}
	add := func(s, what string) {
		for i := 0; i+16 <= len(s); i++ {
			out[s[i:i+16]] = what
		}
	}
	for _, k := range keys {
		ders := [][]byte{}
		d8, err := x509.MarshalPKCS8PrivateKey(k)
		if err != nil {
			t.Fatal(err)
		}
		ders = append(ders, d8)
		var scalars [][]byte
		switch key := k.(type) {
		case *rsa.PrivateKey:
			ders = append(ders, x509.MarshalPKCS1PrivateKey(key))
			scalars = append(scalars, key.D.Bytes(), key.Primes[0].Bytes(), key.Primes[1].Bytes())
		case *ecdsa.PrivateKey:
			d, _ := x509.MarshalECPrivateKey(key)
			ders = append(ders, d)
			b, _ := key.Bytes()
			scalars = append(scalars, b)
		case ed25519.PrivateKey:
			scalars = append(scalars, key.Seed())
		}
		for _, der := range ders {
			for off := 0; off < 3; off++ {
				enc := base64.StdEncoding.EncodeToString(der[off:])
				add(enc[:len(enc)-4], "base64 of key DER")
				add(base64.RawURLEncoding.EncodeToString(der[off:]), "base64url of key DER")
			}
		}
		for _, s := range scalars {
			add(hex.EncodeToString(s), "hex of private scalar")
			add(strings.ToUpper(hex.EncodeToString(s)), "hex of private scalar")
		}
	}
	return out
}

// TestNoKeyMaterialInOutput: for every fixture, with no, right and wrong
// password, the JSON of the summary and checks holds no 16-character run of
// any key's base64 DER or hex scalar, and not the password.
func TestNoKeyMaterialInOutput(t *testing.T) {
	bad := forbidden(t, secrets(t))
	// The detector itself must see a key: every fixture key file trips it.
	for _, f := range []string{dir + "key-only.key", dir + "client-p256.pem", osslDir + "ed25519.key"} {
		js, _ := json.Marshal(string(read(t, f)))
		hit := false
		for i := 0; i+16 <= len(js); i++ {
			if _, ok := bad[string(js[i:i+16])]; ok {
				hit = true
				break
			}
		}
		if !hit {
			t.Fatalf("detector misses the key in %s", f)
		}
	}
	var inputs []struct {
		name string
		data []byte
	}
	files, _ := filepath.Glob(dir + "*")
	osslFiles, _ := filepath.Glob(osslDir + "*")
	for _, f := range append(files, osslFiles...) {
		if st, err := os.Stat(f); err != nil || st.IsDir() {
			continue
		}
		inputs = append(inputs, struct {
			name string
			data []byte
		}{filepath.Base(f), read(t, f)})
	}
	for _, k := range []string{"rsa-pbes2-aes256.key", "rsa-scrypt.key", "rsa-legacy-aes128.key", "rsa.key", "rsa-pbes1-sha1-3des.key"} {
		inputs = append(inputs, struct {
			name string
			data []byte
		}{"rsa.crt+" + k, osslPair(t, "rsa.crt", k)})
	}
	checked := 0
	for _, in := range inputs {
		for _, pw := range []*string{nil, ptr(password), ptr(wrong)} {
			input := Input{Name: in.name, Data: in.data, PasswordSource: "uri"}
			if pw != nil {
				input.Password, input.PasswordGiven = *pw, true
			}
			s, cs := Analyze(input, Options{At: at, ServerLeaf: serverLeaf(t), CAs: caCerts(t)}, nil)
			out, err := json.Marshal(struct {
				S  *Summary
				Cs []report.Check
			}{s, cs})
			if err != nil {
				t.Fatal(err)
			}
			js := string(out)
			for i := 0; i+16 <= len(js); i++ {
				if what, ok := bad[js[i:i+16]]; ok {
					t.Fatalf("%s: output contains %s: %q", in.name, what, js[i:i+16])
				}
			}
			if strings.Contains(js, password) || strings.Contains(js, wrong) {
				t.Fatalf("%s: output contains the password", in.name)
			}
			checked++
		}
	}
	if checked < 100 {
		t.Fatalf("only %d reports checked", checked)
	}
}

func FuzzKeyFile(f *testing.F) {
	files, _ := filepath.Glob(dir + "*")
	osslFiles, _ := filepath.Glob(osslDir + "*")
	for _, p := range append(files, osslFiles...) {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b, false)
			f.Add(b, true)
		}
	}
	// Keep each run short: the fixtures' own parameters (2048-10000
	// iterations, scrypt N*r*p = 2^17) still decrypt.
	limitPBKDF2, limitScryptCost = 10000, 1<<17
	f.Fuzz(func(t *testing.T, data []byte, withPassword bool) {
		in := Input{Name: "fuzz.pem", Data: data}
		if withPassword {
			in.Password, in.PasswordGiven = password, true
		}
		s, cs := Analyze(in, Options{At: at}, nil)
		if s == nil || len(cs) != 6 {
			t.Fatalf("summary %v, %d checks", s, len(cs))
		}
		if cs[0].Title == "key.internalError.title" || strings.Contains(cs[0].Title, "internal error") {
			t.Fatalf("panic inside Analyze")
		}
		if _, err := json.Marshal(s); err != nil {
			t.Fatal(err)
		}
	})
}

func TestMisplacedBlocks(t *testing.T) {
	file := string(read(t, dir+"client-rsa.pem"))
	lines := strings.SplitAfter(file, "\n")
	keyAt := 0
	for i, l := range lines {
		if strings.Contains(l, "PRIVATE KEY-----") {
			keyAt = i
			break
		}
	}
	prefix := func(p string, from int) string {
		out := append([]string{}, lines...)
		for i := from; i < len(out); i++ {
			if out[i] != "" {
				out[i] = p + out[i]
			}
		}
		return strings.Join(out, "")
	}
	tests := []struct {
		name, data, where, what string
		sed                     bool
	}{
		{"key indented", prefix("    ", keyAt), "line 26: the -----BEGIN RSA PRIVATE KEY----- line is indented", "no private key", true},
		{"all quoted", prefix("> ", 0), "line 1: the -----BEGIN CERTIFICATE----- line is quoted", "no client certificate", true},
		{"text before", strings.Replace(file, "-----BEGIN CERTIFICATE-----", "cert: -----BEGIN CERTIFICATE-----", 1), "line 1: the -----BEGIN CERTIFICATE----- line has text before it", "no client certificate", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, cs := Analyze(Input{Name: "client.pem", Data: []byte(tc.data)}, Options{At: at}, nil)
			c := checkByID(cs, "key.present")
			if c.Status != report.Fail || !strings.Contains(c.Title, "does not start its line") || c.PyMongoError != pyPEMLib {
				t.Fatalf("%+v", c)
			}
			if !strings.Contains(c.Detail, tc.where) || !strings.Contains(c.Detail, tc.what) {
				t.Errorf("detail %q lacks %q / %q", c.Detail, tc.where, tc.what)
			}
			if got := len(c.Commands) == 1 && strings.HasPrefix(c.Commands[0], "sed "); got != tc.sed {
				t.Errorf("commands %q", c.Commands)
			}
		})
	}
}

func TestMisplacedBlocksPasted(t *testing.T) {
	// Pasted, an indented file is a warning: the indentation may be the copy's.
	data := strings.ReplaceAll("\n"+string(read(t, dir+"client-rsa.pem")), "\n", "\n  ")
	_, cs := Analyze(Input{Name: "pasted-1.pem", Data: []byte(data), Pasted: true}, Options{At: at}, nil)
	if c := checkByID(cs, "key.present"); c.Status != report.Warn || !strings.Contains(c.Title, "looks like this paste") || c.PyMongoError != "" {
		t.Fatalf("%+v", c)
	}
}

func TestStrengthAtLoad(t *testing.T) {
	pki := func(name string) []byte { return read(t, "../../testdata/pki/"+name) }
	first := func(b []byte) []byte { blk, _ := pem.Decode(b); return pem.EncodeToMemory(blk) }
	tests := []struct {
		name, reason string
		data         []byte
	}{
		{"RSA-1024 client certificate", "EE_KEY_TOO_SMALL", pki("rsa1024-chain.pem")},
		{"SHA-1 signed client certificate", "CA_MD_TOO_WEAK", pki("sha1-chain.pem")},
		{"RSA-1024 certificate after the client's", "CA_KEY_TOO_SMALL", append(read(t, dir+"client-rsa.pem"), first(pki("rsa1024-chain.pem"))...)},
		{"strong", "", read(t, dir+"client-rsa.pem")},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, cs := Analyze(Input{Name: "client.pem", Data: tc.data}, Options{At: at}, nil)
			c := checkByID(cs, "key.strength")
			if tc.reason == "" {
				if c.Status != report.Pass {
					t.Fatalf("%+v", c)
				}
				return
			}
			if c.Status != report.Fail || c.OpenSSLError == nil || c.OpenSSLError.Name != "SSL_R_"+tc.reason ||
				!strings.Contains(c.PyMongoError, "[SSL: "+tc.reason+"]") {
				t.Fatalf("%+v", c)
			}
		})
	}
}

func TestDamagedPasteIsAWarning(t *testing.T) {
	data := append(read(t, dir+"client-rsa.pem"), "-----BEGIN CERTIFICATE-----\nMIIB!!!!\n-----END CERTIFICATE-----\n"...)
	for _, pasted := range []bool{false, true} {
		_, cs := Analyze(Input{Name: "k.pem", Data: data, Pasted: pasted}, Options{At: at}, nil)
		c := checkByID(cs, "key.present")
		want := report.Fail
		if pasted {
			want = report.Warn
		}
		if c.Status != want || (c.PyMongoError == "") != pasted {
			t.Errorf("pasted=%v: %+v", pasted, c)
		}
	}
}

func TestStrengthComesBeforeTheKey(t *testing.T) {
	// A weak certificate without its key: OpenSSL refuses the certificate
	// before it looks for the key (Python: EE_KEY_TOO_SMALL), so the
	// strength failure comes first.
	_, cs := Analyze(Input{Name: "c.pem", Data: read(t, "../../testdata/pki/rsa1024-chain.pem")}, Options{At: at}, nil)
	if cs[0].ID != "key.strength" || cs[0].Status != report.Fail || cs[1].ID != "key.present" || cs[1].Status != report.Fail {
		t.Fatalf("order %s %s, %s %s", cs[0].ID, cs[0].Status, cs[1].ID, cs[1].Status)
	}
	// A damaged block stops OpenSSL before any strength check.
	data := append(read(t, "../../testdata/pki/rsa1024-chain.pem"), "-----BEGIN CERTIFICATE-----\nMIIB!!!!\n-----END CERTIFICATE-----\n"...)
	_, cs = Analyze(Input{Name: "c.pem", Data: data}, Options{At: at}, nil)
	if cs[0].ID != "key.present" || cs[0].Status != report.Fail {
		t.Fatalf("first %s %s", cs[0].ID, cs[0].Status)
	}
}
