package i18n

import (
	"testing"
	"time"
)

func TestDate(t *testing.T) {
	tokyo := time.FixedZone("JST", 9*3600)
	tests := []struct {
		lang string
		at   time.Time
		want string
	}{
		{"en", time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC), "2026-06-01 00:00 UTC"},
		{"ja", time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC), "2026年6月1日 00:00 UTC"},
		// Another zone is shown as the same instant in UTC.
		{"en", time.Date(2026, 6, 1, 8, 30, 59, 0, tokyo), "2026-05-31 23:30 UTC"},
		{"ja", time.Date(2026, 6, 1, 8, 30, 59, 0, tokyo), "2026年5月31日 23:30 UTC"},
		{"ja", time.Date(2049, 12, 31, 23, 59, 0, 0, time.UTC), "2049年12月31日 23:59 UTC"},
		{"ja-JP", time.Date(2026, 1, 9, 5, 7, 0, 0, time.UTC), "2026年1月9日 05:07 UTC"},
		{"fr", time.Date(2026, 1, 9, 5, 7, 0, 0, time.UTC), "2026-01-09 05:07 UTC"},
	}
	for _, tc := range tests {
		if got := New(tc.lang).Date(tc.at); got != tc.want {
			t.Errorf("New(%q).Date(%v) = %q, want %q", tc.lang, tc.at, got, tc.want)
		}
	}
	var nilPrinter *Printer
	if got := nilPrinter.Date(time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)); got != "2026-06-01 00:00 UTC" {
		t.Errorf("nil printer Date = %q", got)
	}
}
