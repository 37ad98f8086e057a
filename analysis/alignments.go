package analysis

import (
	"context"
	"encoding/json"
	"fmt"

	"framelens/framing"
	"framelens/framing/textstat"
)

// storedPair is an aligned pair as kept in event_results: spans only, the
// texts are cut from the articles again when it is read.
type storedPair struct {
	Kind  textstat.PairKind `json:"k"`
	Sim   float64           `json:"s"`
	A     storedSentence    `json:"a"`
	B     storedSentence    `json:"b"`
	Diffs []storedDiff      `json:"d"`
}

type storedSentence struct {
	Article  int64 `json:"a"`
	Sentence int   `json:"n"`
	Start    int   `json:"s"`
	End      int   `json:"e"`
}

type storedDiff struct {
	A      [2]int   `json:"a"`
	B      [2]int   `json:"b"`
	ATerms [][3]int `json:"at,omitempty"`
	BTerms [][3]int `json:"bt,omitempty"`
	Inc    bool     `json:"i,omitempty"`
}

// Alignments pairs the sentences of an event's articles that report the
// same fact, with the lexicon's terms marked in their differences (see
// textstat.Align). They are computed once per event revision and lexicon
// version and kept; computing them is heavy work (see Heavy), and stops
// when ctx ends.
func (s *Service) Alignments(ctx context.Context, ev framing.Event, articles []framing.Article) (*framing.Matcher, []textstat.AlignedPair, error) {
	m, key, err := s.scope(ctx, articles)
	if err != nil {
		return nil, nil, err
	}
	version := fmt.Sprintf("%d|%s", ev.Revision, key)
	data, ok, err := s.store.EventResult(ctx, ev.ID, "alignments", version)
	if err != nil {
		return nil, nil, err
	}
	if ok {
		pairs, err := decodePairs(data, articles)
		return m, pairs, err
	}
	var pairs []textstat.AlignedPair
	err = s.Heavy(func() error {
		m2, cmp, _, err := s.compare(ctx, articles)
		if err != nil {
			return err
		}
		m = m2
		texts := make([]textstat.AlignText, len(articles))
		for i, a := range articles {
			texts[i] = textstat.AlignText{ID: a.ID, Text: a.Body, Matches: cmp.Matches[i]}
		}
		pairs, err = textstat.Align(ctx, texts, textstat.AlignThreshold)
		return err
	})
	if err != nil {
		return nil, nil, err
	}
	if data, err := encodePairs(pairs); err != nil {
		return nil, nil, err
	} else if err := s.store.SaveEventResult(ctx, ev.ID, "alignments", version, data); err != nil {
		s.log.Warn("keep an event's alignments", "event", ev.ID, "err", err) // only saves work next time
	}
	return m, pairs, nil
}

func encodePairs(pairs []textstat.AlignedPair) ([]byte, error) {
	refs := func(rs []framing.TermRef) [][3]int {
		var out [][3]int
		for _, r := range rs {
			out = append(out, [3]int{r.Lexicon, r.Concept, r.Term})
		}
		return out
	}
	sentence := func(r textstat.SentenceRef) storedSentence {
		return storedSentence{Article: r.Article, Sentence: r.Sentence, Start: r.Span.Start, End: r.Span.End}
	}
	out := make([]storedPair, len(pairs))
	for i, p := range pairs {
		out[i] = storedPair{Kind: p.Kind, Sim: p.Similarity, A: sentence(p.A), B: sentence(p.B), Diffs: make([]storedDiff, len(p.Differences))}
		for k, d := range p.Differences {
			out[i].Diffs[k] = storedDiff{A: [2]int{d.ASpan.Start, d.ASpan.End}, B: [2]int{d.BSpan.Start, d.BSpan.End},
				ATerms: refs(d.ATerms), BTerms: refs(d.BTerms), Inc: d.Incidental}
		}
	}
	data, err := json.Marshal(out)
	if err != nil {
		return nil, fmt.Errorf("encode alignments: %w", err)
	}
	return data, nil
}

// decodePairs reads kept pairs, cutting their texts from the articles.
func decodePairs(data []byte, articles []framing.Article) ([]textstat.AlignedPair, error) {
	var stored []storedPair
	if err := json.Unmarshal(data, &stored); err != nil {
		return nil, fmt.Errorf("decode alignments: %w", err)
	}
	body := make(map[int64]string, len(articles))
	for _, a := range articles {
		body[a.ID] = a.Body
	}
	cut := func(id int64, start, end int) (string, error) {
		b, ok := body[id]
		if !ok || start < 0 || end > len(b) || start > end {
			return "", fmt.Errorf("decode alignments: span %d–%d of article %d is not in its text", start, end, id)
		}
		return b[start:end], nil
	}
	refs := func(rs [][3]int) []framing.TermRef {
		out := make([]framing.TermRef, len(rs))
		for i, r := range rs {
			out[i] = framing.TermRef{Lexicon: r[0], Concept: r[1], Term: r[2]}
		}
		return out
	}
	pairs := make([]textstat.AlignedPair, len(stored))
	for i, p := range stored {
		a, err := cut(p.A.Article, p.A.Start, p.A.End)
		if err != nil {
			return nil, err
		}
		b, err := cut(p.B.Article, p.B.Start, p.B.End)
		if err != nil {
			return nil, err
		}
		pairs[i] = textstat.AlignedPair{Kind: p.Kind, Similarity: p.Sim,
			A:           textstat.SentenceRef{Article: p.A.Article, Sentence: p.A.Sentence, Span: framing.Span{Start: p.A.Start, End: p.A.End}, Text: a},
			B:           textstat.SentenceRef{Article: p.B.Article, Sentence: p.B.Sentence, Span: framing.Span{Start: p.B.Start, End: p.B.End}, Text: b},
			Differences: make([]textstat.Difference, len(p.Diffs))}
		for k, d := range p.Diffs {
			da, err := cut(p.A.Article, d.A[0], d.A[1])
			if err != nil {
				return nil, err
			}
			db, err := cut(p.B.Article, d.B[0], d.B[1])
			if err != nil {
				return nil, err
			}
			pairs[i].Differences[k] = textstat.Difference{A: da, B: db, ASpan: framing.Span{Start: d.A[0], End: d.A[1]},
				BSpan: framing.Span{Start: d.B[0], End: d.B[1]}, ATerms: refs(d.ATerms), BTerms: refs(d.BTerms), Incidental: d.Inc}
		}
	}
	return pairs, nil
}
