package framing

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// sameSentencesQuotes fails t unless Sentences and Quotes give what the
// reference (the code before tuning) gives, and the marks of Analyze's
// word scan give what searching the text gives. nil and empty differ:
// callers may tell them apart.
func sameSentencesQuotes(t *testing.T, text string) {
	t.Helper()
	s, rs := Sentences(text), refSentencesOf(text)
	if !slices.Equal(s, rs) || (s == nil) != (rs == nil) {
		t.Fatalf("Sentences(%q) = %v, before: %v", text, s, rs)
	}
	q, rq := Quotes(text), refQuotesOf(text)
	if !slices.Equal(q, rq) || (q == nil) != (rq == nil) {
		t.Fatalf("Quotes(%q) = %v, before: %v", text, q, rq)
	}
	stops, quoteMarks := MarksForBench(text)
	if ms := sentences(text, stops); !slices.Equal(ms, s) || (ms == nil) != (s == nil) {
		t.Fatalf("sentences(%q) on marks = %v, searching: %v", text, ms, s)
	}
	if mq := quotes(text, quoteMarks); !slices.Equal(mq, q) || (mq == nil) != (q == nil) {
		t.Fatalf("quotes(%q) on marks = %v, searching: %v", text, mq, q)
	}
}

var sqSeeds = []string{
	// FuzzAnalyze's seeds and the input it found.
	"", "\"", "'", "«", "„“", "’’’", "Nagorno-Karabakh", "\"Of course,\" Putin said.\n\"Yes",
	"Azerbaijan's 'counter-terrorism measures' in Khankendi", "Нагорном Карабахе… «Степанакерт»",
	"U.S. Nov. 10. A. B. ...!?", "\xff\xfe invalid \xc3", "held under\u00a0Armenian–occupation",
	"ªb 'x' «y» l’été, ‘quoted’ ‹a› ”Swedish” it's 'tis\u2029next… \"done.\"",
	"Nagorno-Karabakhnagornokarabakh's \xe2\x80 \xc2", "twelvelettersx'word sixteenletters! seventeenletterss",
	"Нагорн Караб\xb00",
	// Abbreviations, initials and stops.
	"Dr. Smith met Gen. Lee on Nov. 10. They spoke. J. R. Smith left.", "The U.S. Army said no. No. 5 won.",
	"Mr.Smith. MR. Jones. Approx. 40 left. Gen'l. Lee. etc. And so on.", "Он пришёл в 1990 г. В том же гг. Т. е.",
	"ул. Ленина. им. Пушкина! см. Выше? Да… Нет", "Wait... What?! \"Yes.\" (No.) [Ok.] 'So.' «Да.» ”Ja.”",
	"He said:\u00a0«Hello.»\u2003Then\u3000Bye. \tTab.\vVT.\fFF.\rCR.\u0085NEL. \u2028LS.",
	"end.\n\nNew para.\r\nCRLF. x.1 y.Z z. é. É. ǅ. 𝐀. ①.", "A.\u200bB. C. \u00adD. Ü. ß. İ. ΣΑ. Ⅻ.",
	// Quotes of every kind, nested, left open, running over paragraphs.
	"“He said ‘no’ twice,” she added. „Ja“, sagte er. «Il a dit ‹non›», a-t-il dit.",
	"\"Open quote\n\"continues here,\" he said.\n\"And left open\nNext para.",
	"‘single’ ’90s rock'n'roll 'tis ‚unten‘ ’Swedish’ ”svenska” “unclosed\n„x“y“ z",
	"The so-called \"peace talks\" began. Officials called it \"progress\". She told reporters \"never\"",
	"Он назвал это «мирным процессом». «Мы готовы», — заявил он. Говорит «нет» сказал",
	"“one two three four five six seven eight” x “a, b” “a” said “c” tweeted: “d” ‘e’ wrote “f…”",
	"\"a\" \"b\" \"c\"\n\n\n \t\"d\n \"e\" \u2029\"f\u2029\"g\"",
	"Officials of the republic acknowledged \"some progress\" in talks; \"none\" explained the envoy.",
	"The longwordabcdefghijklmnop \"x\" thelongestwordsofall. Emphasized: \"y\" Ünderlined \"z\" underlinedx \"w\"",
	// Invalid and cut UTF-8 next to marks.
	"\xe2\x80\x9c\xe2\x80 \xe2\x80\x9d\xe2. \xe2\x80\xa6\xe2\x80\xa9 \xc2\xab\xc2 \xc2\xbb\xc2",
	".\xe2\x80\xa6X ?\xc2\xbbA !\xe2\x80\x9dB .\xff A .\x80\"B",
}

