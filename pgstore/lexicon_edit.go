package pgstore

import (
	"context"
	"errors"

	"github.com/jackc/pgx/v5"

	"framelens/framing"
	"framelens/store/storeutil"
)

// Lexicon returns one lexicon whole, or ENotFound.
func (s *Store) Lexicon(ctx context.Context, id int64) (framing.Lexicon, error) {
	all, err := s.Lexicons(ctx)
	if err != nil {
		return framing.Lexicon{}, err
	}
	return storeutil.FindLexicon(all, id)
}

// The edits of a lexicon are storeutil's; this file is PostgreSQL's side
// of them (storeutil.LexiconTx).

// CreateConcept adds a concept, without terms, at the end of a lexicon.
func (s *Store) CreateConcept(ctx context.Context, lexID int64, c framing.Concept) (framing.Concept, error) {
	return storeutil.CreateConcept(ctx, editor{s}, lexID, c)
}

// UpdateConcept changes a concept's name, category and description.
func (s *Store) UpdateConcept(ctx context.Context, lexID int64, c framing.Concept) error {
	return storeutil.UpdateConcept(ctx, editor{s}, lexID, c)
}

// DeleteConcept removes a concept and its terms.
func (s *Store) DeleteConcept(ctx context.Context, lexID, conceptID int64) error {
	return storeutil.DeleteConcept(ctx, editor{s}, lexID, conceptID)
}

// CreateTerm validates a term and adds it to a concept of the lexicon.
func (s *Store) CreateTerm(ctx context.Context, lexID, conceptID int64, t framing.Term) (framing.Term, error) {
	return storeutil.CreateTerm(ctx, editor{s}, lexID, conceptID, t)
}

// UpdateTerm validates and saves a term of the lexicon.
func (s *Store) UpdateTerm(ctx context.Context, lexID int64, t framing.Term) error {
	return storeutil.UpdateTerm(ctx, editor{s}, lexID, t)
}

// DeleteTerm removes a term of the lexicon.
func (s *Store) DeleteTerm(ctx context.Context, lexID, termID int64) error {
	return storeutil.DeleteTerm(ctx, editor{s}, lexID, termID)
}

// editor is the store as storeutil.LexiconEditor, kept off the store's
// own methods.
type editor struct{ *Store }

// InLexiconTx runs an edit of a lexicon in a transaction.
func (s editor) InLexiconTx(ctx context.Context, fn func(storeutil.LexiconTx) error) error {
	return s.inTx(ctx, func(tx pgx.Tx) error { return fn(lexiconTx{parts{tx}}) })
}

// IsUnique tells PostgreSQL's unique violation.
func (editor) IsUnique(err error) bool { return isUniqueViolation(err) }

const (
	bumpLexiconSQL   = `UPDATE lexicons SET version = version + 1, updated_at = now() WHERE id = $1`
	conceptOfLexSQL  = `SELECT 1 FROM concepts WHERE id = $1 AND lexicon_id = $2`
	conceptTakenSQL  = `SELECT EXISTS (SELECT 1 FROM concepts WHERE lexicon_id = $1 AND slug = $2)`
	termOfLexSQL     = `SELECT t.concept_id FROM terms t JOIN concepts c ON c.id = t.concept_id WHERE t.id = $1 AND c.lexicon_id = $2`
	nextConceptPos   = `SELECT COALESCE(MAX(position), -1) + 1 FROM concepts WHERE lexicon_id = $1`
	nextTermPos      = `SELECT COALESCE(MAX(position), -1) + 1 FROM terms WHERE concept_id = $1`
	updateConceptSQL = `UPDATE concepts SET name = $1, category = $2, description = $3 WHERE id = $4`
	deleteConceptSQL = `DELETE FROM concepts WHERE id = $1`
	perspectiveIDSQL = `SELECT id FROM perspectives WHERE lexicon_id = $1 AND slug = $2`
	updateTermSQL    = `
UPDATE terms SET perspective_id = $1, phrase = $2, language = $3, match_mode = $4, variants = $5, note = $6, neutral = $7,
       source_title = $8, source_url = $9
WHERE id = $10`
	deleteTermSQL = `DELETE FROM terms WHERE id = $1`
	siblingsSQL   = `SELECT phrase, language FROM terms WHERE concept_id = $1 AND id <> $2 ORDER BY id`
)

