package framing_test

import (
	"testing"

	"framelens/framing"
)

func TestThePageShowsTheFirstEightOrThePickedArticlesOfTheEventAtMostSixteen(t *testing.T) {
	var articles []framing.Article
	var all []int64
	for i := range 30 {
		articles = append(articles, framing.Article{ID: int64(100 + i)})
		all = append(all, int64(100+i))
	}
	ids := func(list []framing.Article) []int64 {
		var out []int64
		for _, a := range list {
			out = append(out, a.ID)
		}
		return out
	}
	if got := ids(framing.ChooseShown(articles, nil)); len(got) != framing.DefaultShown || got[0] != 100 {
		t.Errorf("by default: %v", got)
	}
	if got := ids(framing.ChooseShown(articles, []int64{129, 7, 103})); len(got) != 2 || got[0] != 103 || got[1] != 129 {
		t.Errorf("picked 129, 103 and another event's 7: %v", got)
	}
	if got := ids(framing.ChooseShown(articles, []int64{7})); len(got) != framing.DefaultShown {
		t.Errorf("a pick of none of the event's: %v", got)
	}
	if got := framing.ChooseShown(articles, all); len(got) != framing.MaxShown {
		t.Errorf("picked all 30, shown %d", len(got))
	}
}
