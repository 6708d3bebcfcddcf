// Package shell writes the words of the commands the report hands over.
package shell

import "strings"

// Quote quotes a word for a POSIX shell when it needs it: a word of letters,
// digits and ._-/+,:@%= stays as it is; anything else is put in single
// quotes (a quote in it as '\”).
func Quote(s string) string {
	if s != "" && strings.IndexFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("._-/+,:@%=", r))
	}) < 0 {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
