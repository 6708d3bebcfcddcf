// Package msgs finds the messages of the Go code: every call X.T(id, english, args)
// in a file that imports certinspect/core/i18n, read with go/parser so that
// multi-line calls, raw strings and concatenated literals are seen as Go sees them.
// It is a development tool (tests and the extract command), never linked into
// the core, and it reads the file system.
package msgs

import (
	"bytes"
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// ImportPath is the package whose printer the calls use.
const ImportPath = "certinspect/core/i18n"

// Message is one call site of Printer.T.
type Message struct {
	ID      string
	English string
	Pos     string // file:line, relative to the root
	Area    string // the catalogue area: the package directory under core/ ("core" for core itself, "cli" for cmd/certinspect)
}

// Problem is a call site that cannot be read as a message (id or English not a
// string literal, wrong number of arguments).
type Problem struct {
	Pos string
	Msg string
}

func (p Problem) String() string { return p.Pos + ": " + p.Msg }

// skipDir reports directories that hold no production Go code.
func skipDir(name string) bool {
	switch name {
	case "testdata", "node_modules", "dist", "build", "vendor":
		return true
	}
	return strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_")
}

// Extract walks root's Go sources (not _test.go, testdata, node_modules, hidden
// directories) and returns every message call in source order per file, files
// sorted by path.
func Extract(root string) ([]Message, []Problem, error) {
	var files []string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if path != root && skipDir(d.Name()) {
				return filepath.SkipDir
			}
			return nil
		}
		if strings.HasSuffix(path, ".go") && !strings.HasSuffix(path, "_test.go") {
			files = append(files, path)
		}
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	sort.Strings(files)
	var msgs []Message
	var probs []Problem
	fset := token.NewFileSet()
	for _, path := range files {
		src, err := os.ReadFile(path)
		if err != nil {
			return nil, nil, err
		}
		rel, _ := filepath.Rel(root, path)
		rel = filepath.ToSlash(rel)
		m, p, err := ExtractFile(fset, rel, src)
		if err != nil {
			return nil, nil, err
		}
		msgs = append(msgs, m...)
		probs = append(probs, p...)
	}
	return msgs, probs, nil
}

// ExtractFile reads the messages of one file; name is its slash path relative
// to the repository root (it decides the area).
func ExtractFile(fset *token.FileSet, name string, src []byte) ([]Message, []Problem, error) {
	f, err := parser.ParseFile(fset, name, src, parser.SkipObjectResolution)
	if err != nil {
		return nil, nil, err
	}
	// A file may call T on a printer it was handed (in.p.T) without
	// importing i18n itself (core/handover.go did, and its texts were never
	// translated): every file is read. Calls whose id and English are not
	// literals are reported only where i18n is imported, as elsewhere a T
	// method may be something else.
	strict := importsI18n(f) || f.Name.Name == "i18n"
	area := Area(name)
	var msgs []Message
	var probs []Problem
	ast.Inspect(f, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		sel, ok := call.Fun.(*ast.SelectorExpr)
		if !ok || sel.Sel.Name != "T" {
			return true
		}
		pos := fset.Position(call.Pos())
		where := fmt.Sprintf("%s:%d", name, pos.Line)
		if len(call.Args) != 3 || call.Ellipsis.IsValid() {
			if strict {
				probs = append(probs, Problem{where, fmt.Sprintf("T call with %d arguments; want T(id, english, args)", len(call.Args))})
			}
			return true
		}
		id, okID := literal(call.Args[0])
		en, okEn := literal(call.Args[1])
		if !okID && strict {
			probs = append(probs, Problem{where, "message id is not a string literal: " + exprString(fset, src, call.Args[0])})
		}
		if !okEn && strict {
			probs = append(probs, Problem{where, "English text is not a string literal: " + exprString(fset, src, call.Args[1])})
		}
		if okID && okEn {
			msgs = append(msgs, Message{ID: id, English: en, Pos: where, Area: area})
		}
		return true
	})
	return msgs, probs, nil
}

func importsI18n(f *ast.File) bool {
	for _, imp := range f.Imports {
		if p, err := strconv.Unquote(imp.Path.Value); err == nil && p == ImportPath {
			return true
		}
	}
	return false
}

