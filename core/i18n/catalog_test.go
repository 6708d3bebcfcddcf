package i18n

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"certinspect/core/i18n/internal/msgs"
)

// TestMain checks, before any test uses a printer, that importing the package
// parsed no catalogue: start-up (the wasm page, the worker) must pay nothing.
func TestMain(m *testing.M) {
	if catalogs != nil || catalogErr != nil {
		fmt.Fprintln(os.Stderr, "i18n: catalogues were loaded at init; they must be parsed on first use")
		os.Exit(1)
	}
	os.Exit(m.Run())
}

const extractCmd = "go run ./core/i18n/internal/extract -missing"

// repoMessages extracts every Printer.T call of the repository's Go code.
func repoMessages(t *testing.T) map[string][]msgs.Message {
	t.Helper()
	root := filepath.Join("..", "..")
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		t.Fatalf("repository root not found at %s: %v", root, err)
	}
	all, probs, err := msgs.Extract(root)
	if err != nil {
		t.Fatalf("extract: %v", err)
	}
	for _, p := range probs {
		t.Errorf("%s (the catalogue test reads messages statically: write T(\"id\", \"English\", args) with literals)", p)
	}
	if len(all) < 100 {
		t.Fatalf("only %d message calls found under %s; the extractor is broken", len(all), root)
	}
	return msgs.ByID(all)
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// TestMessageIDs: one id, one English text, and ids that look like ids.
func TestMessageIDs(t *testing.T) {
	byID := repoMessages(t)
	for _, id := range sortedKeys(byID) {
		ms := byID[id]
		for _, m := range ms[1:] {
			if m.English != ms[0].English {
				t.Errorf("%s: id %q has English %q, but %s has %q; one id, one text", m.Pos, id, m.English, ms[0].Pos, ms[0].English)
			}
		}
		if !validID(id) {
			t.Errorf("%s: id %q is not dotted lowercase-camel", ms[0].Pos, id)
		}
		if strings.TrimSpace(ms[0].English) == "" {
			t.Errorf("%s: id %q has no English text", ms[0].Pos, id)
		}
	}
	t.Logf("%d message ids", len(byID))
}

func validID(id string) bool {
	parts := strings.Split(id, ".")
	if len(parts) < 2 {
		return false
	}
	for _, p := range parts {
		if p == "" || p[0] < 'a' || p[0] > 'z' {
			return false
		}
		for _, r := range p {
			if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || r == '-') {
				return false
			}
		}
	}
	return true
}

// TestCatalogsComplete: every id of the code is in every catalogue, translated,
// with the English's placeholders, and no catalogue entry is left unused.
func TestCatalogsComplete(t *testing.T) {
	byID := repoMessages(t)
	for _, lang := range Languages[1:] {
		cat, err := Catalog(lang)
		if err != nil {
			t.Fatalf("catalogue %s: %v", lang, err)
		}
		var missing []string
		for _, id := range sortedKeys(byID) {
			m := byID[id][0]
			text, ok := cat[id]
			switch {
			case !ok:
				missing = append(missing, fmt.Sprintf("  %s  %s\n      %q", m.Pos, id, m.English))
			case strings.TrimSpace(text) == "":
				t.Errorf("%s: id %s has an empty translation", lang, id)
			case text == m.English && looksLikeProse(text):
				t.Errorf("%s: id %s (%s) is the English sentence untranslated: %q", lang, id, m.Pos, text)
			default:
				got, want := Placeholders(text), Placeholders(m.English)
				if !slices.Equal(got, want) {
					t.Errorf("%s: id %s has placeholders %v, the English (%s) has %v\n  %s: %q\n  en: %q", lang, id, got, m.Pos, want, lang, text, m.English)
				}
			}
		}
		if len(missing) > 0 {
			t.Errorf("%d of %d message ids have no %s translation (list them with `%s`):\n%s",
				len(missing), len(byID), lang, extractCmd, strings.Join(missing, "\n"))
		}
		// A translation is of one English text: when the English changes, the
		// translation must be reviewed (extract -stale lists them, -stamp
		// records the review).
		source, err := msgs.ReadSource(msgs.SourcePath(lang))
		if err != nil {
			t.Fatal(err)
		}
		var stale []string
		for _, id := range sortedKeys(byID) {
			if _, ok := cat[id]; !ok {
				continue
			}
			m := byID[id][0]
			if was, ok := source[id]; !ok {
				stale = append(stale, fmt.Sprintf("  %s  %s: no record of the English it translates", m.Pos, id))
			} else if was != m.English {
				stale = append(stale, fmt.Sprintf("  %s  %s\n      was: %q\n      now: %q", m.Pos, id, was, m.English))
			}
		}
		if len(stale) > 0 {
			t.Errorf("%d %s translations were made from another English text; review them (`go run ./core/i18n/internal/extract -stale`), fix the translation, then `-stamp ID,...`:\n%s",
				len(stale), lang, strings.Join(stale, "\n"))
		}
		var unused []string
		for _, id := range sortedKeys(cat) {
			if _, ok := byID[id]; !ok {
				unused = append(unused, id)
			}
		}
		if len(unused) > 0 {
			t.Errorf("%d %s catalogue entries are used by no code (remove them, or the code lost a message): %s",
				len(unused), lang, strings.Join(unused, ", "))
		}
	}
}

