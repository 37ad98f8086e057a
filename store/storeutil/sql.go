package storeutil

// SQL that both dialects read alike, written once so the two stores
// cannot ask for different things. Only statements without parameters
// are here: SQLite's placeholders are ?, PostgreSQL's $n, and where the
// dialects differ otherwise (RETURNING, arrays against JSON text, order
// of text, existence checks before an insert) each store keeps its own
// text and says why.
const (
	LexiconsSQL     = `SELECT id, slug, name, description, language, version, scope, anchors FROM lexicons ORDER BY id`
	PerspectivesSQL = `SELECT id, lexicon_id, slug, name, description, color FROM perspectives ORDER BY lexicon_id, id`
	ConceptsSQL     = `SELECT id, lexicon_id, slug, name, category, description FROM concepts ORDER BY lexicon_id, position, id`
	TermsSQL        = `
SELECT t.id, t.concept_id, COALESCE(p.slug, ''), t.phrase, t.language, t.match_mode, t.variants,
       t.note, t.neutral, t.source_title, t.source_url
FROM terms t LEFT JOIN perspectives p ON p.id = t.perspective_id
ORDER BY t.concept_id, t.position, t.id`
	LexiconVersionsSQL = `SELECT id, version FROM lexicons ORDER BY id`

	UserCountSQL = `SELECT COUNT(*) FROM users`

	// EventOutletsSQL lists each event's outlets in the order their
	// articles were added.
	EventOutletsSQL = `
SELECT a.event_id, o.name
FROM articles a JOIN outlets o ON o.id = a.outlet_id
GROUP BY a.event_id, o.id
ORDER BY a.event_id, MIN(a.id)`
)
