package explain

import (
	"regexp/syntax"
	"strings"
	"unicode/utf8"
)

// requiredLiterals returns lower-case strings of which at least one occurs
// (case-insensitively) in any text the pattern matches, or nil when no such
// set is known. Rules whose literals are absent from a text are skipped
// without running the pattern: most pasted texts hold few of the messages,
// and a pattern with no literal prefix costs a scan of the whole text.
func requiredLiterals(expr string) []string {
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return nil
	}
	set := literals(re.Simplify())
	for _, s := range set {
		if utf8.RuneCountInString(s) < 3 {
			return nil // too short to be worth a look-up
		}
	}
	return set
}

func literals(re *syntax.Regexp) []string {
	switch re.Op {
	case syntax.OpLiteral:
		return []string{strings.ToLower(string(re.Rune))}
	case syntax.OpCapture:
		return literals(re.Sub[0])
	case syntax.OpPlus:
		return literals(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return literals(re.Sub[0])
		}
		return nil
	case syntax.OpConcat:
		// Any child's set will do; the longest shortest literal filters best.
		var best []string
		bestLen := 0
		for _, sub := range re.Sub {
			set := literals(sub)
			if set == nil {
				continue
			}
			shortest := -1
			for _, s := range set {
				if shortest < 0 || len(s) < shortest {
					shortest = len(s)
				}
			}
			if shortest > bestLen {
				best, bestLen = set, shortest
			}
		}
		return best
	case syntax.OpAlternate:
		var out []string
		for _, sub := range re.Sub {
			set := literals(sub)
			if set == nil {
				return nil // one branch can match without a known literal
			}
			out = append(out, set...)
		}
		return out
	}
	return nil
}

// mayMatch reports whether rule r can match a text whose lower-case form is
// lower.
func (r *rule) mayMatch(lower string) bool {
	if len(r.kw) == 0 {
		return true
	}
	for _, k := range r.kw {
		if strings.Contains(lower, k) {
			return true
		}
	}
	return false
}
