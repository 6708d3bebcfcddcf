package lint

import (
	"certinspect/core/certid"
	"crypto/x509"
	"time"

	"certinspect/core/i18n"
	"certinspect/core/report"
)

// cabfMaxValidityFrom is the date from which publicly trusted server
// certificates may be valid for at most 398 days (CA/B Forum ballot SC31).
var cabfMaxValidityFrom = time.Date(2020, 9, 1, 0, 0, 0, 0, time.UTC)

const cabfMaxValidity = 398 * 24 * time.Hour

// ruleValidityTooLong: server certificates issued since 2020-09-01 must not be
// valid for more than 398 days. Browsers and Apple platforms enforce it;
// OpenSSL does not, and private CAs (as MongoDB deployments often use) are not
// bound by the Baseline Requirements.
var ruleValidityTooLong = Rule{
	ID:          "lint.validityTooLong",
	Citation:    "CA/B Forum BR 6.3.2",
	Description: "A server certificate issued since 2020-09-01 is valid for more than 398 days.",
	Applies:     func(c *x509.Certificate, pos Position) bool { return pos.IsLeaf && !c.IsCA },
	Check: func(c *x509.Certificate, pos Position, p *i18n.Printer) *Finding {
		if c.NotBefore.Before(cabfMaxValidityFrom) {
			return nil
		}
		// The Baseline Requirements count both ends inclusively.
		d := c.NotAfter.Sub(c.NotBefore) + time.Second
		if d <= cabfMaxValidity {
			return nil
		}
		return &Finding{
			Status: report.Warn,
			Title:  p.T("lint.validityTooLong.title", "Server certificate valid for more than 398 days", nil),
			Detail: p.T("lint.validityTooLong.detail",
				"The server certificate \"{cert}\" is valid for {days} days (from {notBefore}). Publicly trusted server certificates issued since 1 September 2020 may be valid for at most 398 days; browsers and Apple platforms reject longer ones. A private CA is not bound by this rule.",
				i18n.Args{"cert": certid.Label(c), "days": int(d / (24 * time.Hour)), "notBefore": c.NotBefore.UTC().Format("2006-01-02")}),
			Fix: p.T("lint.validityTooLong.fix",
				"Nothing to change for PyMongo. If other clients must trust it, reissue the certificate for at most 398 days (openssl x509 -req -days 397 ...).", nil),
			Others: []string{p.T("lint.others.appleRejects", "Safari and macOS/iOS TLS reject it", nil), p.T("lint.others.chromeRejects", "Chrome rejects it when publicly trusted", nil)},
		}
	},
}
