package store

import (
	"context"
	"database/sql"
	"errors"

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

// The edits of a lexicon are storeutil's; this file is SQLite's side of
// them (storeutil.LexiconTx).

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
	return s.inTx(ctx, func(tx *sql.Tx) error { return fn(lexiconTx{parts{tx}}) })
}

// IsUnique tells SQLite's unique violation.
func (editor) IsUnique(err error) bool { return isUniqueViolation(err) }

const (
	bumpLexiconSQL   = `UPDATE lexicons SET version = version + 1, updated_at = CURRENT_TIMESTAMP WHERE id = ?`
	conceptOfLexSQL  = `SELECT 1 FROM concepts WHERE id = ? AND lexicon_id = ?`
	termOfLexSQL     = `SELECT t.concept_id FROM terms t JOIN concepts c ON c.id = t.concept_id WHERE t.id = ? AND c.lexicon_id = ?`
	nextConceptPos   = `SELECT COALESCE(MAX(position), -1) + 1 FROM concepts WHERE lexicon_id = ?`
	nextTermPos      = `SELECT COALESCE(MAX(position), -1) + 1 FROM terms WHERE concept_id = ?`
	updateConceptSQL = `UPDATE concepts SET name = ?, category = ?, description = ? WHERE id = ?`
	deleteConceptSQL = `DELETE FROM concepts WHERE id = ?`
	perspectiveIDSQL = `SELECT id FROM perspectives WHERE lexicon_id = ? AND slug = ?`
	updateTermSQL    = `
UPDATE terms SET perspective_id = ?, phrase = ?, language = ?, match_mode = ?, variants = ?, note = ?, neutral = ?,
       source_title = ?, source_url = ?
WHERE id = ?`
	deleteTermSQL = `DELETE FROM terms WHERE id = ?`
	siblingsSQL   = `SELECT phrase, language FROM terms WHERE concept_id = ? AND id <> ?`
)

// lexiconTx is storeutil.LexiconTx on an SQLite transaction; parts
// inserts concepts and terms.
type lexiconTx struct{ parts }

func (x lexiconTx) BumpLexicon(ctx context.Context, lexID int64) (bool, error) {
	res, err := x.tx.ExecContext(ctx, bumpLexiconSQL, lexID)
	if err != nil {
		return false, err
	}
	n, _ := res.RowsAffected()
	return n > 0, nil
}

func (x lexiconTx) ConceptInLexicon(ctx context.Context, conceptID, lexID int64) (bool, error) {
	var one int64
	return found(x.tx.QueryRowContext(ctx, conceptOfLexSQL, conceptID, lexID).Scan(&one))
}

func (x lexiconTx) TermConcept(ctx context.Context, termID, lexID int64) (int64, bool, error) {
	var conceptID int64
	ok, err := found(x.tx.QueryRowContext(ctx, termOfLexSQL, termID, lexID).Scan(&conceptID))
	return conceptID, ok, err
}

// ConceptTaken leaves a concept's slug given twice to the unique index
// on (lexicon_id, slug), whose violation storeutil tells as the same
// conflict.
func (x lexiconTx) ConceptTaken(context.Context, int64, string) (bool, error) { return false, nil }

func (x lexiconTx) NextConceptPosition(ctx context.Context, lexID int64) (int, error) {
	var pos int
	err := x.tx.QueryRowContext(ctx, nextConceptPos, lexID).Scan(&pos)
	return pos, err
}

func (x lexiconTx) NextTermPosition(ctx context.Context, conceptID int64) (int, error) {
	var pos int
	err := x.tx.QueryRowContext(ctx, nextTermPos, conceptID).Scan(&pos)
	return pos, err
}

func (x lexiconTx) UpdateConcept(ctx context.Context, c framing.Concept) error {
	_, err := x.tx.ExecContext(ctx, updateConceptSQL, c.Name, c.Category, c.Description, c.ID)
	return err
}

func (x lexiconTx) DeleteConcept(ctx context.Context, conceptID int64) error {
	_, err := x.tx.ExecContext(ctx, deleteConceptSQL, conceptID)
	return err
}

func (x lexiconTx) Siblings(ctx context.Context, conceptID, termID int64, fn func(phrase, language string)) error {
	rows, err := x.tx.QueryContext(ctx, siblingsSQL, conceptID, termID)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var phrase, lang string
		if err := rows.Scan(&phrase, &lang); err != nil {
			return err
		}
		fn(phrase, lang)
	}
	return rows.Err()
}

func (x lexiconTx) PerspectiveID(ctx context.Context, lexID int64, slug string) (int64, error) {
	var pid int64
	err := x.tx.QueryRowContext(ctx, perspectiveIDSQL, lexID, slug).Scan(&pid)
	return pid, err
}

// UpdateTerm stores the variants as JSON text, as SQLite has no arrays.
func (x lexiconTx) UpdateTerm(ctx context.Context, perspective *int64, t framing.Term) error {
	variants, err := variantsJSON(t)
	if err != nil {
		return err
	}
	_, err = x.tx.ExecContext(ctx, updateTermSQL, perspective, t.Phrase, t.Language, t.MatchMode(), variants,
		t.Note, t.Neutral, t.SourceTitle, t.SourceURL, t.ID)
	return err
}

func (x lexiconTx) DeleteTerm(ctx context.Context, termID int64) error {
	_, err := x.tx.ExecContext(ctx, deleteTermSQL, termID)
	return err
}

// found turns a scan of one row into whether the row was there.
func found(err error) (bool, error) {
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	return err == nil, err
}
