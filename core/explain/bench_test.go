package explain

import (
	"testing"

	"certinspect/core/i18n"
)

func BenchmarkExplainServerSelection(b *testing.B) {
	text := cases[0].text
	b.SetBytes(int64(len(text)))
	for i := 0; i < b.N; i++ {
		Explain(text, i18n.English)
	}
}
