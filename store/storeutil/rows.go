package storeutil

import "framelens/framing"

// Row is one row of a result: *sql.Row and *sql.Rows in the SQLite
// store, pgx.Row and pgx.Rows in the PostgreSQL one.
type Row interface {
	Scan(dest ...any) error
}

// ArticleColumns are the columns ScanArticle reads, from articles a
// joined to outlets o.
const ArticleColumns = `a.id, a.event_id, o.name, a.headline, a.byline, a.url, a.published, a.language, a.body, a.illustrative, a.created_at`

// ScanArticle reads the columns of ArticleColumns.
func ScanArticle(row Row) (framing.Article, error) {
	var a framing.Article
	err := row.Scan(&a.ID, &a.EventID, &a.Outlet, &a.Headline, &a.Byline, &a.URL,
		&a.Published, &a.Language, &a.Body, &a.Illustrative, &a.CreatedAt)
	return a, err
}

// OutletColumns are the columns ScanOutlet reads, from outlets o.
const OutletColumns = `o.id, o.name, o.country, o.language, o.url,
    (SELECT COUNT(*) FROM articles a WHERE a.outlet_id = o.id)`

// ScanOutlet reads the columns of OutletColumns.
func ScanOutlet(row Row) (framing.Outlet, error) {
	var o framing.Outlet
	err := row.Scan(&o.ID, &o.Name, &o.Country, &o.Language, &o.URL, &o.ArticleCount)
	return o, err
}

// ScanPerspective reads a row of PerspectivesSQL into its lexicon.
func (ls *Lexicons) ScanPerspective(row Row) error {
	var p framing.Perspective
	var lexID int64
	if err := row.Scan(&p.ID, &lexID, &p.Slug, &p.Name, &p.Description, &p.Color); err != nil {
		return err
	}
	ls.AddPerspective(lexID, p)
	return nil
}

// ScanConcept reads a row of ConceptsSQL into its lexicon.
func (ls *Lexicons) ScanConcept(row Row) error {
	var c framing.Concept
	var lexID int64
	if err := row.Scan(&c.ID, &lexID, &c.Slug, &c.Name, &c.Category, &c.Description); err != nil {
		return err
	}
	ls.AddConcept(lexID, c)
	return nil
}

// ScanLexiconVersion reads a row of LexiconVersionsSQL into the key.
func (k *LexiconKey) ScanLexiconVersion(row Row) error {
	var id, version int64
	if err := row.Scan(&id, &version); err != nil {
		return err
	}
	k.Add(id, version)
	return nil
}
