package core

import (
	"crypto/x509"
	"encoding/asn1"
	"net"
	"net/url"
	"strconv"
	"strings"

	"certinspect/core/x509err"

	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"
)

// maxNameConstraintChecks bounds the name-constraint comparisons of one path
// (names × constraints over every CA), so crafted certificates cannot make
// the check quadratic without end. Hitting it is reported as a limit.
const maxNameConstraintChecks = 1 << 16

// nameConstraintProblems checks every name of the certificates below each
// constrained CA on the path, as OpenSSL's check_name_constraints does:
// DNS, IP, e-mail and URI names, and the leaf's subject CN when it has no DNS
// SAN (OpenSSL 3 treats such a CN as a host name).
func nameConstraintProblems(path []*node) []problem {
	var out []problem
	if d := path[0].defect; d != nil && d.Kind == "sanEntry" {
		// OpenSSL checks the entries the copy left out (defect.go) against
		// the constraints of their type too: an IP address of neither 4 nor
		// 16 bytes fails with "unsupported or invalid name syntax"; for the
		// others its answer is not known from here on.
		for i := 1; i < len(path); i++ {
			ca := path[i].cert
			if nameConstraints(ca) == nil {
				continue
			}
			order := (len(path)-i)*1000 - 1
			if e := droppedOfType(d, "IP Address:"); e != "" && len(ca.PermittedIPRanges)+len(ca.ExcludedIPRanges) > 0 {
				out = append(out, problem{stage: stageNameConstraints, order: order, depth: 0, err: x509err.Must("X509_V_ERR_UNSUPPORTED_NAME_SYNTAX"), cert: path[0], other: path[i], check: "chain.trusted", kind: "sanEntrySyntax", note: e})
				break
			}
			if droppedOfType(d, "URI:") != "" && len(ca.PermittedURIDomains)+len(ca.ExcludedURIDomains) > 0 ||
				droppedOfType(d, "DNS:") != "" && len(ca.PermittedDNSDomains)+len(ca.ExcludedDNSDomains) > 0 ||
				droppedOfType(d, "email:") != "" && len(ca.PermittedEmailAddresses)+len(ca.ExcludedEmailAddresses) > 0 {
				out = append(out, problem{stage: stageNameConstraints, order: order, depth: 0, err: x509err.Must("X509_V_ERR_UNSPECIFIED"), cert: path[0], other: path[i], check: "chain.trusted", kind: "sanConstrained"})
				break
			}
		}
	}
	budget := maxNameConstraintChecks
	for i := len(path) - 1; i > 0; i-- {
		ca := path[i].cert
		if nameConstraints(ca) == nil {
			continue
		}
		for j := i - 1; j >= 0; j-- {
			sub := path[j]
			if j > 0 && selfIssued(sub) {
				continue
			}
			if names, constraints := opensslNameCount(sub.cert), constraintCount(ca); names > 0 && constraints > nameCheckMax/names {
				// OpenSSL refuses to compare that many before it starts.
				out = append(out, problem{stage: stageNameConstraints, order: (len(path)-i)*1000 + j, depth: j, err: x509err.Must("X509_V_ERR_UNSPECIFIED"), cert: sub, other: path[i], check: "chain.trusted", kind: "nameConstraintsTooMany",
					note: strconv.Itoa(names) + "/" + strconv.Itoa(constraints)})
				continue
			}
			kind, name, over := violatesConstraints(ca, sub.cert, j == 0, &budget)
			if over {
				out = append(out, problem{stage: stageNameConstraints, order: (len(path)-i)*1000 + j, depth: j, err: x509err.Must("X509_V_ERR_UNSPECIFIED"), cert: sub, other: path[i], check: "chain.trusted", kind: "nameConstraintsBudget"})
				return out
			}
			if kind != "" {
				e := x509err.Must("X509_V_ERR_PERMITTED_VIOLATION")
				if kind == "excluded" {
					e = x509err.Must("X509_V_ERR_EXCLUDED_VIOLATION")
				}
				out = append(out, problem{stage: stageNameConstraints, order: (len(path)-i)*1000 + j, depth: j, err: e, cert: sub, other: path[i], check: "chain.trusted", kind: "nameConstraint", note: name})
			}
		}
	}
	return out
}

// droppedOfType is the first subjectAltName entry of a type ("IP Address:",
// "URI:", "DNS:", "email:") the repaired copy left out, "" when none.
func droppedOfType(d *defect, prefix string) string {
	for _, e := range d.Dropped {
		if strings.HasPrefix(e, prefix) {
			return e
		}
	}
	return ""
}

// nameCheckMax is OpenSSL's NAME_CHECK_MAX: NAME_CONSTRAINTS_check refuses
// (X509_V_ERR_UNSPECIFIED) a certificate whose names (subject attributes plus
// subjectAltName entries) times the CA's constraints (permitted plus excluded
// subtrees) exceed it, before comparing anything.
const nameCheckMax = 1 << 20

// opensslNameCount is the name count of NAME_CONSTRAINTS_check: every
// attribute of the subject and every subjectAltName entry, of any type.
func opensslNameCount(c *x509.Certificate) int {
	return len(c.Subject.Names) + countExtensionEntries(c, oidExtSAN, nil)
}

// constraintCount is the constraint count of NAME_CONSTRAINTS_check: the
// permitted and excluded subtrees, of any type.
func constraintCount(ca *x509.Certificate) int {
	return countExtensionEntries(ca, oidNameConstraintsExt, []cbasn1.Tag{cbasn1.Tag(0).Constructed().ContextSpecific(), cbasn1.Tag(1).Constructed().ContextSpecific()})
}

