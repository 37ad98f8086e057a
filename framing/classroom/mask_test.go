package classroom_test

import (
	"testing"
	"time"

	"framelens/framing"
	"framelens/framing/classroom"
)

func TestAMarkMayTakeAWholeOutletNameButNotPartOfOne(t *testing.T) {
	text := "The Northern Herald reported it."
	mask := framing.NewNameMasker([]framing.Article{{Outlet: "Northern Herald"}})
	for _, c := range []struct {
		start, end int
		cuts       bool
	}{
		{4, 19, false}, // the whole name
		{0, 28, false}, // the name and more
		{20, 28, false},
		{4, 18, true}, // "Northern Heral"
		{5, 19, true}, // "orthern Herald"
		{0, 12, true}, // "The Northern"
		{13, 31, true},
	} {
		if got := mask.CutsAName(text, framing.Span{Start: c.start, End: c.end}); got != c.cuts {
			t.Errorf("%q: cuts a name = %v, want %v", text[c.start:c.end], got, c.cuts)
		}
	}
	if (framing.NameMasker{}).CutsAName(text, framing.Span{Start: 4, End: 18}) {
		t.Error("with nothing hidden, nothing is cut")
	}
}

func TestABlindSessionHidesItsOwnOutletsFirstAndOnlyTheOthersItOpenedWith(t *testing.T) {
	opened := time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC)
	all := []framing.Article{
		{ID: 1, Outlet: "Wire", CreatedAt: opened.Add(-time.Hour)},
		{ID: 2, Outlet: "Herald", CreatedAt: opened.Add(-time.Hour)},
		{ID: 3, Outlet: "Other", CreatedAt: opened.Add(-time.Minute)},
		{ID: 4, Outlet: "the", CreatedAt: opened.Add(time.Minute)}, // added later by anyone
	}
	cs := classroom.Session{Blind: true, ArticleIDs: []int64{2, 1}, CreatedAt: opened, LastArticleID: 3}
	var got []string
	for _, a := range classroom.BlindMask(cs, all) {
		got = append(got, a.Outlet)
	}
	if len(got) != 3 || got[0] != "Herald" || got[1] != "Wire" || got[2] != "Other" {
		t.Errorf("mask %q, want Herald, Wire (reading order), then Other; not the later article", got)
	}
}

// One masker hides names everywhere: the longest name first, so that one
// outlet's name inside another's does not leave half of it showing, and
// the short form a note uses for an outlet too.
func TestTheMaskerHidesTheLongestNameFirstAndShortForms(t *testing.T) {
	m := framing.NewNameMasker([]framing.Article{{Outlet: "RIA"}, {Outlet: "RIA Novosti"}, {Outlet: "Anadolu Agency"},
		{Outlet: "The Guardian"}, {Outlet: "Associated Press"}})
	for _, c := range []struct{ in, want string }{
		{"RIA Novosti and RIA reported.", "Outlet B and Outlet A reported."},
		{"ria novosti", "Outlet B"},
		{"Anadolu and other Turkish outlets use it; ANADOLU AGENCY too.", "Outlet C and other Turkish outlets use it; Outlet C too."},
		{"the Guardian said; Guardian readers", "Outlet D said; Outlet D readers"},
		{"an associated press release; Associated", "an Outlet E release; Outlet E"},
		{"the guardian of the region", "Outlet D of the region"},
		{"a riad; an Anadolu-based firm", "a riad; an Outlet C-based firm"},
	} {
		if got := m.Mask(c.in); got != c.want {
			t.Errorf("Mask(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	if got := m.Outlet("ria  novosti"); got != "Outlet B" {
		t.Errorf("Outlet = %q", got)
	}
	if got := (framing.NameMasker{}).Mask("RIA Novosti"); got != "RIA Novosti" {
		t.Errorf("the zero masker changed %q", got)
	}
}
