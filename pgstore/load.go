package pgstore

import (
	"context"
	"fmt"
	"iter"
	"strings"

	"github.com/jackc/pgx/v5"

	"framelens/framing"
)

// Source is a database to copy from, table by table, parents before
// children: store.(*Store).Dump.
type Source interface {
	Dump(ctx context.Context, table func(name string, columns []string, rows iter.Seq2[[]any, error]) error) error
}

// TableCount is how many rows a table has in the source and, after the
// copy, in this database.
type TableCount struct {
	Table        string
	Source, Here int64
}

// loadTables are the tables Load fills, and the order countSQL counts
// them in. throttles and jobs are left out: they are work in progress of
// running instances, not data.
var loadTables = []string{
	"outlets", "events", "lexicons", "perspectives", "concepts", "terms", "event_lexicons",
	"articles", "article_analyses", "event_results", "seeds", "users", "sessions",
	"class_sessions", "class_session_articles", "class_students", "class_marks", "corpus_version",
}

const countSQL = `SELECT
    (SELECT count(*) FROM outlets), (SELECT count(*) FROM events), (SELECT count(*) FROM lexicons),
    (SELECT count(*) FROM perspectives), (SELECT count(*) FROM concepts), (SELECT count(*) FROM terms),
    (SELECT count(*) FROM event_lexicons), (SELECT count(*) FROM articles),
    (SELECT count(*) FROM article_analyses), (SELECT count(*) FROM event_results),
    (SELECT count(*) FROM seeds), (SELECT count(*) FROM users), (SELECT count(*) FROM sessions),
    (SELECT count(*) FROM class_sessions), (SELECT count(*) FROM class_session_articles),
    (SELECT count(*) FROM class_students), (SELECT count(*) FROM class_marks),
    (SELECT count(*) FROM corpus_version)`

// The copy keeps the source's event revisions and corpus version, so the
// triggers that count changes to articles are off while it runs (in its
// transaction only: ALTER TABLE is transactional). The migration's one
// corpus_version row makes way for the source's.
const (
	loadBeginSQL = `ALTER TABLE articles DISABLE TRIGGER USER; DELETE FROM corpus_version`
	loadEndSQL   = `ALTER TABLE articles ENABLE TRIGGER USER`
)

// setSequencesSQL moves every id sequence past the largest id copied, so
// that the next row stored gets a new one.
const setSequencesSQL = `SELECT setval(pg_get_serial_sequence(t.name, 'id'), t.top + 1, false)
FROM (VALUES
    ('outlets', (SELECT COALESCE(max(id), 0) FROM outlets)),
    ('events', (SELECT COALESCE(max(id), 0) FROM events)),
    ('lexicons', (SELECT COALESCE(max(id), 0) FROM lexicons)),
    ('perspectives', (SELECT COALESCE(max(id), 0) FROM perspectives)),
    ('concepts', (SELECT COALESCE(max(id), 0) FROM concepts)),
    ('terms', (SELECT COALESCE(max(id), 0) FROM terms)),
    ('articles', (SELECT COALESCE(max(id), 0) FROM articles)),
    ('users', (SELECT COALESCE(max(id), 0) FROM users)),
    ('class_sessions', (SELECT COALESCE(max(id), 0) FROM class_sessions)),
    ('class_students', (SELECT COALESCE(max(id), 0) FROM class_students)),
    ('class_marks', (SELECT COALESCE(max(id), 0) FROM class_marks))
) AS t(name, top)`

// Load copies every table of src into this database, ids and all, in one
// transaction, and returns each table's rows in both: all of it lands, or
// none. The database must be empty (new, migrated, never served): Load
// refuses one that holds any data. It checks that every table holds as
// many rows as the source gave before it commits.
func (s *Store) Load(ctx context.Context, src Source) ([]TableCount, error) {
	var counts []TableCount
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		before, err := tableCounts(ctx, tx)
		if err != nil {
			return err
		}
		var held []string
		for i, name := range loadTables {
			// The migration's corpus_version row is no data.
			if name != "corpus_version" && before[i] > 0 {
				held = append(held, fmt.Sprintf("%s: %d", name, before[i]))
			}
		}
		if len(held) > 0 {
			return framing.Errorf(framing.EConflict,
				"The PostgreSQL database is not empty (%s): copying would mix two databases. Give the address of a new, empty database (createdb), or drop this one's data first.",
				strings.Join(held, ", "))
		}
		if _, err := tx.Exec(ctx, loadBeginSQL); err != nil {
			return fmt.Errorf("prepare the copy: %w", err)
		}
		copied := map[string]int64{}
		err = src.Dump(ctx, func(name string, columns []string, rows iter.Seq2[[]any, error]) error {
			next, stop := iter.Pull2(rows)
			defer stop()
			n, err := tx.CopyFrom(ctx, pgx.Identifier{name}, columns, &pulledRows{next: next})
			if err != nil {
				return fmt.Errorf("copy table %s: %w", name, err)
			}
			copied[name] = n
			return nil
		})
		if err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, loadEndSQL); err != nil {
			return fmt.Errorf("finish the copy: %w", err)
		}
		if _, err := tx.Exec(ctx, setSequencesSQL); err != nil {
			return fmt.Errorf("move the id sequences past the copied ids: %w", err)
		}
		after, err := tableCounts(ctx, tx)
		if err != nil {
			return err
		}
		var wrong []string
		for i, name := range loadTables {
			n, ok := copied[name]
			if !ok {
				return fmt.Errorf("the source has no table %s", name)
			}
			counts = append(counts, TableCount{Table: name, Source: n, Here: after[i]})
			if n != after[i] {
				wrong = append(wrong, fmt.Sprintf("%s: %d copied, %d here", name, n, after[i]))
			}
		}
		if len(copied) != len(loadTables) {
			return fmt.Errorf("the source has %d tables, this database %d", len(copied), len(loadTables))
		}
		if len(wrong) > 0 {
			return fmt.Errorf("the copy does not add up, so nothing was kept: %s", strings.Join(wrong, "; "))
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return counts, nil
}

// tableCounts are the rows of loadTables, in their order.
func tableCounts(ctx context.Context, q querier) ([]int64, error) {
	counts := make([]int64, len(loadTables))
	dest := make([]any, len(counts))
	for i := range counts {
		dest[i] = &counts[i]
	}
	if err := q.QueryRow(ctx, countSQL).Scan(dest...); err != nil {
		return nil, fmt.Errorf("count the rows of every table: %w", err)
	}
	return counts, nil
}

// pulledRows hands rows pulled from an iterator to CopyFrom.
type pulledRows struct {
	next func() ([]any, error, bool)
	row  []any
	err  error
}

func (r *pulledRows) Next() bool {
	row, err, ok := r.next()
	if !ok || err != nil {
		r.err = err
		return false
	}
	r.row = row
	return true
}

func (r *pulledRows) Values() ([]any, error) { return r.row, nil }
func (r *pulledRows) Err() error             { return r.err }
