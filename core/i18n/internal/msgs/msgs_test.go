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

	// A file that does not import the printer is not read (t.T of other types).
	other := "package x\nfunc f(a A) { a.T(1, 2, 3) }\n"
	msgs, probs, err = ExtractFile(token.NewFileSet(), "core/x.go", []byte(other))
	if err != nil || len(msgs) != 0 || len(probs) != 0 {
		t.Errorf("non-i18n file: %v %v %v", msgs, probs, err)
	}
	if _, _, err := ExtractFile(token.NewFileSet(), "core/x.go", []byte("package")); err == nil {
		t.Error("syntax error not reported")
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
