package framing_test

import (
	"testing"
	"time"

	"framelens/framing"
)

func TestAMarkMayTakeAWholeOutletNameButNotPartOfOne(t *testing.T) {
	text := "The Northern Herald reported it."
	mask := []framing.Article{{Outlet: "Northern Herald"}}
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
		if got := framing.CutsAName(text, framing.Span{Start: c.start, End: c.end}, mask); got != c.cuts {
			t.Errorf("%q: cuts a name = %v, want %v", text[c.start:c.end], got, c.cuts)
		}
	}
	if framing.CutsAName(text, framing.Span{Start: 4, End: 18}, nil) {
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
	cs := framing.ClassSession{Blind: true, ArticleIDs: []int64{2, 1}, CreatedAt: opened, LastArticleID: 3}
	var got []string
	for _, a := range framing.BlindMask(cs, all) {
		got = append(got, a.Outlet)
	}
	if len(got) != 3 || got[0] != "Herald" || got[1] != "Wire" || got[2] != "Other" {
		t.Errorf("mask %q, want Herald, Wire (reading order), then Other; not the later article", got)
	}
}
