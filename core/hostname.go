package core

import (
	"crypto/x509"
	"net"
	"strings"
)

// hostMatch is how a host name matched (or not) a certificate, by OpenSSL's
// X509_check_host / X509_check_ip rules as Python's ssl sets them up
// (X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS; the subject CN is consulted only
// when the certificate has no DNS SAN).
type hostMatch struct {
	host    string
	matched bool
	// rule: "exact", "wildcard", "ip", "cn-fallback", "none".
	rule string
	by   string
	isIP bool
	// goWouldReject: Go's crypto/x509 (and the drivers and browsers built on
	// similar rules) would refuse a match PyMongo accepts (CN fallback).
	goWouldReject bool
}

// normalizeHost strips a port and brackets, converts a Unicode name to its
// IDNA form (as Python's ssl does, see idna.go), and lower-cases. A trailing
// dot stays: Python's ssl hands the name to OpenSSL as written, and
// "db0.example.net." matches no certificate name.
func normalizeHost(h string) string {
	h = strings.TrimSpace(h)
	if host, _, err := net.SplitHostPort(h); err == nil {
		h = host
	}
	h = strings.TrimPrefix(strings.TrimSuffix(h, "]"), "[")
	return strings.ToLower(idnaHost(h))
}

// matchHost checks one host against a certificate.
func matchHost(host string, c *x509.Certificate) hostMatch {
	h := normalizeHost(host)
	m := hostMatch{host: h, rule: "none"}
	if ip := net.ParseIP(h); ip != nil {
		m.isIP = true
		for _, a := range c.IPAddresses {
			if a.Equal(ip) {
				m.matched, m.rule, m.by = true, "ip", a.String()
				return m
			}
		}
		return m // no CN fallback for IP addresses in OpenSSL
	}
	for _, d := range c.DNSNames {
		if rule, ok := dnsNameMatches(h, d); ok {
			m.matched, m.rule, m.by = true, rule, d
			return m
		}
	}
	if len(c.DNSNames) == 0 {
		for _, atv := range c.Subject.Names {
			if !atv.Type.Equal(oidCommonName) {
				continue
			}
			cn, _ := atv.Value.(string)
			if _, ok := dnsNameMatches(h, cn); ok {
				m.matched, m.rule, m.by, m.goWouldReject = true, "cn-fallback", cn, true
				return m
			}
		}
	}
	return m
}

// dnsNameMatches compares a host with one DNS name from a certificate:
// case-insensitive, a wildcard only as the whole leftmost label, matching
// exactly one label (an IDNA "xn--" label too: OpenSSL refuses those only
// for partial wildcards, which Python's flags refuse anyway), and never for
// names with fewer than two labels after it.
func dnsNameMatches(host, pattern string) (rule string, ok bool) {
	p := strings.ToLower(pattern) // compared as written, trailing dot and all, as OpenSSL does
	if p == "" {
		return "", false
	}
	if p == host {
		return "exact", true
	}
	if !strings.HasPrefix(p, "*.") {
		return "", false
	}
	suffix := p[1:] // ".example.net"
	if strings.Count(suffix, ".") < 2 || strings.Contains(suffix, "*") {
		return "", false
	}
	if !strings.HasSuffix(host, suffix) {
		return "", false
	}
	label := host[:len(host)-len(suffix)]
	if label == "" || strings.Contains(label, ".") {
		return "", false
	}
	return "wildcard", true
}
