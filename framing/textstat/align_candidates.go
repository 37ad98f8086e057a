package textstat

import (
	"cmp"
	"context"
	"encoding/binary"
	"math"
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
	// postingBudget bounds the work of one sentence's search, counted in
	// the sentences that hold its words (see searcher.run): its words are
	// taken rarest first, so where a word is in every article of a large
	// event, the rarer words it shares decide.
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
	group int32
	w     float32
}

// sentenceGroups gathers the sentences with the same weights, which score
// alike against every other: syndicated copy and stock phrases repeat a
// sentence across many articles of a large event, and its candidates are
// searched for once.
type sentenceGroups struct {
	of      []int32   // by sentence
	members [][]int32 // by group, the sentences in order
}

func groupSentences(sentences []alignSentence) sentenceGroups {
	g := sentenceGroups{of: make([]int32, len(sentences))}
	byVector := map[string]int32{}
	var key []byte
	for i, s := range sentences {
		key = key[:0]
		for _, w := range s.vector {
			key = binary.LittleEndian.AppendUint32(key, uint32(w.term))
			key = binary.LittleEndian.AppendUint64(key, math.Float64bits(w.w))
		}
		id, ok := byVector[string(key)]
		if !ok {
			id = int32(len(g.members))
			byVector[string(key)] = id
			g.members = append(g.members, nil)
		}
		g.of[i] = id
		g.members[id] = append(g.members[id], int32(i))
	}
	return g
}

// alignCandidates finds for each sentence its best match in each of the
// candidateArticles articles where it has the best ones, through an index
// of the sentences by content word. df is how many sentences hold each
// term.
func alignCandidates(ctx context.Context, sentences []alignSentence, articles int, df []int, threshold float64) ([][]candidate, error) {
	groups := groupSentences(sentences)
	index := make([][]posting, len(df))
	for g, members := range groups.members {
		for _, w := range sentences[members[0]].vector {
			index[w.term] = append(index[w.term], posting{int32(g), float32(w.w)})
		}
	}
	out := make([][]candidate, len(sentences))
	workers := min(runtime.GOMAXPROCS(0), max(1, len(sentences)/512))
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			// Each worker takes every workers-th group, with scratch of its own.
			s := searcher{sentences: sentences, groups: groups, index: index, df: df, threshold: threshold, out: out}
			errs[w] = s.run(ctx, articles, w, workers)
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

type searcher struct {
	sentences []alignSentence
	groups    sentenceGroups
	index     [][]posting // by term, one entry per group
	df        []int       // by term, sentences: what a term's entries cost
	threshold float64
	out       [][]candidate
}

// run fills out[i] for the sentences of the groups g ≡ from (mod step).
//
// A sentence sums the index entries of its words rarest first, within a
// budget counted in sentences, so that grouping changes no result; its
// best match in an article is the most similar of that article's
// sentences (ties: the earlier), and its candidates the best of those in
// other articles than its own. A group's sentences share the search: only
// their own article differs, and it is left out of each one's list.
func (s *searcher) run(ctx context.Context, articles int, from, step int) error {
	budget := max(minPostingBudget, postingBudget*budgetArticles/max(articles, budgetArticles))
	score := make([]float32, len(s.groups.members))
	var touched []int32
	best := make([]int32, articles) // per article, its best sentence so far, or -1
	bestScore := make([]float32, articles)
	for i := range best {
		best[i] = -1
	}
	var bestOf []int32 // articles with a best sentence
	var order []weight
	top := make([]candidate, 0, candidateArticles+1)
	for g := from; g < len(s.groups.members); g += step {
		if (g/step)%32 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		members := s.groups.members[g]
		order = append(order[:0], s.sentences[members[0]].vector...)
		slices.SortFunc(order, func(x, y weight) int { return cmp.Compare(s.df[x.term], s.df[y.term]) })
		spent := 0
		for _, w := range order {
			if spent > 0 && spent+s.df[w.term] > budget {
				break
			}
			spent += s.df[w.term]
			ww := float32(w.w)
			for _, p := range s.index[w.term] {
				sc := &score[p.group]
				if *sc == 0 {
					touched = append(touched, p.group)
				}
				*sc += ww * p.w
			}
		}
		for _, h := range touched {
			sim := score[h]
			score[h] = 0
			if float64(sim) < s.threshold*0.5 { // partial sums may fall short of the cosine
				continue
			}
			for _, j := range s.groups.members[h] {
				a := s.sentences[j].article
				switch b := best[a]; {
				case b < 0:
					best[a], bestScore[a] = j, sim
					bestOf = append(bestOf, a)
				case sim > bestScore[a] || sim == bestScore[a] && j < b:
					best[a], bestScore[a] = j, sim
				}
			}
		}
		top = top[:0]
		for _, a := range bestOf {
			top = keepBest(top, candidate{best[a], bestScore[a]}, candidateArticles+1)
			best[a] = -1
		}
		s.share(members, top)
		touched, bestOf = touched[:0], bestOf[:0]
	}
	return nil
}

// share gives each sentence of a group the group's best candidates in
// other articles than its own, at most candidateArticles of them; top has
// one more, for the sentence whose own article is among them.
func (s *searcher) share(members []int32, top []candidate) {
	shared := slices.Clone(top[:min(len(top), candidateArticles)])
	for _, i := range members {
		own := s.sentences[i].article
		if !slices.ContainsFunc(shared, func(c candidate) bool { return s.sentences[c.sentence].article == own }) {
			s.out[i] = shared
			continue
		}
		list := make([]candidate, 0, candidateArticles)
		for _, c := range top {
			if s.sentences[c.sentence].article != own && len(list) < candidateArticles {
				list = append(list, c)
			}
		}
		s.out[i] = list
	}
}

// keepBest adds c to top, the best candidates so far, most similar first
// (ties: the earlier sentence), keeping at most limit.
func keepBest(top []candidate, c candidate, limit int) []candidate {
	better := func(x, y candidate) bool { return x.sim > y.sim || x.sim == y.sim && x.sentence < y.sentence }
	if len(top) == limit {
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
	words := make(map[int32][]alignWord)
	var lcs []int32 // diffWords' table
	wordsOf := func(i int32) []alignWord {
		w, ok := words[i]
		if !ok {
			w = sentenceWords(&sentences[i], texts[sentences[i].article].Text)
			words[i] = w
		}
		return w
	}
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
		diffs := diffWords(texts[sa.article], texts[sb.article], wordsOf(f.i), wordsOf(f.j), lower, &lcs)
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