func FuzzSentencesQuotesSame(f *testing.F) {
	for _, s := range sqSeeds {
		f.Add(s)
	}
	files, _ := filepath.Glob(filepath.Join("testdata", "*.txt"))
	articles, _ := filepath.Glob(filepath.Join("..", "demo", "articles", "*.txt"))
	files = append(files, articles...)
	for _, name := range files {
		if b, err := os.ReadFile(name); err == nil {
			f.Add(string(b))
		}
	}
	f.Fuzz(sameSentencesQuotes)
}

// TestSentencesQuotesSameRandom tries texts drawn from the characters the
// splitter and the quote finder treat specially, which random bytes
// rarely hit together.
func TestSentencesQuotesSameRandom(t *testing.T) {
	pieces := strings.Fields(`. . . ! ? … " " ' ' ‘ ’ “ ” „ ‚ « » ‹ › ( ) [ ] : , ; — - a b Z É é я Я 1 9 ①
		Dr Nov U S г гг said told сказал заявил says the of J it's '90s \xe2 \xc2 \xff \xe2\x80
		acknowledged Emphasised ANNOUNCED according explained underlined abcdefgh 12345678`)
	pieces = append(pieces, " ", " ", " ", " ", "\n", "\n\n", "\t", "\r\n", "\u00a0", "\u2029", "\u2028", "\u0085", "\v")
	r := rand.New(rand.NewPCG(5, 6))
	var b strings.Builder
	for range 20000 {
		b.Reset()
		for range 1 + r.IntN(30) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		sameSentencesQuotes(t, b.String())
	}
}

// TestSpeechWindowsSame compares the word windows next to quotes with the
// reference at every position of random texts, words of every length
// included, which whole quotes reach only by chance.
func TestSpeechWindowsSame(t *testing.T) {
	refSpeechInit()
	pieces := strings.Fields(`said told acknowledged emphasised ANNOUNCED according explained underlined
		tweeted the a of abcdefghijklmno abcdefghijklmnopq 12345678 it's сказал заявил . ! ? , : ' " é ʼ ’ \xff`)
	pieces = append(pieces, " ", " ", " ", "\n", "\t", "-")
	r := rand.New(rand.NewPCG(7, 8))
	var b strings.Builder
	for range 1200 {
		b.Reset()
		for range 1 + r.IntN(12) {
			b.WriteString(pieces[r.IntN(len(pieces))])
			if r.IntN(3) == 0 {
				b.WriteString(pieces[r.IntN(len(pieces))])
			}
		}
		text := b.String()
		for i := 0; i <= len(text); i++ {
			if got, want := speechVerbBefore(text, i), refSpeechVerbBefore(text, i); got != want {
				t.Fatalf("speechVerbBefore(%q, %d) = %v, before: %v", text, i, got, want)
			}
			if got, want := speechVerbAfter(text, i), refSpeechVerbAfter(text, i); got != want {
				t.Fatalf("speechVerbAfter(%q, %d) = %v, before: %v", text, i, got, want)
			}
			for _, limit := range []int{0, 1, 6} {
				for j := i; j <= len(text) && j < i+40; j++ {
					if got, want := countWords(text, i, j, limit), refCountWords(text[i:j], limit); got != want {
						t.Fatalf("countWords(%q, %d) = %d, before: %d", text[i:j], limit, got, want)
					}
				}
			}
		}
	}
}
