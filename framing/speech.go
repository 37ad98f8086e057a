package framing

import "strings"

// speechVerbs introduce reported speech; a quote next to one is someone's
// words, not the outlet's distance-keeping.
var speechVerbs = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`say says said saying tell tells told telling add adds added state states stated
		stress stresses stressed underline underlines underlined note notes noted call calls called
		describe describes described write writes wrote ask asks asked declare declares declared announce
		announces announced claim claims claimed insist insists insisted argue argues argued warn warns warned
		urge urges urged explain explains explained reply replies replied remark remarks remarked emphasize
		emphasizes emphasized emphasise emphasises emphasised quote quotes quoted according acknowledge
		acknowledged admit admits admitted vow vowed pledge pledged promise promised tweet tweeted posted
		said: told: wrote: declared: added:
		сказал сказала заявил заявила отметил отметила подчеркнул подчеркнула добавил добавила назвал назвала
		сообщил сообщила говорит сказано пишет написал написала заявляет считает`) {
		speechVerbs[strings.TrimSuffix(w, ":")] = true
	}
}

// classifyQuote decides whether a quotation is reported speech or scare
// quotes. It is speech when it is long (more than six words), ends with
// the punctuation of a spoken sentence inside the marks, follows a colon,
// or has a speech verb within three words before or after it; otherwise it
// is a short phrase held at a distance inside the outlet's own sentence.
func classifyQuote(text string, q Quote) Voice {
	inner := text[q.Inner.Start:q.Inner.End]
	if len(inner) > 200 || countWords(inner) > 6 {
		return VoiceQuoted
	}
	trimmed := strings.TrimRight(inner, " \t\n")
	if trimmed != "" && strings.ContainsAny(trimmed[len(trimmed)-1:], ",.!?:;") || strings.HasSuffix(trimmed, "…") {
		return VoiceQuoted
	}
	before := strings.TrimRight(text[:q.Start], " \t")
	if strings.HasSuffix(before, ":") {
		return VoiceQuoted
	}
	if speechVerbNear(text, 0, q.Start, true) || speechVerbNear(text, q.End, len(text), false) {
		return VoiceQuoted
	}
	return VoiceScare
}

// speechVerbNear looks for a speech verb among the three words of
// text[from:to] nearest the quote (the last three when before is true),
// without crossing the end of a sentence.
func speechVerbNear(text string, from, to int, before bool) bool {
	const window = 3
	lo, hi := from, to
	if before {
		lo = max(from, to-64)
	} else {
		hi = min(to, from+64)
	}
	seg := text[lo:hi]
	if before {
		if k := strings.LastIndexAny(seg, ".!?\n"); k >= 0 {
			seg = seg[k+1:]
		}
	} else if k := strings.IndexAny(seg, ".!?\n"); k >= 0 {
		seg = seg[:k]
	}
	var arr [64]Token
	toks := Tokenize(seg, arr[:0])
	if before && len(toks) > window {
		toks = toks[len(toks)-window:]
	} else if !before && len(toks) > window {
		toks = toks[:window]
	}
	var fold [64]byte
	buf := fold[:0]
	for _, t := range toks {
		buf = foldWord(buf[:0], seg[t.Start:t.End])
		if speechVerbs[string(buf)] {
			return true
		}
	}
	return false
}

// countWords counts the words of a text of at most 200 bytes without
// allocating.
func countWords(s string) int {
	var arr [128]Token
	return len(Tokenize(s, arr[:0]))
}
