package lint

import (
	"crypto/x509"
	"crypto/x509/pkix"
	"testing"

	"certinspect/core/report"
)

func TestRuleEmailInSubject(t *testing.T) {
	withEmail := func(san bool) func(testing.TB) []*x509.Certificate {
		return func(t testing.TB) []*x509.Certificate {
			return build(t, mods{leaf: func(c *x509.Certificate) {
				c.Subject.ExtraNames = []pkix.AttributeTypeAndValue{{Type: oidEmailAddress, Value: "dba@example.net"}}
				if san {
					c.EmailAddresses = []string{"DBA@example.net"}
				}
			}}).path()
		}
	}
	runRuleCases(t, "lint.emailInSubject", []ruleCase{
		{name: "no email", path: std},
		{name: "email in subject and SAN", path: withEmail(true)},
		{name: "email in subject only", want: report.Warn, path: withEmail(false)},
	})
}