// literal returns the value of a string literal, or of literals joined by +.
func literal(e ast.Expr) (string, bool) {
	switch x := e.(type) {
	case *ast.BasicLit:
		if x.Kind != token.STRING {
			return "", false
		}
		s, err := strconv.Unquote(x.Value)
		return s, err == nil
	case *ast.ParenExpr:
		return literal(x.X)
	case *ast.BinaryExpr:
		if x.Op != token.ADD {
			return "", false
		}
		a, ok1 := literal(x.X)
		b, ok2 := literal(x.Y)
		return a + b, ok1 && ok2
	}
	return "", false
}

func exprString(fset *token.FileSet, src []byte, e ast.Expr) string {
	s, t := fset.Position(e.Pos()).Offset, fset.Position(e.End()).Offset
	if s < 0 || t > len(src) || s > t {
		return "?"
	}
	out := string(src[s:t])
	if len(out) > 60 {
		out = out[:57] + "..."
	}
	return out
}

// Area names the catalogue file a message belongs in: ja.<area>.json.
func Area(relPath string) string {
	dir := filepath.ToSlash(filepath.Dir(relPath))
	switch {
	case dir == "core":
		return "core"
	case strings.HasPrefix(dir, "core/"):
		rest := strings.TrimPrefix(dir, "core/")
		first, _, _ := strings.Cut(rest, "/")
		return first
	case strings.HasPrefix(dir, "cmd/"):
		return "cli"
	}
	first, _, _ := strings.Cut(dir, "/")
	return first
}

// ByID groups the call sites per id.
func ByID(msgs []Message) map[string][]Message {
	out := map[string][]Message{}
	for _, m := range msgs {
		out[m.ID] = append(out[m.ID], m)
	}
	return out
}

// Entry is one translation in a catalogue file.
type Entry struct {
	Text string
	File string
}

// Catalogs reads the catalogue files of dir (<lang>.json, <lang>.<area>.json)
// as the printer does, but keeps the file of each entry and reports an id that
// two files of one language both define.
func Catalogs(dir string) (map[string]map[string]Entry, []Problem, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, nil, err
	}
	out := map[string]map[string]Entry{}
	var probs []Problem
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".json") {
			continue
		}
		lang, _, _ := strings.Cut(strings.TrimSuffix(e.Name(), ".json"), ".")
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			return nil, nil, err
		}
		m := map[string]string{}
		if err := json.Unmarshal(data, &m); err != nil {
			return nil, nil, fmt.Errorf("%s: %w", e.Name(), err)
		}
		if out[lang] == nil {
			out[lang] = map[string]Entry{}
		}
		for id, text := range m {
			if prev, dup := out[lang][id]; dup {
				probs = append(probs, Problem{e.Name(), fmt.Sprintf("id %q is also in %s", id, prev.File)})
			}
			out[lang][id] = Entry{Text: text, File: e.Name()}
		}
	}
	return out, probs, nil
}

// WriteCatalog writes one catalogue file with sorted keys, two-space indent
// and no HTML escaping, so diffs stay small and readable.
func WriteCatalog(path string, m map[string]string) error {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b bytes.Buffer
	b.WriteString("{\n")
	for i, k := range keys {
		kj, err := marshal(k)
		if err != nil {
			return err
		}
		vj, err := marshal(m[k])
		if err != nil {
			return err
		}
		b.WriteString("  " + kj + ": " + vj)
		if i < len(keys)-1 {
			b.WriteByte(',')
		}
		b.WriteByte('\n')
	}
	b.WriteString("}\n")
	return os.WriteFile(path, b.Bytes(), 0o644)
}

func marshal(s string) (string, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		return "", err
	}
	return strings.TrimSuffix(b.String(), "\n"), nil
}

// SourcePath is the file, relative to core/i18n, that records for each
// translated id the English text its translation was made from, so that a
// later change of the English marks the translation stale.
func SourcePath(lang string) string { return filepath.Join("testdata", lang+".source.json") }

// ReadSource reads a source record (an absent file is an empty record).
func ReadSource(path string) (map[string]string, error) {
	m := map[string]string{}
	data, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return m, nil
	}
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return m, nil
}
