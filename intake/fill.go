package intake

import "framelens/framing"

// Fill copies what the document found into the fields of in that are
// still empty: what a person typed always wins over what was extracted.
func (d Document) Fill(in *framing.ArticleInput) {
	fill := func(field *string, found string) {
		if *field == "" {
			*field = found
		}
	}
	fill(&in.Outlet, d.Outlet)
	fill(&in.Headline, d.Headline)
	fill(&in.Byline, d.Byline)
	fill(&in.Published, d.Published)
	fill(&in.Language, d.Language)
	fill(&in.URL, d.URL)
	fill(&in.Body, d.Text)
}
