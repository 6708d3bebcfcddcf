// Command extract lists the messages of the Go code against the catalogues.
//
//	go run ./core/i18n/internal/extract -missing         ids missing from ja, with their English and call site
//	go run ./core/i18n/internal/extract -missing -json   the same as one JSON object id → English, to translate
//	go run ./core/i18n/internal/extract -merge t.json    put translated ids into catalog/ja.<area>.json (area from the code)
//	go run ./core/i18n/internal/extract -stale           translations whose English changed since they were made
//	go run ./core/i18n/internal/extract -stamp ID,ID|all record the current English as reviewed for these translations
//	go run ./core/i18n/internal/extract -unused          catalogue ids no code uses
//	go run ./core/i18n/internal/extract -check           every problem the catalogue test would report; exit 1 if any
//	go run ./core/i18n/internal/extract -list            every message: id, area, call site, English
//
// Run it from anywhere inside the repository. -lang picks the catalogue (default ja).
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"certinspect/core/i18n"
	"certinspect/core/i18n/internal/msgs"
)

func main() {
	var (
		lang    = flag.String("lang", "ja", "catalogue language")
		missing = flag.Bool("missing", false, "list ids missing from the catalogue")
		asJSON  = flag.Bool("json", false, "with -missing: print one JSON object id → English")
		unused  = flag.Bool("unused", false, "list catalogue ids that no code uses")
		check   = flag.Bool("check", false, "report every problem; exit status 1 if any")
		list    = flag.Bool("list", false, "list every message")
		merge   = flag.String("merge", "", "merge a JSON file of translations (id → text) into the area catalogues")
		stale   = flag.Bool("stale", false, "list translations whose English changed since they were made")
		stamp   = flag.String("stamp", "", "comma-separated ids (or all) whose translations were reviewed against the current English")
	)
	flag.Parse()
	root, err := repoRoot()
	if err != nil {
		fail(err)
	}
	all, probs, err := msgs.Extract(root)
	if err != nil {
		fail(err)
	}
	byID := msgs.ByID(all)
	catDir := filepath.Join(root, "core", "i18n", "catalog")
	cats, catProbs, err := msgs.Catalogs(catDir)
	if err != nil {
		fail(err)
	}
	cat := cats[*lang]
	srcPath := filepath.Join(root, "core", "i18n", msgs.SourcePath(*lang))
	source, err := msgs.ReadSource(srcPath)
	if err != nil {
		fail(err)
	}

	switch {
	case *merge != "":
		merged, err := doMerge(*merge, catDir, *lang, byID, cat)
		if err != nil {
			fail(err)
		}
		for _, id := range merged {
			source[id] = byID[id][0].English
		}
		if err := writeSource(srcPath, source, byID, cat, merged); err != nil {
			fail(err)
		}
	case *stale:
		for _, id := range staleIDs(byID, cat, source) {
			fmt.Printf("%s\t%s\t%s\n\twas: %s\n\tnow: %s\n\t%s: %s\n", byID[id][0].Area, id, byID[id][0].Pos, source[id], byID[id][0].English, *lang, cat[id].Text)
		}
	case *stamp != "":
		var ids []string
		if *stamp == "all" {
			ids = staleIDs(byID, cat, source)
		} else {
			ids = strings.Split(*stamp, ",")
		}
		for _, id := range ids {
			id = strings.TrimSpace(id)
			if _, ok := cat[id]; !ok || len(byID[id]) == 0 {
				fail(fmt.Errorf("%s: not a translated id of the code", id))
			}
			source[id] = byID[id][0].English
		}
		if err := writeSource(srcPath, source, byID, cat, ids); err != nil {
			fail(err)
		}
		fmt.Fprintf(os.Stderr, "stamped %d ids\n", len(ids))
	case *missing:
		miss := missingIDs(byID, cat)
		if *asJSON {
			out := map[string]string{}
			for _, id := range miss {
				out[id] = byID[id][0].English
			}
			enc := json.NewEncoder(os.Stdout)
			enc.SetEscapeHTML(false)
			enc.SetIndent("", "  ")
			if err := enc.Encode(out); err != nil {
				fail(err)
			}
		} else {
			for _, id := range miss {
				m := byID[id][0]
				fmt.Printf("%s\t%s\t%s\n\t%s\n", m.Area, id, m.Pos, m.English)
			}
		}
		fmt.Fprintf(os.Stderr, "%d of %d ids missing from %s\n", len(miss), len(byID), *lang)
	case *unused:
		for _, id := range unusedIDs(byID, cat) {
			fmt.Printf("%s\t%s\n", cat[id].File, id)
		}
	case *list:
		for _, m := range all {
			fmt.Printf("%s\t%s\t%s\n\t%s\n", m.Area, m.ID, m.Pos, m.English)
		}
	case *check:
		n := 0
		report := func(s string) { n++; fmt.Println(s) }
		for _, p := range probs {
			report(p.String())
		}
		for _, p := range catProbs {
			report(p.String())
		}
		for _, id := range sortedIDs(byID) {
			ms := byID[id]
			for _, m := range ms[1:] {
				if m.English != ms[0].English {
					report(fmt.Sprintf("%s: id %s has other English than at %s", m.Pos, id, ms[0].Pos))
				}
			}
			e, ok := cat[id]
			switch {
			case !ok:
				report(fmt.Sprintf("%s: id %s missing from %s", ms[0].Pos, id, *lang))
			case strings.TrimSpace(e.Text) == "":
				report(fmt.Sprintf("%s: id %s is empty", e.File, id))
			case !equal(placeholders(e.Text), placeholders(ms[0].English)):
				report(fmt.Sprintf("%s: id %s placeholders %v, English has %v", e.File, id, placeholders(e.Text), placeholders(ms[0].English)))
			}
		}
		for _, id := range unusedIDs(byID, cat) {
			report(fmt.Sprintf("%s: id %s is used by no code", cat[id].File, id))
		}
		for _, id := range staleIDs(byID, cat, source) {
			report(fmt.Sprintf("%s: id %s: the English changed since it was translated (see -stale)", byID[id][0].Pos, id))
		}
		fmt.Fprintf(os.Stderr, "%d ids, %d problems\n", len(byID), n)
		if n > 0 {
			os.Exit(1)
		}
	default:
		flag.Usage()
		os.Exit(2)
	}
}

