package codec

import (
	"reflect"
	"testing"

	"framelens/framing"
)

func TestMatchesRoundTripThroughTheCompactEncodingAndOldJSONIsStillRead(t *testing.T) {
	body := "They said “occupied” Stepanakert. Then Khankendi, said officials."
	matches := []framing.Match{
		{Span: framing.Span{Start: 12, End: 20}, Surface: body[12:20], Ref: framing.TermRef{Lexicon: 0, Concept: 3, Term: 1}, Voice: framing.VoiceScare},
		{Span: framing.Span{Start: 24, End: 35}, Surface: body[24:35], Ref: framing.TermRef{Lexicon: 1, Concept: 0, Term: 2}, Voice: framing.VoiceOwn},
		{Span: framing.Span{Start: 42, End: 51}, Surface: body[42:51], Ref: framing.TermRef{Lexicon: 1, Concept: 0, Term: 7}, Voice: framing.VoiceQuoted, Sentence: 1},
	}
	got, err := DecodeMatches(EncodeMatches(nil, matches), body)
	if err != nil || !reflect.DeepEqual(got, matches) {
		t.Fatalf("round trip: %+v, %v", got, err)
	}
	old := `[{"s":12,"e":20,"x":"occupied","l":0,"c":3,"t":1,"v":"scare","n":0}]`
	got, err = DecodeMatches([]byte(old), body)
	if err != nil || !reflect.DeepEqual(got, matches[:1]) {
		t.Fatalf("old JSON: %+v, %v", got, err)
	}
	if _, err := DecodeMatches(EncodeMatches(nil, matches), body[:30]); err == nil {
		t.Error("spans beyond a shorter text were read")
	}
	if _, err := DecodeMatches([]byte{matchesFormat, 5, 1}, body); err == nil {
		t.Error("truncated data was read")
	}
}