var oidNameConstraintsExt = asn1.ObjectIdentifier{2, 5, 29, 30}

// countExtensionEntries counts the elements of the SEQUENCE an extension
// holds, or, with parts, of each of its optional [n] parts.
func countExtensionEntries(c *x509.Certificate, oid asn1.ObjectIdentifier, parts []cbasn1.Tag) int {
	for _, e := range c.Extensions {
		if !e.Id.Equal(oid) {
			continue
		}
		in := cryptobyte.String(e.Value)
		var seq cryptobyte.String
		if !in.ReadASN1(&seq, cbasn1.SEQUENCE) {
			return 0
		}
		count := func(s cryptobyte.String) int {
			n := 0
			for !s.Empty() {
				var el cryptobyte.String
				var tag cbasn1.Tag
				if !s.ReadAnyASN1Element(&el, &tag) {
					return n
				}
				n++
			}
			return n
		}
		if parts == nil {
			return count(seq)
		}
		n := 0
		for _, t := range parts {
			var part cryptobyte.String
			var present bool
			if !seq.ReadOptionalASN1(&part, &present, t) {
				return n
			}
			if present {
				n += count(part)
			}
		}
		return n
	}
	return 0
}

func dnsWithin(name, constraint string) bool {
	name = strings.TrimSuffix(strings.ToLower(name), ".")
	constraint = strings.ToLower(constraint)
	if constraint == "" {
		return true
	}
	if strings.HasPrefix(constraint, ".") {
		return strings.HasSuffix(name, constraint)
	}
	return name == constraint || strings.HasSuffix(name, "."+constraint)
}

func emailWithin(addr, constraint string) bool {
	at := strings.LastIndexByte(addr, '@')
	if at < 0 {
		return false
	}
	host := strings.ToLower(addr[at+1:])
	switch {
	case strings.Contains(constraint, "@"):
		return strings.EqualFold(addr, constraint)
	case strings.HasPrefix(constraint, "."):
		return strings.HasSuffix(host, strings.ToLower(constraint))
	default:
		return host == strings.ToLower(constraint)
	}
}

// violatesConstraints returns "permitted" or "excluded" and the offending
// name when c breaks ca's constraints; over is true when the budget ran out.
func violatesConstraints(ca, c *x509.Certificate, isLeaf bool, budget *int) (kind, name string, over bool) {
	spend := func(n int) bool {
		*budget -= n
		return *budget < 0
	}
	check := func(name string, permitted, excluded []string, within func(string, string) bool) string {
		if len(permitted) > 0 {
			ok := false
			for _, p := range permitted {
				if within(name, p) {
					ok = true
					break
				}
			}
			if !ok {
				return "permitted"
			}
		}
		for _, e := range excluded {
			if within(name, e) {
				return "excluded"
			}
		}
		return ""
	}
	dns := c.DNSNames
	if isLeaf && len(dns) == 0 && looksLikeHostname(c.Subject.CommonName) {
		dns = []string{c.Subject.CommonName}
	}
	for _, d := range dns {
		if spend(len(ca.PermittedDNSDomains) + len(ca.ExcludedDNSDomains)) {
			return "", "", true
		}
		if k := check(d, ca.PermittedDNSDomains, ca.ExcludedDNSDomains, dnsWithin); k != "" {
			return k, d, false
		}
	}
	for _, ip := range c.IPAddresses {
		if spend(len(ca.PermittedIPRanges) + len(ca.ExcludedIPRanges)) {
			return "", "", true
		}
		if k := ipCheck(ip, ca.PermittedIPRanges, ca.ExcludedIPRanges); k != "" {
			return k, ip.String(), false
		}
	}
	for _, e := range c.EmailAddresses {
		if spend(len(ca.PermittedEmailAddresses) + len(ca.ExcludedEmailAddresses)) {
			return "", "", true
		}
		if k := check(e, ca.PermittedEmailAddresses, ca.ExcludedEmailAddresses, emailWithin); k != "" {
			return k, e, false
		}
	}
	for _, u := range c.URIs {
		if spend(len(ca.PermittedURIDomains) + len(ca.ExcludedURIDomains)) {
			return "", "", true
		}
		if k := check(uriHost(u), ca.PermittedURIDomains, ca.ExcludedURIDomains, dnsWithin); k != "" {
			return k, u.String(), false
		}
	}
	return "", "", false
}

func uriHost(u *url.URL) string {
	h := u.Hostname()
	return h
}

func ipCheck(ip net.IP, permitted, excluded []*net.IPNet) string {
	sameFamily := func(n *net.IPNet) bool {
		return (ip.To4() != nil) == (len(n.IP) == net.IPv4len || n.IP.To4() != nil && len(n.Mask) == net.IPv4len)
	}
	var perm []*net.IPNet
	for _, n := range permitted {
		if sameFamily(n) {
			perm = append(perm, n)
		}
	}
	if len(permitted) > 0 {
		ok := false
		for _, n := range perm {
			if n.Contains(ip) {
				ok = true
				break
			}
		}
		if !ok {
			return "permitted"
		}
	}
	for _, n := range excluded {
		if n.Contains(ip) {
			return "excluded"
		}
	}
	return ""
}

// looksLikeHostname is OpenSSL 3's test for treating a CN as a DNS name in
// name-constraint checks: letters, digits, '-', '.', and at least one dot.
func looksLikeHostname(s string) bool {
	if s == "" || !strings.Contains(s, ".") {
		return false
	}
	for _, r := range s {
		if !(r == '-' || r == '.' || r == '*' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return false
		}
	}
	return true
}
