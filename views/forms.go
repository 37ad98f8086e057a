package views

import (
	"errors"
	"strconv"
	"strings"

	"framelens/framing"
	"framelens/framing/textstat"
)

// FieldErrors holds one message per field name, in the order to fix them.
type FieldErrors struct {
	list []framing.FieldError
}

// FieldErrorsFrom takes the field problems out of an application error. It
// reports false when err concerns no field, so the caller can show it
// another way.
func FieldErrorsFrom(err error) (FieldErrors, bool) {
	var e *framing.Error
	if !errors.As(err, &e) || len(e.Fields) == 0 {
		return FieldErrors{}, false
	}
	return FieldErrors{list: e.Fields}, true
}

// Get is the message for a field, or "".
func (fe FieldErrors) Get(field string) string {
	for _, e := range fe.list {
		if e.Field == field {
			return e.Message
		}
	}
	return ""
}

// Any reports whether there is at least one problem.
func (fe FieldErrors) Any() bool { return len(fe.list) > 0 }

// All lists the problems in order.
func (fe FieldErrors) All() []framing.FieldError { return fe.list }

// Field describes one labelled form control.
type Field struct {
	Name        string
	Label       string
	Hint        string
	Value       string
	Type        string // "text", "url", "date", "textarea"
	Error       string
	Required    bool
	MaxLength   int
	List        string // id of a datalist with suggestions
	Placeholder string
	Rows        int
	Autofocus   bool
}

func (f Field) id() string      { return "f-" + f.Name }
func (f Field) hintID() string  { return f.id() + "-hint" }
func (f Field) errorID() string { return f.id() + "-error" }

func (f Field) describedBy() string {
	ids := ""
	if f.Hint != "" {
		ids = f.hintID()
	}
	if f.Error != "" {
		if ids != "" {
			ids += " "
		}
		ids += f.errorID()
	}
	return ids
}

func (f Field) maxLength() string {
	if f.MaxLength <= 0 {
		return ""
	}
	return strconv.Itoa(f.MaxLength)
}

// EventForm is the new-event form with what the person typed and what is
// wrong with it.
type EventForm struct {
	// User is who the page is for: the logged-in user, or nil.
	User   *framing.User
	Values framing.EventInput
	Errors FieldErrors
}

// ArticleForm is the paste form for an article in an event.
type ArticleForm struct {
	// User is who the page is for: the logged-in user, or nil.
	User    *framing.User
	Event   framing.Event
	Values  framing.ArticleInput
	Errors  FieldErrors
	Outlets []framing.Outlet
	// NearDuplicate is the article in the event that the text nearly
	// repeats, when the form comes back to ask whether to save it anyway.
	NearDuplicate *textstat.NearDuplicate
	// FetchURL is the address typed to fetch the article from; Notice
	// says what was read from a file or a page, for the person to check.
	FetchURL string
	Notice   string
	// LanguageSuggested is the language the form holds without the person
	// having chosen it (the default, or one read from a file or page): a
	// file or page read next may replace it.
	LanguageSuggested string
}

// outletDetailsOpen shows the new outlet's fields when they hold something
// or something is wrong with them.
func (f ArticleForm) outletDetailsOpen() bool {
	return f.Values.OutletCountry != "" || f.Values.OutletURL != "" ||
		f.Errors.Get("outlet_country") != "" || f.Errors.Get("outlet_url") != ""
}

// outletDetails is what the outlet suggestions show beside a name.
func outletDetails(o framing.Outlet) string {
	parts := make([]string, 0, 2)
	for _, p := range []string{o.Country, o.Language} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, " · ")
}

func rowsOf(f Field) string {
	if f.Rows <= 0 {
		return "12"
	}
	return strconv.Itoa(f.Rows)
}

// errorRef adds an error message's id to aria-describedby when there is one.
func errorRef(msg, id string) string {
	if msg == "" {
		return ""
	}
	return " " + id
}
