package intake

import (
	"testing"

	"framelens/framing"
)

func TestFillKeepsWhatThePersonTyped(t *testing.T) {
	d := Document{Text: "Body found.", Headline: "Found headline", Outlet: "Found Outlet", Byline: "A. Writer",
		Published: "2026-05-02", Language: "en", URL: "https://example.org/a"}
	in := framing.ArticleInput{Headline: "My headline", Language: "ru"}
	d.Fill(&in)
	want := framing.ArticleInput{Headline: "My headline", Language: "ru", Outlet: "Found Outlet", Byline: "A. Writer",
		Published: "2026-05-02", URL: "https://example.org/a", Body: "Body found."}
	if in != want {
		t.Errorf("got %+v\nwant %+v", in, want)
	}
}
