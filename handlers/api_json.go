package handlers

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"time"
	"unicode/utf8"

	"github.com/labstack/echo/v4"

	"framelens/framing"
)

// apiError is the body of every API error.
type apiError struct {
	Error string `json:"error"`
	Field string `json:"field,omitempty"`
	// DuplicateOf and Similarity name the article that a refused text
	// nearly repeats.
	DuplicateOf int64   `json:"duplicate_of,omitempty"`
	Similarity  float64 `json:"similarity,omitempty"`
	// A bulk import that stopped part way says what it stored before.
	*importReportJSON
}

type eventJSON struct {
	ID          int64     `json:"id"`
	Title       string    `json:"title"`
	Description string    `json:"description"`
	Date        string    `json:"date"`
	CreatedAt   time.Time `json:"created_at"`
}

type eventSummaryJSON struct {
	eventJSON
	Articles int      `json:"articles"`
	Outlets  []string `json:"outlets"`
}

type eventDetailJSON struct {
	eventJSON
	Articles []articleJSON `json:"articles"`
}

type articleJSON struct {
	ID           int64     `json:"id"`
	EventID      int64     `json:"event_id"`
	Outlet       string    `json:"outlet"`
	Headline     string    `json:"headline"`
	Byline       string    `json:"byline"`
	URL          string    `json:"url"`
	Published    string    `json:"published"`
	Language     string    `json:"language"`
	Illustrative bool      `json:"illustrative"`
	Body         string    `json:"body"`
	CreatedAt    time.Time `json:"created_at"`
}

type eventRequest struct {
	Title       string `json:"title"`
	Description string `json:"description"`
	Date        string `json:"date"`
}

type articleRequest struct {
	Outlet        string `json:"outlet"`
	Headline      string `json:"headline"`
	Byline        string `json:"byline"`
	URL           string `json:"url"`
	Published     string `json:"published"`
	Language      string `json:"language"`
	Body          string `json:"body"`
	Illustrative  bool   `json:"illustrative"`
	OutletCountry string `json:"outlet_country"`
	OutletURL     string `json:"outlet_url"`
	// AllowNearDuplicate says the text is a different article even though
	// it nearly repeats one already in the event.
	AllowNearDuplicate bool `json:"allow_near_duplicate"`
}

func (r articleRequest) input() framing.ArticleInput {
	return framing.ArticleInput{
		Outlet: r.Outlet, Headline: r.Headline, Byline: r.Byline, URL: r.URL, Published: r.Published,
		Language: r.Language, Body: r.Body, Illustrative: r.Illustrative, OutletCountry: r.OutletCountry, OutletURL: r.OutletURL,
	}
}

// articleUpdateRequest replaces every field of an article; EventID, when
// given, moves it into that event.
type articleUpdateRequest struct {
	articleRequest
	EventID *int64 `json:"event_id"`
}

type outletJSON struct {
	ID       int64  `json:"id"`
	Name     string `json:"name"`
	Country  string `json:"country"`
	Language string `json:"language"`
	URL      string `json:"url"`
	Articles int    `json:"articles"`
}

type outletRequest struct {
	Country  string `json:"country"`
	Language string `json:"language"`
	URL      string `json:"url"`
}

func toOutletJSON(o framing.Outlet) outletJSON {
	return outletJSON{ID: o.ID, Name: o.Name, Country: o.Country, Language: o.Language, URL: o.URL, Articles: o.ArticleCount}
}

func toEventJSON(e framing.Event) eventJSON {
	return eventJSON{ID: e.ID, Title: e.Title, Description: e.Description, Date: e.Date, CreatedAt: e.CreatedAt}
}

func toArticleJSON(a framing.Article) articleJSON {
	return articleJSON{
		ID: a.ID, EventID: a.EventID, Outlet: a.Outlet, Headline: a.Headline, Byline: a.Byline, URL: a.URL,
		Published: a.Published, Language: a.Language, Illustrative: a.Illustrative, Body: a.Body, CreatedAt: a.CreatedAt,
	}
}

// decodeJSON reads one JSON object from the request into v, with messages a
// person can act on. Unknown fields are ignored so clients may send more.
func decodeJSON(c echo.Context, v any) error {
	body, err := io.ReadAll(c.Request().Body)
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return echo.ErrStatusRequestEntityTooLarge
	}
	if err != nil {
		return fmt.Errorf("read request body: %w", err)
	}
	if len(bytes.TrimSpace(body)) == 0 {
		return &badRequest{msg: "The request body is empty; send a JSON object."}
	}
	if !utf8.Valid(body) {
		return &badRequest{msg: "The request body is not valid UTF-8; JSON must be sent as UTF-8."}
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	if err := dec.Decode(v); err != nil {
		var syn *json.SyntaxError
		var typ *json.UnmarshalTypeError
		switch {
		case errors.As(err, &syn):
			return &badRequest{msg: fmt.Sprintf("The request body is not valid JSON (error at byte %d).", syn.Offset)}
		case errors.As(err, &typ) && typ.Field != "":
			return &badRequest{msg: fmt.Sprintf("%s must be a JSON %s.", typ.Field, jsonKind(typ.Type.Kind().String())), field: typ.Field}
		case errors.As(err, &typ):
			return &badRequest{msg: "The request body must be a JSON object."}
		case errors.Is(err, io.ErrUnexpectedEOF):
			return &badRequest{msg: "The request body is cut short: the JSON is incomplete."}
		}
		return &badRequest{msg: "The request body could not be read as JSON."}
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return &badRequest{msg: "The request body has more after its JSON object; send one object."}
	}
	return nil
}

func jsonKind(goKind string) string {
	switch goKind {
	case "string":
		return "string"
	case "bool":
		return "boolean (true or false)"
	case "struct", "map":
		return "object"
	case "slice", "array":
		return "array"
	}
	return "number"
}
