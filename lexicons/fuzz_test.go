package lexicons

import (
	"errors"
	"reflect"
	"testing"
	"unicode/utf8"

	"framelens/framing"
)

// importSeeds are the smallest shipped lexicon in each encoding, and
// files that are nearly right.
func importSeeds(f *testing.F, export func(framing.Lexicon) ([]byte, error), extra ...string) {
	list, err := Shipped()
	if err != nil {
		f.Fatal(err)
	}
	small := list[0]
	for _, l := range list {
		if len(l.Concepts) < len(small.Concepts) {
			small = l
		}
	}
	data, err := export(small)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	f.Add(data[:len(data)/2])
	for _, s := range extra {
		f.Add([]byte(s))
	}
}

// checkImported is what every import must give: an invalid-file error, or
// a lexicon of valid UTF-8 that compiles and survives a second round trip
// through both encodings unchanged.
func checkImported(t *testing.T, lex framing.Lexicon, err error) {
	t.Helper()
	if err != nil {
		var fe *framing.Error
		if !errors.As(err, &fe) || fe.Code != framing.EInvalid {
			t.Fatalf("error %v is not an invalid-file error", err)
		}
		return
	}
	for _, s := range lexiconStrings(lex) {
		if !utf8.ValidString(s) {
			t.Fatalf("imported text %q is not UTF-8", s)
		}
	}
	if _, err := framing.Compile([]framing.Lexicon{lex}); err != nil {
		t.Fatalf("an imported lexicon does not compile: %v", err)
	}
	for name, format := range map[string]struct {
		out func(framing.Lexicon) ([]byte, error)
		in  func([]byte) (framing.Lexicon, error)
	}{"json": {ExportJSON, ImportJSON}, "csv": {ExportCSV, ImportCSV}} {
		data, err := format.out(lex)
		if err != nil {
			t.Fatalf("%s export of an imported lexicon: %v", name, err)
		}
		back, err := format.in(data)
		if err != nil {
			t.Fatalf("%s: the export of an imported lexicon is refused: %v\n%s", name, err, data)
		}
		if !reflect.DeepEqual(back, lex) {
			t.Fatalf("%s round trip changed the lexicon:\n%+v\n%+v", name, lex, back)
		}
	}
}

func lexiconStrings(l framing.Lexicon) []string {
	out := []string{l.Slug, l.Name, l.Description, l.Language}
	for _, p := range l.Perspectives {
		out = append(out, p.Slug, p.Name, p.Description)
	}
	for _, c := range l.Concepts {
		out = append(out, c.Name, c.Category, c.Description)
		for _, t := range c.Terms {
			out = append(out, t.Phrase, t.Language, t.Perspective, t.Match, t.Note, t.Neutral, t.SourceTitle, t.SourceURL)
			out = append(out, t.Variants...)
		}
	}
	return out
}

func FuzzImportJSON(f *testing.F) {
	importSeeds(f, ExportJSON,
		`{"slug":"x","name":"X","perspectives":[{"slug":"a","name":"A"}],"concepts":[{"name":"c","terms":[{"phrase":"p","perspective":"a","source":{"title":"t","url":"https://e.org"}}]}]}`,
		`{"slug": 1}`, `[]`, `{"concepts": [{"terms": [{}]}]}`, "{\"name\": \"\xff\xfe\"}")
	f.Fuzz(func(t *testing.T, data []byte) {
		lex, err := ImportJSON(data)
		checkImported(t, lex, err)
	})
}

func FuzzImportCSV(f *testing.F) {
	importSeeds(f, ExportCSV, "lexicon_slug\n\"", "\xef\xbb\xbf", "a,b\n1,2,3\n")
	f.Fuzz(func(t *testing.T, data []byte) {
		lex, err := ImportCSV(data)
		checkImported(t, lex, err)
	})
}

func TestAFileThatIsNotUTF8IsRefusedWithTheLineOfItsFirstBadByte(t *testing.T) {
	good, err := ExportCSV(shipped(t)[1])
	if err != nil {
		t.Fatal(err)
	}
	bad := append([]byte{}, good...)
	bad[bytesAfterLine(bad, 2)+1] = 0x82 // line 3: a continuation byte with no start
	for name, in := range map[string]func([]byte) (framing.Lexicon, error){"csv": ImportCSV, "json": ImportJSON} {
		_, err := in(bad)
		if framing.ErrorCode(err) != framing.EInvalid || framing.ErrorMessage(err) != "Line 3: the file is not UTF-8 text; save it as UTF-8 and import it again" {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// bytesAfterLine is the offset where line n+1 starts.
func bytesAfterLine(data []byte, n int) int {
	for i, b := range data {
		if b == '\n' {
			if n--; n == 0 {
				return i + 1
			}
		}
	}
	return len(data)
}
