package textstat_test

import (
	"math"
	"strings"
	"testing"

	"framelens/framing/textstat"
)

// Values worked by hand from the formula:
//
//	δ = ln((yi+αw)/(ni+α0−yi−αw)) − ln((yj+αw)/(nj+α0−yj−αw)),  σ² = 1/(yi+αw) + 1/(yj+αw),  z = δ/σ.
func TestLogOddsAgainstValuesWorkedByHand(t *testing.T) {
	cases := []struct {
		yi, ni, yj, nj int
		aw, a0         float64
		delta, z       float64
	}{
		// 7/143 against 3/247: ln 0.048951 − ln 0.012146 = −3.016949 + 4.410630;
		// σ = √(1/7 + 1/3) = 0.690066.
		{5, 100, 1, 200, 2, 50, 1.393842, 2.019868},
		// 1.5/58.5 against 10.5/69.5: −3.663562 + 1.889952; σ = √(1/1.5 + 1/10.5) = 0.872872.
		{1, 40, 10, 60, 0.5, 20, -1.773610, -2.031926},
		// The same use on both sides: no difference at all.
		{3, 100, 3, 100, 1, 10, 0, 0},
	}
	for _, c := range cases {
		delta, z := textstat.LogOdds(c.yi, c.ni, c.yj, c.nj, c.aw, c.a0)
		if math.Abs(delta-c.delta) > 1e-5 || math.Abs(z-c.z) > 1e-5 {
			t.Errorf("LogOdds(%d, %d, %d, %d, %g, %g) = %.6f, %.6f; want %.6f, %.6f",
				c.yi, c.ni, c.yj, c.nj, c.aw, c.a0, delta, z, c.delta, c.z)
		}
	}
}

func counts(texts ...string) textstat.TermCounts {
	c := textstat.NewTermCounts()
	for _, t := range texts {
		c.Add(t)
	}
	return c
}

const filler = "The leaders met in the capital on Monday and spoke about the road, the border, trade and the talks planned for next month. "

func TestAWordOneArticleAloneUsesRanksFirst(t *testing.T) {
	focus := strings.Repeat(filler, 3) + "Artsakh. Artsakh. People of Artsakh. Artsakh again. The Artsakh issue."
	others := []string{
		strings.Repeat(filler, 3) + "Nagorno-Karabakh. Nagorno-Karabakh is a region. The Nagorno-Karabakh issue.",
		strings.Repeat(filler, 3) + "Karabakh. The Nagorno-Karabakh region. Nagorno-Karabakh again.",
	}
	f, o := counts(focus), counts(others...)
	bg := textstat.NewBackground()
	for _, text := range append([]string{focus}, others...) {
		bg.Add(text)
	}
	top := textstat.DistinctiveTerms(f, o, bg, textstat.PriorWeight(bg.Words, 3), 0, 10)
	if len(top) == 0 || top[0].Term != "Artsakh" {
		t.Fatalf("top terms %+v", top)
	}
	if top[0].Count != 5 || top[0].OthersCount != 0 || top[0].Z <= 1.96 {
		t.Errorf("Artsakh: %+v; want 5 uses, none elsewhere, z above 1.96", top[0])
	}
	for _, d := range top {
		if d.Form == "the" || d.Form == "of artsakh" || d.Form == "leaders" && d.Z > 0.5 {
			t.Errorf("%q should not rank: %+v", d.Form, d)
		}
	}
}

func TestStopWordsAreCountedButNotListed(t *testing.T) {
	focus := "The the the the the the war. The war. The war."
	c := counts(focus)
	if c.Counts["the"] != 8 || c.Words != 11 {
		t.Errorf("counts: the=%d, words=%d", c.Counts["the"], c.Words)
	}
	others := counts("A war began.")
	bg := counts(focus, "A war began.")
	for _, d := range textstat.DistinctiveTerms(c, others, bg, textstat.PriorWeight(bg.Words, 2), 0, 0) {
		if d.Form == "the" || d.Form == "the war" {
			t.Errorf("stop form listed: %+v", d)
		}
	}
}

func TestBigramsStayInsideSentences(t *testing.T) {
	c := counts("He spoke of peace. Talks follow. Ethnic Armenian forces left; ethnic Armenian forces returned.")
	if c.Counts["peace talks"] != 0 {
		t.Error("a bigram across a sentence end was counted")
	}
	if c.Counts["ethnic armenian"] != 2 || c.Surface["ethnic armenian"] != "Ethnic Armenian" {
		t.Errorf("ethnic armenian: %d, surface %q", c.Counts["ethnic armenian"], c.Surface["ethnic armenian"])
	}
}

func TestTheBackgroundCountsWordsExactlyAndBigramsNeverLow(t *testing.T) {
	texts := []string{
		"Ethnic Armenian forces held the town. Ethnic Armenian forces left.",
		"The town was held by ethnic Armenian forces until the war.",
		strings.Repeat("Farmers sold grapes at the market. ", 50),
	}
	bg := textstat.NewBackground()
	exact := counts(texts...)
	for _, text := range texts {
		bg.Add(text)
	}
	if bg.Texts != 3 || bg.Words != exact.Words || bg.Bigrams != exact.Bigrams {
		t.Fatalf("background %d texts %d words %d bigrams; exact %d words %d bigrams", bg.Texts, bg.Words, bg.Bigrams, exact.Words, exact.Bigrams)
	}
	for form, n := range exact.Counts {
		got := bg.Count(form)
		if !strings.Contains(form, " ") && got != n || got < n {
			t.Errorf("%q: background %d, exact %d", form, got, n)
		}
	}
	if bg.Count("ethnic armenian") != 3 || bg.Total("ethnic armenian") != exact.Bigrams || bg.Total("town") != exact.Words {
		t.Errorf("ethnic armenian: %d", bg.Count("ethnic armenian"))
	}
	// Everyone but one text: the counts of the others.
	rest := exact.Without(counts(texts[2]))
	if rest.Counts["grapes"] != 0 || rest.Counts["ethnic armenian"] != 3 || rest.Words != exact.Words-counts(texts[2]).Words {
		t.Errorf("without: grapes %d, ethnic armenian %d", rest.Counts["grapes"], rest.Counts["ethnic armenian"])
	}
}

// By default only clear differences are listed; weak ones on request; a
// word the focus uses less than the others never, whatever is asked.
func TestDistinctiveListsClearDifferencesAndNeverNegativeOnes(t *testing.T) {
	focus := strings.Repeat(filler, 3) + strings.Repeat("Artsakh is calm. ", 20) + "The border road. The border talks. More talks. Talks again. Talks."
	other := strings.Repeat(filler, 3) + "The border, the border, the border and the road."
	f, o := counts(focus), counts(other)
	bg := textstat.NewBackground()
	bg.Add(focus)
	bg.Add(other)
	w := textstat.PriorWeight(bg.Words, 2)
	clear := textstat.DistinctiveTerms(f, o, bg, w, textstat.ClearZ, 0)
	weak := textstat.DistinctiveTerms(f, o, bg, w, 0, 0)
	if len(clear) == 0 || len(weak) <= len(clear) {
		t.Fatalf("clear %d, weak %d: want some clear ones and more weak ones", len(clear), len(weak))
	}
	for _, d := range clear {
		if d.Z <= textstat.ClearZ {
			t.Errorf("listed by default with z %.2f: %+v", d.Z, d)
		}
	}
	for _, d := range weak {
		if d.Z <= 0 {
			t.Errorf("listed with a negative z: %+v", d)
		}
		if d.Form == "border" {
			t.Errorf("a word the others use more is listed: %+v", d)
		}
	}
}
