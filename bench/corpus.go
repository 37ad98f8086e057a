package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"

	"framelens/demo"
	"framelens/framing"
	"framelens/lexicons"
)

// The texts the load runs on are made at run time from the demo event's
// three articles (one report credited to its agency and two illustrative
// rewrites), so that they carry the lexicons' wordings; nothing of them
// is kept beyond the temporary database.

// demoSentences are the sentences of the demo articles, the material the
// generated articles are cut from.
func demoSentences() ([]string, []framing.ArticleInput, error) {
	_, articles, err := demo.Event()
	if err != nil {
		return nil, nil, err
	}
	var out []string
	for _, a := range articles {
		for _, para := range strings.Split(a.Body, "\n") {
			for _, s := range strings.SplitAfter(para, ". ") {
				if s = strings.TrimSpace(s); s != "" {
					out = append(out, s)
				}
			}
		}
	}
	return out, articles, nil
}

// seedLexicons loads the shipped lexicons into a new database, as the
// server does on its first start.
func seedLexicons(ctx context.Context, st benchStore) error {
	shipped, err := lexicons.Shipped()
	if err != nil {
		return err
	}
	_, err = st.SeedLexicons(ctx, shipped)
	return err
}

// seedComparisonEvent stores the event the comparison page is loaded
// with: six articles of about 1,500 words, each a demo article repeated
// with its own numbered parts, as in the handlers' EventPage benchmark.
func seedComparisonEvent(ctx context.Context, st benchStore) (int64, error) {
	_, articles, err := demoSentences()
	if err != nil {
		return 0, err
	}
	ev, err := st.CreateEvent(ctx, framing.EventInput{Title: "Load test: six long articles", Date: "2022-09-07",
		Description: "Generated for the load test from the demo event's articles."})
	if err != nil {
		return 0, err
	}
	for i := range 6 {
		src := articles[i%len(articles)]
		var body strings.Builder
		for body.Len() < 9000 {
			fmt.Fprintf(&body, "%s\nPart %d of outlet %d.\n", src.Body, body.Len(), i)
		}
		in := framing.ArticleInput{Outlet: fmt.Sprintf("Outlet %d", i), Headline: src.Headline, Language: "en",
			Body: body.String(), Illustrative: true}
		if _, err := st.AddArticle(ctx, ev.ID, in); err != nil {
			return 0, fmt.Errorf("store article %d of the load event: %w", i, err)
		}
	}
	return ev.ID, nil
}

// seedArchive stores n generated articles in events of perEvent articles,
// from outlets outlets: the "many stored articles" case. Each article is
// a distinct shuffle of demo sentences of 400–1,200 words.
func seedArchive(ctx context.Context, st benchStore, n, perEvent, outlets int, progress func(done int)) error {
	sentences, _, err := demoSentences()
	if err != nil {
		return err
	}
	r := rand.New(rand.NewPCG(1, 2))
	var eventID int64
	for i := range n {
		if i%perEvent == 0 {
			ev, err := st.CreateEvent(ctx, framing.EventInput{Title: fmt.Sprintf("Archive event %d", i/perEvent+1),
				Description: "Generated for the memory measurement."})
			if err != nil {
				return err
			}
			eventID = ev.ID
		}
		words := 400 + r.IntN(800)
		var body strings.Builder
		fmt.Fprintf(&body, "Generated article %d.", i+1)
		for count := 0; count < words; {
			s := sentences[r.IntN(len(sentences))]
			body.WriteByte(' ')
			body.WriteString(s)
			count += strings.Count(s, " ") + 1
			if r.IntN(6) == 0 {
				body.WriteByte('\n')
			}
		}
		in := framing.ArticleInput{Outlet: fmt.Sprintf("Archive outlet %d", r.IntN(outlets)+1),
			Headline: fmt.Sprintf("Generated article %d", i+1), Language: "en", Body: body.String(), Illustrative: true}
		if _, err := st.AddArticle(ctx, eventID, in); err != nil {
			return fmt.Errorf("store archive article %d: %w", i+1, err)
		}
		if progress != nil && (i+1)%1000 == 0 {
			progress(i + 1)
		}
	}
	return nil
}
