package core

import (
	"bytes"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"math/big"
	"strings"
	"testing"
	"time"

	"certinspect/core/decode"
	"certinspect/core/mongouri"
	"certinspect/core/revocation"

	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"
)

// TestLimitsReportedByName hits every documented limit through Inspect and
// checks that the report names it in report.limits, with its maximum and a
// detail, and that the input just under the limit reports nothing.
//
// revocation's crl.entries (DefaultMaxCRLEntries = 5,000,000) cannot be hit
// through Inspect: a CRL entry takes at least 20 bytes, so the 64 MiB file
// limit stops a CRL first; revocation's own tests hit it with a lower
// MaxCRLEntries (bigcrl_test.go).
func TestLimitsReportedByName(t *testing.T) {
	skipLarge(t)
	server := fixture(t, "server-chain.pem")
	ca := fixture(t, "ca.pem")
	chain := func(hosts ...string) Request {
		return Request{Files: []File{{Name: "chain.pem", Role: RoleServerChain, Data: server}, {Name: "ca.pem", Role: RoleCAFile, Data: ca}}, Hosts: hosts}
	}
	zeros := make([]byte, 64<<20+1)
	tests := []struct {
		limit string
		max   int64
		over  func() Request
		under func() Request // nil: no "just under" case
	}{
		{LimitFiles, MaxFiles,
			func() Request { return Request{Files: nFiles(MaxFiles+1, server)} },
			func() Request { return Request{Files: nFiles(MaxFiles, server)} }},
		{LimitTotalBytes, MaxTotalBytes,
			func() Request {
				return Request{Files: []File{{Name: "a.bin", Data: zeros[:48<<20]}, {Name: "b.bin", Data: zeros[:48<<20]}, {Name: "c.bin", Data: zeros[:MaxTotalBytes-96<<20+1]}}}
			},
			func() Request {
				return Request{Files: []File{{Name: "a.bin", Data: zeros[:48<<20]}, {Name: "b.bin", Data: zeros[:48<<20]}, {Name: "c.bin", Data: zeros[:MaxTotalBytes-96<<20]}}}
			}},
		{decode.LimitFileBytes, 64 << 20,
			func() Request { return Request{Files: []File{{Name: "big.bin", Data: zeros}}} },
			func() Request { return Request{Files: []File{{Name: "big.bin", Data: zeros[:64<<20]}}} }},
		{decode.LimitPEMBlocks, 10000,
			func() Request { return Request{Files: []File{{Name: "blocks.pem", Data: pemBlocks(10001)}}} },
			func() Request { return Request{Files: []File{{Name: "blocks.pem", Data: pemBlocks(10000)}}} }},
		{decode.LimitCertificates, 10000,
			func() Request {
				return Request{Files: []File{{Name: "many.p7b", Role: RoleServerChain, Data: pkcs7Of(t, manyCerts(t, 10000))}}}
			},
			func() Request {
				return Request{Files: []File{{Name: "many.p7b", Role: RoleServerChain, Data: pkcs7Of(t, manyCerts(t, 9999))}}}
			}},
		{LimitPathCertificates, MaxPathCertificates,
			func() Request {
				return Request{Files: []File{{Name: "a.pem", Role: RoleServerChain, Data: selfSignedCAs(t, 5001, "A")}, {Name: "b.pem", Role: RoleCAFile, Data: selfSignedCAs(t, 5000, "B")}}}
			},
			func() Request {
				return Request{Files: []File{{Name: "a.pem", Role: RoleServerChain, Data: selfSignedCAs(t, 5000, "A")}, {Name: "b.pem", Role: RoleCAFile, Data: selfSignedCAs(t, 5000, "B")}}}
			}},
		{LimitNameBytes, MaxNameBytes,
			func() Request {
				return Request{Files: []File{{Name: strings.Repeat("é", MaxNameBytes/2) + "x.pem", Role: RoleCAFile, Data: ca}}}
			},
			func() Request {
				return Request{Files: []File{{Name: strings.Repeat("d/", MaxNameBytes/2-3) + "ca.pem", Role: RoleCAFile, Data: ca}}}
			}},
		{LimitChainDepth, maxChainDepth,
			func() Request { return deepChain(t, maxChainDepth) },
			func() Request { return deepChain(t, maxChainDepth-2) }},
		{LimitNameConstraintChecks, maxNameConstraintChecks,
			func() Request {
				return Request{Files: []File{{Name: "nc.pem", Role: RoleServerChain, Data: readHostile(t, "nc-explosion-chain.pem")}, {Name: "ca.pem", Role: RoleCAFile, Data: readHostile(t, "hostile-ca.pem")}}}
			}, nil},
		{LimitHosts, MaxHosts,
			func() Request { return chain(nHosts(MaxHosts + 1)...) },
			func() Request { return chain(nHosts(MaxHosts)...) }},
		{"uri.length", mongouri.MaxURILength,
			func() Request {
				return Request{URI: "mongodb://h/?appName=" + strings.Repeat("a", mongouri.MaxURILength)}
			},
			func() Request {
				return Request{URI: "mongodb://h/?appName=" + strings.Repeat("a", mongouri.MaxURILength-21)}
			}},
		{"uri.options", mongouri.MaxOptions,
			func() Request { return Request{URI: "mongodb://h/?" + nOptions(mongouri.MaxOptions+1)} },
			func() Request { return Request{URI: "mongodb://h/?" + nOptions(mongouri.MaxOptions)} }},
		{"uri.hosts", mongouri.MaxOptions,
			func() Request {
				return Request{URI: "mongodb://" + strings.Join(nHosts(mongouri.MaxOptions+1), ",") + "/"}
			},
			func() Request {
				return Request{URI: "mongodb://" + strings.Join(nHosts(mongouri.MaxOptions), ",") + "/"}
			}},
		{"dns.length", mongouri.MaxDNSAnswer,
			func() Request {
				return Request{URI: "mongodb+srv://c.example.net/", DNSAnswer: strings.Repeat("#", mongouri.MaxDNSAnswer+1)}
			}, nil},
		{"dns.records", mongouri.MaxDNSRecords,
			func() Request {
				return Request{URI: "mongodb+srv://c.example.net/", DNSAnswer: srvAnswer(mongouri.MaxDNSRecords + 2)}
			},
			func() Request {
				return Request{URI: "mongodb+srv://c.example.net/", DNSAnswer: srvAnswer(mongouri.MaxDNSRecords)}
			}},
		{revocation.LimitOCSPResponses, revocation.MaxOCSPResponses,
			func() Request {
				r := chain("db0.example.net")
				r.Files = append(r.Files, File{Name: "many.ocsp", Role: RoleOCSPResponse, Data: ocspWithSingles(revocation.MaxOCSPResponses + 1)})
				return r
			},
			func() Request {
				r := chain("db0.example.net")
				r.Files = append(r.Files, File{Name: "many.ocsp", Role: RoleOCSPResponse, Data: ocspWithSingles(revocation.MaxOCSPResponses)})
				return r
			}},
		{revocation.LimitOCSPFileBytes, revocation.MaxOCSPFileSize,
			func() Request {
				r := chain("db0.example.net")
				r.Files = append(r.Files, File{Name: "big.ocsp", Role: RoleOCSPResponse, Data: append([]byte{0x30}, zeros[:revocation.MaxOCSPFileSize]...)})
				return r
			}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.limit, func(t *testing.T) {
			rep := inspectHostile(t, tc.limit+" over", withAt(tc.over()))
			found := false
			for _, l := range rep.Limits {
				if l.Limit == tc.limit {
					found = true
					if l.Max != tc.max || l.Detail == "" {
						t.Errorf("limit %+v: want max %d and a detail", l, tc.max)
					}
				}
			}
			if !found {
				t.Errorf("limit %s not reported; limits: %+v", tc.limit, rep.Limits)
			}
			if tc.under == nil {
				return
			}
			rep = inspectHostile(t, tc.limit+" under", withAt(tc.under()))
			for _, l := range rep.Limits {
				if l.Limit == tc.limit {
					t.Errorf("just under the limit, %s was reported: %+v", tc.limit, l)
				}
			}
		})
	}
}

