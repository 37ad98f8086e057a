package main

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// reportText is a distinct article text of about n bytes: words drawn at
// random, so that no two reports look like near duplicates.
func reportText(seed uint64, n int) string {
	words := strings.Fields(`harbour council ferry river water levels bridge vote budget minister school
		road station hospital museum tram storm flood crops farmers market prices winter summer power grid
		port trade union strike talks mayor district court ruling appeal police report border crossing
		trucks grain wheat barley fishing boats coast guard rescue volunteers shelter blankets engineers`)
	r := rand.New(rand.NewPCG(seed, seed*31+7))
	var b strings.Builder
	for b.Len() < n {
		b.WriteString(words[r.IntN(len(words))])
		if r.IntN(12) == 0 {
			b.WriteString(". ")
		} else {
			b.WriteByte(' ')
		}
	}
	return fmt.Sprintf("Report %d. %s.", seed, strings.TrimSpace(b.String()))
}
