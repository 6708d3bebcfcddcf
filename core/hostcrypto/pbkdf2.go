package hostcrypto

import (
	"crypto"
	"crypto/pbkdf2"
	"errors"
	"hash"
)

// PBKDF2 is crypto/pbkdf2.Key with HMAC over h, derived by the host when it
// can. newHash must be h's constructor (it is used when the host declines).
func PBKDF2(h crypto.Hash, newHash func() hash.Hash, password, salt []byte, iter, keyLen int) ([]byte, error) {
	if iter < 1 || keyLen < 1 {
		return nil, errors.New("pbkdf2: iteration count and key length must be positive")
	}
	if hc := current(); hc != nil && h != 0 {
		if key, ok := hc.PBKDF2(h, password, salt, iter, keyLen); ok && len(key) == keyLen {
			return key, nil
		}
	}
	return pbkdf2.Key(newHash, string(password), salt, iter, keyLen)
}
