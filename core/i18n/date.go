package i18n

import (
	"fmt"
	"time"
)

// Date renders an instant for a reader of the printer's language, always in
// UTC and saying so: the core knows no time zone (certificates, CRLs and OCSP
// responses state UTC), and a support engineer and a customer in different
// zones must read the same moment. Minutes are enough for validity dates.
//
//	en: 2026-06-01 00:00 UTC
//	ja: 2026年6月1日 00:00 UTC
func (p *Printer) Date(t time.Time) string {
	u := t.UTC()
	lang := "en"
	if p != nil {
		lang = p.Lang
	}
	switch lang {
	case "ja":
		return fmt.Sprintf("%d年%d月%d日 %02d:%02d UTC", u.Year(), int(u.Month()), u.Day(), u.Hour(), u.Minute())
	default:
		return u.Format("2006-01-02 15:04") + " UTC"
	}
}
