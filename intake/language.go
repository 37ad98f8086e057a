package intake

import (
	"unicode"

	"github.com/abadojack/whatlanggo"
)

// languageSample is how much of a text language detection reads: a few
// paragraphs tell as well as a whole article, faster.
const languageSample = 16 << 10

// DetectLanguage names the language of a text as an ISO 639-1 code, or ""
// when it cannot tell with confidence (a short or mixed text): the person
// then chooses. Trigram profiles (whatlanggo) tell the languages of the
// Latin, Cyrillic, Arabic and Hebrew scripts apart; Armenian and Georgian,
// which it does not know, are told by their own scripts.
func DetectLanguage(text string) string {
	if len(text) > languageSample {
		text = text[:languageSample]
	}
	letters, armenian, georgian := 0, 0, 0
	for _, r := range text {
		switch {
		case unicode.Is(unicode.Armenian, r):
			armenian++
		case unicode.Is(unicode.Georgian, r):
			georgian++
		}
		if unicode.IsLetter(r) {
			letters++
		}
	}
	switch {
	case letters == 0:
		return ""
	case armenian*2 > letters:
		return "hy"
	case georgian*2 > letters:
		return "ka"
	}
	info := whatlanggo.Detect(text)
	if info.Lang < 0 || !info.IsReliable() {
		return ""
	}
	return info.Lang.Iso6391()
}
