package core

import (
	"crypto/x509"
	"sync"

	"certinspect/core/certid"

	"golang.org/x/crypto/x509roots/fallback/bundle"
)

// storeBundled names the trust store used when no tlsCAFile is given.
const storeBundled = "bundled Mozilla roots"

// bundledRoot is one Mozilla root with what path building needs of it.
type bundledRoot struct {
	cert  *x509.Certificate
	fp    string
	names certNames
}

// bundledRoots parses the Mozilla (NSS) roots, their fingerprints and
// canonical names on first use only: start-up of the page and of each Worker
// request pays nothing for them, and later requests without a tlsCAFile do
// not hash and canonicalise some 150 roots again.
var bundledRoots = sync.OnceValue(func() []bundledRoot {
	var out []bundledRoot
	for r := range bundle.Roots() {
		if c, err := x509.ParseCertificate(r.Certificate); err == nil {
			out = append(out, bundledRoot{cert: c, fp: certid.Fingerprint(c), names: namesOf(c)})
		}
	}
	return out
})
