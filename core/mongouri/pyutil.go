package mongouri

// Python behaviours PyMongo's parser relies on, reproduced exactly enough for
// its messages: urllib.parse.unquote_plus, str.isdigit/isspace, int(), float(),
// repr() of a str, and difflib.get_close_matches.

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

func unhex(c byte) (byte, bool) {
	switch {
	case c >= '0' && c <= '9':
		return c - '0', true
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10, true
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

// unquotePlus is urllib.parse.unquote_plus (utf-8, errors="replace").
func unquotePlus(s string) string {
	if !strings.ContainsAny(s, "%+") {
		return s
	}
	return unquote(strings.ReplaceAll(s, "+", " "))
}

func unquote(s string) string {
	if !strings.Contains(s, "%") {
		return s
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) {
			h, ok1 := unhex(s[i+1])
			l, ok2 := unhex(s[i+2])
			if ok1 && ok2 {
				b = append(b, h<<4|l)
				i += 2
				continue
			}
		}
		b = append(b, s[i])
	}
	return decodeReplace(b)
}

// decodeReplace decodes UTF-8 replacing each maximal invalid subpart with
// U+FFFD, as Python's errors="replace" does.
func decodeReplace(b []byte) string {
	if utf8.Valid(b) {
		return string(b)
	}
	var sb strings.Builder
	for len(b) > 0 {
		r, n := utf8.DecodeRune(b)
		if r != utf8.RuneError || n > 1 {
			sb.WriteRune(r)
			b = b[n:]
			continue
		}
		// invalid: consume the lead byte and the continuation bytes that
		// are still a valid prefix of a sequence
		sb.WriteRune(utf8.RuneError)
		c := b[0]
		need, lo, hi := 0, byte(0x80), byte(0xBF)
		switch {
		case c >= 0xC2 && c <= 0xDF:
			need = 1
		case c == 0xE0:
			need, lo = 2, 0xA0
		case c >= 0xE1 && c <= 0xEC, c == 0xEE, c == 0xEF:
			need = 2
		case c == 0xED:
			need, hi = 2, 0x9F
		case c == 0xF0:
			need, lo = 3, 0x90
		case c >= 0xF1 && c <= 0xF3:
			need = 3
		case c == 0xF4:
			need, hi = 3, 0x8F
		}
		k := 1
		for j := 0; j < need && k < len(b); j++ {
			x := b[k]
			if j == 0 {
				if x < lo || x > hi {
					break
				}
			} else if x < 0x80 || x > 0xBF {
				break
			}
			k++
		}
		b = b[k:]
	}
	return sb.String()
}

// unquotedPercent is uri_parser_shared._unquoted_percent.
func unquotedPercent(s string) bool {
	rs := []rune(s)
	for i, c := range rs {
		if c == '%' {
			end := i + 3
			if end > len(rs) {
				end = len(rs)
			}
			sub := string(rs[i:end])
			if unquotePlus(sub) == sub {
				return true
			}
		}
	}
	return false
}

// pyIsSpace is str.isspace for one character.
func pyIsSpace(c rune) bool {
	if c >= 0x1c && c <= 0x1f {
		return true
	}
	return unicode.IsSpace(c) || unicode.Is(unicode.Zs, c)
}

// pyIsDigitRune is str.isdigit for one character (Numeric_Type Decimal or Digit).
func pyIsDigitRune(c rune) bool {
	if unicode.IsDigit(c) {
		return true
	}
	switch {
	case c == 0xB2, c == 0xB3, c == 0xB9, c == 0x2070, c >= 0x2074 && c <= 0x2079,
		c >= 0x2080 && c <= 0x2089, c >= 0x2460 && c <= 0x2468, c >= 0x2474 && c <= 0x247C,
		c >= 0x2488 && c <= 0x2490, c == 0x24EA, c >= 0x24F5 && c <= 0x24FD, c == 0x24FF,
		c >= 0x2776 && c <= 0x277E, c >= 0x2780 && c <= 0x2788, c >= 0x278A && c <= 0x2792,
		c >= 0x1369 && c <= 0x1371, c == 0x19DA, c >= 0x1F100 && c <= 0x1F10A:
		return true
	}
	return false
}

func pyIsDigit(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		if !pyIsDigitRune(c) {
			return false
		}
	}
	return true
}

// digitValue returns the value of a Unicode decimal digit (category Nd).
func digitValue(c rune) (int, bool) {
	if c >= '0' && c <= '9' {
		return int(c - '0'), true
	}
	if !unicode.IsDigit(c) {
		return 0, false
	}
	start := c
	for start > 0 && unicode.IsDigit(start-1) && c-start < 64 {
		start--
	}
	return int(c-start) % 10, true
}

