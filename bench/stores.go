package main

import (
	"context"
	"strings"

	"framelens/framing"
	"framelens/pgstore"
	"framelens/store"
)

// benchStore is what the load test reads and writes directly: it stores
// the texts before the server starts and watches the server's analyses.
// The SQLite and PostgreSQL stores both provide it.
type benchStore interface {
	SeedLexicons(ctx context.Context, lexicons []framing.Lexicon) (int, error)
	CreateEvent(ctx context.Context, in framing.EventInput) (framing.Event, error)
	AddArticle(ctx context.Context, eventID int64, in framing.ArticleInput) (framing.Article, error)
	LexiconKey(ctx context.Context) (string, error)
	ArticlesWithoutAnalysis(ctx context.Context, lexiconKey string, limit int) ([]framing.Article, error)
	EachArticle(ctx context.Context, outlet string, fn func(framing.Article) error) error
	Close() error
}

// openStore opens db as the server does: a postgres:// address is
// PostgreSQL, any other name a SQLite file.
func openStore(ctx context.Context, db string) (benchStore, error) {
	if strings.HasPrefix(db, "postgres://") || strings.HasPrefix(db, "postgresql://") {
		return pgstore.Open(ctx, db)
	}
	return store.Open(ctx, db)
}
