package framing_test

import (
	"slices"
	"testing"
	"unicode/utf8"

	"framelens/framing"
	"framelens/framing/internal/testcorpus"
	"framelens/framing/match"
)

// FuzzAnalyze: whatever the text, analysis does not panic, every match is
// the text between its offsets, on character boundaries, in order, and
// sentences and quotes lie inside the text.
func FuzzAnalyze(f *testing.F) {
	m := testcorpus.ShippedMatcher(f)
	for _, seed := range []string{
		"", "\"", "'", "«", "„“", "’’’", "Nagorno-Karabakh", "\"Of course,\" Putin said.\n\"Yes",
		"Azerbaijan's 'counter-terrorism measures' in Khankendi", "Нагорном Карабахе… «Степанакерт»",
		"U.S. Nov. 10. A. B. ...!?", "\xff\xfe invalid \xc3", "held under\u00a0Armenian–occupation",
		"ªb 'x' «y» l’été, ‘quoted’ ‹a› ”Swedish” it's 'tis\u2029next… \"done.\"",
		"Nagorno-Karabakhnagornokarabakh's \xe2\x80 \xc2", "twelvelettersx'word sixteenletters! seventeenletterss",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, text string) {
		a := m.Analyze(text)
		// Character boundaries as decoding sees them: an invalid byte is a
		// character of its own.
		boundary := map[int]bool{len(text): true}
		for i := range text {
			boundary[i] = true
		}
		prev := -1
		for _, match := range a.Matches {
			if match.Start < 0 || match.End > len(text) || match.Start >= match.End {
				t.Fatalf("match %+v out of bounds of %d bytes", match, len(text))
			}
			if text[match.Start:match.End] != match.Surface {
				t.Fatalf("surface %q != text %q", match.Surface, text[match.Start:match.End])
			}
			if !boundary[match.Start] || !boundary[match.End] || !utf8.ValidString(match.Surface) && utf8.ValidString(text) {
				t.Fatalf("match %+v not on character boundaries", match)
			}
			if match.Start < prev {
				t.Fatalf("matches out of order at %d", match.Start)
			}
			prev = match.Start
			if match.Voice != framing.VoiceOwn && match.Voice != framing.VoiceQuoted && match.Voice != framing.VoiceScare {
				t.Fatalf("voice %q", match.Voice)
			}
			if match.Sentence < 0 || len(a.Sentences) > 0 && match.Sentence >= len(a.Sentences) {
				t.Fatalf("sentence %d of %d", match.Sentence, len(a.Sentences))
			}
		}
		// Analysis finds sentences and quotes from the places its word
		// scan noted; that must give what searching the text gives.
		if want := match.Sentences(text); !slices.Equal(a.Sentences, want) || (a.Sentences == nil) != (want == nil) {
			t.Fatalf("sentences %v, searching the text gives %v", a.Sentences, want)
		}
		if want := match.Quotes(text); !slices.Equal(a.Quotes, want) || (a.Quotes == nil) != (want == nil) {
			t.Fatalf("quotes %v, searching the text gives %v", a.Quotes, want)
		}
		end := 0
		for _, s := range a.Sentences {
			if s.Start < end || s.End > len(text) || s.Start >= s.End {
				t.Fatalf("sentence %+v overlaps or leaves the text", s)
			}
			end = s.End
		}
		for _, q := range a.Quotes {
			if q.Start < 0 || q.End > len(text) || q.Inner.Start < q.Start || q.Inner.End > q.End || q.Inner.Start > q.Inner.End {
				t.Fatalf("quote %+v malformed", q)
			}
		}
		for _, match := range a.Matches {
			c := framing.KWIC(text, match.Span, 40)
			if c.Match != match.Surface {
				t.Fatalf("KWIC match %q != %q", c.Match, match.Surface)
			}
		}
	})
}
