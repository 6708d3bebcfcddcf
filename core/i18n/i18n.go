// Package i18n renders the user-visible texts of the report in the request's
// language. English lives in the code beside each message id (so the code reads
// naturally); other languages are catalogues of id → text, embedded as data and
// parsed on first use so that start-up pays nothing.
//
// A message is written as P.T("chain.noIssuer", "No issuer for {subject}", i18n.Args{"subject": s}).
// Placeholders are {name}; a test checks that every id used in the code exists in
// every catalogue with the same placeholders, and that no catalogue entry is unused.
//
// Catalogues are catalog/<lang>.<area>.json, one per package area (core, decode,
// mongouri, keyfile, explain, revocation, lint, cli). testdata/<lang>.source.json
// records the English each translation was made from, so that a changed English
// text shows its translation as stale. The workflow, from the repository root:
//
//	go run ./core/i18n/internal/extract -missing -json > todo.json   # ids to translate, with their English
//	go run ./core/i18n/internal/extract -merge todo.json             # after translating: into the area files
//	go run ./core/i18n/internal/extract -stale                       # English changed since translation
//	go run ./core/i18n/internal/extract -stamp id1,id2               # after reviewing those translations
//	go run ./core/i18n/internal/extract -check                       # what the test checks
package i18n

import (
	"embed"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"sync"
)

// Args are the values of a message's placeholders.
type Args map[string]any

// Languages lists the supported languages; the first is the default.
var Languages = []string{"en", "ja"}

//go:embed catalog/*.json
var catalogFS embed.FS

var (
	catalogsOnce sync.Once
	catalogs     map[string]map[string]string
	catalogErr   error
)

func loadCatalogs() {
	catalogs = map[string]map[string]string{}
	entries, err := catalogFS.ReadDir("catalog")
	if err != nil {
		catalogErr = err
		return
	}
	for _, e := range entries {
		// file names: <lang>.json or <lang>.<area>.json
		lang, _, _ := strings.Cut(strings.TrimSuffix(e.Name(), ".json"), ".")
		data, err := catalogFS.ReadFile("catalog/" + e.Name())
		if err != nil {
			catalogErr = err
			return
		}
		m := map[string]string{}
		if err := json.Unmarshal(data, &m); err != nil {
			catalogErr = fmt.Errorf("catalog %s: %w", e.Name(), err)
			return
		}
		if catalogs[lang] == nil {
			catalogs[lang] = map[string]string{}
		}
		for k, v := range m {
			catalogs[lang][k] = v
		}
	}
}

// Catalog returns the catalogue of one language (nil when there is none).
func Catalog(lang string) (map[string]string, error) {
	catalogsOnce.Do(loadCatalogs)
	return catalogs[lang], catalogErr
}

// Normalize maps a requested language ("ja-JP", "EN", "") to a supported one.
func Normalize(lang string) string {
	l := strings.ToLower(strings.TrimSpace(lang))
	for _, s := range Languages {
		if l == s || strings.HasPrefix(l, s+"-") || strings.HasPrefix(l, s+"_") {
			return s
		}
	}
	return Languages[0]
}

// Printer renders messages in one language.
type Printer struct {
	Lang string
}

// New returns a printer for lang (normalised).
func New(lang string) *Printer { return &Printer{Lang: Normalize(lang)} }

// English is the printer tests and internal callers use by default.
var English = &Printer{Lang: "en"}

// T renders message id in the printer's language; en is the English text.
func (p *Printer) T(id, en string, args Args) string {
	text := en
	if p != nil && p.Lang != "" && p.Lang != "en" {
		if cat, _ := Catalog(p.Lang); cat != nil {
			if t, ok := cat[id]; ok && t != "" {
				text = t
			}
		}
	}
	return Format(text, args)
}

// Format substitutes {name} placeholders with args. Unknown placeholders are
// left as they are, so a missing argument is visible rather than silent.
func Format(text string, args Args) string {
	if len(args) == 0 || !strings.Contains(text, "{") {
		return text
	}
	var b strings.Builder
	for {
		i := strings.IndexByte(text, '{')
		if i < 0 {
			b.WriteString(text)
			break
		}
		j := strings.IndexByte(text[i:], '}')
		if j < 0 {
			b.WriteString(text)
			break
		}
		name := text[i+1 : i+j]
		if v, ok := args[name]; ok {
			b.WriteString(text[:i])
			b.WriteString(fmt.Sprint(v))
		} else {
			b.WriteString(text[:i+j+1])
		}
		text = text[i+j+1:]
	}
	return b.String()
}

// Placeholders returns the sorted placeholder names of a text.
func Placeholders(text string) []string {
	var out []string
	seen := map[string]bool{}
	for {
		i := strings.IndexByte(text, '{')
		if i < 0 {
			break
		}
		j := strings.IndexByte(text[i:], '}')
		if j < 0 {
			break
		}
		name := text[i+1 : i+j]
		if name != "" && !strings.ContainsAny(name, " \n\"{") && !seen[name] {
			seen[name] = true
			out = append(out, name)
		}
		text = text[i+j+1:]
	}
	sort.Strings(out)
	return out
}