func withAt(r Request) Request {
	r.At = fixtureAt
	return r
}

func nFiles(n int, data []byte) []File {
	out := make([]File, n)
	for i := range out {
		out[i] = File{Name: fmt.Sprintf("f%d.pem", i), Data: data}
	}
	return out
}

func nHosts(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("h%d.example.net", i)
	}
	return out
}

func nOptions(n int) string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("appName=a%d", i)
	}
	return strings.Join(out, "&")
}

func srvAnswer(n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "h%d.example.net:27017\n", i)
	}
	return b.String()
}

// pemBlocks returns n small PEM blocks of a type no analysis reads.
func pemBlocks(n int) []byte {
	return bytes.Repeat([]byte("-----BEGIN FOO-----\nAAAA\n-----END FOO-----\n"), n)
}

// deepChain is a leaf under intermediates under a root in the CA file, the
// leaf n certificates below the root (the path has n+1 certificates).
func deepChain(t testing.TB, n int) Request {
	t.Helper()
	key := hostileKey("deep chain")
	from, to := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2040, 1, 1, 0, 0, 0, 0, time.UTC)
	rootT := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "Deep 0"}, NotBefore: from, NotAfter: to,
		IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign}
	der, err := x509.CreateCertificate(nil, rootT, rootT, key.Public(), key)
	if err != nil {
		t.Fatal(err)
	}
	root := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
	parent, _ := x509.ParseCertificate(der)
	var chain [][]byte
	for i := 1; i <= n; i++ {
		ct := &x509.Certificate{SerialNumber: big.NewInt(int64(i + 1)), Subject: pkix.Name{CommonName: fmt.Sprintf("Deep %d", i)}, NotBefore: from, NotAfter: to,
			IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign}
		if i == n {
			ct = &x509.Certificate{SerialNumber: big.NewInt(int64(i + 1)), Subject: pkix.Name{CommonName: "db0.example.net"}, NotBefore: from, NotAfter: to,
				DNSNames: []string{"db0.example.net"}, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}
		}
		der, err := x509.CreateCertificate(nil, ct, parent, key.Public(), key)
		if err != nil {
			t.Fatal(err)
		}
		parent, _ = x509.ParseCertificate(der)
		chain = append([][]byte{pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})}, chain...)
	}
	return Request{Files: []File{{Name: "deep-chain.pem", Role: RoleServerChain, Data: bytes.Join(chain, nil)}, {Name: "deep-root.pem", Role: RoleCAFile, Data: root}},
		Hosts: []string{"db0.example.net"}}
}

