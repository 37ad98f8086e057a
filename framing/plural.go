package framing

import "strconv"

// Plural writes a count with its noun in the number the count needs:
// "1 character", "0 characters", "12 characters". Every message that
// states a count goes through it.
func Plural(n int, one, many string) string {
	if n == 1 || n == -1 {
		return strconv.Itoa(n) + " " + one
	}
	return strconv.Itoa(n) + " " + many
}
