package views

import (
	"net/url"
	"strconv"

	"framelens/framing"
)

// total is how many articles the event has, shown or not.
func (v EventView) total() int {
	if v.All != nil {
		return len(v.All)
	}
	return len(v.Articles)
}

// summarized is whether the page shows the texts of some articles only:
// then the table sums each row over all of them.
func (v EventView) summarized() bool { return v.total() > len(v.Articles) }

// offersPicker is whether there are more articles than a page shows by
// default, so that the reader may choose.
func (v EventView) offersPicker() bool { return v.total() > framing.DefaultShown }

// isShown is whether article a's text is on the page.
func (v EventView) isShown(a framing.Article) bool {
	for _, s := range v.Articles {
		if s.ID == a.ID {
			return true
		}
	}
	return false
}

// contextsURL is where the context lines of a concept in the shown
// articles are loaded from.
func (v EventView) contextsURL(conceptID int64) string {
	q := url.Values{}
	if v.Picked {
		for _, a := range v.Articles {
			q.Add("show", strconv.FormatInt(a.ID, 10))
		}
	}
	if v.Blind {
		q.Set("blind", "1")
	}
	u := eventURL(v.Event.ID) + "/contexts/" + strconv.FormatInt(conceptID, 10)
	if len(q) > 0 {
		u += "?" + q.Encode()
	}
	return u
}

// totalLabel says in how many articles a term is used.
func totalLabel(t framing.TermTotal) string {
	return framing.Plural(t.Articles, "article", "articles")
}
