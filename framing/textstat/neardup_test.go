package textstat_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"framelens/framing"
	"framelens/framing/textstat"
)

// story reads one of the invented dam-opening texts in testdata.
func story(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "neardup-"+name+".txt"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// The numbers logged here are the ones NearDuplicateSimilarity's comment
// quotes; run with -v to see them after changing the measure.
func TestCopiesOfAWireStoryAreFlaggedAndIndependentArticlesAreNot(t *testing.T) {
	wire := story(t, "wire")
	tests := []struct {
		name    string
		flagged bool
		// min and max bound the similarity, so a change of measure that
		// narrows the gap around the threshold shows up here.
		min, max float64
	}{
		{"republished", true, 0.85, 1},  // words changed in two sentences, a clause cut
		{"truncated", true, 0.99, 1},    // the first two paragraphs only
		{"localised", true, 0.7, 1},     // a local lead and paragraph, a sentence cut
		{"rewritten", false, 0, 0.2},    // same facts, own words
		{"quoting", false, 0, 0.25},     // own words around the same quotation
		{"wire", false, 0.999, 1.00001}, // an exact copy: not "near", refused elsewhere
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text := story(t, tt.name)
			sim := textstat.Similarity(wire, text)
			t.Logf("similarity to the wire story: %.3f", sim)
			if sim < tt.min || sim > tt.max {
				t.Errorf("similarity %.3f, want between %.2f and %.2f", sim, tt.min, tt.max)
			}
			original := framing.Article{ID: 7, Outlet: "Ostravia Wire", Headline: "Dam opens", Body: wire}
			d, ok := textstat.FindNearDuplicate(text, []framing.Article{original}, 0)
			if ok != tt.flagged {
				t.Fatalf("flagged = %v (similarity %.3f), want %v", ok, d.Similarity, tt.flagged)
			}
			if ok && (d.Article.ID != 7 || d.Similarity != sim) {
				t.Errorf("near duplicate = article %d at %.3f, want article 7 at %.3f", d.Article.ID, d.Similarity, sim)
			}
		})
	}
}

func TestSimilarityIgnoresCasePunctuationSpacingAndApostropheStyle(t *testing.T) {
	a := "The dam's gates opened at noon, and water reached the first town by evening on Tuesday."
	b := "THE DAM’S GATES OPENED AT NOON AND\n\nWATER REACHED THE FIRST TOWN — BY EVENING ON TUESDAY!"
	if sim := textstat.Similarity(a, b); sim != 1 {
		t.Errorf("similarity = %.3f, want 1", sim)
	}
}

func TestSimilarityIsSymmetric(t *testing.T) {
	wire, local := story(t, "wire"), story(t, "localised")
	if ab, ba := textstat.Similarity(wire, local), textstat.Similarity(local, wire); ab != ba {
		t.Errorf("similarity %.3f one way and %.3f the other", ab, ba)
	}
}

func TestShortTextsAreNeverNearDuplicates(t *testing.T) {
	long := story(t, "wire")
	tests := []struct{ name, a, b string }{
		{"both empty", "", ""},
		{"one empty", "", long},
		{"fewer words than a shingle", "Dam opens.", "Dam opens today."},
		{"one word changed in a short text", "The new dam on the river opened on Tuesday morning.",
			"The new dam on the river opened on Wednesday morning."},
		{"a short text inside a long one", "The dam, 84 metres high, holds back a reservoir.", long},
		{"punctuation only", "… — !!! ??? “” «»", "… — !!! ??? “” «»"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if sim := textstat.Similarity(tt.a, tt.b); sim != 0 {
				t.Errorf("similarity = %.3f, want 0 for texts too short to judge", sim)
			}
			if _, ok := textstat.FindNearDuplicate(tt.a, []framing.Article{{ID: 1, Body: tt.b}}, 0); ok {
				t.Error("flagged a text too short to judge")
			}
		})
	}
}

func TestTheShortestJudgedTextIsFourteenWords(t *testing.T) {
	words := strings.Fields("one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen")
	for n, want := range map[int]bool{13: false, 14: true} {
		text := strings.Join(words[:n], " ")
		if got := textstat.Similarity(text, text+" extra"); (got > 0) != want {
			t.Errorf("%d words: similarity %.3f, want judged = %v", n, got, want)
		}
	}
}

