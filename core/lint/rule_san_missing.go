package lint

import (
	"certinspect/core/certid"
	"crypto/x509"

	"certinspect/core/i18n"
	"certinspect/core/report"
)

// ruleSANMissing: server certificates must name their hosts in
// subjectAltName. PyMongo (Python's ssl over OpenSSL) still falls back to the
// subject CN when there is no DNS SAN; Go, browsers and the Node.js driver do
// not.
var ruleSANMissing = Rule{
	ID:          "lint.sanMissing",
	Citation:    "CA/B Forum BR 7.1.2.7.12",
	Description: "The server certificate has no subjectAltName extension.",
	Applies:     func(c *x509.Certificate, pos Position) bool { return pos.IsLeaf },
	Check: func(c *x509.Certificate, pos Position, p *i18n.Printer) *Finding {
		if ext(c, oidSAN) != nil {
			return nil
		}
		return &Finding{
			Status: report.Warn,
			Title:  p.T("lint.sanMissing.title", "Server certificate without subject alternative names", nil),
			Detail: p.T("lint.sanMissing.detail",
				"The server certificate \"{cert}\" has no subjectAltName extension, so clients can only match the host against the subject CN \"{cn}\". PyMongo (OpenSSL) still does that; Go, browsers, the Node.js driver and other modern drivers do not and refuse it.",
				i18n.Args{"cert": certid.Label(c), "cn": c.Subject.CommonName}),
			Fix: p.T("lint.sanMissing.fix",
				"Reissue the certificate with every host name clients use in subjectAltName, e.g. -addext \"subjectAltName=DNS:db0.example.net,DNS:db1.example.net\".", nil),
			Others: []string{"Go crypto/x509", p.T("lint.others.nodeDriver", "Node.js driver", nil), p.T("lint.others.browsers", "browsers", nil)},
		}
	},
}
