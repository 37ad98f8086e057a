package textstat

import (
	"cmp"
	"context"
	"runtime"
	"slices"
	"sync"
)

const (
	// PairsPerArticlePair is how many aligned pairs each pair of articles
	// keeps at most, the most similar: enough to show how two outlets
	// word the facts they share, without the pairs of a large event
	// growing with the square of its articles.
	PairsPerArticlePair = 8
	// MaxAlignedPairs bounds an event's aligned pairs in all.
	MaxAlignedPairs = 5000
	// candidateArticles is how many other articles each sentence keeps
	// its best match in, the most similar ones. Up to this many articles
	// plus one, every sentence's best match in every article is kept and
	// the result is that of comparing every pair of sentences.
	candidateArticles = 24
	// postingBudget bounds the index entries summed for one sentence:
	// its words are taken rarest first, so where a word is in every
	// article of a large event, the rarer words it shares decide.
	postingBudget = 4096
	// budgetArticles is the event size up to which a sentence may sum
	// postingBudget entries; in a larger event, proportionally fewer, down
	// to minPostingBudget, so that the work grows with the event's
	// sentences and not faster: a word of a large event's every article
	// has as many entries as the event has articles.
	budgetArticles   = 100
	minPostingBudget = 1024
)

// candidate is a sentence's best match in one other article.
type candidate struct {
	sentence int32 // index among the event's sentences
	sim      float32
}

type posting struct {
	sentence int32
	article  int32 // the sentence's, kept here to save a lookup per entry
	w        float32
}

// alignCandidates finds for each sentence its best match in each of the
// candidateArticles articles where it has the best ones, through an index
// of the sentences by content word.
func alignCandidates(ctx context.Context, sentences []alignSentence, articles, terms int, threshold float64) ([][]candidate, error) {
	index := make([][]posting, terms)
	for k, s := range sentences {
		for _, w := range s.vector {
			index[w.term] = append(index[w.term], posting{int32(k), s.article, float32(w.w)})
		}
	}
	out := make([][]candidate, len(sentences))
	workers := min(runtime.GOMAXPROCS(0), max(1, len(sentences)/512))
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			// Each worker takes every workers-th sentence, with scratch of its own.
			errs[w] = candidatesOf(ctx, sentences, index, articles, threshold, out, w, workers)
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// candidatesOf fills out[i] for the sentences i ≡ from (mod step).
func candidatesOf(ctx context.Context, sentences []alignSentence, index [][]posting, articles int, threshold float64, out [][]candidate, from, step int) error {
	budget := max(minPostingBudget, postingBudget*budgetArticles/max(articles, budgetArticles))
	score := make([]float32, len(sentences))
	var touched []int32
	best := make([]int32, articles) // per article, its best sentence so far, or -1
	for i := range best {
		best[i] = -1
	}
	var bestOf []int32 // articles with a best sentence
	var order []weight
	top := make([]candidate, 0, candidateArticles)
	for i := from; i < len(sentences); i += step {
		s := &sentences[i]
		if i%256 == from%256 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		order = append(order[:0], s.vector...)
		slices.SortFunc(order, func(x, y weight) int { return cmp.Compare(len(index[x.term]), len(index[y.term])) })
		spent := 0
		for _, w := range order {
			list := index[w.term]
			if spent > 0 && spent+len(list) > budget {
				break
			}
			spent += len(list)
			for _, p := range list {
				if p.article == s.article {
					continue
				}
				if score[p.sentence] == 0 {
					touched = append(touched, p.sentence)
				}
				score[p.sentence] += float32(w.w) * p.w
			}
		}
		for _, j := range touched {
			a := sentences[j].article
			switch b := best[a]; {
			case b < 0:
				best[a] = j
				bestOf = append(bestOf, a)
			case score[j] > score[b] || score[j] == score[b] && j < b:
				best[a] = j
			}
		}
		top = top[:0]
		for _, a := range bestOf {
			j := best[a]
			if float64(score[j]) >= threshold*0.5 { // partial sums may fall short of the cosine
				top = keepBest(top, candidate{j, score[j]})
			}
			best[a] = -1
		}
		out[i] = slices.Clone(top)
		for _, j := range touched {
			score[j] = 0
		}
		touched, bestOf = touched[:0], bestOf[:0]
	}
	return nil
}

// keepBest adds c to top, the best candidates so far, most similar first
// (ties: the earlier sentence), keeping at most candidateArticles.
func keepBest(top []candidate, c candidate) []candidate {
	better := func(x, y candidate) bool { return x.sim > y.sim || x.sim == y.sim && x.sentence < y.sentence }
	if len(top) == candidateArticles {
		if !better(c, top[len(top)-1]) {
			return top
		}
		top = top[:len(top)-1]
	}
	k := len(top)
	for k > 0 && better(c, top[k-1]) {
		k--
	}
	return slices.Insert(top, k, c)
}

// alignPairs keeps the pairs of sentences that are each other's best
// match, with their exact similarity at the threshold or above, the most
// similar first, up to PairsPerArticlePair per pair of articles and
// MaxAlignedPairs in all, and works out their differences.
func alignPairs(ctx context.Context, texts []AlignText, sentences []alignSentence, cands [][]candidate, threshold float64, lower map[string]bool) ([]AlignedPair, error) {
	type found struct {
		i, j int32
		sim  float64
	}
	var mutual []found
	for i, list := range cands {
		for _, c := range list {
			j := c.sentence
			if sentences[j].article < sentences[i].article {
				continue // found from j's side
			}
			if !slices.ContainsFunc(cands[j], func(d candidate) bool { return d.sentence == int32(i) }) {
				continue
			}
			if sim := cosine(sentences[i].vector, sentences[j].vector); sim >= threshold && sim > 0 {
				mutual = append(mutual, found{int32(i), j, sim})
			}
		}
	}
	slices.SortFunc(mutual, func(x, y found) int {
		if c := cmp.Compare(y.sim, x.sim); c != 0 {
			return c
		}
		if c := cmp.Compare(x.i, y.i); c != 0 {
			return c
		}
		return cmp.Compare(x.j, y.j)
	})
	perPair := map[[2]int32]int{}
	var out []AlignedPair
	for k, f := range mutual {
		if k%256 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		sa, sb := &sentences[f.i], &sentences[f.j]
		key := [2]int32{sa.article, sb.article}
		if perPair[key] >= PairsPerArticlePair {
			continue
		}
		if sa.ref.Text == sb.ref.Text {
			continue // worded identically: no choice of words to show
		}
		diffs := diffWords(texts[sa.article], texts[sb.article], sa.words, sb.words, lower)
		if len(diffs) == 0 {
			continue
		}
		perPair[key]++
		out = append(out, AlignedPair{Similarity: f.sim, A: sa.ref, B: sb.ref, Differences: diffs, Kind: kindOf(diffs)})
		if len(out) >= 2*MaxAlignedPairs {
			break // the most similar; ranked by kind below
		}
	}
	slices.SortStableFunc(out, func(x, y AlignedPair) int {
		if x.Kind != y.Kind {
			return cmp.Compare(x.Kind, y.Kind)
		}
		return cmp.Compare(y.Similarity, x.Similarity)
	})
	if len(out) > MaxAlignedPairs {
		out = out[:MaxAlignedPairs]
	}
	return slices.Clip(out), nil
}

// cosine is the dot product of two unit vectors sorted by term.
func cosine(a, b []weight) float64 {
	sum := 0.0
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i].term < b[j].term:
			i++
		case a[i].term > b[j].term:
			j++
		default:
			sum += a[i].w * b[j].w
			i++
			j++
		}
	}
	return sum
}
