package handlers_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"framelens/framing"
)

func findTerm(t *testing.T, st testStore, slug, phrase string) (framing.Lexicon, framing.Concept, framing.Term) {
	t.Helper()
	all, err := st.Lexicons(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range all {
		if l.Slug != slug {
			continue
		}
		for _, c := range l.Concepts {
			for _, term := range c.Terms {
				if term.Phrase == phrase {
					return l, c, term
				}
			}
		}
	}
	t.Fatalf("no term %q in %s", phrase, slug)
	return framing.Lexicon{}, framing.Concept{}, framing.Term{}
}

func termForm(term framing.Term) url.Values {
	return url.Values{
		"phrase": {term.Phrase}, "language": {term.Language}, "perspective": {term.Perspective}, "match": {term.MatchMode()},
		"variants": {strings.Join(term.Variants, "\n")}, "note": {term.Note}, "neutral": {term.Neutral},
		"source_title": {term.SourceTitle}, "source_url": {term.SourceURL},
	}
}

func TestTheLexiconPageListsConceptsByCategoryAndFilters(t *testing.T) {
	srv, st := newSeededServer(t)
	lex, _, _ := findTerm(t, st, "nagorno-karabakh", "Khankendi")
	base := srv.URL + "/lexicons/" + strconv.FormatInt(lex.ID, 10)
	resp, body := get(t, newBrowser(t), base)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d", resp.StatusCode)
	}
	doc, _ := goquery.NewDocumentFromReader(strings.NewReader(body))
	if n := doc.Find("[data-testid=term]").Length(); n != lex.TermCount() {
		t.Errorf("page shows %d terms, lexicon has %d", n, lex.TermCount())
	}
	if doc.Find("a[href$='/concepts/new']").Length() != 0 {
		t.Error("a visitor who is not logged in sees edit links")
	}
	_, body = get(t, newBrowser(t), base+"?q=khankandi&language=en")
	doc, _ = goquery.NewDocumentFromReader(strings.NewReader(body))
	var phrases []string
	doc.Find(".term__phrase").Each(func(_ int, s *goquery.Selection) { phrases = append(phrases, s.Text()) })
	if strings.Join(phrases, ",") != "Khankendi" {
		t.Errorf("search for the variant khankandi in English shows %v", phrases)
	}
	_, body = get(t, newBrowser(t), base+"?perspective=armenian&q=zzzz")
	if !strings.Contains(body, "Nothing matches") {
		t.Error("an empty result has no empty state")
	}
	resp, _ = get(t, newBrowser(t), srv.URL+"/lexicons/999")
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("missing lexicon: %d", resp.StatusCode)
	}
}

