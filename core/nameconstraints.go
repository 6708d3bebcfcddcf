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

// dnsWithin is OpenSSL's nc_dns: the constraint is the end of the name,
// compared without case, after a '.' unless the constraint starts with one;
// nothing is trimmed (a trailing dot makes another name).
func dnsWithin(name, constraint string) bool {
	if constraint == "" {
		return true
	}
	if len(name) < len(constraint) {
		return false
	}
	if len(name) > len(constraint) && constraint[0] != '.' && name[len(name)-len(constraint)-1] != '.' {
		return false
	}
	return strings.EqualFold(name[len(name)-len(constraint):], constraint)
}

// uriWithin is OpenSSL's nc_uri on the URI's host: a constraint starting
// with '.' is a suffix of a longer host, any other is the whole host.
func uriWithin(host, constraint string) bool {
	if strings.HasPrefix(constraint, ".") {
		return len(host) > len(constraint) && strings.EqualFold(host[len(host)-len(constraint):], constraint)
	}
	return strings.EqualFold(host, constraint)
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
	// The subjectAltName entries in the certificate's order, each against
	// the permitted then the excluded subtrees of its type (nc_match).
	hasDNS := false
	for _, e := range sanInOrder(c) {
		switch e.tag {
		case 2: // dNSName
			hasDNS = true
			if spend(len(ca.PermittedDNSDomains) + len(ca.ExcludedDNSDomains)) {
				return "", "", true
			}
			if k := check(e.text, ca.PermittedDNSDomains, ca.ExcludedDNSDomains, dnsWithin); k != "" {
				return k, e.text, false
			}
		case 7: // iPAddress
			if spend(len(ca.PermittedIPRanges) + len(ca.ExcludedIPRanges)) {
				return "", "", true
			}
			if k := ipCheck(net.IP(e.text), ca.PermittedIPRanges, ca.ExcludedIPRanges); k != "" {
				return k, net.IP(e.text).String(), false
			}
		case 1: // rfc822Name
			if spend(len(ca.PermittedEmailAddresses) + len(ca.ExcludedEmailAddresses)) {
				return "", "", true
			}
			if k := check(e.text, ca.PermittedEmailAddresses, ca.ExcludedEmailAddresses, emailWithin); k != "" {
				return k, e.text, false
			}
		case 6: // uniformResourceIdentifier
			u, err := url.Parse(e.text)
			if err != nil {
				continue
			}
			if spend(len(ca.PermittedURIDomains) + len(ca.ExcludedURIDomains)) {
				return "", "", true
			}
			if k := check(uriHost(u), ca.PermittedURIDomains, ca.ExcludedURIDomains, uriWithin); k != "" {
				return k, e.text, false
			}
		}
	}
	// The server certificate's CNs, when it has no DNS name, as far as
	// they look like host names (NAME_CONSTRAINTS_check_CN, cn2dnsid).
	if isLeaf && !hasDNS {
		for _, atv := range c.Subject.Names {
			cn, ok := atv.Value.(string)
			if !atv.Type.Equal(oidCommonName) || !ok || !cnIsDNSName(cn) {
				continue
			}
			if spend(len(ca.PermittedDNSDomains) + len(ca.ExcludedDNSDomains)) {
				return "", "", true
			}
			if k := check(cn, ca.PermittedDNSDomains, ca.ExcludedDNSDomains, dnsWithin); k != "" {
				return k, cn, false
			}
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

// cnIsDNSName is OpenSSL 3's cn2dnsid: letters, digits and '_', with '-'
// and '.' inside only, no '.' next to another '.' or a '-', and at least
// one '.' (one label is not taken for a host name).
func cnIsDNSName(s string) bool {
	s = strings.TrimRight(s, "\x00")
	dns := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '_':
			continue
		case i > 0 && i < len(s)-1 && c == '-':
			continue
		case i > 0 && i < len(s)-1 && c == '.' && s[i+1] != '.' && s[i-1] != '-' && s[i+1] != '-':
			dns = true
			continue
		}
		return false
	}
	return dns
}

// sanEntry is one subjectAltName entry: its GeneralName tag and content.
type sanEntry struct {
	tag  int
	text string
}

// sanInOrder reads the subjectAltName entries in the certificate's order,
// which crypto/x509 keeps per type only.
func sanInOrder(c *x509.Certificate) []sanEntry {
	var out []sanEntry
	for _, e := range c.Extensions {
		if !e.Id.Equal(oidExtSAN) {
			continue
		}
		in := cryptobyte.String(e.Value)
		var seq cryptobyte.String
		if !in.ReadASN1(&seq, cbasn1.SEQUENCE) {
			return nil
		}
		for !seq.Empty() {
			var v cryptobyte.String
			var tag cbasn1.Tag
			if !seq.ReadAnyASN1(&v, &tag) {
				return out
			}
			out = append(out, sanEntry{tag: int(tag & 0x1f), text: string(v)})
		}
	}
	return out
}
