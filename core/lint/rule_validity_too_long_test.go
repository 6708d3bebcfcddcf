package lint

import (
	"crypto/x509"
	"testing"
	"time"

	"certinspect/core/report"
)

func TestRuleValidityTooLong(t *testing.T) {
	validFor := func(from time.Time, d time.Duration) func(testing.TB) []*x509.Certificate {
		return func(t testing.TB) []*x509.Certificate {
			return build(t, mods{leaf: func(c *x509.Certificate) { c.NotBefore, c.NotAfter = from, from.Add(d) }}).path()
		}
	}
	day := 24 * time.Hour
	runRuleCases(t, "lint.validityTooLong", []ruleCase{
		{name: "398 days inclusive", path: validFor(t0, 398*day-time.Second)},
		{name: "398 days and one second", want: report.Warn, path: validFor(t0, 398*day)},
		{name: "two years", want: report.Warn, path: validFor(t0, 730*day)},
		{name: "issued before September 2020", path: validFor(time.Date(2020, 8, 31, 0, 0, 0, 0, time.UTC), 3650*day)},
		// CA certificates are not bound by the rule (the root here is 11 years).
		{name: "long-lived CAs", path: std},
	})
}
