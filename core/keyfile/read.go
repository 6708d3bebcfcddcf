package keyfile

import (
	"bytes"
	"crypto"
	"crypto/ecdh"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/asn1"
	"encoding/hex"
	"encoding/pem"
	"errors"
	"strings"
)

// Input limits: a key file is a few kilobytes.
const (
	MaxFileSize = 1 << 20
	MaxBlocks   = 64
)

// block is one PEM block with where it starts.
type block struct {
	*pem.Block
	index int // 1-based among all BEGIN lines
	line  int // 1-based line of its BEGIN line
}

// damaged is a BEGIN line that did not decode as a PEM block.
type damaged struct {
	typ   string
	index int
	line  int
}

var beginMarker = []byte("-----BEGIN ")

// scanPEM finds every PEM block in data, in order, with surrounding text
// ignored, and the BEGIN lines that did not decode (bad base64, no END line).
func scanPEM(data []byte) (blocks []block, bad []damaged, tooMany bool) {
	// Every BEGIN line, with its offset.
	type begin struct {
		off  int
		typ  string
		line int
	}
	var begins []begin
	line := 1
	for off := 0; off < len(data); {
		i := bytes.Index(data[off:], beginMarker)
		if i < 0 {
			break
		}
		at := off + i
		line += bytes.Count(data[off:at], []byte{'\n'})
		typ := ""
		if end := bytes.Index(data[at+len(beginMarker):], []byte("-----")); end >= 0 && end < 100 {
			typ = string(data[at+len(beginMarker) : at+len(beginMarker)+end])
		}
		begins = append(begins, begin{at, typ, line})
		off = at + len(beginMarker)
		if len(begins) > MaxBlocks {
			return nil, nil, true
		}
	}
	// Decode; map each decoded block to the last BEGIN line before its end.
	used := make([]bool, len(begins))
	rest := data
	for {
		b, r := pem.Decode(rest)
		if b == nil {
			break
		}
		end := len(data) - len(r)
		k := -1
		for j := range begins {
			if begins[j].off < end && begins[j].typ == b.Type {
				k = j
			}
		}
		if k >= 0 {
			used[k] = true
			blocks = append(blocks, block{Block: b, index: k + 1, line: begins[k].line})
		}
		rest = r
	}
	for j, bg := range begins {
		if !used[j] {
			bad = append(bad, damaged{bg.typ, j + 1, bg.line})
		}
	}
	return blocks, bad, false
}

// parsedKey is a private key found in the file. priv is held only while
// Analyze runs.
type parsedKey struct {
	info Key
	priv crypto.PrivateKey
	pub  crypto.PublicKey
	// scheme details for the checks.
	problem   string // see Key.Problem
	openssl   openSSLReads
	overLimit string
}

// Key problems.
const (
	problemNone           = ""
	problemNoPassword     = "noPassword"
	problemWrongPassword  = "wrongPassword"
	problemEmptyPassword  = "emptyPassword"
	problemUnsupported    = "unsupportedScheme"
	problemCorrupt        = "corrupt"
	problemUnreadable     = "unreadable"
	problemOverLimit      = "overLimit"
	problemNotForOpenSSL3 = "needsLegacyProvider"
	// problemOtherType: a key type OpenSSL reads and certinspect cannot use.
	problemOtherType = "keyTypeNotChecked"
)

// legacyCiphers are the DEK-Info ciphers crypto/x509's DecryptPEMBlock knows;
// DES-CBC decrypts here but not in OpenSSL 3 without its legacy provider.
var legacyCiphers = map[string]bool{
	"DES-CBC": true, "DES-EDE3-CBC": true, "AES-128-CBC": true, "AES-192-CBC": true, "AES-256-CBC": true,
}

// legacyOthers are DEK-Info ciphers OpenSSL writes that DecryptPEMBlock does not.
func legacyOther(name string) openSSLReads {
	switch {
	case strings.HasPrefix(name, "AES-"), strings.HasPrefix(name, "CAMELLIA-"), strings.HasPrefix(name, "ARIA-"),
		strings.HasPrefix(name, "DES-EDE3-"), strings.HasPrefix(name, "SM4-"):
		return opensslYes
	case strings.HasPrefix(name, "DES-"), strings.HasPrefix(name, "BF-"), strings.HasPrefix(name, "SEED-"),
		strings.HasPrefix(name, "IDEA-"), strings.HasPrefix(name, "RC2-"), strings.HasPrefix(name, "CAST5-"), strings.HasPrefix(name, "DESX-"):
		return opensslNeedsLegacy
	}
	return opensslUnknown
}

