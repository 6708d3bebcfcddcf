package core

import (
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"strings"

	"certinspect/core/certid"
	"certinspect/core/i18n"
	"certinspect/core/report"
	"certinspect/core/sclient"
)

// clientCertRequestCheck says what the server's certificate request in an
// s_client transcript means for PyMongo. mongod asks for a client
// certificate when it has a CA file, and by default refuses a client that
// sends none (unless net.tls.allowConnectionsWithoutCertificates), or whose
// certificate does not chain to a CA of that file, whose names it lists.
func (in *inspection) clientCertRequestCheck(name string, t *sclient.Transcript) report.Check {
	p := in.p
	cas := strings.Join(t.AcceptableClientCAs, "; ")
	if cas == "" {
		cas = p.T("common.noneListed", "none listed", nil)
	}
	args := i18n.Args{"cas": cas}
	c := report.Check{ID: "sclient.clientCert", Status: report.Info, Subject: name, SubjectLabel: name,
		Title:  p.T("sclient.clientCert.title", "The server asks for a client certificate", nil),
		Detail: p.T("sclient.clientCert.detail", "Acceptable client certificate CA names: {cas}. PyMongo must then be given tlsCertificateKeyFile with a certificate issued by one of them.", args),
		Fix:    p.T("sclient.clientCert.fix", "Supply the customer's tlsCertificateKeyFile to check it here.", nil)}
	client := in.clientCertificate()
	named := in.uri != nil && in.uri.Files["tlsCertificateKeyFile"] != ""
	switch {
	case client == nil && !named && !anyRole(in.inputs, RoleCertKeyFile):
		c.Status = report.Warn
		c.Title = p.T("sclient.clientCert.noneTitle", "The server asks for a client certificate, and PyMongo is given none", nil)
		c.Detail = p.T("sclient.clientCert.noneDetail", "Acceptable client certificate CA names: {cas}. mongod refuses a client without a certificate unless it runs with net.tls.allowConnectionsWithoutCertificates: PyMongo then fails with \"tlsv13 alert certificate required\" (TLS 1.3) or \"connection closed\" / \"sslv3 alert handshake failure\" (TLS 1.2).", args)
		c.Fix = p.T("sclient.clientCert.noneFix", "Give PyMongo the client certificate and its private key in one file, tlsCertificateKeyFile=<client.pem>, issued by one of the CAs listed; or, if the deployment means to accept clients without certificates, set net.tls.allowConnectionsWithoutCertificates on the server.", args)
	case client != nil && len(t.AcceptableClientCAs) > 0 && !in.chainsToListedCA(client, t.AcceptableClientCAs):
		args["label"], args["issuer"] = certid.Label(client), nameString(client.RawIssuer)
		c.Status = report.Warn
		c.Title = p.T("sclient.clientCert.otherCATitle", "The client certificate {label} is not from a CA the server lists", args)
		c.Detail = p.T("sclient.clientCert.otherCADetail", "The server accepts client certificates issued under: {cas}. {label} was issued by \"{issuer}\", and neither that CA nor any issuer of it known here is listed. mongod verifies the client certificate against its CA file, where these names come from, so it will most likely refuse it: PyMongo then sees \"connection closed\" or \"tlsv1 alert unknown ca\".", args)
		c.Fix = p.T("sclient.clientCert.otherCAFix", "Use a client certificate issued by one of the listed CAs, or add the CA that issued {label} to the server's net.tls.CAFile (net.tls.clusterCAFile where that is set).", args)
	}
	return c
}

// clientCertificate is the first certificate of the first key file.
func (in *inspection) clientCertificate() *x509.Certificate {
	for _, it := range in.inputs {
		if it.role == RoleCertKeyFile && it.dec != nil && len(it.dec.Certs) > 0 {
			return it.dec.Certs[0].Cert
		}
	}
	return nil
}

// chainsToListedCA reports whether c's issuer, or an issuer of it among the
// certificates seen, has one of the names s_client listed.
func (in *inspection) chainsToListedCA(c *x509.Certificate, listed []string) bool {
	want := map[string]bool{}
	for _, l := range listed {
		want[foldDN(l)] = true
	}
	issuer := c.RawIssuer
	for range 8 { // a path is never longer than that here
		if want[foldDN(onelineName(issuer))] || want[foldDN(reversedName(issuer))] {
			return true
		}
		var up []byte
		for _, k := range in.certsByFP {
			if string(k.RawSubject) == string(issuer) && string(k.RawIssuer) != string(issuer) {
				up = k.RawIssuer
				break
			}
		}
		if up == nil {
			return false
		}
		issuer = up
	}
	return false
}

// shortNames are OpenSSL's short names of the usual name attributes.
var shortNames = map[string]string{
	"2.5.4.3": "CN", "2.5.4.6": "C", "2.5.4.7": "L", "2.5.4.8": "ST", "2.5.4.10": "O", "2.5.4.11": "OU",
	"2.5.4.5": "serialNumber", "2.5.4.4": "SN", "2.5.4.42": "GN", "2.5.4.12": "title", "2.5.4.9": "street",
	"2.5.4.17": "postalCode", "2.5.4.46": "dnQualifier", "2.5.4.65": "pseudonym",
	"1.2.840.113549.1.9.1": "emailAddress", "0.9.2342.19200300.100.1.25": "DC", "0.9.2342.19200300.100.1.1": "UID",
}

// onelineName writes a DER name as s_client prints it (OpenSSL's oneline
// form: "C = US, O = Example, CN = Example Root"), in the order of the DER.
func onelineName(raw []byte) string {
	var seq pkix.RDNSequence
	if rest, err := asn1.Unmarshal(raw, &seq); err != nil || len(rest) > 0 {
		return ""
	}
	var rdns []string
	for _, rdn := range seq {
		var atvs []string
		for _, atv := range rdn {
			t := atv.Type.String()
			if sn, ok := shortNames[t]; ok {
				t = sn
			}
			v, _ := atv.Value.(string)
			atvs = append(atvs, t+" = "+v)
		}
		rdns = append(rdns, strings.Join(atvs, " + "))
	}
	return strings.Join(rdns, ", ")
}

// reversedName is the oneline form in RFC 2253 order (s_client -nameopt
// RFC2253 lists the last attribute first).
func reversedName(raw []byte) string {
	parts := strings.Split(onelineName(raw), ", ")
	for i, j := 0, len(parts)-1; i < j; i, j = i+1, j-1 {
		parts[i], parts[j] = parts[j], parts[i]
	}
	return strings.Join(parts, ",")
}

// foldDN compares names written with or without spaces, quotes and case.
func foldDN(s string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case ' ', '"', '\\':
			return -1
		}
		return r
	}, strings.ToLower(s))
}
