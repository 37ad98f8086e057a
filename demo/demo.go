// Package demo holds the demo event that a new Framelens database starts
// with: the Anadolu Agency report the project started from, and rewrites of
// the same report written for Framelens to show how other usage reads. The
// rewrites are marked illustrative and are never attributed to an outlet.
package demo

import (
	"embed"
	"fmt"

	"framelens/framing"
)

//go:embed articles/*.txt
var articles embed.FS

// SeedName identifies this data set in the database's record of seeds.
const SeedName = "demo-event-vladivostok-2022"

// Event returns the demo event and its articles.
func Event() (framing.EventInput, []framing.ArticleInput, error) {
	ev := framing.EventInput{
		Title: "Putin and Pashinyan meet in Vladivostok",
		Date:  "2022-09-07",
		Description: "Vladimir Putin and Nikol Pashinyan discuss Nagorno-Karabakh on the sidelines of the " +
			"Eastern Economic Forum. A demo event: one real report (Anadolu Agency) and two illustrative " +
			"rewrites written for Framelens to show how other usage reads.",
	}
	list := []struct {
		file string
		in   framing.ArticleInput
	}{
		{"anadolu-2022-09-07.txt", framing.ArticleInput{
			Outlet:   "Anadolu Agency",
			Headline: "Russian president, Armenian premier discuss Nagorno-Karabakh",
		}},
		{"rewrite-armenian-usage.txt", framing.ArticleInput{
			Outlet:       "Illustrative rewrite: Armenian usage",
			Headline:     "Pashinyan, Putin discuss security of Artsakh in Vladivostok",
			Illustrative: true,
		}},
		{"rewrite-wire-style.txt", framing.ArticleInput{
			Outlet:       "Illustrative rewrite: wire-service style",
			Headline:     "Putin, Pashinyan discuss Karabakh security at Vladivostok forum",
			Illustrative: true,
		}},
	}
	out := make([]framing.ArticleInput, 0, len(list))
	for _, a := range list {
		body, err := articles.ReadFile("articles/" + a.file)
		if err != nil {
			return ev, nil, fmt.Errorf("read demo article %s: %w", a.file, err)
		}
		a.in.Body = string(body)
		a.in.Published = "2022-09-07"
		a.in.Language = "en"
		out = append(out, a.in)
	}
	return ev, out, nil
}