// lexiconTx is storeutil.LexiconTx on a PostgreSQL transaction; parts
// inserts concepts and terms.
type lexiconTx struct{ parts }

func (x lexiconTx) BumpLexicon(ctx context.Context, lexID int64) (bool, error) {
	tag, err := x.tx.Exec(ctx, bumpLexiconSQL, lexID)
	return tag.RowsAffected() > 0, err
}

func (x lexiconTx) ConceptInLexicon(ctx context.Context, conceptID, lexID int64) (bool, error) {
	var one int64
	return found(x.tx.QueryRow(ctx, conceptOfLexSQL, conceptID, lexID).Scan(&one))
}

func (x lexiconTx) TermConcept(ctx context.Context, termID, lexID int64) (int64, bool, error) {
	var conceptID int64
	ok, err := found(x.tx.QueryRow(ctx, termOfLexSQL, termID, lexID).Scan(&conceptID))
	return conceptID, ok, err
}

// ConceptTaken asks before the insert: the lexicon's row, held since the
// version was raised, makes the answer hold until the edit commits.
func (x lexiconTx) ConceptTaken(ctx context.Context, lexID int64, slug string) (bool, error) {
	var taken bool
	err := x.tx.QueryRow(ctx, conceptTakenSQL, lexID, slug).Scan(&taken)
	return taken, err
}

func (x lexiconTx) NextConceptPosition(ctx context.Context, lexID int64) (int, error) {
	var pos int
	err := x.tx.QueryRow(ctx, nextConceptPos, lexID).Scan(&pos)
	return pos, err
}

func (x lexiconTx) NextTermPosition(ctx context.Context, conceptID int64) (int, error) {
	var pos int
	err := x.tx.QueryRow(ctx, nextTermPos, conceptID).Scan(&pos)
	return pos, err
}

func (x lexiconTx) UpdateConcept(ctx context.Context, c framing.Concept) error {
	_, err := x.tx.Exec(ctx, updateConceptSQL, c.Name, c.Category, c.Description, c.ID)
	return err
}

func (x lexiconTx) DeleteConcept(ctx context.Context, conceptID int64) error {
	_, err := x.tx.Exec(ctx, deleteConceptSQL, conceptID)
	return err
}

func (x lexiconTx) Siblings(ctx context.Context, conceptID, termID int64, fn func(phrase, language string)) error {
	return queryOn(ctx, x.tx, siblingsSQL, func(rows pgx.Rows) error {
		var phrase, lang string
		if err := rows.Scan(&phrase, &lang); err != nil {
			return err
		}
		fn(phrase, lang)
		return nil
	}, conceptID, termID)
}

func (x lexiconTx) PerspectiveID(ctx context.Context, lexID int64, slug string) (int64, error) {
	var pid int64
	err := x.tx.QueryRow(ctx, perspectiveIDSQL, lexID, slug).Scan(&pid)
	return pid, err
}

// UpdateTerm stores the variants as a text array, never NULL.
func (x lexiconTx) UpdateTerm(ctx context.Context, perspective *int64, t framing.Term) error {
	_, err := x.tx.Exec(ctx, updateTermSQL, perspective, t.Phrase, t.Language, t.MatchMode(), nonNil(t.Variants),
		t.Note, t.Neutral, t.SourceTitle, t.SourceURL, t.ID)
	return err
}

func (x lexiconTx) DeleteTerm(ctx context.Context, termID int64) error {
	_, err := x.tx.Exec(ctx, deleteTermSQL, termID)
	return err
}

// found turns a scan of one row into whether the row was there.
func found(err error) (bool, error) {
	if errors.Is(err, pgx.ErrNoRows) {
		return false, nil
	}
	return err == nil, err
}