// ocspWithSingles is a successful basic OCSP response with n single
// responses (not signed: the count is checked before the signature).
func ocspWithSingles(n int) []byte {
	oidBasic := []int{1, 3, 6, 1, 5, 5, 7, 48, 1, 1}
	oidSHA1 := []int{1, 3, 14, 3, 2, 26}
	var b cryptobyte.Builder
	b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
		b.AddASN1Enum(0)
		b.AddASN1(cbasn1.Tag(0).Constructed().ContextSpecific(), func(b *cryptobyte.Builder) {
			b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
				b.AddASN1ObjectIdentifier(oidBasic)
				b.AddASN1(cbasn1.OCTET_STRING, func(b *cryptobyte.Builder) {
					b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
						b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) { // tbsResponseData
							b.AddASN1(cbasn1.Tag(2).Constructed().ContextSpecific(), func(b *cryptobyte.Builder) {
								b.AddASN1OctetString(make([]byte, 20)) // responder key hash
							})
							b.AddASN1GeneralizedTime(time.Date(2026, 5, 25, 0, 0, 0, 0, time.UTC))
							b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
								for i := 0; i < n; i++ {
									b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
										b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) { // CertID
											b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
												b.AddASN1ObjectIdentifier(oidSHA1)
												b.AddASN1NULL()
											})
											b.AddASN1OctetString(make([]byte, 20))
											b.AddASN1OctetString(make([]byte, 20))
											b.AddASN1Int64(int64(i + 1))
										})
										b.AddASN1(cbasn1.Tag(0).ContextSpecific(), func(b *cryptobyte.Builder) {}) // good
										b.AddASN1GeneralizedTime(time.Date(2026, 5, 25, 0, 0, 0, 0, time.UTC))
									})
								}
							})
						})
						b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
							b.AddASN1ObjectIdentifier([]int{1, 2, 840, 10045, 4, 3, 2})
						})
						b.AddASN1BitString(make([]byte, 64))
					})
				})
			})
		})
	})
	return b.BytesOrPanic()
}

// pkcs7Of puts the certificates of a PEM file into one degenerate PKCS#7
// SignedData (DER), as openssl crl2pkcs7 -nocrl writes it: one object, so
// the PEM block limit does not apply.
func pkcs7Of(t testing.TB, pemData []byte) []byte {
	t.Helper()
	var certs [][]byte
	for rest := pemData; ; {
		var blk *pem.Block
		blk, rest = pem.Decode(rest)
		if blk == nil {
			break
		}
		certs = append(certs, blk.Bytes)
	}
	var b cryptobyte.Builder
	b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
		b.AddASN1ObjectIdentifier([]int{1, 2, 840, 113549, 1, 7, 2})
		b.AddASN1(cbasn1.Tag(0).Constructed().ContextSpecific(), func(b *cryptobyte.Builder) {
			b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
				b.AddASN1Int64(1)
				b.AddASN1(cbasn1.SET, func(b *cryptobyte.Builder) {})
				b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
					b.AddASN1ObjectIdentifier([]int{1, 2, 840, 113549, 1, 7, 1})
				})
				b.AddASN1(cbasn1.Tag(0).Constructed().ContextSpecific(), func(b *cryptobyte.Builder) {
					for _, c := range certs {
						b.AddBytes(c)
					}
				})
				b.AddASN1(cbasn1.SET, func(b *cryptobyte.Builder) {})
			})
		})
	})
	return b.BytesOrPanic()
}
