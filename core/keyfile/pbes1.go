package keyfile

import (
	"crypto/cipher"
	"crypto/des"
	"crypto/md5"
	"crypto/sha1"
	"encoding/asn1"
	"hash"
	"unicode/utf16"
	"unicode/utf8"
)

// The password-based schemes before PBES2 that certinspect decrypts:
// PKCS#12 PBE with SHA-1 and 3DES (what `openssl pkcs8 -v1 PBE-SHA1-3DES`
// and old Java and Windows tools write; OpenSSL 3 reads it) and PKCS#5 v1.5
// PBES1 with DES (only OpenSSL 3's legacy provider reads it: decrypting it
// tells a wrong password from an unreadable scheme). The RC2, RC4 and MD2
// schemes need ciphers outside the standard library and are only named.
var pbes1Schemes = map[string]struct {
	pkcs12 bool
	h      func() hash.Hash
	keyLen int
}{
	"1.2.840.113549.1.5.3":    {false, md5.New, 8},  // pbeWithMD5AndDES-CBC
	"1.2.840.113549.1.5.10":   {false, sha1.New, 8}, // pbeWithSHA1AndDES-CBC
	"1.2.840.113549.1.12.1.3": {true, sha1.New, 24}, // pbeWithSHAAnd3-KeyTripleDES-CBC
	"1.2.840.113549.1.12.1.4": {true, sha1.New, 16}, // pbeWithSHAAnd2-KeyTripleDES-CBC
}

// pbeParams are both PKCS#5 PBEParameter and PKCS#12 pkcs-12PbeParams.
type pbeParams struct {
	Salt []byte
	Iter int
}

// decryptPBES1 decrypts an EncryptedPrivateKeyInfo inspectPKCS8Scheme has
// checked (a scheme of pbes1Schemes, iterations within the limit, whole
// blocks) and returns the PKCS#8 DER, or errWrongPassword when the padding
// is wrong (a wrong password, or damaged ciphertext: CBC cannot tell).
func decryptPBES1(der, password []byte) ([]byte, error) {
	var info encryptedPrivateKeyInfo
	var p pbeParams
	if _, err := asn1.Unmarshal(der, &info); err != nil {
		return nil, errWrongPassword
	}
	sc, ok := pbes1Schemes[info.Algorithm.Algorithm.String()]
	if _, err := asn1.Unmarshal(info.Algorithm.Parameters.FullBytes, &p); err != nil || !ok || p.Iter < 1 || p.Iter > limitPBKDF2 {
		return nil, errWrongPassword
	}
	var block cipher.Block
	var iv []byte
	if sc.pkcs12 {
		pw := bmpPassword(password)
		key := pkcs12KDF(sc.h, 1, pw, p.Salt, p.Iter, sc.keyLen)
		iv = pkcs12KDF(sc.h, 2, pw, p.Salt, p.Iter, des.BlockSize)
		clear(pw)
		if len(key) == 16 { // two-key 3DES: K1 K2 K1
			key = append(key, key[:8]...)
		}
		block, _ = des.NewTripleDESCipher(key)
		clear(key)
	} else {
		// PBKDF1: T_1 = H(P || S), T_i = H(T_i-1); key and IV from T_c.
		h := sc.h()
		h.Write(password)
		h.Write(p.Salt)
		t := h.Sum(nil)
		for i := 1; i < p.Iter; i++ {
			h.Reset()
			h.Write(t)
			t = h.Sum(t[:0])
		}
		block, _ = des.NewCipher(t[:8])
		iv = t[8:16]
		defer clear(t)
	}
	if block == nil || len(info.Data) == 0 || len(info.Data)%des.BlockSize != 0 {
		return nil, errWrongPassword
	}
	plain := make([]byte, len(info.Data))
	cipher.NewCBCDecrypter(block, iv).CryptBlocks(plain, info.Data)
	n := int(plain[len(plain)-1])
	if n < 1 || n > des.BlockSize {
		clear(plain)
		return nil, errWrongPassword
	}
	for _, b := range plain[len(plain)-n:] {
		if int(b) != n {
			clear(plain)
			return nil, errWrongPassword
		}
	}
	return plain[:len(plain)-n], nil
}

// bmpPassword is the password as PKCS#12 hashes it: UTF-16BE with a final
// zero character, as OpenSSL 3 converts a UTF-8 password (OPENSSL_utf82uni);
// bytes that are not UTF-8 are taken one to a character, as OpenSSL does.
func bmpPassword(pw []byte) []byte {
	var units []uint16
	if utf8.Valid(pw) {
		units = utf16.Encode([]rune(string(pw)))
	} else {
		for _, b := range pw {
			units = append(units, uint16(b))
		}
	}
	out := make([]byte, 0, 2*len(units)+2)
	for _, u := range units {
		out = append(out, byte(u>>8), byte(u))
	}
	return append(out, 0, 0)
}

// pkcs12KDF is the key derivation of RFC 7292 appendix B.2 for a hash with
// 64-byte blocks (SHA-1, MD5): id 1 derives the key, 2 the IV.
func pkcs12KDF(newHash func() hash.Hash, id byte, password, salt []byte, iter, size int) []byte {
	const v = 64
	fill := func(b []byte) []byte { // b repeated to a multiple of v bytes
		if len(b) == 0 {
			return nil
		}
		out := make([]byte, v*((len(b)+v-1)/v))
		for i := range out {
			out[i] = b[i%len(b)]
		}
		return out
	}
	D := make([]byte, v)
	for i := range D {
		D[i] = id
	}
	I := append(fill(salt), fill(password)...)
	defer clear(I)
	h := newHash()
	var out []byte
	for len(out) < size {
		h.Reset()
		h.Write(D)
		h.Write(I)
		A := h.Sum(nil)
		for i := 1; i < iter; i++ {
			h.Reset()
			h.Write(A)
			A = h.Sum(A[:0])
		}
		out = append(out, A...)
		// I_j = (I_j + B + 1) mod 2^(8v), B being A repeated to v bytes.
		for j := 0; j < len(I); j += v {
			carry := 1
			for k := v - 1; k >= 0; k-- {
				carry += int(I[j+k]) + int(A[k%len(A)])
				I[j+k] = byte(carry)
				carry >>= 8
			}
		}
	}
	return out[:size]
}