func doMerge(path, catDir, lang string, byID map[string][]msgs.Message, cat map[string]msgs.Entry) ([]string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	in := map[string]string{}
	if err := json.Unmarshal(data, &in); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	files := map[string]map[string]string{} // file name → contents
	load := func(name string) (map[string]string, error) {
		if m, ok := files[name]; ok {
			return m, nil
		}
		m := map[string]string{}
		data, err := os.ReadFile(filepath.Join(catDir, name))
		if err == nil {
			if err := json.Unmarshal(data, &m); err != nil {
				return nil, fmt.Errorf("%s: %w", name, err)
			}
		} else if !os.IsNotExist(err) {
			return nil, err
		}
		files[name] = m
		return m, nil
	}
	skipped := 0
	var merged []string
	for id, text := range in {
		ms, used := byID[id]
		if !used {
			fmt.Fprintf(os.Stderr, "skip %s: no code uses it\n", id)
			skipped++
			continue
		}
		if !equal(placeholders(text), placeholders(ms[0].English)) {
			fmt.Fprintf(os.Stderr, "skip %s: placeholders %v, English has %v\n", id, placeholders(text), placeholders(ms[0].English))
			skipped++
			continue
		}
		name := lang + "." + ms[0].Area + ".json"
		if e, ok := cat[id]; ok {
			name = e.File // an id stays in the file that has it
		}
		m, err := load(name)
		if err != nil {
			return nil, err
		}
		m[id] = text
		merged = append(merged, id)
	}
	for name, m := range files {
		if err := msgs.WriteCatalog(filepath.Join(catDir, name), m); err != nil {
			return nil, err
		}
	}
	fmt.Fprintf(os.Stderr, "merged %d, skipped %d, into %d files\n", len(in)-skipped, skipped, len(files))
	return merged, nil
}

// staleIDs are translated ids whose English is not the one recorded when
// they were translated (or that have no record).
func staleIDs(byID map[string][]msgs.Message, cat map[string]msgs.Entry, source map[string]string) []string {
	var out []string
	for id := range cat {
		ms, used := byID[id]
		if !used {
			continue
		}
		if en, ok := source[id]; !ok || en != ms[0].English {
			out = append(out, id)
		}
	}
	sort.Strings(out)
	return out
}

// writeSource saves the record, keeping only ids that are still translated.
func writeSource(path string, source map[string]string, byID map[string][]msgs.Message, cat map[string]msgs.Entry, fresh []string) error {
	keep := map[string]string{}
	isFresh := map[string]bool{}
	for _, id := range fresh {
		isFresh[id] = true
	}
	for id, en := range source {
		if _, ok := cat[id]; ok || isFresh[id] {
			keep[id] = en
		}
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return msgs.WriteCatalog(path, keep)
}

func missingIDs(byID map[string][]msgs.Message, cat map[string]msgs.Entry) []string {
	var out []string
	for id := range byID {
		if e, ok := cat[id]; !ok || strings.TrimSpace(e.Text) == "" {
			out = append(out, id)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		ai, aj := byID[out[i]][0].Area, byID[out[j]][0].Area
		if ai != aj {
			return ai < aj
		}
		return out[i] < out[j]
	})
	return out
}

func unusedIDs(byID map[string][]msgs.Message, cat map[string]msgs.Entry) []string {
	var out []string
	for id := range cat {
		if _, ok := byID[id]; !ok {
			out = append(out, id)
		}
	}
	sort.Strings(out)
	return out
}

func sortedIDs(byID map[string][]msgs.Message) []string {
	out := make([]string, 0, len(byID))
	for id := range byID {
		out = append(out, id)
	}
	sort.Strings(out)
	return out
}

// placeholders are i18n's own (the printer package parses its catalogue only
// when asked, so a broken catalogue does not stop this command).
func placeholders(text string) []string { return i18n.Placeholders(text) }

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func repoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("no go.mod above the current directory")
		}
		dir = parent
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "extract:", err)
	os.Exit(1)
}