// pyDecimal converts a string of decimal digits (any script) to an int64,
// saturating at MaxInt64.
func pyDecimal(s string) (int64, bool) {
	if s == "" {
		return 0, false
	}
	var n int64
	for _, c := range s {
		d, ok := digitValue(c)
		if !ok {
			return 0, false
		}
		if n > (math.MaxInt64-int64(d))/10 {
			n = math.MaxInt64
		} else {
			n = n*10 + int64(d)
		}
	}
	return n, true
}

func pyStrip(s string) string { return strings.TrimFunc(s, pyIsSpace) }

// pyInt is int(str) (base 10): surrounding whitespace, a sign, digits of any
// script with single underscores between them. Saturates at ±MaxInt64.
func pyInt(s string) (int64, bool) {
	s = pyStrip(s)
	neg := false
	if s != "" && (s[0] == '+' || s[0] == '-') {
		neg = s[0] == '-'
		s = s[1:]
	}
	if s == "" || s[0] == '_' || s[len(s)-1] == '_' || strings.Contains(s, "__") {
		return 0, false
	}
	n, ok := pyDecimal(strings.ReplaceAll(s, "_", ""))
	if !ok {
		return 0, false
	}
	if neg {
		n = -n
	}
	return n, true
}

// pyFloat is float(str).
func pyFloat(s string) (float64, bool) {
	s = pyStrip(s)
	var b strings.Builder
	for _, c := range s {
		if d, ok := digitValue(c); ok {
			b.WriteByte(byte('0' + d))
		} else if c < utf8.RuneSelf {
			b.WriteRune(c)
		} else {
			return 0, false
		}
	}
	t := b.String()
	body := t
	if body != "" && (body[0] == '+' || body[0] == '-') {
		body = body[1:]
	}
	switch strings.ToLower(body) {
	case "inf", "infinity":
		if t[0] == '-' {
			return math.Inf(-1), true
		}
		return math.Inf(1), true
	case "nan":
		return math.NaN(), true
	}
	if !floatGrammar(body) {
		return 0, false
	}
	f, err := strconv.ParseFloat(strings.ReplaceAll(t, "_", ""), 64)
	if err != nil {
		if ne, ok := err.(*strconv.NumError); ok && ne.Err == strconv.ErrRange {
			return f, true
		}
		return 0, false
	}
	return f, true
}

// floatGrammar checks Python's decimal float literal (after the sign).
func floatGrammar(s string) bool {
	i := 0
	digitpart := func() bool {
		st := i
		if i >= len(s) || s[i] < '0' || s[i] > '9' {
			return false
		}
		for i < len(s) {
			if s[i] >= '0' && s[i] <= '9' {
				i++
			} else if s[i] == '_' && i+1 < len(s) && s[i+1] >= '0' && s[i+1] <= '9' && i > st {
				i++
			} else {
				break
			}
		}
		return true
	}
	hasInt := digitpart()
	hasFrac := false
	if i < len(s) && s[i] == '.' {
		i++
		hasFrac = digitpart()
	}
	if !hasInt && !hasFrac {
		return false
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		if !digitpart() {
			return false
		}
	}
	return i == len(s)
}

// pyFloatStr is str(float) for the values messages print.
func pyFloatStr(f float64) string {
	switch {
	case math.IsInf(f, 1):
		return "inf"
	case math.IsInf(f, -1):
		return "-inf"
	case math.IsNaN(f):
		return "nan"
	}
	if f == math.Trunc(f) && math.Abs(f) < 1e16 {
		return strconv.FormatFloat(f, 'f', 1, 64)
	}
	s := strconv.FormatFloat(f, 'g', -1, 64)
	if strings.Contains(s, "e") {
		m, e, _ := strings.Cut(s, "e")
		if len(e) == 3 && (e[1] == '0') {
			e = e[:1] + e[2:]
		}
		s = m + "e" + e
	}
	return s
}

// pyRepr is repr() of a Python str.
func pyRepr(s string) string {
	q := byte('\'')
	if strings.Contains(s, "'") && !strings.Contains(s, "\"") {
		q = '"'
	}
	var b strings.Builder
	b.WriteByte(q)
	for _, c := range s {
		b.WriteString(reprRune(c, q))
	}
	b.WriteByte(q)
	return b.String()
}

func pyReprRune(c rune) string { return pyRepr(string(c)) }

