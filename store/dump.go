package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"iter"
	"time"
)

// dumpTable is a table as Dump reads it: its query (constant SQL, rows in
// key order) and one letter per column saying which Go value the column
// becomes, so that another database can take each in its own type:
// i integer, n integer or NULL, s text, b flag (SQLite keeps 0 or 1),
// l list (SQLite keeps a JSON array), x bytes, t time.
type dumpTable struct {
	name  string
	query sqlText
	kinds string
}

// dumpTables are every table of the schema but goose's, each after the
// tables it refers to.
var dumpTables = []dumpTable{
	{"outlets", `SELECT id, name, name_key, country, language, url, created_at FROM outlets ORDER BY id`, "issssst"},
	{"events", `SELECT id, title, description, date, created_at, revision, topics_chosen, topics_key FROM events ORDER BY id`, "issstibs"},
	{"lexicons", `SELECT id, slug, name, description, language, version, scope, anchors, created_at, updated_at FROM lexicons ORDER BY id`, "issssisltt"},
	{"perspectives", `SELECT id, lexicon_id, slug, name, description, color FROM perspectives ORDER BY id`, "iissss"},
	{"concepts", `SELECT id, lexicon_id, slug, name, category, description, position FROM concepts ORDER BY id`, "iissssi"},
	{"terms", `SELECT id, concept_id, perspective_id, phrase, language, match_mode, variants, note, neutral, source_title, source_url, position FROM terms ORDER BY id`, "iinssslssssi"},
	{"event_lexicons", `SELECT event_id, lexicon_id FROM event_lexicons ORDER BY event_id, lexicon_id`, "ii"},
	{"articles", `SELECT id, event_id, outlet_id, headline, byline, url, published, language, body, fingerprint, illustrative, created_at FROM articles ORDER BY id`, "iiisssssssbt"},
	{"article_analyses", `SELECT article_id, lexicon_key, matches, created_at FROM article_analyses ORDER BY article_id, lexicon_key`, "isxt"},
	{"event_results", `SELECT event_id, kind, version, data FROM event_results ORDER BY event_id, kind`, "issx"},
	{"seeds", `SELECT name, applied_at FROM seeds ORDER BY name`, "st"},
	{"users", `SELECT id, username, password_hash, role, created_at FROM users ORDER BY id`, "issst"},
	{"sessions", `SELECT token_hash, user_id, created_at, expires_at FROM sessions ORDER BY token_hash`, "sitt"},
	{"class_sessions", `SELECT id, event_id, teacher_id, title, blind, code, phase, created_at, expires_at, last_article_id FROM class_sessions ORDER BY id`, "iiisbsstti"},
	{"class_session_articles", `SELECT session_id, article_id, position FROM class_session_articles ORDER BY session_id, article_id`, "iii"},
	{"class_students", `SELECT id, session_id, nickname, nickname_key, token_hash, joined_at FROM class_students ORDER BY id`, "iissst"},
	{"class_marks", `SELECT id, session_id, student_id, article_id, start_byte, end_byte, text, concept_id, note, created_at FROM class_marks ORDER BY id`, "iiiiiisnst"},
	{"corpus_version", `SELECT id, version FROM corpus_version`, "ii"},
}

// Dump reads every table of the database, from one snapshot, for a copy
// into another database (web migrate-to): table is called once a table,
// parents before children, with the table's column names and its rows,
// each a value per column in plain Go types (int64, nil, string, bool,
// []string, []byte, time.Time). The write lock is held until it returns,
// so nothing changes the database in between.
func (s *Store) Dump(ctx context.Context, table func(name string, columns []string, rows iter.Seq2[[]any, error]) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin the dump: %w", s.fault(err))
	}
	defer tx.Rollback()
	for _, dt := range dumpTables {
		if err := dumpOne(ctx, tx, dt.name, dt.query, dt.kinds, table); err != nil {
			return err
		}
	}
	return nil
}

func dumpOne(ctx context.Context, tx *sql.Tx, name string, query sqlText, kinds string,
	table func(string, []string, iter.Seq2[[]any, error]) error) error {
	rows, err := tx.QueryContext(ctx, string(query))
	if err != nil {
		return fmt.Errorf("read table %s: %w", name, err)
	}
	defer rows.Close()
	columns, err := rows.Columns()
	if err != nil {
		return fmt.Errorf("read table %s: %w", name, err)
	}
	if len(columns) != len(kinds) {
		return fmt.Errorf("table %s: %d columns but %d kinds", name, len(columns), len(kinds))
	}
	var readErr error
	each := func(yield func([]any, error) bool) {
		for rows.Next() {
			row, err := scanDumpRow(rows, kinds)
			if err != nil {
				readErr = fmt.Errorf("read table %s: %w", name, err)
				yield(nil, readErr)
				return
			}
			if !yield(row, nil) {
				return
			}
		}
		if err := rows.Err(); err != nil {
			readErr = fmt.Errorf("read table %s: %w", name, err)
			yield(nil, readErr)
		}
	}
	if err := table(name, columns, each); err != nil {
		return err
	}
	return readErr
}

// scanDumpRow reads one row into plain Go values, column by column as
// kinds says (see dumpTable).
func scanDumpRow(rows *sql.Rows, kinds string) ([]any, error) {
	dest := make([]any, len(kinds))
	for i, k := range kinds {
		switch k {
		case 'i':
			dest[i] = new(int64)
		case 'n':
			dest[i] = new(sql.NullInt64)
		case 's', 'l':
			dest[i] = new(string)
		case 'b':
			dest[i] = new(bool)
		case 'x':
			dest[i] = new([]byte)
		case 't':
			dest[i] = new(time.Time)
		default:
			return nil, fmt.Errorf("unknown column kind %q", k)
		}
	}
	if err := rows.Scan(dest...); err != nil {
		return nil, err
	}
	row := make([]any, len(kinds))
	for i, k := range kinds {
		switch k {
		case 'i':
			row[i] = *dest[i].(*int64)
		case 's':
			row[i] = *dest[i].(*string)
		case 'b':
			row[i] = *dest[i].(*bool)
		case 't':
			row[i] = dest[i].(*time.Time).UTC()
		case 'n':
			if n := dest[i].(*sql.NullInt64); n.Valid {
				row[i] = n.Int64
			}
		case 'l':
			list := []string{}
			if err := json.Unmarshal([]byte(*dest[i].(*string)), &list); err != nil {
				return nil, fmt.Errorf("a list column: %w", err)
			}
			row[i] = list
		case 'x':
			row[i] = *dest[i].(*[]byte)
		}
	}
	return row, nil
}
