package handlers

import (
	"github.com/labstack/echo/v4"

	"framelens/framing/classroom"
	"framelens/views"
)

// studentView builds a student's page: the session's articles cut into
// pieces that carry their byte offsets, the student's own marks, and,
// once revealed, the lexicon's matches. Until a blind session's reveal,
// every outlet name (label, headline, text, marks) is its alias.
func (s *Server) studentView(c echo.Context, cs classroom.Session, st classroom.Student) (views.StudentView, error) {
	ctx := c.Request().Context()
	m, articles, err := s.classArticles(ctx, cs)
	if err != nil {
		return views.StudentView{}, err
	}
	own, err := s.store.StudentMarks(ctx, st.ID)
	if err != nil {
		return views.StudentView{}, err
	}
	// The "refers to" list: the concepts of the lexicons that apply to
	// the event, those the matcher was compiled from.
	lexicons := m.Lexicons()
	mask, err := s.maskFor(c.Request().Context(), cs)
	if err != nil {
		return views.StudentView{}, err
	}
	cs.Title = mask.Mask(cs.Title) // a teacher may name an outlet in it
	// Until the reveal, the page leads nowhere: the public pages name the
	// outlets.
	v := views.StudentView{User: currentUser(c), Session: cs, Student: st, Blind: mask.Active()}
	byArticle := map[int64][]classroom.Mark{}
	labels := map[int64]string{}
	for _, mk := range own {
		byArticle[mk.ArticleID] = append(byArticle[mk.ArticleID], mk)
	}
	legend := classroom.Legend(m, articles)
	if cs.Phase.Revealed() {
		v.Legend = legend.Entries
	}
	for _, am := range articles {
		a := mask.Article(am.Article)
		labels[a.ID] = a.Outlet
		v.Articles = append(v.Articles, views.StudentArticle{ID: a.ID, Label: a.Outlet, Headline: a.Headline,
			Language: a.Language, Illustrative: a.Illustrative && !mask.Active(),
			Paragraphs: classroom.ReadingText(m, am, byArticle[a.ID], legend, cs.Phase.Revealed(), mask)})
	}
	concepts := map[int64]string{}
	for _, l := range lexicons {
		g := views.ConceptGroup{Lexicon: l.Name}
		for _, c := range l.Concepts {
			g.Concepts = append(g.Concepts, c)
			concepts[c.ID] = c.Name
		}
		if len(g.Concepts) > 0 {
			v.Concepts = append(v.Concepts, g)
		}
	}
	for _, mk := range own {
		v.Marks = append(v.Marks, views.OwnMark{ID: mk.ID, Article: labels[mk.ArticleID], Text: mask.Mask(mk.Text),
			Concept: concepts[mk.ConceptID], Note: mk.Note})
	}
	return v, nil
}
