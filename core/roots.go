package core

import (
	"crypto/x509"
	"sync"

	"golang.org/x/crypto/x509roots/fallback/bundle"
)

// storeBundled names the trust store used when no tlsCAFile is given.
const storeBundled = "bundled Mozilla roots"

// bundledRoots parses the Mozilla (NSS) roots on first use only: start-up of
// the page and of each Worker request pays nothing for them.
var bundledRoots = sync.OnceValue(func() []*x509.Certificate {
	var out []*x509.Certificate
	for r := range bundle.Roots() {
		if c, err := x509.ParseCertificate(r.Certificate); err == nil {
			out = append(out, c)
		}
	}
	return out
})
