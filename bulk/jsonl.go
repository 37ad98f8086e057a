package bulk

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strings"
	"unicode/utf8"

	"framelens/framing"
)

// decodeJSONLine reads one JSON object with an article's fields and
// normalizes it. It walks the object key by key rather than decoding into a
// struct so that an unknown, repeated or mistyped field is named in the
// message, in the order the line has them.
func decodeJSONLine(line []byte) (framing.ArticleInput, error) {
	var in framing.ArticleInput
	if !utf8.Valid(line) {
		// encoding/json would silently replace the bad bytes.
		return in, framing.Errorf(framing.EInvalid, "The line is not valid UTF-8 text; save the file as UTF-8.")
	}
	// The first value is decoded whole before its keys are walked, so the
	// walk only ever sees valid JSON.
	dec := json.NewDecoder(bytes.NewReader(line))
	var object json.RawMessage
	if err := dec.Decode(&object); err != nil {
		return in, jsonProblem(line)
	}
	if object[0] != '{' {
		return in, notAnObject()
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return in, framing.Errorf(framing.EInvalid, "The line has more after its JSON object; put one article on each line.")
	}
	keys := json.NewDecoder(bytes.NewReader(object))
	_, _ = keys.Token() // the opening brace
	var p framing.Problems
	seen := map[string]bool{}
	for keys.More() {
		tok, _ := keys.Token()
		key, _ := tok.(string) // a valid object has string keys only
		var value json.RawMessage
		if err := keys.Decode(&value); err != nil {
			return in, framing.Errorf(framing.EInvalid, "The line could not be read as JSON.") // cannot happen: the object is valid
		}
		name := strings.ToLower(key) // as the API's decoder, which ignores case
		switch {
		case !isField(name) && !isOption(name):
			p.Add(shown(key), "%q is not an article field; the fields are %s.", shown(key), fieldList())
		case seen[name]:
			p.Add(name, "%s is given twice on the line.", name)
		default:
			setJSONField(&p, &in, name, value)
		}
		seen[name] = true
	}
	if err := p.Err(); err != nil {
		return in, err
	}
	if err := in.Normalize(); err != nil {
		return in, err
	}
	return in, nil
}

// setJSONField stores value in the field name of in. JSON null leaves the
// field empty, as the API does.
func setJSONField(p *framing.Problems, in *framing.ArticleInput, name string, value json.RawMessage) {
	if isOption(name) {
		var flag bool
		if err := json.Unmarshal(value, &flag); err != nil {
			p.Add(name, "%s must be true or false.", name)
		}
		return
	}
	if name == "illustrative" {
		if err := json.Unmarshal(value, &in.Illustrative); err != nil {
			p.Add(name, "illustrative must be true or false.")
		}
		return
	}
	if err := json.Unmarshal(value, textField(in, name)); err != nil {
		p.Add(name, "%s must be a JSON string, in quotes.", name)
	}
}

func notAnObject() error {
	return framing.Errorf(framing.EInvalid, `The line is not a JSON object; write each article as {"outlet": "…", "headline": "…", "language": "…", "body": "…"}.`)
}

// jsonProblem words what is wrong with a line that is not valid JSON,
// with the position of the error in characters, as an editor shows it.
func jsonProblem(line []byte) error {
	var raw json.RawMessage
	err := json.Unmarshal(line, &raw)
	var syn *json.SyntaxError
	if !errors.As(err, &syn) {
		return notAnObject()
	}
	at := int(min(syn.Offset, int64(len(line))))
	if at >= len(bytes.TrimRight(line, " \t\r\n")) {
		return framing.Errorf(framing.EInvalid, "The line ends before its JSON object does; each article must be on one line.")
	}
	return framing.Errorf(framing.EInvalid, "The line is not valid JSON (the error is at character %d of the line).", utf8.RuneCount(line[:at]))
}
