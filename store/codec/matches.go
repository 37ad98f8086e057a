// Package codec is the compact binary form in which both stores keep an
// article's matches.
package codec

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"

	"framelens/framing"
)

// Matches are kept in a compact binary form (matchesFormat, then per
// match varints: start as a step from the previous start, length,
// lexicon, concept, term, voice, sentence as a step from the previous
// one); the surface is cut from the text again when read. An article of
// 800 words with 60 matches takes about 400 bytes, a fifth of the JSON
// that earlier versions kept, and encodes without reflection. Analyses
// kept as JSON by earlier versions are still read.
const matchesFormat = 1

var voices = []framing.Voice{framing.VoiceOwn, framing.VoiceQuoted, framing.VoiceScare}

// EncodeMatches appends the compact form of matches to buf.
func EncodeMatches(buf []byte, matches []framing.Match) []byte {
	buf = append(buf, matchesFormat)
	buf = binary.AppendUvarint(buf, uint64(len(matches)))
	prevStart, prevSentence := 0, 0
	for _, m := range matches {
		voice := 0
		for i, v := range voices {
			if m.Voice == v {
				voice = i
			}
		}
		buf = binary.AppendVarint(buf, int64(m.Start-prevStart))
		buf = binary.AppendUvarint(buf, uint64(m.End-m.Start))
		buf = binary.AppendUvarint(buf, uint64(m.Ref.Lexicon))
		buf = binary.AppendUvarint(buf, uint64(m.Ref.Concept))
		buf = binary.AppendUvarint(buf, uint64(m.Ref.Term))
		buf = append(buf, byte(voice))
		buf = binary.AppendVarint(buf, int64(m.Sentence-prevSentence))
		prevStart, prevSentence = m.Start, m.Sentence
	}
	return buf
}

var errBadMatches = errors.New("malformed matches")

// DecodeMatches reads matches kept by EncodeMatches (or as JSON by earlier
// versions), cutting their surfaces from body, the text they were found in.
func DecodeMatches(data []byte, body string) ([]framing.Match, error) {
	if len(data) > 0 && data[0] == '[' {
		return decodeJSONMatches(data, body)
	}
	if len(data) == 0 || data[0] != matchesFormat {
		return nil, errBadMatches
	}
	data = data[1:]
	var bad bool
	uvarint := func() int {
		v, n := binary.Uvarint(data)
		if n <= 0 || v > 1<<40 {
			bad = true
			return 0
		}
		data = data[n:]
		return int(v)
	}
	varint := func() int {
		v, n := binary.Varint(data)
		if n <= 0 || v > 1<<40 || v < -(1<<40) {
			bad = true
			return 0
		}
		data = data[n:]
		return int(v)
	}
	count := uvarint()
	if bad || count > len(data) {
		return nil, errBadMatches
	}
	out := make([]framing.Match, count)
	start, sentence := 0, 0
	for i := range out {
		start += varint()
		end := start + uvarint()
		ref := framing.TermRef{Lexicon: uvarint(), Concept: uvarint(), Term: uvarint()}
		if bad || len(data) == 0 || int(data[0]) >= len(voices) {
			return nil, errBadMatches
		}
		voice := voices[data[0]]
		data = data[1:]
		sentence += varint()
		if bad || start < 0 || end > len(body) {
			return nil, fmt.Errorf("%w: span %d–%d outside the text", errBadMatches, start, end)
		}
		out[i] = framing.Match{Span: framing.Span{Start: start, End: end}, Surface: body[start:end], Ref: ref, Voice: voice, Sentence: sentence}
	}
	return out, nil
}

// jsonMatch is a match as earlier versions kept it.
type jsonMatch struct {
	Start    int           `json:"s"`
	End      int           `json:"e"`
	Surface  string        `json:"x"`
	Lexicon  int           `json:"l"`
	Concept  int           `json:"c"`
	Term     int           `json:"t"`
	Voice    framing.Voice `json:"v"`
	Sentence int           `json:"n"`
}

func decodeJSONMatches(data []byte, body string) ([]framing.Match, error) {
	var stored []jsonMatch
	if err := json.Unmarshal(data, &stored); err != nil {
		return nil, err
	}
	out := make([]framing.Match, len(stored))
	for i, m := range stored {
		if m.Start < 0 || m.End > len(body) || m.Start > m.End {
			return nil, fmt.Errorf("%w: span %d–%d outside the text", errBadMatches, m.Start, m.End)
		}
		out[i] = framing.Match{Span: framing.Span{Start: m.Start, End: m.End}, Surface: body[m.Start:m.End],
			Ref: framing.TermRef{Lexicon: m.Lexicon, Concept: m.Concept, Term: m.Term}, Voice: m.Voice, Sentence: m.Sentence}
	}
	return out, nil
}
