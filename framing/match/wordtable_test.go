package match

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

func TestPackedWordsFoldCaseAndKeepEveryByte(t *testing.T) {
	folded := func(w string) packedWord {
		k, ok := packFolded(w)
		if !ok {
			t.Fatalf("packFolded(%q) refused", w)
		}
		return k
	}
	text := "OCCUPIED Occupied occupied azerbaijan's ABCDEFGHIJKLMNOP abcdefghijklmnopq x9"
	cases := []struct {
		start, end int
		want       string
		ok         bool
	}{
		{0, 8, "occupied", true},
		{9, 17, "occupied", true},
		{18, 26, "occupied", true},
		{27, 39, "azerbaijan's", true},
		{40, 56, "abcdefghijklmnop", true},     // 16 bytes: the longest packed
		{57, 74, "", false},                    // 17 bytes
		{len(text) - 2, len(text), "x9", true}, // fewer than 8 bytes left in the text
	}
	for _, c := range cases {
		k, ok := packASCII(text, c.start, c.end)
		if ok != c.ok {
			t.Fatalf("packASCII(%q) ok = %v", text[c.start:c.end], ok)
		}
		if ok && k != folded(c.want) {
			t.Errorf("packASCII(%q) = %x, want the packing of %q", text[c.start:c.end], k, c.want)
		}
	}
	// Words that differ only past the eighth byte, or in length, differ.
	if folded("occupation") == folded("occupatio") || folded("occupied") == folded("occupie") {
		t.Error("different words packed alike")
	}
	for _, w := range []string{"", "Occupied", "нагорный", "a b", strings.Repeat("a", 17)} {
		if _, ok := packFolded(w); ok {
			t.Errorf("packFolded(%q) accepted a word it cannot hold", w)
		}
	}
}

func TestWordTableFindsWhatWasPutAndGrows(t *testing.T) {
	tbl := newWordTable(0)
	for round := 0; round < 3; round++ {
		tbl = tbl.grown(1000)
		for i := round * 1000; i < (round+1)*1000; i++ {
			k, _ := packFolded(fmt.Sprintf("w%d", i))
			tbl.put(k, wordInfo{keys: uint64(i), meta: 1 << metaN})
		}
	}
	if tbl.n != 3000 || tbl.n*8 > len(tbl.slots) {
		t.Fatalf("n = %d in %d slots", tbl.n, len(tbl.slots))
	}
	for i := 0; i < 3000; i++ {
		k, _ := packFolded(fmt.Sprintf("w%d", i))
		if info, ok := tbl.get(k); !ok || info.key(0) != int32(i) {
			t.Fatalf("w%d: got %+v, %v", i, info, ok)
		}
	}
	k, _ := packFolded("w3000")
	if _, ok := tbl.get(k); ok {
		t.Error("found a word never put")
	}
}

// A word is looked up the slow way (folded, stemmed) the first time a
// matcher sees it and from the cache after: both must give the same
// matches, for packed words, long words and words in other scripts.
func TestFirstAndLaterAnalysesAgree(t *testing.T) {
	var terms []Term
	for i, spec := range []struct {
		phrase string
		mode   Mode
	}{
		{"occupied", ModeStem}, {"held under Armenian occupation", ModeStem}, {"internationally recognised", ModeStem},
		{"counter-terrorism measures", ModeStem}, {"Нагорный Карабах", ModeStem}, {"NKAO", ModeExact},
		{"Azerbaijan's territory", ModeWord}, {"uncharacteristically aggressive", ModeStem},
	} {
		terms = append(terms, Term{ID: i, Phrases: []string{spec.phrase}, Mode: spec.mode})
	}
	text := `Villages HELD UNDER ARMENIAN OCCUPATION were Occupied. The internationally-recognised
"counterterrorism measures" in Нагорном Карабахе and НАГОРНЫЙ КАРАБАХ; NKAO, not nkao.
Azerbaijan’s territory and AZERBAIJAN'S TERRITORY; an uncharacteristically aggressive move.`
	m := Compile(terms)
	first := m.Analyze(text).Matches
	second := m.Analyze(text).Matches
	if !reflect.DeepEqual(first, second) {
		t.Fatalf("first analysis %v\nlater analysis %v", first, second)
	}
	var got []string
	for _, mt := range second {
		got = append(got, text[mt.Start:mt.End])
	}
	want := []string{"HELD UNDER ARMENIAN OCCUPATION", "Occupied", "internationally-recognised",
		"counterterrorism measures", "НАГОРНЫЙ КАРАБАХ", "NKAO", "Azerbaijan’s territory",
		"AZERBAIJAN'S TERRITORY", "uncharacteristically aggressive"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("matches %q\nwant    %q", got, want)
	}
}

// The eight-bytes-at-once word test must agree with the byte table for
// every byte value at every position.
func TestASCIIWordBytesAgreesWithTheByteTable(t *testing.T) {
	for c := 0; c < 256; c++ {
		for pos := 0; pos < 8; pos++ {
			b := []byte("abcdefgh")
			b[pos] = byte(c)
			want := 8
			if c >= 0x80 || !wordByte[c] {
				want = pos
			}
			if got := asciiWordBytes(string(b), 0); got != want {
				t.Fatalf("byte %#x at %d: got %d, want %d", c, pos, got, want)
			}
		}
	}
}