func reprRune(c rune, q byte) string {
	switch {
	case c == '\\':
		return `\\`
	case c == rune(q):
		return `\` + string(c)
	case c == '\t':
		return `\t`
	case c == '\n':
		return `\n`
	case c == '\r':
		return `\r`
	case c == ' ':
		return " "
	case c < 0x20 || c == 0x7f:
		return fmt.Sprintf(`\x%02x`, c)
	case c < 0x7f:
		return string(c)
	case unicode.IsPrint(c) && c != utf8.RuneError:
		return string(c)
	case c == utf8.RuneError:
		return string(c)
	case c <= 0xff:
		return fmt.Sprintf(`\x%02x`, c)
	case c <= 0xffff:
		return fmt.Sprintf(`\u%04x`, c)
	}
	return fmt.Sprintf(`\U%08x`, c)
}

// pyTupleRepr renders a tuple of strings as Python does: ('a', 'b').
func pyTupleRepr(items []string) string {
	parts := make([]string, len(items))
	for i, s := range items {
		parts[i] = pyRepr(s)
	}
	if len(parts) == 1 {
		return "(" + parts[0] + ",)"
	}
	return "(" + strings.Join(parts, ", ") + ")"
}

// closeMatches is difflib.get_close_matches(word, possibilities, n=3, cutoff=0.2).
func closeMatches(word string, possibilities []string) []string {
	b := []rune(word)
	// ratio <= 2*len(x)/(len(x)+len(b)); no candidate can reach 0.2 beyond this.
	longest := 0
	for _, p := range possibilities {
		if len(p) > longest {
			longest = len(p)
		}
	}
	if float64(2*longest)/float64(longest+len(b)) < 0.2 {
		return nil
	}
	b2j := map[rune][]int{}
	for j, c := range b {
		b2j[c] = append(b2j[c], j)
	}
	if n := len(b); n >= 200 { // autojunk "popular" elements
		ntest := n/100 + 1
		for c, idx := range b2j {
			if len(idx) > ntest {
				delete(b2j, c)
			}
		}
	}
	type scored struct {
		s float64
		x string
	}
	var res []scored
	for _, x := range possibilities {
		a := []rune(x)
		m := matchingTotal(a, b, b2j)
		t := len(a) + len(b)
		r := 1.0
		if t > 0 {
			r = 2.0 * float64(m) / float64(t)
		}
		if r >= 0.2 {
			res = append(res, scored{r, x})
		}
	}
	sort.Slice(res, func(i, j int) bool {
		if res[i].s != res[j].s {
			return res[i].s > res[j].s
		}
		return res[i].x > res[j].x
	})
	var out []string
	for i := 0; i < len(res) && i < 3; i++ {
		out = append(out, res[i].x)
	}
	return out
}

// matchingTotal is sum(size for get_matching_blocks()) of SequenceMatcher(None, a, b).
func matchingTotal(a, b []rune, b2j map[rune][]int) int {
	type span struct{ alo, ahi, blo, bhi int }
	queue := []span{{0, len(a), 0, len(b)}}
	total := 0
	for len(queue) > 0 {
		q := queue[len(queue)-1]
		queue = queue[:len(queue)-1]
		i, j, k := longestMatch(a, b, b2j, q.alo, q.ahi, q.blo, q.bhi)
		if k > 0 {
			total += k
			if q.alo < i && q.blo < j {
				queue = append(queue, span{q.alo, i, q.blo, j})
			}
			if i+k < q.ahi && j+k < q.bhi {
				queue = append(queue, span{i + k, q.ahi, j + k, q.bhi})
			}
		}
	}
	return total
}

func longestMatch(a, b []rune, b2j map[rune][]int, alo, ahi, blo, bhi int) (int, int, int) {
	besti, bestj, bestsize := alo, blo, 0
	j2len := map[int]int{}
	for i := alo; i < ahi; i++ {
		newj2len := map[int]int{}
		for _, j := range b2j[a[i]] {
			if j < blo {
				continue
			}
			if j >= bhi {
				break
			}
			k := j2len[j-1] + 1
			newj2len[j] = k
			if k > bestsize {
				besti, bestj, bestsize = i-k+1, j-k+1, k
			}
		}
		j2len = newj2len
	}
	for besti > alo && bestj > blo && a[besti-1] == b[bestj-1] {
		besti, bestj, bestsize = besti-1, bestj-1, bestsize+1
	}
	for besti+bestsize < ahi && bestj+bestsize < bhi && a[besti+bestsize] == b[bestj+bestsize] {
		bestsize++
	}
	return besti, bestj, bestsize
}

func isValidUTF8(s string) bool { return utf8.ValidString(s) }