func TestEditingATermChangesTheComparison(t *testing.T) {
	srv, st := newSeededServer(t)
	createUser(t, st, "teacher")
	c := newBrowser(t)
	logIn(t, srv.URL, c, "teacher")
	lex, _, term := findTerm(t, st, "nagorno-karabakh", "recaptured")
	before := getComparison(t, srv.URL+"/api/events/1/comparison")
	if !comparisonHasTerm(before, "recaptured") {
		t.Fatal("the demo comparison lacks 'recaptured'")
	}

	termURL := srv.URL + "/lexicons/" + strconv.FormatInt(lex.ID, 10) + "/terms/" + strconv.FormatInt(term.ID, 10)
	resp, body := get(t, c, termURL)
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, `value="recaptured"`) {
		t.Fatalf("edit form: %d", resp.StatusCode)
	}

	// A bad edit is refused whole and the form keeps what was typed.
	form := termForm(term)
	form.Set("phrase", "retook control")
	form.Set("source_url", "javascript:alert(1)")
	resp, body = postForm(t, c, termURL, form)
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, `value="retook control"`) || !strings.Contains(body, "http:// or https://") {
		t.Fatalf("invalid edit: %d", resp.StatusCode)
	}
	_, _, unchanged := findTerm(t, st, "nagorno-karabakh", "recaptured")
	if unchanged.SourceURL != term.SourceURL {
		t.Fatal("an invalid edit was half-saved")
	}

	form = termForm(term)
	form.Set("phrase", "regained")
	form.Set("variants", "")
	resp, _ = postForm(t, c, termURL, form)
	if resp.StatusCode != http.StatusSeeOther || !strings.Contains(resp.Header.Get("Location"), "saved=term") {
		t.Fatalf("save: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	_, body = get(t, c, srv.URL+resp.Header.Get("Location"))
	if !strings.Contains(body, "Term saved") || !strings.Contains(body, ">regained<") {
		t.Error("the lexicon page does not show the saved term")
	}
	after := getComparison(t, srv.URL+"/api/events/1/comparison")
	if comparisonHasTerm(after, "recaptured") || comparisonHasTerm(after, "regained") {
		t.Error("the comparison still uses the old term, or finds the new one where the text has none")
	}
}

func comparisonHasTerm(c comparisonResult, phrase string) bool {
	for _, r := range c.Rows {
		for _, cell := range r.Cells {
			for _, term := range cell.Terms {
				if term.Term == phrase {
					return true
				}
			}
		}
	}
	return false
}

func TestAddingAConceptLeadsToItsFirstTermAndDeletingRemovesIt(t *testing.T) {
	srv, st := newSeededServer(t)
	createUser(t, st, "teacher")
	c := newBrowser(t)
	logIn(t, srv.URL, c, "teacher")
	lex, _, _ := findTerm(t, st, "nagorno-karabakh", "Khankendi")
	base := srv.URL + "/lexicons/" + strconv.FormatInt(lex.ID, 10)

	resp, body := postForm(t, c, base+"/concepts", url.Values{"name": {""}, "category": {"places"}})
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, `value="places"`) {
		t.Fatalf("concept without a name: %d", resp.StatusCode)
	}
	resp, _ = postForm(t, c, base+"/concepts", url.Values{"name": {"The Lachin checkpoint"}, "category": {"places"}})
	loc := resp.Header.Get("Location")
	if resp.StatusCode != http.StatusSeeOther || !strings.HasSuffix(loc, "/terms/new") {
		t.Fatalf("create concept: %d to %q", resp.StatusCode, loc)
	}
	resp, _ = get(t, c, srv.URL+loc)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("new term form: %d", resp.StatusCode)
	}
	newTerm := framing.Term{Phrase: "Hakari bridge checkpoint", Language: "en", Perspective: "azerbaijani-official",
		Note: "Azerbaijan's name for the post it set up in April 2023.", SourceURL: "https://en.wikipedia.org/wiki/Lachin_corridor"}
	resp, _ = postForm(t, c, srv.URL+strings.TrimSuffix(loc, "/new"), termForm(newTerm))
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("create term: %d", resp.StatusCode)
	}
	_, concept, created := findTerm(t, st, "nagorno-karabakh", "Hakari bridge checkpoint")

	// A term id from another lexicon is not found through this one.
	other, _, foreign := findTerm(t, st, "attribution-verbs", "said")
	resp, _ = get(t, c, base+"/terms/"+strconv.FormatInt(foreign.ID, 10))
	if resp.StatusCode != http.StatusNotFound || other.ID == lex.ID {
		t.Errorf("a term of another lexicon: %d", resp.StatusCode)
	}

	resp, _ = postForm(t, c, base+"/terms/"+strconv.FormatInt(created.ID, 10)+"/delete", nil)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("delete term: %d", resp.StatusCode)
	}
	resp, _ = postForm(t, c, base+"/concepts/"+strconv.FormatInt(concept.ID, 10)+"/delete", nil)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("delete concept: %d", resp.StatusCode)
	}
	loaded, err := st.Lexicon(context.Background(), lex.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, cc := range loaded.Concepts {
		if cc.ID == concept.ID {
			t.Error("the deleted concept is still there")
		}
	}
	if loaded.Version < 5 {
		t.Errorf("four edits raised the version to %d", loaded.Version)
	}
}
