package msgs

import (
	"go/token"
	"strings"
	"testing"
)

func TestExtractFile(t *testing.T) {
	src := "package x\n\nimport \"certinspect/core/i18n\"\n\n" +
		"func f(p *i18n.Printer, id string) {\n" +
		"\t_ = p.T(\"a.one\", \"One {x}\", i18n.Args{\"x\": 1})\n" +
		"\t_ = p.T(\n\t\t\"a.two\",\n\t\t`Raw \"two\"`,\n\t\tnil)\n" +
		"\t_ = p.T(\"a.three\", \"Three, \"+\n\t\t\"joined\", nil)\n" +
		"\t_ = p.T(id, \"Computed id\", nil)\n" +
		"\t_ = p.T(\"a.five\", fmtText(), nil)\n" +
		"\t_ = p.T(\"a.six\")\n" +
		"\t_ = x.y.T(\"a.seven\", \"Nested selector\", nil)\n" +
		"}\n"
	msgs, probs, err := ExtractFile(token.NewFileSet(), "core/decode/x.go", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	want := []Message{
		{"a.one", "One {x}", "core/decode/x.go:6", "decode"},
		{"a.two", "Raw \"two\"", "core/decode/x.go:7", "decode"},
		{"a.three", "Three, joined", "core/decode/x.go:11", "decode"},
		{"a.seven", "Nested selector", "core/decode/x.go:16", "decode"},
	}
	if len(msgs) != len(want) {
		t.Fatalf("got %d messages %+v, want %d", len(msgs), msgs, len(want))
	}
	for i := range want {
		if msgs[i] != want[i] {
			t.Errorf("message %d = %+v, want %+v", i, msgs[i], want[i])
		}
	}
	wantProbs := []string{
		"core/decode/x.go:13: message id is not a string literal: id",
		"core/decode/x.go:14: English text is not a string literal: fmtText()",
		"core/decode/x.go:15: T call with 1 arguments",
	}
	if len(probs) != len(wantProbs) {
		t.Fatalf("problems %v, want %d", probs, len(wantProbs))
	}
	for i, w := range wantProbs {
		if !strings.HasPrefix(probs[i].String(), w) {
			t.Errorf("problem %d = %q, want prefix %q", i, probs[i], w)
		}
	}

	// In a file that does not import the printer, T methods of other types
	// (with no literal id and English) yield nothing and are not reported.
	other := "package x\nfunc f(a A) { a.T(1, 2, 3) }\n"
	msgs, probs, err = ExtractFile(token.NewFileSet(), "core/x.go", []byte(other))
	if err != nil || len(msgs) != 0 || len(probs) != 0 {
		t.Errorf("non-i18n file: %v %v %v", msgs, probs, err)
	}
	if _, _, err := ExtractFile(token.NewFileSet(), "core/x.go", []byte("package")); err == nil {
		t.Error("syntax error not reported")
	}
}

// A file that calls T on a printer it was handed, without importing i18n
// (core/handover.go), still has its messages read; its odd T calls are not
// reported, as a T method there may be something else.
func TestExtractFileWithoutTheImport(t *testing.T) {
	src := "package core\n\n" +
		"func (in *inspection) f(id string) {\n" +
		"\tp := in.p\n" +
		"\t_ = p.T(\"handover.x\", \"Read the CRL\", nil)\n" +
		"\t_ = p.T(id, \"Computed\", nil)\n" +
		"\t_ = other.T(1, 2)\n" +
		"}\n"
	msgs, probs, err := ExtractFile(token.NewFileSet(), "core/handover.go", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if len(msgs) != 1 || msgs[0] != (Message{"handover.x", "Read the CRL", "core/handover.go:5", "core"}) {
		t.Fatalf("messages %+v", msgs)
	}
	if len(probs) != 0 {
		t.Fatalf("problems reported in a file that does not import i18n: %v", probs)
	}
}

func TestArea(t *testing.T) {
	for path, want := range map[string]string{
		"core/inspect.go":                 "core",
		"core/decode/pem.go":              "decode",
		"core/revocation/sub/x.go":        "revocation",
		"cmd/certinspect/render.go":       "cli",
		"wasm/main.go":                    "wasm",
		"core/i18n/internal/extract/x.go": "i18n",
	} {
		if got := Area(path); got != want {
			t.Errorf("Area(%q) = %q, want %q", path, got, want)
		}
	}
}