// isKeyBlock says whether a PEM type is a private key OpenSSL's PEM_read_bio_PrivateKey reads.
func isKeyBlock(typ string) bool {
	switch typ {
	case "PRIVATE KEY", "ENCRYPTED PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY", "DSA PRIVATE KEY", "ANY PRIVATE KEY":
		return true
	}
	return false
}

// readKey parses (and, given a password, decrypts) one key block.
func readKey(b block, password []byte, passwordGiven bool) parsedKey {
	k := parsedKey{info: Key{Location: location(b.index, b.line), PEMType: b.Type}}
	procType, encrypted := b.Headers["Proc-Type"]
	encrypted = encrypted && strings.Contains(procType, "ENCRYPTED")
	switch {
	case encrypted:
		k.info.Encrypted = true
		k.info.Encoding = "legacy encrypted PEM"
		k.info.Type = legacyKeyType(b.Type)
		dek := b.Headers["DEK-Info"]
		cipherName, _, _ := strings.Cut(dek, ",")
		cipherName = strings.ToUpper(strings.TrimSpace(cipherName))
		if cipherName == "" {
			k.info.Scheme = "legacy PEM"
			k.problem = problemCorrupt
			k.info.Problem = "missingDEKInfo"
			return k
		}
		k.info.Scheme = "legacy PEM " + cipherName + " (MD5 key derivation)"
		if !legacyCiphers[cipherName] {
			k.problem, k.openssl = problemUnsupported, legacyOther(cipherName)
			return k
		}
		k.openssl = opensslYes
		if cipherName == "DES-CBC" {
			k.openssl = opensslNeedsLegacy
		}
		if !passwordGiven {
			k.problem = problemNoPassword
			return k
		}
		//lint:ignore SA1019 the legacy format is what the customer has; this is the only decoder for it.
		plain, err := x509.DecryptPEMBlock(b.Block, password) //nolint:staticcheck
		if err != nil {
			if errors.Is(err, x509.IncorrectPasswordError) {
				k.problem = problemWrongPassword
			} else {
				k.problem = problemCorrupt
				k.info.Problem = "badLegacyEncryption"
			}
			return k
		}
		priv, enc := parsePlainKey(b.Type, plain)
		clear(plain)
		if priv == nil {
			// The padding happened to be valid but the content is not a key:
			// a wrong password as far as anyone can tell.
			k.problem = problemWrongPassword
			return k
		}
		k.info.Encoding = "legacy encrypted PEM (" + enc + ")"
		k.setKey(priv)
		k.info.Decrypted = true
	case b.Type == "ENCRYPTED PRIVATE KEY":
		k.info.Encrypted = true
		k.info.Encoding = "encrypted PKCS#8"
		s := inspectPKCS8Scheme(b.Bytes)
		k.info.Scheme = s.Name
		k.openssl = s.OpenSSL
		// Without a password OpenSSL prompts (and PyMongo fails) before it
		// looks at the scheme, whatever it is.
		switch {
		case s.Corrupt != "":
			k.problem = problemCorrupt
			k.info.Problem = s.Corrupt
			return k
		case !passwordGiven:
			k.problem = problemNoPassword
			return k
		case !s.Supported:
			k.problem = problemUnsupported
			return k
		case s.OverLimit != "":
			k.problem, k.overLimit = problemOverLimit, s.OverLimit
			return k
		}
		priv, err := decryptPKCS8(b.Bytes, password, s.pbes1)
		switch {
		case errors.Is(err, errEmptyPassword):
			k.problem = problemEmptyPassword
			return k
		case err != nil:
			k.problem = problemWrongPassword
			return k
		}
		k.setKey(priv)
		k.info.Decrypted = true
	default:
		priv, enc := parsePlainKey(b.Type, b.Bytes)
		if priv == nil {
			k.problem = problemUnreadable
			k.info.Encoding = b.Type
			k.info.Type = legacyKeyType(b.Type)
			return k
		}
		k.info.Encoding = enc
		k.setKey(priv)
	}
	if k.info.Problem == "" {
		k.info.Problem = k.problem
	}
	return k
}

func legacyKeyType(typ string) string {
	switch typ {
	case "RSA PRIVATE KEY":
		return "RSA"
	case "EC PRIVATE KEY":
		return "ECDSA"
	case "DSA PRIVATE KEY":
		return "DSA"
	}
	return ""
}