func TestNonLatinTextsAreComparedToo(t *testing.T) {
	ru := "Плотина в долине Карст на Серебряной реке открыта во вторник после шести лет строительства, сообщило национальное водное агентство."
	edited := "Плотина в долине Карст на Серебряной реке открыта во вторник после шести лет работ, сообщило национальное водное агентство."
	if sim := textstat.Similarity(ru, edited); sim < textstat.NearDuplicateSimilarity {
		t.Errorf("similarity = %.3f, want a near duplicate", sim)
	}
	if sim := textstat.Similarity(ru, story(t, "wire")); sim != 0 {
		t.Errorf("a Russian and an English text: similarity %.3f, want 0", sim)
	}
}

func TestFindNearDuplicatePicksTheClosestAndSkipsTheArticleBeingEdited(t *testing.T) {
	wire := story(t, "wire")
	candidates := []framing.Article{
		{ID: 1, Body: story(t, "rewritten")},
		{ID: 2, Body: story(t, "localised")},
		{ID: 3, Body: story(t, "republished")},
	}
	d, ok := textstat.FindNearDuplicate(wire, candidates, 0)
	if !ok || d.Article.ID != 3 {
		t.Errorf("found article %d (ok %v), want the republished copy, 3", d.Article.ID, ok)
	}
	d, ok = textstat.FindNearDuplicate(wire, candidates, 3)
	if !ok || d.Article.ID != 2 {
		t.Errorf("skipping 3: found article %d (ok %v), want the localised copy, 2", d.Article.ID, ok)
	}
	if _, ok := textstat.FindNearDuplicate(wire, candidates[:1], 0); ok {
		t.Error("flagged the independently written article")
	}
	if _, ok := textstat.FindNearDuplicate(wire, nil, 0); ok {
		t.Error("flagged a text in an empty event")
	}
}

func TestAnExactCopyIsLeftToTheExactDuplicateCheck(t *testing.T) {
	wire := story(t, "wire")
	spaced := "  " + strings.ReplaceAll(strings.ToUpper(wire), " ", "   ")
	if _, ok := textstat.FindNearDuplicate(wire, []framing.Article{{ID: 1, Body: spaced}}, 0); ok {
		t.Error("an exact copy (other case and spacing) was reported as a near duplicate")
	}
}

func TestTheNearDuplicateErrorIsABodyConflictThatNamesTheArticle(t *testing.T) {
	d := textstat.NearDuplicate{Article: framing.Article{ID: 12, Outlet: "Ostravia Wire", Headline: "Dam opens"}, Similarity: 0.937}
	var err error = d.Err()
	if framing.ErrorCode(err) != framing.EConflict {
		t.Errorf("code %q, want conflict", framing.ErrorCode(err))
	}
	var fe *framing.Error
	if !errors.As(err, &fe) || fe.Field() != "body" {
		t.Errorf("field %v, want body", fe)
	}
	msg := framing.ErrorMessage(err)
	for _, want := range []string{"“Dam opens”", "Ostravia Wire", "article 12", "93%"} {
		if !strings.Contains(msg, want) {
			t.Errorf("message %q does not say %q", msg, want)
		}
	}
	var nd *textstat.NearDuplicateError
	if !errors.As(err, &nd) || nd.Article.ID != 12 || nd.Similarity != 0.937 {
		t.Errorf("errors.As gave %+v, want the near duplicate", nd)
	}
}

func FuzzSimilarityStaysBetweenZeroAndOne(f *testing.F) {
	f.Add("The dam opened on Tuesday after six years of work on the river.", "The dam opened on Tuesday after six years of work on the Silver River.")
	f.Add("", "x")
	f.Fuzz(func(t *testing.T, a, b string) {
		sim := textstat.Similarity(a, b)
		if sim < 0 || sim > 1 {
			t.Fatalf("similarity %v out of range", sim)
		}
		if sim != textstat.Similarity(b, a) {
			t.Fatal("not symmetric")
		}
	})
}
