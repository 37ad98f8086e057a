package store_test

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"framelens/bulk"
	"framelens/framing"
	"framelens/store"
)

// damText is the invented body of the n-th article about a fictional dam.
func damText(n int) string {
	return fmt.Sprintf("Report %d: the Ossel river dam opened to visitors on Tuesday after four years of work.", n)
}

func goodLine(n int, outlet string) framing.ImportLine {
	return framing.ImportLine{N: n, Input: articleInput(outlet, damText(n))}
}

func mustImport(t *testing.T, st *store.Store, eventID int64, lines iter.Seq[framing.ImportLine]) framing.ImportReport {
	t.Helper()
	report, err := st.ImportArticles(context.Background(), eventID, lines, nil)
	if err != nil {
		t.Fatalf("ImportArticles: %v", err)
	}
	return report
}

// problemLines is "line:field:code" for each refused line.
func problemLines(r framing.ImportReport) []string {
	var out []string
	for _, p := range r.Skipped {
		out = append(out, fmt.Sprintf("%d:%s:%s", p.Line, p.Field, p.Code))
	}
	return out
}

func TestImportStoresGoodLinesAndReportsBadOnesAndDuplicatesByLine(t *testing.T) {
	st := openTestStore(t)
	ev := mustCreateEvent(t, st, framing.EventInput{Title: "Dam opening", Date: "2024-05-07"})
	existing := mustAddArticle(t, st, ev.ID, articleInput("Valley Courier", damText(100)))

	input := strings.Join([]string{
		`{"outlet": "Valley Courier", "headline": "Dam opens", "language": "en", "body": "` + damText(1) + `"}`,
		``,
		`{"outlet": "River Post", "language": "en", "body": "` + damText(3) + `"}`,
		`{"outlet": "river  post", "headline": "Same text again", "language": "en", "body": "` + strings.ToUpper(damText(1)) + `"}`,
		`{"outlet": "River Post", "headline": "Already there", "language": "en", "body": "` + damText(100) + `"}`,
		`not json`,
		`{"outlet": "River Post", "headline": "Reservoir", "language": "en", "body": "` + damText(7) + `"}`,
	}, "\n")
	r, err := bulk.NewReader(strings.NewReader(input), bulk.Auto)
	if err != nil {
		t.Fatal(err)
	}
	report := mustImport(t, st, ev.ID, r.Lines())

	if report.Lines != 6 || report.LastLine != 7 || report.Imported != 2 || len(report.ArticleIDs) != 2 {
		t.Errorf("report: %d lines up to line %d, %d imported, ids %v; want 6 lines up to line 7, 2 imported",
			report.Lines, report.LastLine, report.Imported, report.ArticleIDs)
	}
	wantProblems := []string{"3:headline:invalid", "4:body:conflict", "5:body:conflict", "6::invalid"}
	if got := problemLines(report); !slices.Equal(got, wantProblems) {
		t.Errorf("problems %v, want %v", got, wantProblems)
	}
	if !report.Skipped[1].Duplicate() || !strings.Contains(report.Skipped[1].Message, "same as line 1") {
		t.Errorf("a text repeated in the file: %+v, want a duplicate naming line 1", report.Skipped[1])
	}
	if !report.Skipped[2].Duplicate() || !strings.Contains(report.Skipped[2].Message, "already in the event") {
		t.Errorf("a text already in the event: %+v, want a duplicate", report.Skipped[2])
	}
	if report.Skipped[0].Message != "Headline is required." {
		t.Errorf("line 3 message %q", report.Skipped[0].Message)
	}

	articles := mustListArticles(t, st, ev.ID)
	var ids []int64
	for _, a := range articles {
		ids = append(ids, a.ID)
	}
	if want := append([]int64{existing.ID}, report.ArticleIDs...); !slices.Equal(ids, want) {
		t.Fatalf("articles in the event %v, want %v", ids, want)
	}
	if articles[1].Body != damText(1) || articles[1].Outlet != "Valley Courier" || articles[2].Headline != "Reservoir" {
		t.Errorf("imported articles: %+v", articles[1:])
	}
	if n := len(mustListOutlets(t, st)); n != 2 {
		t.Errorf("%d outlets remembered, want 2 (River Post once)", n)
	}
}

func TestImportValidatesLinesItIsGivenDirectly(t *testing.T) {
	st := openTestStore(t)
	ev := mustCreateEvent(t, st, framing.EventInput{Title: "Dam opening"})
	unchecked := articleInput("River Post", damText(1))
	unchecked.Language = "english"
	report := mustImport(t, st, ev.ID, slices.Values([]framing.ImportLine{{N: 4, Input: unchecked}, goodLine(5, "River Post")}))
	if report.Imported != 1 || !slices.Equal(problemLines(report), []string{"4:language:invalid"}) {
		t.Errorf("report %+v, want line 4 refused for its language", report)
	}
}

func TestImportIntoAMissingEventReadsNoLine(t *testing.T) {
	st := openTestStore(t)
	lines := func(yield func(framing.ImportLine) bool) {
		t.Error("a line was read for an event that does not exist")
	}
	report, err := st.ImportArticles(context.Background(), 42, lines, nil)
	if framing.ErrorCode(err) != framing.ENotFound || report.Lines != 0 {
		t.Fatalf("ImportArticles = %+v, %v; want ENotFound and nothing read", report, err)
	}
}

