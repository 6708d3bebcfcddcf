// Package certid names certificates the same way everywhere in the report:
// the SHA-256 fingerprint that checks use as their subject, a short label,
// and serials and key identifiers in colon-separated hex.
package certid

import (
	"crypto/sha256"
	"crypto/x509"
	"encoding/asn1"
	"encoding/hex"
	"fmt"
	"math/big"
	"strings"
)

// Fingerprint is a certificate's SHA-256 fingerprint, lowercase hex: the id
// checks use as their Subject.
func Fingerprint(c *x509.Certificate) string {
	h := sha256.Sum256(c.Raw)
	return hex.EncodeToString(h[:])
}

// Label is a short human name for a certificate: its CN, else its first DNS
// SAN, else its subject, else its serial.
func Label(c *x509.Certificate) string {
	if c == nil {
		return ""
	}
	if c.Subject.CommonName != "" {
		return c.Subject.CommonName
	}
	if len(c.DNSNames) > 0 {
		return c.DNSNames[0]
	}
	if s := c.Subject.String(); s != "" {
		return s
	}
	return "serial " + SerialHex(c.SerialNumber)
}

// ColonHex renders bytes as "01:AB:CD".
func ColonHex(b []byte) string {
	s := strings.ToUpper(hex.EncodeToString(b))
	var out strings.Builder
	for i := 0; i < len(s); i += 2 {
		if i > 0 {
			out.WriteByte(':')
		}
		out.WriteString(s[i : i+2])
	}
	return out.String()
}

// SerialHex renders a serial number as "10:0B" (a minus sign first for the
// negative serials some broken CAs issue).
func SerialHex(n *big.Int) string {
	if n == nil {
		return ""
	}
	b := n.Bytes()
	if len(b) == 0 {
		b = []byte{0}
	}
	if n.Sign() < 0 {
		return "-" + ColonHex(b)
	}
	return ColonHex(b)
}

// ExtKeyUsageName names an extended key usage as RFC 5280 and OpenSSL do
// ("serverAuth", "clientAuth", ...).
func ExtKeyUsageName(e x509.ExtKeyUsage) string {
	if n, ok := extKeyUsageNames[e]; ok {
		return n
	}
	return fmt.Sprintf("eku(%d)", e)
}

var extKeyUsageNames = map[x509.ExtKeyUsage]string{
	x509.ExtKeyUsageAny:                            "anyExtendedKeyUsage",
	x509.ExtKeyUsageServerAuth:                     "serverAuth",
	x509.ExtKeyUsageClientAuth:                     "clientAuth",
	x509.ExtKeyUsageCodeSigning:                    "codeSigning",
	x509.ExtKeyUsageEmailProtection:                "emailProtection",
	x509.ExtKeyUsageIPSECEndSystem:                 "ipsecEndSystem",
	x509.ExtKeyUsageIPSECTunnel:                    "ipsecTunnel",
	x509.ExtKeyUsageIPSECUser:                      "ipsecUser",
	x509.ExtKeyUsageTimeStamping:                   "timeStamping",
	x509.ExtKeyUsageOCSPSigning:                    "OCSPSigning",
	x509.ExtKeyUsageMicrosoftServerGatedCrypto:     "msSGC",
	x509.ExtKeyUsageNetscapeServerGatedCrypto:      "nsSGC",
	x509.ExtKeyUsageMicrosoftCommercialCodeSigning: "msCodeCom",
	x509.ExtKeyUsageMicrosoftKernelCodeSigning:     "msKernelCode",
}

// ExtKeyUsageOIDName names an extended key usage given by its OID (as in
// OpenSSL trust settings), or returns the dotted OID.
func ExtKeyUsageOIDName(oid asn1.ObjectIdentifier) string {
	if oid.Equal(asn1.ObjectIdentifier{2, 5, 29, 37, 0}) {
		return extKeyUsageNames[x509.ExtKeyUsageAny]
	}
	kp := asn1.ObjectIdentifier{1, 3, 6, 1, 5, 5, 7, 3}
	if len(oid) == len(kp)+1 && oid[:len(kp)].Equal(kp) {
		byLast := map[int]x509.ExtKeyUsage{1: x509.ExtKeyUsageServerAuth, 2: x509.ExtKeyUsageClientAuth, 3: x509.ExtKeyUsageCodeSigning,
			4: x509.ExtKeyUsageEmailProtection, 8: x509.ExtKeyUsageTimeStamping, 9: x509.ExtKeyUsageOCSPSigning}
		if e, ok := byLast[oid[len(kp)]]; ok {
			return extKeyUsageNames[e]
		}
	}
	return oid.String()
}