// looksLikeProse tells a sentence (several words, closing punctuation) from a
// command or a name, which a translation may keep as it is.
func looksLikeProse(s string) bool {
	s = strings.TrimSpace(s)
	return strings.Count(s, " ") >= 3 && strings.ContainsAny(s[len(s)-1:], ".:!?")
}

// TestCatalogFiles: the files themselves. Each parses, belongs to a supported
// language, and no id is defined twice (the printer merges files, so a
// duplicate would silently pick one).
func TestCatalogFiles(t *testing.T) {
	cats, probs, err := msgs.Catalogs("catalog")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range probs {
		t.Error(p)
	}
	for lang := range cats {
		if lang == "en" || !slices.Contains(Languages, lang) {
			t.Errorf("catalogue files for %q: not a translated language of %v", lang, Languages)
		}
	}
	entries, err := catalogFS.ReadDir("catalog")
	if err != nil {
		t.Fatal(err)
	}
	disk, _ := filepath.Glob(filepath.Join("catalog", "*.json"))
	if len(entries) != len(disk) {
		t.Errorf("embedded %d catalogue files, the directory has %d", len(entries), len(disk))
	}
}

func TestFormat(t *testing.T) {
	tests := []struct {
		text string
		args Args
		want string
	}{
		{"plain", nil, "plain"},
		{"{a} and {b}", Args{"a": 1, "b": "two"}, "1 and two"},
		{"{a}{a}", Args{"a": "x"}, "xx"},
		{"missing {b} stays", Args{"a": 1}, "missing {b} stays"},
		{"no args {a}", nil, "no args {a}"},
		{"unclosed {a", Args{"a": 1}, "unclosed {a"},
		{"{a} then unclosed {", Args{"a": 1}, "1 then unclosed {"},
		{"json {\"k\": 1} {a}", Args{"a": "v"}, "json {\"k\": 1} v"},
		{"日本語 {a} です", Args{"a": "tlsCAFile"}, "日本語 tlsCAFile です"},
		{"{}", Args{"": "empty"}, "empty"},
		{"value with braces {a}", Args{"a": "{b}"}, "value with braces {b}"},
	}
	for _, tc := range tests {
		if got := Format(tc.text, tc.args); got != tc.want {
			t.Errorf("Format(%q, %v) = %q, want %q", tc.text, tc.args, got, tc.want)
		}
	}
}

func TestPlaceholders(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"none", nil},
		{"{b} {a} {b}", []string{"a", "b"}},
		{"{}", nil},
		{"{with space} {x}", []string{"x"}},
		{"open { only", nil},
		{"{\"json\": 1}", nil},
		{"{証明書} {cert}", []string{"cert", "証明書"}},
	}
	for _, tc := range tests {
		if got := Placeholders(tc.text); !slices.Equal(got, tc.want) {
			t.Errorf("Placeholders(%q) = %v, want %v", tc.text, got, tc.want)
		}
	}
}

func TestNormalize(t *testing.T) {
	for in, want := range map[string]string{"": "en", "en": "en", "EN-us": "en", "ja": "ja", "ja-JP": "ja", "ja_JP": "ja", " JA ": "ja", "fr": "en", "jap": "en"} {
		if got := Normalize(in); got != want {
			t.Errorf("Normalize(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestPrinterT(t *testing.T) {
	ja := New("ja-JP")
	if ja.Lang != "ja" {
		t.Fatalf("New(ja-JP).Lang = %q", ja.Lang)
	}
	// An id no catalogue has falls back to the English, formatted.
	if got := ja.T("i18n.test.unknownId", "Hello {who}", Args{"who": "world"}); got != "Hello world" {
		t.Errorf("unknown id in ja = %q, want the English", got)
	}
	var nilPrinter *Printer
	if got := nilPrinter.T("x.y", "n {a}", Args{"a": 1}); got != "n 1" {
		t.Errorf("nil printer = %q", got)
	}
	if got := New("fr").T("x.y", "English", nil); got != "English" {
		t.Errorf("fr printer = %q", got)
	}
	// A known id is translated in ja and stays English in en.
	cat, err := Catalog("ja")
	if err != nil {
		t.Fatal(err)
	}
	byID := repoMessages(t)
	checked := 0
	for _, id := range sortedKeys(byID) {
		text, ok := cat[id]
		if !ok {
			continue
		}
		en := byID[id][0].English
		args := Args{}
		for i, name := range Placeholders(en) {
			args[name] = fmt.Sprintf("<%d>", i)
		}
		if got, want := ja.T(id, en, args), Format(text, args); got != want {
			t.Errorf("ja.T(%s) = %q, want %q", id, got, want)
		}
		if got, want := English.T(id, en, args), Format(en, args); got != want {
			t.Errorf("English.T(%s) = %q, want %q", id, got, want)
		}
		checked++
	}
	if checked == 0 {
		t.Error("no ja translation to check")
	}
}