// parsePlainKey reads an unencrypted key the way OpenSSL would for its PEM
// type, falling back to the other encodings (OpenSSL is lenient too).
func parsePlainKey(typ string, der []byte) (crypto.PrivateKey, string) {
	try := []string{"PKCS#8", "PKCS#1", "SEC1"}
	switch typ {
	case "RSA PRIVATE KEY":
		try = []string{"PKCS#1", "PKCS#8"}
	case "EC PRIVATE KEY":
		try = []string{"SEC1", "PKCS#8"}
	case "DSA PRIVATE KEY":
		return nil, ""
	}
	for _, t := range try {
		var k any
		var err error
		switch t {
		case "PKCS#8":
			k, err = x509.ParsePKCS8PrivateKey(der)
		case "PKCS#1":
			k, err = x509.ParsePKCS1PrivateKey(der)
		case "SEC1":
			k, err = x509.ParseECPrivateKey(der)
		}
		if err == nil && k != nil {
			return k, t
		}
	}
	return parseOtherKey(der)
}

// setKey records the public description of priv.
func (k *parsedKey) setKey(priv crypto.PrivateKey) {
	k.priv = priv
	switch key := priv.(type) {
	case *rsa.PrivateKey:
		k.pub = &key.PublicKey
		k.info.Type, k.info.Bits = "RSA", key.N.BitLen()
	case *ecdsa.PrivateKey:
		k.pub = &key.PublicKey
		k.info.Type, k.info.Bits, k.info.Curve = "ECDSA", key.Curve.Params().BitSize, key.Curve.Params().Name
	case ed25519.PrivateKey:
		k.pub = key.Public()
		k.info.Type, k.info.Bits = "Ed25519", 256
	case *ecdh.PrivateKey:
		k.pub = key.PublicKey()
		k.info.Type = "X25519"
	case pssKey:
		k.pub = &key.PublicKey
		k.info.Type, k.info.Bits = "RSA-PSS", key.N.BitLen()
		// The SPKI of its certificate: the key's own AlgorithmIdentifier.
		pub := x509.MarshalPKCS1PublicKey(&key.PublicKey)
		spki, err := asn1.Marshal(struct {
			Algo asn1.RawValue
			Key  asn1.BitString
		}{asn1.RawValue{FullBytes: key.alg}, asn1.BitString{Bytes: pub, BitLength: 8 * len(pub)}})
		if err == nil {
			h := sha256.Sum256(spki)
			k.info.SPKISHA256 = hex.EncodeToString(h[:])
		}
		return
	case otherKey:
		k.info.Type, k.info.Curve = key.typ, key.curve
		k.problem = problemOtherType
		return
	default:
		k.info.Type = "unknown"
	}
	if k.pub != nil {
		if der, err := x509.MarshalPKIXPublicKey(k.pub); err == nil {
			h := sha256.Sum256(der)
			k.info.SPKISHA256 = hex.EncodeToString(h[:])
		}
	}
}

// sniffDER says what a file without PEM blocks is: a DER certificate, a
// PKCS#12 bundle, a DER key, or none of these.
func sniffDER(data []byte) (format string, cert *x509.Certificate, key *parsedKey) {
	if len(data) < 2 || data[0] != 0x30 {
		return "", nil, nil
	}
	if c, err := x509.ParseCertificate(data); err == nil {
		return "derCertificate", c, nil
	}
	var pfx struct {
		Version  int
		AuthSafe struct {
			ContentType asn1.ObjectIdentifier
			Content     asn1.RawValue `asn1:"tag:0,explicit,optional"`
		}
		MacData asn1.RawValue `asn1:"optional"`
	}
	if _, err := asn1.Unmarshal(data, &pfx); err == nil && pfx.Version == 3 &&
		(pfx.AuthSafe.ContentType.Equal(asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 7, 1}) ||
			pfx.AuthSafe.ContentType.Equal(asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 7, 2})) {
		return "pkcs12", nil, nil
	}
	if priv, enc := parsePlainKey("", data); priv != nil {
		k := &parsedKey{info: Key{Location: "whole file", Encoding: "DER " + enc}}
		k.setKey(priv)
		k.priv = nil
		return "derKey", nil, k
	}
	if s := inspectPKCS8Scheme(data); s.Corrupt == "" {
		return "derEncryptedKey", nil, &parsedKey{info: Key{Location: "whole file", Encoding: "DER encrypted PKCS#8", Encrypted: true, Scheme: s.Name}}
	}
	return "", nil, nil
}