func TestImportReportsProgressAfterEachLine(t *testing.T) {
	st := openTestStore(t)
	ev := mustCreateEvent(t, st, framing.EventInput{Title: "Dam opening"})
	bad := framing.ImportLine{N: 3, Err: framing.Errorf(framing.EInvalid, "The line is not valid JSON.")}
	var got []framing.ImportProgress
	_, err := st.ImportArticles(context.Background(), ev.ID,
		slices.Values([]framing.ImportLine{goodLine(1, "A"), bad, goodLine(4, "B")}),
		func(p framing.ImportProgress) { got = append(got, p) })
	if err != nil {
		t.Fatal(err)
	}
	want := []framing.ImportProgress{{Line: 1, Lines: 1, Imported: 1}, {Line: 3, Lines: 2, Imported: 1, Refused: 1}, {Line: 4, Lines: 3, Imported: 2, Refused: 1}}
	if !slices.Equal(got, want) {
		t.Errorf("progress %+v, want %+v", got, want)
	}
}

// Cancelling half-way stops between lines: every article stored is whole
// and linked to its outlet, and the report counts exactly those.
func TestCancellingAnImportLeavesEveryArticleCompleteOrAbsent(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cancel.db")
	st := openStoreAt(t, path)
	ev := mustCreateEvent(t, st, framing.EventInput{Title: "Dam opening"})
	var lines []framing.ImportLine
	inputs := map[string]framing.ArticleInput{}
	for n := 1; n <= 10; n++ {
		l := goodLine(n, fmt.Sprintf("Outlet %d", n%4))
		lines = append(lines, l)
		inputs[l.Input.Body] = l.Input
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	report, err := st.ImportArticles(ctx, ev.ID, slices.Values(lines), func(p framing.ImportProgress) {
		if p.Lines == 3 {
			cancel()
		}
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("ImportArticles = %v, want context.Canceled", err)
	}
	if report.Imported != 3 || report.Lines != 3 || report.LastLine != 3 || len(report.ArticleIDs) != 3 {
		t.Errorf("report %+v, want 3 lines imported", report)
	}

	articles := mustListArticles(t, st, ev.ID) // joined with outlets: an unlinked article would be missing
	if len(articles) != report.Imported {
		t.Fatalf("%d articles stored, the report says %d", len(articles), report.Imported)
	}
	for i, a := range articles {
		in, ok := inputs[a.Body]
		if !ok || a.Outlet != in.Outlet || a.Headline != in.Headline || a.Language != in.Language || a.ID != report.ArticleIDs[i] {
			t.Errorf("article %d is not the input it came from: %+v", a.ID, a)
		}
	}
	var rows, linked int
	raw := openRaw(t, path)
	if err := raw.QueryRow(`SELECT COUNT(*), COUNT(o.id) FROM articles a LEFT JOIN outlets o ON o.id = a.outlet_id`).Scan(&rows, &linked); err != nil {
		t.Fatal(err)
	}
	if rows != report.Imported || linked != rows {
		t.Errorf("%d article rows, %d linked to an outlet; want %d and all linked", rows, linked, report.Imported)
	}
}

func TestALineReadAfterCancellationIsNotImported(t *testing.T) {
	st := openTestStore(t)
	ev := mustCreateEvent(t, st, framing.EventInput{Title: "Dam opening"})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	lines := func(yield func(framing.ImportLine) bool) {
		if !yield(goodLine(1, "A")) {
			return
		}
		cancel() // as a person pressing Ctrl-C while line 2 is being read
		if yield(goodLine(2, "B")) {
			t.Error("the import asked for line 3 after it was cancelled")
		}
	}
	report, err := st.ImportArticles(ctx, ev.ID, lines, nil)
	if !errors.Is(err, context.Canceled) || report.Imported != 1 {
		t.Fatalf("ImportArticles = %+v, %v; want 1 imported and context.Canceled", report, err)
	}
	if n := len(mustListArticles(t, st, ev.ID)); n != 1 {
		t.Errorf("%d articles stored, want 1", n)
	}
}

func TestAReadErrorStopsTheImportKeepingWhatCameBefore(t *testing.T) {
	st := openTestStore(t)
	ev := mustCreateEvent(t, st, framing.EventInput{Title: "Dam opening"})
	boom := errors.New("connection reset")
	lines := []framing.ImportLine{goodLine(1, "A"), {N: 2, Err: fmt.Errorf("read line 2: %w", boom)}, goodLine(3, "B")}
	report, err := st.ImportArticles(context.Background(), ev.ID, slices.Values(lines), nil)
	if !errors.Is(err, boom) || report.Imported != 1 || len(report.Skipped) != 0 {
		t.Fatalf("ImportArticles = %+v, %v; want 1 imported, then the read error", report, err)
	}
	if framing.ErrorCode(err) != framing.EInternal {
		t.Errorf("a read error has code %s, want internal", framing.ErrorCode(err))
	}
	if n := len(mustListArticles(t, st, ev.ID)); n != 1 {
		t.Errorf("%d articles stored, want 1", n)
	}
}
